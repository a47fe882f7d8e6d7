#ifndef SPEAKERS_SERVER_APP_ACCESS_POLICY_H_
#define SPEAKERS_SERVER_APP_ACCESS_POLICY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/app/token_store.h"

namespace speakers {

// Decides who may do what. A caller is a Principal, or anonymous (nullopt)
// when it sent no token and reads are open.
class AccessPolicy {
 public:
  // `tokens` must outlive the policy. `reads_need_token`: whether queries
  // and Watch need a token.
  AccessPolicy(const TokenStore* tokens, bool reads_need_token)
      : tokens_(tokens), reads_need_token_(reads_need_token) {}

  // Reads the "authorization" metadata value ("Bearer TOKEN"; empty when
  // absent). UNAUTHENTICATED for a malformed header or an unknown token.
  // No header: nullopt (anonymous); the Allow* calls decide.
  absl::StatusOr<std::optional<Principal>> Authenticate(
      absl::string_view authorization) const;

  // Queries and Watch: anyone with a token, and anonymous callers when reads
  // are open. UNAUTHENTICATED otherwise.
  absl::Status AllowRead(const std::optional<Principal>& caller) const;

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

  bool reads_need_token() const { return reads_need_token_; }

 private:
  const TokenStore* tokens_;
  bool reads_need_token_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_ACCESS_POLICY_H_
