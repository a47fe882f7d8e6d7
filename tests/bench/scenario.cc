#include "tests/bench/scenario.h"

#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/bench/commander.h"
#include "tests/bench/process_util.h"
#include "tests/bench/watch_client.h"
#include "tests/testing/server_process.h"
#include "tests/testing/tokens_file.h"

namespace speakers::bench {
namespace {

// Runs the scenario, filling `result`; the first failure is returned.
absl::Status RunInto(const std::string& server_path,
                     const std::string& self_path, const Scenario& s,
                     const std::string& data_dir, Result* result) {
  const bool ours = s.kind == Kind::kOurs;
  std::vector<std::string> argv =
      ours ? std::vector<std::string>{server_path, "--grpc=127.0.0.1:0",
                                      "--data=" + data_dir}
           : std::vector<std::string>{self_path, "--bare-server",
                                      "--grpc=127.0.0.1:0"};
  if (ours) {
    for (std::string& flag : OurServerFlags()) argv.push_back(std::move(flag));
  }
  absl::StatusOr<std::unique_ptr<testing::ServerProcess>> child =
      testing::ServerProcess::Start(argv);
  if (!child.ok()) return child.status();
  absl::StatusOr<std::string> address =
      (*child)->WaitListening(absl::Seconds(30));
  if (!address.ok()) return address.status();

  std::unique_ptr<Commander> commander;
  if (ours) {
    absl::StatusOr<testing::TokensFile> tokens =
        testing::TokensFile::Load(data_dir + "/new-tokens.txt");
    if (!tokens.ok()) return tokens.status();
    const std::string chair = tokens->chair("plenary");
    if (chair.empty()) {
      return absl::NotFoundError(absl::StrCat("no chair token for plenary in ",
                                              data_dir, "/new-tokens.txt"));
    }
    commander = NewChairCommander(*address, chair, s.list);
  } else {
    commander = NewBareCommander(*address, s.bare_payload);
  }
  if (absl::Status st = commander->Setup(); !st.ok()) return st;

  absl::SleepFor(absl::Milliseconds(300));
  const long rss_before = RssKiB((*child)->pid());
  const absl::Time open_start = absl::Now();
  absl::StatusOr<std::unique_ptr<WatcherSet>> watchers = WatcherSet::Open(
      commander->Target(), s.n, s.per_conn, absl::Seconds(300));
  if (!watchers.ok()) return watchers.status();
  result->open_time = absl::Now() - open_start;
  result->connections = (*watchers)->connections();
  result->first_bytes = (*watchers)->first_message_bytes();
  absl::SleepFor(absl::Seconds(1));
  const long rss_after = RssKiB((*child)->pid());
  result->rss_kib_per_watcher =
      static_cast<double>(rss_after - rss_before) / s.n;

  std::vector<Delivery> deliveries;
  std::vector<int64_t> all_ns;
  std::vector<double> rtt_ms;
  for (int round = 0; round <= s.rounds; ++round) {  // round 0: warm-up
    absl::SleepFor(round == 0 ? absl::Milliseconds(100) : s.pause);
    (*watchers)->Expect(commander->NextVersion());
    absl::StatusOr<absl::Duration> rtt = commander->Issue();
    if (!rtt.ok()) return rtt.status();
    absl::StatusOr<std::vector<int64_t>> latencies =
        (*watchers)->Await(absl::Seconds(60));
    if (!latencies.ok()) return latencies.status();
    if (round == 0) {
      result->warmup_bytes = (*watchers)->update_bytes();
      continue;
    }
    rtt_ms.push_back(absl::ToDoubleMilliseconds(*rtt));
    deliveries.push_back(Summarize(*latencies));
    all_ns.insert(all_ns.end(), latencies->begin(), latencies->end());
  }
  result->update_bytes = (*watchers)->update_bytes();
  result->median = MedianOf(deliveries);
  result->pooled = Summarize(all_ns);
  result->rtt_p50 = Percentile(rtt_ms, 0.5);
  result->rtt_p99 = Percentile(rtt_ms, 0.99);
  if ((*watchers)->unexpected() > 0) {
    return absl::InternalError(
        absl::StrCat((*watchers)->unexpected(),
                     " messages arrived with an unexpected version"));
  }
  (*watchers)->Close();
  commander.reset();  // with the chair's connection open, Stop waits out the
                      // server's grace
  (*child)->Terminate();
  return absl::OkStatus();
}

}  // namespace

std::vector<std::string> OurServerFlags() {
  return {"--max-anonymous-streams=1000000",
          "--max-anonymous-streams-per-address=1000000"};
}

Result Run(const std::string& server_path, const std::string& self_path,
           const Scenario& scenario) {
  Result result;
  result.kind = scenario.kind;
  const char* name = scenario.kind == Kind::kOurs ? "ours" : "bare";
  std::cerr << "watch_bench: " << name << " N=" << scenario.n
            << " per_conn=" << scenario.per_conn
            << " rounds=" << scenario.rounds << " ..." << std::endl;
  absl::StatusOr<std::string> dir = testing::MakeTempDir("watch_bench");
  if (!dir.ok()) {
    result.error = dir.status().ToString();
    return result;
  }
  if (absl::Status s = RunInto(server_path, self_path, scenario, *dir, &result);
      !s.ok()) {
    result.error = s.ToString();
  }
  testing::RemoveTree(*dir);
  std::cerr << "watch_bench: " << name << " done: open "
            << absl::FormatDuration(result.open_time) << ", "
            << (result.error.empty() ? "ok" : result.error) << std::endl;
  return result;
}

}  // namespace speakers::bench
