#include "server/app/token_change.h"

#include "absl/strings/str_cat.h"
#include "server/app/state_to_proto.h"

namespace speakers {

v1::StoredTokenRole StoredRoleOf(Role role) {
  switch (role) {
    case Role::kSecretariat:
      return v1::STORED_TOKEN_ROLE_SECRETARIAT;
    case Role::kChair:
      return v1::STORED_TOKEN_ROLE_CHAIR;
    case Role::kDelegation:
      return v1::STORED_TOKEN_ROLE_DELEGATION;
    case Role::kDisplay:
      return v1::STORED_TOKEN_ROLE_DISPLAY;
  }
  return v1::STORED_TOKEN_ROLE_UNSPECIFIED;
}

std::optional<Role> RoleOfStored(v1::StoredTokenRole role) {
  switch (role) {
    case v1::STORED_TOKEN_ROLE_SECRETARIAT:
      return Role::kSecretariat;
    case v1::STORED_TOKEN_ROLE_CHAIR:
      return Role::kChair;
    case v1::STORED_TOKEN_ROLE_DELEGATION:
      return Role::kDelegation;
    case v1::STORED_TOKEN_ROLE_DISPLAY:
      return Role::kDisplay;
    default:
      return std::nullopt;
  }
}

v1::TokenRole TokenRoleOf(Role role) {
  switch (role) {
    case Role::kSecretariat:
      return v1::TOKEN_ROLE_SECRETARIAT;
    case Role::kChair:
      return v1::TOKEN_ROLE_CHAIR;
    case Role::kDelegation:
      return v1::TOKEN_ROLE_DELEGATION;
    case Role::kDisplay:
      return v1::TOKEN_ROLE_DISPLAY;
  }
  return v1::TOKEN_ROLE_UNSPECIFIED;
}

std::optional<Role> RoleOfToken(v1::TokenRole role) {
  switch (role) {
    case v1::TOKEN_ROLE_SECRETARIAT:
      return Role::kSecretariat;
    case v1::TOKEN_ROLE_CHAIR:
      return Role::kChair;
    case v1::TOKEN_ROLE_DELEGATION:
      return Role::kDelegation;
    case v1::TOKEN_ROLE_DISPLAY:
      return Role::kDisplay;
    default:
      return std::nullopt;
  }
}

v1::TokenInfo TokenInfoOf(const TokenEntry& entry) {
  v1::TokenInfo info;
  info.set_id(entry.id());
  info.set_role(TokenRoleOf(entry.principal.role));
  info.set_scope(entry.principal.scope);
  info.set_name(entry.name);
  if (entry.expires.has_value())
    TimeToProto(*entry.expires, info.mutable_expires());
  info.set_revoked(entry.revoked());
  info.set_origin(entry.issued ? "issued" : "file");
  if (entry.issued) {
    TimeToProto(entry.issued_at, info.mutable_issued_at());
    info.set_issued_by(entry.issued_by);
  }
  if (entry.revoked()) {
    TimeToProto(*entry.revoked_at, info.mutable_revoked_at());
    info.set_revoked_by(entry.revoked_by);
  }
  return info;
}

absl::Status ApplyTokenChange(const v1::StoredTokenChange& change,
                              absl::Time at, absl::string_view actor,
                              const Session& session, TokenStore& store) {
  if (change.format() != 1) {
    return absl::DataLossError(absl::StrCat("a token change of format ",
                                            change.format(),
                                            " (written by a newer speakers?)"));
  }
  for (const std::string& hash : change.revoke_hashes()) {
    const TokenEntry* entry = store.FindHash(hash);
    if (entry == nullptr)
      return absl::DataLossError("it revokes a token the server never had");
    if (entry->revoked())
      return absl::DataLossError("it revokes a token revoked already");
  }
  std::optional<TokenEntry> issued;
  if (change.has_issue()) {
    const v1::StoredTokenIssue& issue = change.issue();
    std::optional<Role> role = RoleOfStored(issue.role());
    if (!role.has_value()) {
      return absl::DataLossError(
          absl::StrCat("it issues a token of unknown role ", issue.role()));
    }
    absl::StatusOr<TokenStore> checked = TokenStore::Parse(
        absl::StrCat("sha256:", issue.hash(), " ", RoleName(*role),
                     issue.scope().empty() ? "" : " ", issue.scope()),
        "the issued token", session);
    if (!checked.ok()) return absl::DataLossError(checked.status().message());
    if (store.FindHash(issue.hash()) != nullptr)
      return absl::DataLossError("it issues a token the server has already");
    issued = checked->entries().front();
    issued->name = issue.name();
    if (issue.expires_unix_nanos() != 0)
      issued->expires = absl::FromUnixNanos(issue.expires_unix_nanos());
    issued->issued = true;
    issued->issued_at = at;
    issued->issued_by = std::string(actor);
  }
  for (const std::string& hash : change.revoke_hashes()) {
    if (absl::Status s = store.Revoke(hash, at, actor); !s.ok()) {
      return absl::DataLossError(s.message());  // checked above
    }
  }
  if (issued.has_value()) {
    if (absl::Status s = store.Add(*std::move(issued)); !s.ok())
      return absl::DataLossError(s.message());
  }
  return absl::OkStatus();
}

}  // namespace speakers
