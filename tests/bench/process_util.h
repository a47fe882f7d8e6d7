#ifndef SPEAKERS_TESTS_BENCH_PROCESS_UTIL_H_
#define SPEAKERS_TESTS_BENCH_PROCESS_UTIL_H_

#include <sys/types.h>

#include <string>

#include "absl/status/statusor.h"

namespace speakers::bench {

// The resident set size of `pid` in KiB (VmRSS in /proc/PID/status), or -1.
long RssKiB(pid_t pid);

// Raises RLIMIT_NOFILE to its hard limit; returns the resulting soft limit.
long RaiseFileLimit();

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_PROCESS_UTIL_H_
