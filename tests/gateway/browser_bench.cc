// browser_bench: how fast and how cheaply speakers-server fans a meeting's
// updates out to browsers (Server-Sent Events over HTTP/1.1). For each N it
// starts a fresh server (--http and --grpc on port 0), opens N event
// streams from this process, has the chair swap two speakers through the
// JSON API, and times each update from the command's issue to its arrival
// on the LAST stream. Then the same N streams and updates against the bare
// limit (BareSseServer, this program started again as another process):
// the same bytes written to the same sockets by a server that does nothing
// else. Prints a table with both, their ratio and PASS/MISS against the
// targets (at N >= 10,000: p99 <= 35 ms, <= 1 KiB of server memory per
// stream); asserts nothing about timings (the smoke test checks that it
// runs).
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "tests/bench/process_util.h"
#include "tests/bench/stats.h"
#include "tests/gateway/bare_sse_server.h"
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
  --list=190           speakers the chair adds to the list first (the general
                       discussion's 190); each timed update swaps two of them
  --bare-bytes=0       the bare limit's message size; 0: the same as ours
  --server=PATH        speakers-server to start (default: this build's)
  --no-bare            skip the bare limit rows
  --smoke              N = 100, 3 updates (for ctest)
The bare limit: the same N streams and updates (same message size) from a
server that only writes the same bytes to every socket, on as many threads
as the gateway's (min(cores, 4)); ratio = bare last p50 / ours last p50.
Targets (rows with N >= 10000): p99 time to the last stream <= 35 ms and
server memory <= 1 KiB per stream.
)";

struct Options {
  std::vector<int> ns = {1000, 5000, 10000};
  int updates = 30;
  int spacing_ms = 200;
  int client_threads = 2;
  int list = 190;      // speakers on the chair's list
  int bare_bytes = 0;  // the bare broadcast's message size; 0: ours
  std::string server = SPEAKERS_SERVER_PATH;
  bool bare = true;
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
    } else if (kv.first == "--list") {
      ok = number(&o.list) && o.list >= 3;
    } else if (kv.first == "--bare-bytes") {
      ok = number(&o.bare_bytes);
    } else if (kv.first == "--server") {
      o.server = kv.second;
    } else if (arg == "--no-bare") {
      o.bare = false;
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
  std::ifstream in(data_dir + "/new-tokens.txt");
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

struct Timing {
  std::vector<double>
      last_ms;  // per update: issue -> arrival on the last stream
  std::vector<double> all_ms;  // every stream's latency, every update
  double kib_per_stream = 0;
};

struct Row {
  int n = 0;
  size_t message_bytes = 0;  // one update's data, as the gateway sent it
  Timing ours;
  std::optional<Timing> bare;
  std::string error;
};

// "listening grpc=... http=HOST:PORT" -> PORT, or 0.
int HttpPort(const std::string& listening) {
  int port = 0;
  if (listening.find("http=") == std::string::npos ||
      !absl::SimpleAtoi(listening.substr(listening.rfind(':') + 1), &port)) {
    return 0;
  }
  return port;
}

// Opens `n` streams of `target` on `port`, then times `updates` updates
// (after one warm-up): `issue(version)` makes the server publish `version`.
// Empty string on success, else what went wrong.
std::string Measure(const Options& o, int port, const std::string& target,
                    int n, pid_t pid, uint64_t first_version,
                    const std::function<std::string(uint64_t)>& issue,
                    Timing* out) {
  const long rss_before = bench::RssKiB(pid);
  SseLoad load(port, target, n, o.client_threads);
  if (absl::Status s = load.Open(std::chrono::seconds(120)); !s.ok()) {
    return std::string(s.message());
  }
  std::this_thread::sleep_for(
      std::chrono::milliseconds(500));  // let the server settle
  const long rss_after = bench::RssKiB(pid);
  out->kib_per_stream = static_cast<double>(rss_after - rss_before) / n;
  uint64_t version = first_version;
  for (int u = 0; u <= o.updates; ++u, ++version) {
    load.Expect(version, std::chrono::steady_clock::now());
    if (std::string error = issue(version); !error.empty()) return error;
    std::vector<int64_t> latencies = load.Wait(std::chrono::seconds(30));
    if (latencies.empty()) {
      return absl::StrCat("update ", version, " never reached every stream");
    }
    if (u == 0) continue;  // warm-up
    bench::Delivery d = bench::Summarize(latencies);
    out->last_ms.push_back(d.last);
    for (int64_t ns : latencies)
      out->all_ms.push_back(static_cast<double>(ns) / 1e6);
    std::this_thread::sleep_for(std::chrono::milliseconds(o.spacing_ms));
  }
  return "";
}

// The bare limit's row: the same N, updates and message size.
std::string RunBare(const Options& o, int n, size_t bytes, Timing* out) {
  const int threads =
      std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4);
  absl::StatusOr<std::unique_ptr<testing::ServerProcess>> server =
      testing::ServerProcess::Start(
          {"/proc/self/exe", absl::StrCat("--bare-sse-server=", threads)});
  if (!server.ok()) return std::string(server.status().message());
  absl::StatusOr<std::string> listening =
      (*server)->WaitListening(absl::Seconds(30));
  if (!listening.ok()) return std::string(listening.status().message());
  const int port = HttpPort(*listening);
  if (port == 0) return "bare: no http= in " + *listening;
  std::string error = Measure(
      o, port, "/", n, (*server)->pid(), 1,
      [&](uint64_t version) -> std::string {
        HttpReply r =
            Fetch(port, "POST",
                  absl::StrCat("/trigger?v=", version, "&bytes=", bytes));
        return r.status == 200 ? "" : "bare: the trigger was refused";
      },
      out);
  (*server)->Terminate();
  return error;
}

// One row: a fresh server, N streams, the chair's swaps.
Row RunRow(const Options& o, int n) {
  Row row;
  row.n = n;
  absl::StatusOr<std::string> dir = testing::MakeTempDir("browser_bench");
  if (!dir.ok()) return row.error = std::string(dir.status().message()), row;
  absl::StatusOr<std::unique_ptr<testing::ServerProcess>> server =
      testing::ServerProcess::Start({o.server, "--http=127.0.0.1:0",
                                     "--grpc=127.0.0.1:0", "--data=" + *dir,
                                     // Every stream comes from 127.0.0.1
                                     // here; in a hall each is a device.
                                     "--max-anonymous-streams=1000000",
                                     "--max-anonymous-streams-per-address="
                                     "1000000"});
  if (!server.ok())
    return row.error = std::string(server.status().message()), row;
  absl::StatusOr<std::string> listening =
      (*server)->WaitListening(absl::Seconds(30));
  if (!listening.ok())
    return row.error = std::string(listening.status().message()), row;
  const int port = HttpPort(*listening);
  if (port == 0) {
    return row.error = "no http= in the listening line: " + *listening, row;
  }
  const std::string chair = TokenOf(*dir, "chair plenary");

  // The plenary in session on item 1 (f), --list speakers added by the
  // chair (the session's first delegations).
  const std::string list =
      "\"list\":{\"meeting\":\"plenary\",\"item\":\"1 (f)\"}";
  std::vector<std::string> setup = {
      "{\"meeting\":\"plenary\",\"action\":\"MEETING_OPEN\"}",
      "{\"meeting\":\"plenary\",\"item\":\"1 (f)\"}"};
  std::vector<std::string> codes;
  {
    const std::string session = Api(port, "GetSession", "{}", chair).body;
    const std::string kCode = "\"code\":\"";
    for (size_t at = session.find(kCode);
         at != std::string::npos && codes.size() < size_t(o.list);
         at = session.find(kCode, at + 1)) {
      const size_t from = at + kCode.size();
      codes.push_back(session.substr(from, session.find('"', from) - from));
    }
    if (codes.size() < size_t(o.list)) {
      return row.error = absl::StrCat("the session has ", codes.size(),
                                      " delegations, fewer than --list"),
             row;
    }
  }
  if (Api(port, "ChangeMeeting", setup[0], chair).status != 200 ||
      Api(port, "SetCurrentItem", setup[1], chair).status != 200) {
    return row.error = "the setup commands were refused", row;
  }
  for (const std::string& code : codes) {
    HttpReply r = Api(port, "AddSpeaker",
                      absl::StrCat("{", list, ",\"delegation\":\"", code,
                                   "\",\"speaker\":{\"name\":\"H.E. Ms. Jane "
                                   "Doe\",\"title\":\"Minister\"}}"),
                      chair);
    if (r.status != 200) return row.error = "AddSpeaker: " + r.body, row;
  }
  uint64_t version = 2 + codes.size();

  const auto swap = [&](uint64_t version) -> std::string {
    // Swaps of two neighbours: each one update.
    const std::string& first = codes[version % (codes.size() - 1)];
    const std::string& second = codes[version % (codes.size() - 1) + 1];
    HttpReply r = Api(port, "Swap",
                      absl::StrCat("{", list, ",\"first\":\"", first,
                                   "\",\"second\":\"", second, "\"}"),
                      chair);
    return r.status == 200 ? "" : "Swap: " + r.body;
  };

  // The size of one such update, as a browser receives it.
  {
    SseReader reader(port, "/api/watch/plenary");
    if (!reader.NextUpdate()) return row.error = "no snapshot", row;
    ++version;
    if (std::string e = swap(version); !e.empty()) return row.error = e, row;
    std::optional<SseEvent> update = reader.NextUpdate();
    if (!update) return row.error = "no update on the first stream", row;
    row.message_bytes = update->data.size();
  }

  row.error = Measure(o, port, "/api/watch/plenary", n, (*server)->pid(),
                      version + 1, swap, &row.ours);
  (*server)->Terminate();
  testing::RemoveTree(*dir);
  if (!row.error.empty() || !o.bare) return row;
  row.bare.emplace();
  row.error =
      RunBare(o, n, o.bare_bytes > 0 ? size_t(o.bare_bytes) : row.message_bytes,
              &*row.bare);
  return row;
}

std::string Cell(const std::optional<Timing>& t, double q) {
  if (!t) return "-";
  return bench::Ms(bench::Percentile(t->last_ms, q));
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
            << "server flags: --max-anonymous-streams=1000000 "
               "--max-anonymous-streams-per-address=1000000 (every stream "
               "comes from 127.0.0.1)\n"
            << "per row: a fresh server, N SSE streams (GET "
               "/api/watch/plenary) from this process on "
            << o.client_threads << " epoll thread(s),\n  " << o.updates
            << " timed chair Swaps via POST /api/Swap (after 1 warm-up), "
            << o.spacing_ms << " ms apart, on a list of " << o.list
            << "; each update is one delta.\n"
            << "last = issue of the command -> its update read on the LAST of "
               "the N streams;\n"
            << "  p50/p99 over the updates. all p50/p99 = over every stream "
               "and update.\n"
            << "KiB/stream = (server VmRSS with N open streams - before "
               "opening) / N.\n"
            << "bare = the same streams and updates ("
            << (o.bare_bytes > 0 ? absl::StrCat(o.bare_bytes, " bytes each")
                                 : std::string("same message size"))
            << ") from a server that only writes\n  the same bytes to every "
               "socket; "
               "ratio = bare last p50 / ours last p50.\n\n";
  std::cout << absl::StrFormat("%-7s %-6s %-17s %-17s %-17s %-6s %-12s %s\n",
                               "N", "bytes", "ours last p50/p99",
                               "ours all p50/p99", "bare last p50/p99", "ratio",
                               "KiB/stream", "targets (N>=10000)")
            << absl::StrFormat("%-7s %-6s %-17s %-17s %-17s %-6s %-12s\n", "",
                               "", "ms", "ms", "ms", "", "ours/bare");
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
    const double p50 = bench::Percentile(row.ours.last_ms, 0.5);
    const double p99 = bench::Percentile(row.ours.last_ms, 0.99);
    std::string verdict = "-";
    if (n >= 10000) {
      const bool fast = p99 <= 35;
      const bool small = row.ours.kib_per_stream <= 1;
      verdict = fast && small
                    ? "PASS"
                    : absl::StrCat("MISS (", fast ? "" : "p99 > 35 ms",
                                   !fast && !small ? ", " : "",
                                   small ? "" : "> 1 KiB", ")");
    }
    const std::string ratio =
        row.bare ? absl::StrFormat(
                       "%.2f", bench::Percentile(row.bare->last_ms, 0.5) / p50)
                 : "-";
    const std::string kib =
        row.bare ? absl::StrFormat("%.2f/%.2f", row.ours.kib_per_stream,
                                   row.bare->kib_per_stream)
                 : absl::StrFormat("%.2f", row.ours.kib_per_stream);
    std::cout << absl::StrFormat(
                     "%-7d %-6d %-17s %-17s %-17s %-6s %-12s %s\n", n,
                     row.message_bytes,
                     absl::StrCat(bench::Ms(p50), "/", bench::Ms(p99)),
                     absl::StrCat(
                         bench::Ms(bench::Percentile(row.ours.all_ms, 0.5)),
                         "/",
                         bench::Ms(bench::Percentile(row.ours.all_ms, 0.99))),
                     absl::StrCat(Cell(row.bare, 0.5), "/",
                                  Cell(row.bare, 0.99)),
                     ratio, kib, verdict)
              << std::flush;
  }
  return failed ? 1 : 0;
}

}  // namespace
}  // namespace speakers::gateway_test

int main(int argc, char** argv) {
  // This program again, as the bare limit's server process.
  if (argc == 2 && absl::StartsWith(argv[1], "--bare-sse-server=")) {
    int threads = 1;
    (void)absl::SimpleAtoi(argv[1] + std::strlen("--bare-sse-server="),
                           &threads);
    return speakers::gateway_test::RunBareSseServer(threads);
  }
  std::optional<speakers::gateway_test::Options> options =
      speakers::gateway_test::Parse(argc, argv);
  if (!options) return 2;
  return speakers::gateway_test::Main(*options);
}
