#include "server/app/token_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "server/platform/durable_file.h"

namespace speakers {
namespace {

absl::Status Write(const std::string& path, const std::string& text) {
  if (absl::Status written = WriteFileDurably(path, text, 0600);
      !written.ok()) {
    return absl::UnavailableError(
        absl::StrCat("cannot write the tokens file ", path, ": ",
                     written.message(), "; check --data and its permissions"));
  }
  return absl::OkStatus();
}

// First start: a token for every role, the hashes in `path`, the tokens in
// new-tokens.txt.
absl::StatusOr<TokenStore> Create(const std::string& path,
                                  const Session& session, std::string* report) {
  const std::string shown_path = NewTokensPath(path);
  std::string clear =
      "# speakers: the access tokens made at first start, TOKEN ROLE [SCOPE].\n"
      "# The server keeps only their hashes (in tokens.txt). Hand each to its\n"
      "# holder, then delete this file.\n";
  int count = 0;
  auto add = [&](absl::string_view role, absl::string_view scope) {
    absl::StrAppend(&clear, GenerateToken(), " ", role,
                    scope.empty() ? "" : " ", scope, "\n");
    ++count;
  };
  add("secretariat", "");
  add("display", "");
  for (const MeetingConfig& m : session.config().meetings) add("chair", m.id);
  for (const Delegation& d : session.config().delegations)
    add("delegation", d.code);
  absl::StatusOr<TokenStore> store = TokenStore::Parse(clear, path, session);
  if (!store.ok()) return store.status();
  // The tokens first, then their hashes: a start cut short in between
  // leaves no tokens.txt, and the next start makes new ones.
  if (absl::Status written = Write(shown_path, clear); !written.ok())
    return written;
  if (absl::Status written = Write(path, store->Text()); !written.ok())
    return written;
  *report = absl::StrCat(
      "Access tokens: ", count, " made (the secretariat's, the display's, ",
      "each chair's and each delegation's); they are in ", shown_path,
      " (mode 0600), and only their hashes in ", path,
      ". Hand them out, then delete ", shown_path, ".\n");
  return store;
}

}  // namespace

std::string NewTokensPath(const std::string& tokens_path) {
  return (std::filesystem::path(tokens_path).parent_path() / "new-tokens.txt")
      .string();
}

absl::StatusOr<TokenStore> LoadOrCreateTokens(const std::string& path,
                                              const Session& session,
                                              std::string* report) {
  report->clear();
  std::ifstream in(path);
  if (!in) return Create(path, session, report);
  std::stringstream buffer;
  buffer << in.rdbuf();
  int clear = 0;
  absl::StatusOr<TokenStore> store =
      TokenStore::Parse(buffer.str(), path, session, &clear);
  if (!store.ok() || clear == 0) return store;
  if (absl::Status written = Write(path, store->Text()); !written.ok())
    return written;
  *report = absl::StrCat("Access tokens: ", clear, " of ", path,
                         " were written in clear; the file now keeps only "
                         "their hashes.\n");
  return store;
}

}  // namespace speakers
