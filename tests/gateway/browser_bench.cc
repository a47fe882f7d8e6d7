// browser_bench: how fast and how cheaply speakers-server fans a meeting's
// updates out to browsers (Server-Sent Events over HTTP/1.1). For each N it
// starts a fresh server (--http and --grpc on port 0), opens N event
// streams from this process, has the chair swap two speakers through the
// JSON API, and times each update from the command's issue to its arrival
// on the LAST stream. Prints a table with PASS/MISS against the targets
// (at N >= 10,000: p99 <= 50 ms, <= 8 KiB of server memory per stream);
// asserts nothing about timings (the smoke test checks that it runs).
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "tests/bench/process_util.h"
#include "tests/bench/stats.h"
#include "tests/gateway/sse_load.h"
#include "tests/gateway/test_http_client.h"
#include "tests/testing/server_process.h"

namespace speakers::gateway_test {
namespace {

constexpr char kUsage[] =
    R"(browser_bench: SSE fan-out of speakers-server to browsers.

Usage: browser_bench [flags]
  --n=1000,5000,10000  numbers of browser streams (one row and one fresh server each)
  --updates=30         timed updates per row (after one warm-up update)
  --spacing-ms=200     pause between updates
  --client-threads=2   epoll threads reading the streams in this process
  --server=PATH        speakers-server to start (default: this build's)
  --smoke              N = 100, 3 updates (for ctest)
Targets (rows with N >= 10000): p99 time to the last stream <= 50 ms and
server memory <= 8 KiB per stream.
)";

struct Options {
  std::vector<int> ns = {1000, 5000, 10000};
  int updates = 30;
  int spacing_ms = 200;
  int client_threads = 2;
  std::string server = SPEAKERS_SERVER_PATH;
  bool smoke = false;
};

std::optional<Options> Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    std::pair<std::string, std::string> kv =
        absl::StrSplit(arg, absl::MaxSplits('=', 1));
    bool ok = true;
    auto number = [&](int* out) {
      return absl::SimpleAtoi(kv.second, out) && *out > 0;
    };
    if (kv.first == "--n") {
      o.ns.clear();
      for (absl::string_view s : absl::StrSplit(kv.second, ',')) {
        int n = 0;
        ok = ok && absl::SimpleAtoi(s, &n) && n > 0;
        o.ns.push_back(n);
      }
    } else if (kv.first == "--updates") {
      ok = number(&o.updates);
    } else if (kv.first == "--spacing-ms") {
      ok = number(&o.spacing_ms);
    } else if (kv.first == "--client-threads") {
      ok = number(&o.client_threads);
    } else if (kv.first == "--server") {
      o.server = kv.second;
    } else if (arg == "--smoke") {
      o.smoke = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "browser_bench: bad argument \"" << arg
                << "\"; see --help\n";
      return std::nullopt;
    }
  }
  if (o.smoke) {
    o.ns = {100};
    o.updates = 3;
    o.spacing_ms = 50;
  }
  return o;
}

// The token of `role` ("chair plenary") in the server's tokens file.
std::string TokenOf(const std::string& data_dir, const std::string& role) {
  std::ifstream in(data_dir + "/tokens.txt");
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> words =
        absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (words.size() >= 2 && words[0][0] != '#' &&
        absl::StrJoin(words.begin() + 1, words.end(), " ") == role) {
      return words[0];
    }
  }
  return "";
}

struct Row {
  int n = 0;
  std::vector<double>
      last_ms;  // per update: issue -> arrival on the last stream
  std::vector<double> all_ms;  // every stream's latency, every update
  double kib_per_stream = 0;
  std::string error;
};

// One row: a fresh server, N streams, the chair's swaps.
Row RunRow(const Options& o, int n) {
  Row row;
  row.n = n;
  absl::StatusOr<std::string> dir = testing::MakeTempDir("browser_bench");
  if (!dir.ok()) return row.error = std::string(dir.status().message()), row;
  absl::StatusOr<std::unique_ptr<testing::ServerProcess>> server =
      testing::ServerProcess::Start({o.server, "--http=127.0.0.1:0",
                                     "--grpc=127.0.0.1:0", "--data=" + *dir});
  if (!server.ok())
    return row.error = std::string(server.status().message()), row;
  absl::StatusOr<std::string> listening =
      (*server)->WaitListening(absl::Seconds(30));
  if (!listening.ok())
    return row.error = std::string(listening.status().message()), row;
  // "GRPC http=HOST:PORT"
  const size_t at = listening->find("http=");
  int port = 0;
  if (at == std::string::npos ||
      !absl::SimpleAtoi(listening->substr(listening->rfind(':') + 1), &port)) {
    return row.error = "no http= in the listening line: " + *listening, row;
  }
  const std::string chair = TokenOf(*dir, "chair plenary");

  // The plenary in session on item 1 (f), ten speakers added by the chair.
  const std::string list =
      "\"list\":{\"meeting\":\"plenary\",\"item\":\"1 (f)\"}";
  std::vector<std::string> setup = {
      "{\"meeting\":\"plenary\",\"action\":\"MEETING_OPEN\"}",
      "{\"meeting\":\"plenary\",\"item\":\"1 (f)\"}"};
  const char* kCodes[] = {"AUT", "BRA", "CHN", "DEU", "EGY",
                          "FRA", "GBR", "IND", "KEN", "MEX"};
  if (Api(port, "ChangeMeeting", setup[0], chair).status != 200 ||
      Api(port, "SetCurrentItem", setup[1], chair).status != 200) {
    return row.error = "the setup commands were refused", row;
  }
  for (const char* code : kCodes) {
    HttpReply r = Api(port, "AddSpeaker",
                      absl::StrCat("{", list, ",\"delegation\":\"", code,
                                   "\",\"speaker\":{\"name\":\"H.E. Ms. Jane "
                                   "Doe\",\"title\":\"Minister\"}}"),
                      chair);
    if (r.status != 200) return row.error = "AddSpeaker: " + r.body, row;
  }
  uint64_t version = 2 + std::size(kCodes);

  const long rss_before = bench::RssKiB((*server)->pid());
  SseLoad load(port, "/api/watch/plenary", n, o.client_threads);
  if (absl::Status s = load.Open(std::chrono::seconds(120)); !s.ok()) {
    return row.error = std::string(s.message()), row;
  }
  std::this_thread::sleep_for(
      std::chrono::milliseconds(500));  // let the server settle
  const long rss_after = bench::RssKiB((*server)->pid());
  row.kib_per_stream = static_cast<double>(rss_after - rss_before) / n;

  // Swaps of two neighbours: each one update carrying the list of ten.
  for (int u = 0; u <= o.updates; ++u) {
    const char* first = kCodes[u % 9];
    const char* second = kCodes[u % 9 + 1];
    ++version;
    load.Expect(version, std::chrono::steady_clock::now());
    HttpReply r = Api(port, "Swap",
                      absl::StrCat("{", list, ",\"first\":\"", first,
                                   "\",\"second\":\"", second, "\"}"),
                      chair);
    if (r.status != 200) return row.error = "Swap: " + r.body, row;
    std::vector<int64_t> latencies = load.Wait(std::chrono::seconds(30));
    if (latencies.empty())
      return row.error = absl::StrCat("update ", version,
                                      " never reached every stream"),
             row;
    if (u == 0) continue;  // warm-up
    bench::Delivery d = bench::Summarize(latencies);
    row.last_ms.push_back(d.last);
    for (int64_t ns : latencies)
      row.all_ms.push_back(static_cast<double>(ns) / 1e6);
    std::this_thread::sleep_for(std::chrono::milliseconds(o.spacing_ms));
  }
  (*server)->Terminate();
  testing::RemoveTree(*dir);
  return row;
}

int Main(const Options& o) {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  const long fd_limit = bench::RaiseFileLimit();
  std::cout << "browser_bench "
            << absl::FormatTime("%Y-%m-%d %H:%M:%S %Z", absl::Now(),
                                absl::LocalTimeZone())
            << "; nproc " << std::thread::hardware_concurrency()
            << " (server and client share them)"
            << "; open files limit " << fd_limit << "\nserver: " << o.server
            << "\n"
            << "per row: a fresh server, N SSE streams (GET "
               "/api/watch/plenary) from this process on "
            << o.client_threads << " epoll thread(s),\n  " << o.updates
            << " timed chair Swaps via POST /api/Swap (after 1 warm-up), "
            << o.spacing_ms
            << " ms apart; each update is one change with the list of ten.\n"
            << "last = issue of the command -> its update read on the LAST of "
               "the N streams;\n"
            << "  p50/p99 over the updates. all p50/p99 = over every stream "
               "and update.\n"
            << "KiB/stream = (server VmRSS with N open streams - before "
               "opening) / N.\n\n";
  std::cout << absl::StrFormat("%-7s %-9s %-9s %-9s %-9s %-11s %s\n", "N",
                               "last p50", "last p99", "all p50", "all p99",
                               "KiB/stream", "targets (N>=10000)")
            << absl::StrFormat("%-7s %-9s %-9s %-9s %-9s %-11s\n", "", "ms",
                               "ms", "ms", "ms", "");
  bool failed = false;
  for (int n : o.ns) {
    if (n + 256 > fd_limit) {
      std::cout << absl::StrFormat(
          "%-7d skipped: the open files limit %d is too low\n", n, fd_limit);
      continue;
    }
    Row row = RunRow(o, n);
    if (!row.error.empty()) {
      failed = true;
      std::cout << absl::StrFormat("%-7d failed: %s\n", n, row.error)
                << std::flush;
      continue;
    }
    const double p50 = bench::Percentile(row.last_ms, 0.5);
    const double p99 = bench::Percentile(row.last_ms, 0.99);
    std::string verdict = "-";
    if (n >= 10000) {
      const bool fast = p99 <= 50;
      const bool small = row.kib_per_stream <= 8;
      verdict = fast && small
                    ? "PASS"
                    : absl::StrCat("MISS (", fast ? "" : "p99 > 50 ms",
                                   !fast && !small ? ", " : "",
                                   small ? "" : "> 8 KiB", ")");
    }
    std::cout << absl::StrFormat("%-7d %-9s %-9s %-9s %-9s %-11.2f %s\n", n,
                                 bench::Ms(p50), bench::Ms(p99),
                                 bench::Ms(bench::Percentile(row.all_ms, 0.5)),
                                 bench::Ms(bench::Percentile(row.all_ms, 0.99)),
                                 row.kib_per_stream, verdict)
              << std::flush;
  }
  return failed ? 1 : 0;
}

}  // namespace
}  // namespace speakers::gateway_test

int main(int argc, char** argv) {
  std::optional<speakers::gateway_test::Options> options =
      speakers::gateway_test::Parse(argc, argv);
  if (!options) return 2;
  return speakers::gateway_test::Main(*options);
}
