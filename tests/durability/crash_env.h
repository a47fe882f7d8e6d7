#ifndef SPEAKERS_TESTS_DURABILITY_CRASH_ENV_H_
#define SPEAKERS_TESTS_DURABILITY_CRASH_ENV_H_

// What every scenario of crash_test shares: the server binary and its
// arguments, the timeouts, and the knobs read from the environment:
//   SPEAKERS_CRASH_SEED     the seed of every random choice (20171106)
//   SPEAKERS_CRASH_KILLS    SIGKILLs under load, at least 20 (30)
//   SPEAKERS_KEEP_DIRS=1    keep the temporary data directories
//   SPEAKERS_CRASH_VERBOSE=1  print more

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::durability {

// How long a server may take to listen, and each call to answer.
inline constexpr absl::Duration kStartTimeout = absl::Seconds(60);
inline constexpr absl::Duration kRpcTimeout = absl::Seconds(5);

// The environment variable `name` as a number, or `fallback`.
uint64_t EnvOr(const char* name, uint64_t fallback);
uint64_t CrashSeed();
bool KeepDirs();
bool Verbose();

// speakers-server on `data_dir`, gRPC on 127.0.0.1 port 0, without a
// limit on delegations' command rates.
std::vector<std::string> ServerArgv(const std::string& data_dir);

// "Database PATH: N commands replayed in T" in the server's stdout -> N,
// or -1.
int64_t ReplayedCount(const std::string& out);

v1::ListRef ListOf(const std::string& meeting, const std::string& item);

}  // namespace speakers::durability

#endif  // SPEAKERS_TESTS_DURABILITY_CRASH_ENV_H_
