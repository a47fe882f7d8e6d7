#include "client/token_text.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "client/text_table.h"
#include "text/time_text.h"

namespace speakers::cli {
namespace {

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

std::string Holder(const v1::TokenInfo& info) {
  std::string out = TokenRoleLabel(info.role());
  if (!info.scope().empty()) absl::StrAppend(&out, " ", info.scope());
  return out;
}

std::string State(const v1::TokenInfo& info, const absl::TimeZone& zone) {
  if (info.revoked()) {
    return absl::StrCat("revoked at ",
                        FormatLocalTime(TimeOf(info.revoked_at()), zone),
                        " by the ", info.revoked_by());
  }
  return info.origin() == "issued"
             ? absl::StrCat("issued at ",
                            FormatLocalTime(TimeOf(info.issued_at()), zone),
                            " by the ", info.issued_by())
             : "from the tokens file";
}

}  // namespace

absl::StatusOr<v1::TokenRole> ParseTokenRole(absl::string_view text) {
  const std::string word = absl::AsciiStrToLower(text);
  if (word == "secretariat") return v1::TOKEN_ROLE_SECRETARIAT;
  if (word == "chair") return v1::TOKEN_ROLE_CHAIR;
  if (word == "delegation") return v1::TOKEN_ROLE_DELEGATION;
  if (word == "display") return v1::TOKEN_ROLE_DISPLAY;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown role \"", text,
                   "\"; use secretariat, chair, delegation or display"));
}

std::string TokenRoleLabel(v1::TokenRole role) {
  switch (role) {
    case v1::TOKEN_ROLE_SECRETARIAT:
      return "secretariat";
    case v1::TOKEN_ROLE_CHAIR:
      return "chair";
    case v1::TOKEN_ROLE_DELEGATION:
      return "delegation";
    case v1::TOKEN_ROLE_DISPLAY:
      return "display";
    default:
      return "?";
  }
}

absl::StatusOr<google::protobuf::Timestamp> ParseExpiry(
    absl::string_view text, const absl::TimeZone& zone) {
  absl::Time at;
  absl::CivilDay day;
  std::string error;
  if (text.size() == 10 && absl::ParseCivilTime(text, &day)) {
    at = absl::FromCivil(day + 1, zone);
  } else if (!absl::ParseTime(absl::RFC3339_full, text, &at, &error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--expires takes a date (2017-11-10: the end of that day) or an RFC "
        "3339 time (2017-11-10T18:00:00+01:00), not \"",
        text, "\""));
  }
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(at));
  return out;
}

std::string TokenLine(const v1::TokenInfo& info, const absl::TimeZone& zone) {
  std::string out = absl::StrCat(info.id(), " ", Holder(info));
  if (!info.name().empty()) absl::StrAppend(&out, " (", info.name(), ")");
  if (info.has_expires()) {
    absl::StrAppend(&out, ", expires ",
                    FormatLocalTime(TimeOf(info.expires()), zone));
  }
  if (info.revoked()) absl::StrAppend(&out, ", ", State(info, zone));
  return out;
}

std::string CallerText(const v1::Caller& caller, const absl::TimeZone& zone) {
  if (!caller.has_token()) {
    return "No token was sent: you read what the server shows to anyone "
           "(set SPEAKERS_TOKEN or --token).\n";
  }
  std::string out = absl::StrCat("You are ", caller.description());
  if (caller.has_delegation()) {
    const auto& names = caller.delegation().names();
    if (auto en = names.find("en"); en != names.end() && !en->second.empty())
      absl::StrAppend(&out, " (", en->second, ")");
  }
  absl::StrAppend(&out, ": token ", TokenLine(caller.token(), zone), "\n");
  return out;
}

std::string TokenListText(const v1::TokenList& list,
                          const absl::TimeZone& zone) {
  TextTable table({"Id", "Role", "Holder", "Expires", "State"});
  for (const v1::TokenInfo& info : list.tokens()) {
    table.AddRow({info.id(), Holder(info), info.name(),
                  info.has_expires()
                      ? FormatLocalTime(TimeOf(info.expires()), zone)
                      : "never",
                  State(info, zone)});
  }
  return absl::StrCat(table.Render(), list.tokens_size(), " tokens\n");
}

std::string IssuedTokenText(const v1::IssuedToken& issued,
                            const absl::TimeZone& zone) {
  std::string out =
      absl::StrCat("Issued ", TokenLine(issued.info(), zone), "\n");
  if (issued.token().empty()) {
    absl::StrAppend(&out,
                    "(a retry of a request already carried out: the token is "
                    "shown only once; rotate it if it was lost)\n");
  } else {
    absl::StrAppend(&out, "Token: ", issued.token(),
                    "\nIt is shown only this once: hand it to its holder.\n");
  }
  return out;
}

}  // namespace speakers::cli
