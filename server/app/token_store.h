#ifndef SPEAKERS_SERVER_APP_TOKEN_STORE_H_
#define SPEAKERS_SERVER_APP_TOKEN_STORE_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/domain/session.h"

namespace speakers {

// What a bearer token allows.
enum class Role {
  kSecretariat,  // everything
  kChair,        // the commands of one meeting (scope: meeting id)
  kDelegation,   // its own inscriptions (scope: delegation code)
  kDisplay,      // read-only
};

// "secretariat", "chair", "delegation", "display".
absl::string_view RoleName(Role role);

// Who is calling.
struct Principal {
  Role role = Role::kDisplay;
  std::string scope;  // meeting id or delegation code; empty otherwise

  // For messages and the audit trail: "chair of plenary", "delegation AUT".
  std::string Describe() const;
};

// The server's tokens: a file of lines "TOKEN ROLE [SCOPE]" ('#' starts a
// comment). Tokens are never logged.
class TokenStore {
 public:
  // Parses the file's text. INVALID_ARGUMENT "FILE:LINE: reason" for an
  // unknown role, a missing or unknown scope (checked against `session`), a
  // duplicate or too short (< 16 characters) token.
  static absl::StatusOr<TokenStore> Parse(absl::string_view text,
                                          absl::string_view source,
                                          const Session& session);

  // Reads `path`; if it does not exist, generates tokens (secretariat,
  // display, a chair per meeting, a delegation per delegation), writes them
  // with mode 0600 (all or nothing, synced to disk: WriteFileDurably) and
  // sets `*created` to a short text that shows the
  // secretariat, chair and display tokens once. UNAVAILABLE when the file
  // cannot be written.
  static absl::StatusOr<TokenStore> LoadOrCreate(const std::string& path,
                                                 const Session& session,
                                                 std::string* created);

  // The principal of `token`, or nullptr when unknown.
  const Principal* Find(absl::string_view token) const;

  // Every token with its principal (for tests and tools), in file order.
  const std::vector<std::pair<std::string, Principal>>& entries() const {
    return entries_;
  }

 private:
  std::vector<std::pair<std::string, Principal>> entries_;
  absl::flat_hash_map<std::string, size_t> index_;
};

// A fresh random token: 32 characters of [a-z0-9].
std::string GenerateToken();

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_TOKEN_STORE_H_
