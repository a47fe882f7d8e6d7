#ifndef SPEAKERS_CLIENT_TOKEN_TEXT_H_
#define SPEAKERS_CLIENT_TOKEN_TEXT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::cli {

// The words of the token commands (tokens, issue-token, revoke-token,
// rotate-token): what they read and what they print. Times are the
// session's local times (`zone`).

// "secretariat", "chair", "delegation", "display" (any case).
// INVALID_ARGUMENT naming the choices otherwise.
absl::StatusOr<v1::TokenRole> ParseTokenRole(absl::string_view text);
// "secretariat", ... for a role.
std::string TokenRoleLabel(v1::TokenRole role);

// An expiry: a date ("2017-11-10", refused from the end of that day in
// `zone`) or an RFC 3339 time. INVALID_ARGUMENT otherwise.
absl::StatusOr<google::protobuf::Timestamp> ParseExpiry(
    absl::string_view text, const absl::TimeZone& zone);

// "3fa2c1d9 delegation AUT (Ms. Jane Doe), expires 00:00 on 11 November
// 2017": one token on one line.
std::string TokenLine(const v1::TokenInfo& info, const absl::TimeZone& zone);

// Who the caller is (WhoAmI): "You are delegation AUT (Austria): token
// 3fa2c1d9 (Ms. Jane Doe), expires ...", or that no token was sent.
std::string CallerText(const v1::Caller& caller, const absl::TimeZone& zone);

// The list as a table, one token a row.
std::string TokenListText(const v1::TokenList& list,
                          const absl::TimeZone& zone);

// A new token, with the words that say it is shown once.
std::string IssuedTokenText(const v1::IssuedToken& issued,
                            const absl::TimeZone& zone);

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_TOKEN_TEXT_H_
