#include "tests/bench/proc_stat.h"

#include <sys/resource.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/testing/server_process.h"

namespace speakers::bench {

absl::Duration ProcessCpuTime(pid_t pid) {
  const std::string stat =
      testing::ReadFile(absl::StrCat("/proc/", pid, "/stat"));
  // "PID (COMM) STATE ..." where COMM may hold spaces and parentheses:
  // the fields after the last ')' start with field 3 (state); utime and
  // stime are fields 14 and 15.
  const size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return absl::Seconds(-1);
  const std::vector<std::string> fields =
      absl::StrSplit(stat.substr(paren + 1), ' ', absl::SkipWhitespace());
  int64_t utime = 0;
  int64_t stime = 0;
  if (fields.size() < 13 || !absl::SimpleAtoi(fields[11], &utime) ||
      !absl::SimpleAtoi(fields[12], &stime)) {
    return absl::Seconds(-1);
  }
  const long ticks = sysconf(_SC_CLK_TCK);
  return absl::Seconds(static_cast<double>(utime + stime) /
                       static_cast<double>(ticks > 0 ? ticks : 100));
}

absl::Duration SelfCpuTime() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return absl::Seconds(-1);
  return absl::DurationFromTimeval(usage.ru_utime) +
         absl::DurationFromTimeval(usage.ru_stime);
}

}  // namespace speakers::bench
