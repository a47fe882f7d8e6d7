#include "server/app/access_policy.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace speakers {
namespace {

absl::Status NoToken() {
  return absl::UnauthenticatedError(
      "this needs an access token: send \"authorization: Bearer TOKEN\" "
      "(speakers --token)");
}

}  // namespace

absl::StatusOr<std::optional<Principal>> AccessPolicy::Authenticate(
    absl::string_view authorization) const {
  if (authorization.empty()) return std::optional<Principal>();
  constexpr absl::string_view kBearer = "Bearer ";
  if (!absl::StartsWithIgnoreCase(authorization, kBearer)) {
    return absl::UnauthenticatedError(
        "the authorization metadata must read \"Bearer TOKEN\"");
  }
  const Principal* principal =
      tokens_->Find(authorization.substr(kBearer.size()));
  if (principal == nullptr) {
    return absl::UnauthenticatedError(
        "unknown access token; ask the secretariat for yours");
  }
  return std::optional<Principal>(*principal);
}

absl::Status AccessPolicy::AllowRead(
    const std::optional<Principal>& caller) const {
  if (!caller && reads_need_token_) return NoToken();
  return absl::OkStatus();
}

absl::Status AccessPolicy::AllowChair(const std::optional<Principal>& caller,
                                      absl::string_view meeting) const {
  if (!caller) return NoToken();
  if (caller->role == Role::kSecretariat) return absl::OkStatus();
  if (caller->role == Role::kChair && caller->scope == meeting)
    return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      "this needs the chair of ", meeting,
      " or the secretariat; your token is for the ", caller->Describe()));
}

absl::Status AccessPolicy::AllowDelegation(
    const std::optional<Principal>& caller, absl::string_view meeting,
    absl::string_view delegation) const {
  if (!caller) return NoToken();
  switch (caller->role) {
    case Role::kSecretariat:
      return absl::OkStatus();
    case Role::kChair:
      if (caller->scope == meeting) return absl::OkStatus();
      break;
    case Role::kDelegation:
      if (caller->scope == delegation) return absl::OkStatus();
      return absl::PermissionDeniedError(
          absl::StrCat("your token is for the delegation ", caller->scope,
                       "; it cannot act for ", delegation));
    case Role::kDisplay:
      break;
  }
  return absl::PermissionDeniedError(absl::StrCat(
      "this needs the delegation ", delegation, ", the chair of ", meeting,
      " or the secretariat; your token is for the ", caller->Describe()));
}

absl::Status AccessPolicy::AllowSecretariat(
    const std::optional<Principal>& caller) const {
  if (!caller) return NoToken();
  if (caller->role == Role::kSecretariat) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("this needs the secretariat; your token is for the ",
                   caller->Describe()));
}

}  // namespace speakers
