#include "server/app/access_policy.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "text/time_text.h"

namespace speakers {
namespace {

absl::Status NoToken() {
  return absl::UnauthenticatedError(
      "this needs an access token: sign in with the one the secretariat "
      "gave you (it travels as \"authorization: Bearer TOKEN\")");
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
  const std::optional<TokenEntry> entry =
      tokens_->Find(authorization.substr(kBearer.size()));
  if (!entry.has_value()) {
    return absl::UnauthenticatedError(
        "unknown access token; ask the secretariat for yours");
  }
  if (entry->revoked()) {
    return absl::UnauthenticatedError(
        absl::StrCat("this access token (", entry->id(), ", ",
                     entry->principal.Describe(), ") was revoked at ",
                     FormatLocalTime(*entry->revoked_at, tokens_->zone()),
                     "; ask the secretariat for a new one"));
  }
  if (entry->expires.has_value() && clock_->Now() >= *entry->expires) {
    return absl::UnauthenticatedError(absl::StrCat(
        "this access token (", entry->id(), ", ", entry->principal.Describe(),
        ") expired at ", FormatLocalTime(*entry->expires, tokens_->zone()),
        "; ask the secretariat for a new one"));
  }
  Principal principal = entry->principal;
  principal.token_hash = entry->hash;
  return std::optional<Principal>(std::move(principal));
}

std::optional<AnonymousReads> ParseAnonymousReads(absl::string_view text) {
  if (text == "none") return AnonymousReads::kNone;
  if (text == "public") return AnonymousReads::kPublic;
  if (text == "all") return AnonymousReads::kAll;
  return std::nullopt;
}

absl::string_view AnonymousReadsName(AnonymousReads reads) {
  switch (reads) {
    case AnonymousReads::kNone:
      return "none";
    case AnonymousReads::kPublic:
      return "public";
    case AnonymousReads::kAll:
      return "all";
  }
  return "";
}

absl::Status AccessPolicy::AllowRead(const std::optional<Principal>& caller,
                                     bool private_part) const {
  if (caller.has_value() || anonymous_ == AnonymousReads::kAll)
    return absl::OkStatus();
  if (anonymous_ == AnonymousReads::kPublic && !private_part)
    return absl::OkStatus();
  return NoToken();
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
