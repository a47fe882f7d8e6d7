#ifndef SPEAKERS_TESTS_BENCH_PROC_STAT_H_
#define SPEAKERS_TESTS_BENCH_PROC_STAT_H_

#include <sys/types.h>

#include "absl/time/time.h"

namespace speakers::bench {

// The CPU time `pid` has used so far, user plus system (utime + stime of
// /proc/PID/stat, all its threads), or a negative duration when it cannot
// be read.
absl::Duration ProcessCpuTime(pid_t pid);

// The CPU time this process has used so far (getrusage, user + system).
absl::Duration SelfCpuTime();

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_PROC_STAT_H_
