#ifndef SPEAKERS_SERVER_APP_TOKEN_CHANGE_H_
#define SPEAKERS_SERVER_APP_TOKEN_CHANGE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/app/token_store.h"
#include "server/domain/session.h"
#include "speakers/v1/speakers.pb.h"
#include "speakers/v1/stored_command.pb.h"

namespace speakers {

// The stored form of a change of the tokens (a record of the
// administration stream) and the API's view of a token. Enums are mapped
// explicitly both ways; an unknown stored value is DATA_LOSS.

// The record kind of a token change.
inline constexpr absl::string_view kTokenChangeKind = "token_change";

// Applies `change` to `store` at `at` by `actor`: revokes its hashes, then
// adds its issued token. Checks all of it first and changes nothing when
// any of it does not apply: DATA_LOSS naming what (an unknown format,
// role or hash, a scope the session does not have, a hash already there,
// a token revoked already).
absl::Status ApplyTokenChange(const v1::StoredTokenChange& change,
                              absl::Time at, absl::string_view actor,
                              const Session& session, TokenStore& store);

// The stored role of `role`, and back (nullopt: not a stored value).
v1::StoredTokenRole StoredRoleOf(Role role);
std::optional<Role> RoleOfStored(v1::StoredTokenRole role);
// The API's role of `role`, and back (nullopt: unspecified or unknown).
v1::TokenRole TokenRoleOf(Role role);
std::optional<Role> RoleOfToken(v1::TokenRole role);

// What the API shows of `entry`.
v1::TokenInfo TokenInfoOf(const TokenEntry& entry);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_TOKEN_CHANGE_H_
