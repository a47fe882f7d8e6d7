#ifndef SPEAKERS_SERVER_APP_TOKEN_STORE_H_
#define SPEAKERS_SERVER_APP_TOKEN_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
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
  // The SHA-256 of the token it came with (TokenHash); empty for none.
  // Not part of what the audit trail names.
  std::string token_hash;

  // For messages and the audit trail: "chair of plenary", "delegation AUT".
  std::string Describe() const;
};

// One token the server accepts, as it keeps it: never the token itself.
struct TokenEntry {
  std::string hash;  // TokenHash(token): 64 lower-case hex digits
  Principal principal;
  std::string name;  // who holds it ("Ms. Jane Doe, adviser"); may be empty
  std::optional<absl::Time> expires;  // refused from then on; none: never
  // Issued by a command (IssueToken, RotateToken), not read from the file:
  // when and by whom.
  bool issued = false;
  absl::Time issued_at;
  std::string issued_by;
  // Revoked by a command: refused from then on.
  std::optional<absl::Time> revoked_at;
  std::string revoked_by;

  bool revoked() const { return revoked_at.has_value(); }
  // Whether the token lets its holder in at `now`: not revoked, not past
  // its expiry.
  bool valid_at(absl::Time now) const {
    return !revoked() && (!expires.has_value() || now < *expires);
  }

  // The token's public name in lists and logs: the first 8 digits of its
  // hash ("3fa2c1d9"). Tells tokens apart without revealing any.
  std::string id() const { return hash.substr(0, 8); }
};

// The server's tokens: a file of lines
//   sha256:HASH ROLE [SCOPE] [expires=WHEN] [name=NAME...]
// ('#' starts a comment; SCOPE is the meeting of a chair, the delegation of
// a delegation; WHEN is a date, the end of that day in the session's time
// zone, or an RFC 3339 time; the name takes the rest of the line). A line
// may also start with the token itself instead of "sha256:HASH" (a token an
// operator wrote); LoadOrCreate replaces it by its hash. A delegation or a
// meeting may have several tokens (the named members of a mission). Tokens
// are never logged.
class TokenStore {
 public:
  // Parses the file's text. INVALID_ARGUMENT "FILE:LINE: reason" for an
  // unknown role, a missing or unknown scope (checked against `session`),
  // a malformed hash or date, a duplicate or too short (< 16 characters)
  // token. `*clear` (may be null) counts the lines holding a token itself.
  static absl::StatusOr<TokenStore> Parse(absl::string_view text,
                                          absl::string_view source,
                                          const Session& session,
                                          int* clear = nullptr);

  // The store's file: every entry read from a file as a hashed line, with
  // a header (issued entries live in the log, not in the file).
  std::string Text() const;

  // The entry of `token` (whatever its expiry), or nullptr when unknown.
  const TokenEntry* Find(absl::string_view token) const;
  // The entry of the token with SHA-256 `hash`, or nullptr.
  const TokenEntry* FindHash(absl::string_view hash) const;
  // The entry whose id() is `id`. NOT_FOUND when none is; INVALID_ARGUMENT
  // when `id` is not 8 hex digits.
  absl::StatusOr<const TokenEntry*> FindId(absl::string_view id) const;

  // Adds `entry`. INVALID_ARGUMENT when its hash is already there.
  absl::Status Add(TokenEntry entry);
  // Revokes the token of `hash` at `at`, by `by`. NOT_FOUND for an unknown
  // hash, FAILED_PRECONDITION when it is revoked already.
  absl::Status Revoke(absl::string_view hash, absl::Time at,
                      absl::string_view by);

  // Every entry, in file order.
  const std::vector<TokenEntry>& entries() const { return entries_; }

  // The session's time zone (dates in the file, times in messages).
  const absl::TimeZone& zone() const { return zone_; }

 private:
  absl::TimeZone zone_;
  std::vector<TokenEntry> entries_;
  absl::flat_hash_map<std::string, size_t> index_;  // hash -> entry
};

// The SHA-256 of `token`, as 64 lower-case hex digits.
std::string TokenHash(absl::string_view token);

// A fresh random token: 32 characters of [a-z0-9] (165 bits).
std::string GenerateToken();

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_TOKEN_STORE_H_
