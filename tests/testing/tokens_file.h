#ifndef SPEAKERS_TESTS_TESTING_TOKENS_FILE_H_
#define SPEAKERS_TESTS_TESTING_TOKENS_FILE_H_

#include <map>
#include <string>
#include <utility>

#include "absl/status/statusor.h"

namespace speakers::testing {

// The server's tokens file (DATA/new-tokens.txt): one "TOKEN ROLE [SCOPE]" a
// line, roles secretariat, chair (scope: a meeting id), delegation (scope:
// a delegation code) and display.
class TokensFile {
 public:
  // Reads and parses `path`. NOT_FOUND when it cannot be read or has no
  // secretariat line.
  static absl::StatusOr<TokensFile> Load(const std::string& path);

  // The token of `role` with `scope` ("" for roles without one), or ""
  // when the file has none.
  std::string Find(const std::string& role, const std::string& scope) const;

  // Find() for the secretariat, the chair of `meeting`, delegation `code`.
  std::string secretariat() const { return Find("secretariat", ""); }
  std::string chair(const std::string& meeting) const {
    return Find("chair", meeting);
  }
  std::string delegation(const std::string& code) const {
    return Find("delegation", code);
  }

  // How many lines of `role` the file has.
  int Count(const std::string& role) const;

 private:
  // (role, scope) -> token
  std::map<std::pair<std::string, std::string>, std::string> tokens_;
};

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_TESTING_TOKENS_FILE_H_
