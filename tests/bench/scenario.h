#ifndef SPEAKERS_TESTS_BENCH_SCENARIO_H_
#define SPEAKERS_TESTS_BENCH_SCENARIO_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tests/bench/stats.h"

namespace speakers::bench {

enum class Kind { kOurs, kBare };

// One measurement: a fresh server of `kind`, `n` Watch streams over
// connections of `per_conn` streams, then `rounds` timed updates, each
// issued `pause` after every watcher got the previous one.
struct Scenario {
  Kind kind = Kind::kOurs;
  int n = 100;
  int per_conn = 100;
  int rounds = 20;
  absl::Duration pause = absl::Milliseconds(100);
  size_t bare_payload = 0;  // bytes of payload in each bare Blob
  int list = 190;           // entries on the chair's list (ours)
};

struct Result {
  Kind kind = Kind::kOurs;
  std::string error;  // empty when the scenario ran to the end
  int connections = 0;
  Delivery median;  // per-update p50/p99/last, medians over the rounds
  Delivery pooled;  // p50/p99/max over every receipt of every round
  double rss_kib_per_watcher = 0;  // server VmRSS growth / n, streams idle
  double rtt_p50 = 0;              // command round trip, ms
  double rtt_p99 = 0;
  size_t update_bytes = 0;  // a timed update on the wire
  // The warm-up update on the wire (ours: one inscription, the list's
  // last entry).
  size_t warmup_bytes = 0;
  size_t first_bytes = 0;  // the first message (snapshot / hello)
  absl::Duration open_time;
};

// Runs `scenario`: starts the server as a child process (speakers-server
// at `server_path` with a temporary --data, or `self_path --bare-server`),
// sets it up, measures its RSS, opens the streams, lets them idle 1 s,
// measures RSS again, sends one untimed warm-up update and the timed
// ones, then closes everything. Progress goes to stderr. Never throws;
// failures end up in Result::error.
// The flags speakers-server runs with here beyond its address and data:
// every watcher of the benchmark comes from 127.0.0.1, where in a hall each
// is its own device, so the per-address cap on anonymous streams (and the
// total) is lifted above the largest N.
std::vector<std::string> OurServerFlags();

Result Run(const std::string& server_path, const std::string& self_path,
           const Scenario& scenario);

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_SCENARIO_H_
