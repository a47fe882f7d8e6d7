#include "tests/durability/crash_env.h"

#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace speakers::durability {

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* text = std::getenv(name);
  uint64_t value = 0;
  if (text != nullptr && absl::SimpleAtoi(text, &value)) return value;
  return fallback;
}

uint64_t CrashSeed() { return EnvOr("SPEAKERS_CRASH_SEED", 20171106); }

bool KeepDirs() { return EnvOr("SPEAKERS_KEEP_DIRS", 0) != 0; }

bool Verbose() { return EnvOr("SPEAKERS_CRASH_VERBOSE", 0) != 0; }

std::vector<std::string> ServerArgv(const std::string& data_dir) {
  // The harness's delegations send as fast as the server takes them (a
  // thousand commands a second): the durability of a heavy load is tested
  // here, the rate of one delegation by AdmissionTest.
  return {SPEAKERS_SERVER_PATH, "--grpc=127.0.0.1:0",
          absl::StrCat("--data=", data_dir),
          "--delegation-command-burst=1000000",
          "--delegation-commands-per-second=1000000"};
}

int64_t ReplayedCount(const std::string& out) {
  for (absl::string_view line : absl::StrSplit(out, '\n')) {
    if (!absl::StartsWith(line, "Database ")) continue;
    const size_t end = line.find(" commands replayed");
    if (end == absl::string_view::npos) continue;
    const size_t begin = line.rfind(' ', end - 1);
    int64_t n = -1;
    if (absl::SimpleAtoi(line.substr(begin + 1, end - begin - 1), &n)) return n;
  }
  return -1;
}

v1::ListRef ListOf(const std::string& meeting, const std::string& item) {
  v1::ListRef list;
  list.set_meeting(meeting);
  list.set_item(item);
  return list;
}

}  // namespace speakers::durability
