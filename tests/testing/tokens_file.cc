#include "tests/testing/tokens_file.h"

#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace speakers::testing {

absl::StatusOr<TokensFile> TokensFile::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  TokensFile file;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> words =
        absl::StrSplit(line, ' ', absl::SkipWhitespace());
    if (words.size() < 2 || words[0].front() == '#') continue;
    file.tokens_[{words[1], words.size() > 2 ? words[2] : ""}] = words[0];
  }
  if (file.secretariat().empty()) {
    return absl::NotFoundError(
        absl::StrCat("no \"TOKEN secretariat\" line in ", path));
  }
  return file;
}

std::string TokensFile::Find(const std::string& role,
                             const std::string& scope) const {
  auto it = tokens_.find({role, scope});
  return it == tokens_.end() ? "" : it->second;
}

int TokensFile::Count(const std::string& role) const {
  int n = 0;
  for (const auto& [key, token] : tokens_) n += key.first == role ? 1 : 0;
  return n;
}

}  // namespace speakers::testing
