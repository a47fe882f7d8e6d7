#include "server/app/token_store.h"

#include <openssl/evp.h>

#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace speakers {
namespace {

constexpr absl::string_view kHashPrefix = "sha256:";

bool IsHash(absl::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(c) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

// "2017-11-10" (the end of that day in `zone`) or an RFC 3339 time.
bool ParseExpiry(absl::string_view text, const absl::TimeZone& zone,
                 absl::Time* out) {
  absl::CivilDay day;
  if (text.size() == 10 && absl::ParseCivilTime(text, &day)) {
    *out = absl::FromCivil(day + 1, zone);
    return true;
  }
  std::string error;
  return absl::ParseTime(absl::RFC3339_full, text, out, &error);
}

}  // namespace

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kSecretariat:
      return "secretariat";
    case Role::kChair:
      return "chair";
    case Role::kDelegation:
      return "delegation";
    case Role::kDisplay:
      return "display";
  }
  return "";
}

std::string Principal::Describe() const {
  switch (role) {
    case Role::kChair:
      return absl::StrCat("chair of ", scope);
    case Role::kDelegation:
      return absl::StrCat("delegation ", scope);
    default:
      return std::string(RoleName(role));
  }
}

std::string TokenHash(absl::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(token.data(), token.size(), digest, &size, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), size));
}

std::string GenerateToken() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::uniform_int_distribution<int> pick(0, sizeof(kAlphabet) - 2);
  std::string token;
  for (int i = 0; i < 32; ++i) token.push_back(kAlphabet[pick(device)]);
  return token;
}

absl::StatusOr<TokenStore> TokenStore::Parse(absl::string_view text,
                                             absl::string_view source,
                                             const Session& session,
                                             int* clear) {
  TokenStore store;
  store.zone_ = session.zone();
  if (clear != nullptr) *clear = 0;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    auto error = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line_number, ": ", why));
    };
    TokenEntry entry;
    if (size_t name = line.find(" name="); name != absl::string_view::npos) {
      entry.name =
          std::string(absl::StripAsciiWhitespace(line.substr(name + 6)));
      line = line.substr(0, name);
    }
    std::vector<absl::string_view> words =
        absl::StrSplit(line, ' ', absl::SkipWhitespace());
    if (words.size() < 2) {
      return error("write TOKEN ROLE [SCOPE] [expires=DATE] [name=NAME]");
    }
    absl::string_view token = words[0];
    if (absl::ConsumePrefix(&token, kHashPrefix)) {
      if (!IsHash(token)) {
        return error("a hash is sha256: and 64 lower-case hex digits");
      }
      entry.hash = std::string(token);
    } else {
      if (token.size() < 16) {
        return error("a token needs at least 16 characters");
      }
      entry.hash = TokenHash(token);
      if (clear != nullptr) ++*clear;
    }
    Principal& p = entry.principal;
    const absl::string_view role = words[1];
    size_t next = 2;
    if (role == "secretariat") {
      p.role = Role::kSecretariat;
    } else if (role == "display") {
      p.role = Role::kDisplay;
    } else if (role == "chair" || role == "delegation") {
      p.role = role == "chair" ? Role::kChair : Role::kDelegation;
      p.scope = words.size() > 2 && !absl::StrContains(words[2], '=')
                    ? std::string(words[next++])
                    : "";
      if (p.role == Role::kChair && session.FindMeeting(p.scope) == nullptr) {
        return error(absl::StrCat("a chair token names its meeting; \"",
                                  p.scope,
                                  "\" is not a meeting of the session"));
      }
      if (p.role == Role::kDelegation) {
        const Delegation* d = session.FindDelegationAnyCase(p.scope);
        if (d == nullptr) {
          return error(
              absl::StrCat("a delegation token names its delegation; \"",
                           p.scope, "\" is not accredited to the session"));
        }
        p.scope = d->code;  // "aut" is AUT
      }
    } else {
      return error(
          absl::StrCat("unknown role \"", role,
                       "\"; use secretariat, chair, delegation or display"));
    }
    for (; next < words.size(); ++next) {
      absl::string_view word = words[next];
      if (absl::ConsumePrefix(&word, "expires=")) {
        absl::Time expires;
        if (!ParseExpiry(word, session.zone(), &expires)) {
          return error(absl::StrCat(
              "expires= takes a date (2017-11-10: the end of that day) or an "
              "RFC 3339 time, not \"",
              word, "\""));
        }
        entry.expires = expires;
      } else if (!absl::StrContains(word, '=') &&
                 (p.role == Role::kSecretariat || p.role == Role::kDisplay)) {
        return error(absl::StrCat("the ", role, " role takes no scope"));
      } else {
        return error(absl::StrCat("unexpected \"", word,
                                  "\"; write TOKEN ROLE [SCOPE] "
                                  "[expires=DATE] [name=NAME]"));
      }
    }
    if (absl::Status added = store.Add(std::move(entry)); !added.ok()) {
      return error(added.message());
    }
  }
  return store;
}

absl::Status TokenStore::Add(TokenEntry entry) {
  if (!index_.emplace(entry.hash, entries_.size()).second) {
    return absl::InvalidArgumentError("this token appears twice");
  }
  entries_.push_back(std::move(entry));
  return absl::OkStatus();
}

std::string TokenStore::Text() const {
  std::string text =
      "# speakers access tokens: sha256:HASH ROLE [SCOPE] [expires=WHEN] "
      "[name=NAME]\n"
      "# Only the hashes of the tokens are kept here. Roles: secretariat;\n"
      "# chair MEETING; delegation CODE; display. A line may also start with\n"
      "# a new token itself: the server replaces it by its hash at start.\n";
  for (const TokenEntry& entry : entries_) {
    if (entry.issued) continue;
    absl::StrAppend(&text, kHashPrefix, entry.hash, " ",
                    RoleName(entry.principal.role));
    if (!entry.principal.scope.empty())
      absl::StrAppend(&text, " ", entry.principal.scope);
    if (entry.expires.has_value()) {
      absl::StrAppend(&text, " expires=",
                      absl::FormatTime(absl::RFC3339_sec, *entry.expires,
                                       absl::UTCTimeZone()));
    }
    if (!entry.name.empty()) absl::StrAppend(&text, " name=", entry.name);
    absl::StrAppend(&text, "\n");
  }
  return text;
}

const TokenEntry* TokenStore::Find(absl::string_view token) const {
  return FindHash(TokenHash(token));
}

const TokenEntry* TokenStore::FindHash(absl::string_view hash) const {
  auto it = index_.find(hash);
  return it == index_.end() ? nullptr : &entries_[it->second];
}

absl::StatusOr<const TokenEntry*> TokenStore::FindId(
    absl::string_view id) const {
  bool hex = id.size() == 8;
  for (char c : id)
    hex = hex && (absl::ascii_isdigit(c) || (c >= 'a' && c <= 'f'));
  if (!hex) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a token id is 8 hex digits, as `speakers tokens` lists them, not \"",
        id, "\""));
  }
  for (const TokenEntry& entry : entries_) {
    if (absl::StartsWith(entry.hash, id)) return &entry;
  }
  return absl::NotFoundError(
      absl::StrCat("no token has the id ", id, "; see `speakers tokens`"));
}

absl::Status TokenStore::Revoke(absl::string_view hash, absl::Time at,
                                absl::string_view by) {
  auto it = index_.find(hash);
  if (it == index_.end()) {
    return absl::NotFoundError("no such token");
  }
  TokenEntry& entry = entries_[it->second];
  if (entry.revoked()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the token ", entry.id(), " (", entry.principal.Describe(),
                     ") was revoked already, by the ", entry.revoked_by));
  }
  entry.revoked_at = at;
  entry.revoked_by = std::string(by);
  return absl::OkStatus();
}

}  // namespace speakers
