#ifndef SPEAKERS_SERVER_APP_ACCESS_POLICY_H_
#define SPEAKERS_SERVER_APP_ACCESS_POLICY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/app/token_registry.h"
#include "server/app/token_store.h"
#include "server/domain/clock.h"

namespace speakers {

// What a caller without a token may read (--anonymous-reads).
enum class AnonymousReads {
  kNone,    // nothing: every query and stream needs a token
  kPublic,  // the public state: session, meetings, lists, a meeting's stream
  kAll,     // also positions, speaking time and a delegation's stream
};

// "none", "public", "all" -> the setting; nullopt for anything else.
std::optional<AnonymousReads> ParseAnonymousReads(absl::string_view text);
absl::string_view AnonymousReadsName(AnonymousReads reads);

// Decides who may do what. A caller is a Principal, or anonymous (nullopt)
// when it sent no token and reads are open.
class AccessPolicy {
 public:
  // `tokens` and `clock` (for the tokens' expiry) must outlive the policy.
  // `anonymous`: what callers without a token may read.
  AccessPolicy(const TokenRegistry* tokens, const Clock* clock,
               AnonymousReads anonymous)
      : tokens_(tokens), clock_(clock), anonymous_(anonymous) {}

  // Reads the "authorization" metadata value ("Bearer TOKEN"; empty when
  // absent). UNAUTHENTICATED for a malformed header, an unknown token, a
  // revoked one or one past its expiry. No header: nullopt (anonymous); the
  // Allow* calls decide.
  absl::StatusOr<std::optional<Principal>> Authenticate(
      absl::string_view authorization) const;

  // Queries and streams: anyone with a token; an anonymous caller as the
  // setting allows for the public state (`private_part` false) or the rest.
  // UNAUTHENTICATED otherwise, saying what a token opens.
  absl::Status AllowRead(const std::optional<Principal>& caller,
                         bool private_part = false) const;

  // The chair's commands on `meeting`: its chair or the secretariat.
  // UNAUTHENTICATED without a token, PERMISSION_DENIED naming the role
  // needed otherwise.
  absl::Status AllowChair(const std::optional<Principal>& caller,
                          absl::string_view meeting) const;

  // A delegation's own commands: that delegation, the chair of `meeting` or
  // the secretariat. A delegation acting for another is PERMISSION_DENIED.
  absl::Status AllowDelegation(const std::optional<Principal>& caller,
                               absl::string_view meeting,
                               absl::string_view delegation) const;

  // Administration (backups): the secretariat only.
  absl::Status AllowSecretariat(const std::optional<Principal>& caller) const;

  AnonymousReads anonymous_reads() const { return anonymous_; }

 private:
  const TokenRegistry* tokens_;
  const Clock* clock_;
  AnonymousReads anonymous_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_ACCESS_POLICY_H_
