#include "server/app/token_store.h"

#include <fstream>
#include <random>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/platform/durable_file.h"

namespace speakers {

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
                                             const Session& session) {
  TokenStore store;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    auto error = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line_number, ": ", why));
    };
    std::vector<absl::string_view> words =
        absl::StrSplit(line, ' ', absl::SkipWhitespace());
    if (words.size() < 2 || words.size() > 3) {
      return error("write TOKEN ROLE [SCOPE]");
    }
    const std::string token(words[0]);
    if (token.size() < 16) return error("a token needs at least 16 characters");
    Principal p;
    const absl::string_view role = words[1];
    const std::string scope = words.size() == 3 ? std::string(words[2]) : "";
    if (role == "secretariat") {
      p.role = Role::kSecretariat;
    } else if (role == "display") {
      p.role = Role::kDisplay;
    } else if (role == "chair") {
      p.role = Role::kChair;
      if (session.FindMeeting(scope) == nullptr) {
        return error(absl::StrCat("a chair token names its meeting; \"", scope,
                                  "\" is not a meeting of the session"));
      }
    } else if (role == "delegation") {
      p.role = Role::kDelegation;
      if (session.FindDelegation(scope) == nullptr) {
        return error(absl::StrCat("a delegation token names its delegation; \"",
                                  scope,
                                  "\" is not accredited to the session"));
      }
    } else {
      return error(
          absl::StrCat("unknown role \"", role,
                       "\"; use secretariat, chair, delegation or display"));
    }
    if ((p.role == Role::kSecretariat || p.role == Role::kDisplay) &&
        !scope.empty()) {
      return error(absl::StrCat("the ", role, " role takes no scope"));
    }
    p.scope = scope;
    if (!store.index_.emplace(token, store.entries_.size()).second) {
      return error("this token appears twice");
    }
    store.entries_.emplace_back(token, std::move(p));
  }
  return store;
}

absl::StatusOr<TokenStore> TokenStore::LoadOrCreate(const std::string& path,
                                                    const Session& session,
                                                    std::string* created) {
  std::ifstream in(path);
  if (in) {
    std::stringstream buffer;
    buffer << in.rdbuf();
    return Parse(buffer.str(), path, session);
  }
  std::string text =
      "# speakers access tokens: TOKEN ROLE [SCOPE]. Keep this file secret.\n"
      "# Roles: secretariat; chair MEETING; delegation CODE; display.\n";
  std::string shown =
      absl::StrCat("Access tokens were generated in ", path,
                   " (shown once; delegation tokens are in the file):\n");
  auto add = [&](absl::string_view role, absl::string_view scope, bool show) {
    const std::string token = GenerateToken();
    const std::string line = scope.empty()
                                 ? absl::StrCat(token, " ", role)
                                 : absl::StrCat(token, " ", role, " ", scope);
    absl::StrAppend(&text, line, "\n");
    if (show) absl::StrAppend(&shown, "  ", line, "\n");
  };
  add("secretariat", "", true);
  add("display", "", true);
  for (const MeetingConfig& m : session.config().meetings)
    add("chair", m.id, true);
  for (const Delegation& d : session.config().delegations)
    add("delegation", d.code, false);
  // All of it or nothing, on disk, before any token is shown: a start cut
  // short never leaves a file with only some of the delegations.
  if (absl::Status written = WriteFileDurably(path, text, 0600);
      !written.ok()) {
    return absl::UnavailableError(
        absl::StrCat("cannot write the tokens file ", path, ": ",
                     written.message(), "; check --data and its permissions"));
  }
  *created = shown;
  return Parse(text, path, session);
}

const Principal* TokenStore::Find(absl::string_view token) const {
  auto it = index_.find(token);
  return it == index_.end() ? nullptr : &entries_[it->second].second;
}

}  // namespace speakers
