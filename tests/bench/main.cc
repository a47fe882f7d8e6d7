// watch_bench: how fast and how cheaply speakers-server fans a meeting's
// updates out to Watch streams, next to the bare limit (a plain gRPC
// server broadcasting the same bytes to the same streams). Prints a table;
// it asserts nothing about timings (the smoke test only checks that it
// runs end to end). See --help.
#include <unistd.h>

#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "tests/bench/bare_server.h"
#include "tests/bench/commander.h"
#include "tests/bench/process_util.h"
#include "tests/bench/report.h"
#include "tests/bench/scenario.h"
#include "tests/bench/stats.h"

namespace speakers::bench {
namespace {

constexpr char kUsage[] =
    R"(watch_bench: Watch fan-out of speakers-server against a bare gRPC broadcast.

Usage: watch_bench [flags]
  --n=1000,5000,10000  numbers of Watch streams (one row per N and layout)
  --per-conn=100       streams per connection; every N also runs at one
                       connection per stream
  --updates=20         timed updates per row (after one warm-up update)
  --spacing-ms=100     pause before each update (after all got the last)
  --sparse-rounds=20   updates after --quiet-ms of quiet, at N = 100 (0: none)
  --quiet-ms=2000
  --list=190           entries on the chair's list (the general discussion's
                       190); the warm-up update adds the last of them, each
                       timed one swaps two neighbours
  --bare-bytes=0       size of the bare broadcast's message; 0: the same as
                       ours (a Swap's update). A larger one (23061: the
                       whole-list update of one inscription on the list of
                       190 before delta updates) compares ours with a bare
                       broadcast of the old payload, in the same run
  --server=PATH        speakers-server to start (default: this build's)
  --smoke              N = 100, 3 updates, 2 sparse rounds (for ctest)
  --bare-server        run as the bare broadcast server (used internally)
  --grpc=HOST:PORT     --bare-server's address (default 127.0.0.1:0)
)";

struct Options {
  std::vector<int> ns = {1000, 5000, 10000};
  int per_conn = 100;
  int updates = 20;
  int spacing_ms = 100;
  int sparse_rounds = 20;
  int quiet_ms = 2000;
  int list = 190;
  int bare_bytes = 0;
  std::string server = SPEAKERS_SERVER_PATH;
  bool smoke = false;
  bool bare_server = false;
  bool help = false;
  std::string grpc = "127.0.0.1:0";
};

std::optional<Options> Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    std::pair<std::string, std::string> kv =
        absl::StrSplit(arg, absl::MaxSplits('=', 1));
    const std::string& name = kv.first;
    const std::string& value = kv.second;
    auto number = [&](int* out) {
      return absl::SimpleAtoi(value, out) && *out >= 0;
    };
    bool ok = true;
    if (name == "--n") {
      o.ns.clear();
      for (absl::string_view s : absl::StrSplit(value, ',')) {
        int n = 0;
        ok = ok && absl::SimpleAtoi(s, &n) && n > 0;
        o.ns.push_back(n);
      }
    } else if (name == "--per-conn") {
      ok = number(&o.per_conn) && o.per_conn > 0;
    } else if (name == "--updates") {
      ok = number(&o.updates) && o.updates > 0;
    } else if (name == "--spacing-ms") {
      ok = number(&o.spacing_ms);
    } else if (name == "--sparse-rounds") {
      ok = number(&o.sparse_rounds);
    } else if (name == "--quiet-ms") {
      ok = number(&o.quiet_ms);
    } else if (name == "--list") {
      ok = number(&o.list) && o.list >= 3;
    } else if (name == "--bare-bytes") {
      ok = number(&o.bare_bytes) && o.bare_bytes >= 0;
    } else if (name == "--server") {
      o.server = value;
    } else if (name == "--grpc") {
      o.grpc = value;
    } else if (arg == "--smoke") {
      o.smoke = true;
    } else if (arg == "--bare-server") {
      o.bare_server = true;
    } else if (arg == "--help" || arg == "-h") {
      o.help = true;
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "watch_bench: bad argument \"" << arg << "\"; see --help\n";
      return std::nullopt;
    }
  }
  if (o.smoke) {
    o.ns = {100};
    o.updates = 3;
    o.sparse_rounds = 2;
  }
  return o;
}

std::string SelfPath() {
  char path[4096];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  return n > 0 ? std::string(path, n) : "watch_bench";
}

int Main(const Options& o) {
  // The instrument should be light: Debian's abseil checks every Mutex
  // (gRPC's included) for lock-order cycles unless told not to.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  const long fd_limit = RaiseFileLimit();
  // Each side holds one socket per connection, plus gRPC's and ours.
  const int max_single_conn_n = static_cast<int>(fd_limit) - 512;
  const std::string self = SelfPath();
  std::cout << "watch_bench "
            << absl::FormatTime("%Y-%m-%d %H:%M:%S %Z", absl::Now(),
                                absl::LocalTimeZone())
            << "; nproc " << std::thread::hardware_concurrency()
            << "; open files limit " << fd_limit << "; load average "
            << LoadAverage() << "\nN = " << absl::StrJoin(o.ns, ", ") << "; "
            << o.per_conn
            << " streams per connection, and one connection per stream; "
            << o.updates << " timed updates per row, " << o.spacing_ms
            << " ms apart (after 1 warm-up); a list of " << o.list
            << " entries\n"
            << "server: " << o.server << " "
            << absl::StrJoin(OurServerFlags(), " ")
            << " (every watcher here comes from 127.0.0.1)\n"
            << "latency: receipt (absl::Now() in OnReadDone) - "
               "Update.server_time (commit),\n"
            << "  same clock; per update p50/p99/last over watchers; the table "
               "shows the\n"
            << "  median over the updates. ratio = bare last / ours last. "
               "RSS/watcher =\n"
            << "  (server VmRSS with N idle streams - before) / N. cmd rtt: "
               "the chair's\n"
            << "  Swap (ours) or Broadcast (bare) unary round trip. 1st: "
               "median time to\n"
            << "  the first watcher (the fixed cost before the fan-out).\n\n";
  PrintTableHeader(std::cout);

  bool failed = false;
  std::vector<Row> rows;
  std::vector<std::string> notes;
  size_t update_bytes = 0;
  size_t snapshot_bytes = 0;
  size_t inscription_bytes = 0;
  std::vector<int> layouts = {o.per_conn};
  if (o.per_conn != 1) layouts.push_back(1);
  for (int n : o.ns) {
    for (int per_conn : layouts) {
      Row row;
      row.n = n;
      row.per_conn = per_conn;
      if (per_conn == 1 && n > max_single_conn_n) {
        row.n = max_single_conn_n / 100 * 100;
        notes.push_back(
            absl::StrCat("one connection per stream at N = ", n, " needs ~",
                         n + 512, " open files per process, the limit is ",
                         fd_limit, "; ran at N = ", row.n, " instead"));
      }
      Scenario s{Kind::kOurs,
                 row.n,
                 per_conn,
                 o.updates,
                 absl::Milliseconds(o.spacing_ms),
                 0,
                 o.list};
      row.ours = Run(o.server, self, s);
      if (row.ours.error.empty()) {
        update_bytes = row.ours.update_bytes;
        snapshot_bytes = row.ours.first_bytes;
        inscription_bytes = row.ours.warmup_bytes;
      }
      s.kind = Kind::kBare;
      s.bare_payload = BarePayloadFor(o.bare_bytes > 0   ? o.bare_bytes
                                      : update_bytes > 0 ? update_bytes
                                                         : 2048);
      row.bare = Run(o.server, self, s);
      for (const Result* r : {&row.ours, &row.bare}) {
        if (!r->error.empty()) {
          failed = true;
          notes.push_back(absl::StrCat(r->kind == Kind::kOurs ? "ours" : "bare",
                                       " N = ", row.n, ", ", per_conn,
                                       "/conn: ", r->error));
        }
      }
      PrintRow(std::cout, row);
      rows.push_back(std::move(row));
    }
  }

  // The sparse case: a real meeting, a few displays and a chair who acts
  // every few seconds.
  const int sparse_n = 100;
  Scenario sparse{
      Kind::kOurs, sparse_n, 1, o.sparse_rounds, absl::Milliseconds(o.quiet_ms),
      0,           o.list};
  Result sparse_ours, sparse_bare;
  if (o.sparse_rounds > 0) {
    sparse_ours = Run(o.server, self, sparse);
    sparse.kind = Kind::kBare;
    sparse.bare_payload = BarePayloadFor(o.bare_bytes > 0   ? o.bare_bytes
                                         : update_bytes > 0 ? update_bytes
                                                            : 2048);
    sparse_bare = Run(o.server, self, sparse);
    PrintSparse(std::cout, sparse_n, o.quiet_ms, sparse.rounds, sparse_ours,
                sparse_bare);
    for (const Result* r : {&sparse_ours, &sparse_bare}) {
      if (!r->error.empty()) {
        failed = true;
        notes.push_back(absl::StrCat("sparse ",
                                     r->kind == Kind::kOurs ? "ours" : "bare",
                                     ": ", r->error));
      }
    }
  } else {
    sparse_ours.error = "not run (--sparse-rounds=0)";
    std::cout << "\nsparse: not run (--sparse-rounds=0)\n";
  }
  std::cout << "update sizes on the wire: one inscription on a list of "
            << o.list << " (the warm-up) " << inscription_bytes
            << " bytes; a Swap on it " << update_bytes
            << " bytes (the bare Blob is "
            << (o.bare_bytes > 0 ? absl::StrCat(o.bare_bytes, " bytes")
                                 : std::string("sized to match"))
            << "); snapshot " << snapshot_bytes << " bytes\n";
  for (const std::string& note : notes) std::cout << "note: " << note << "\n";

  std::cout << "load average at the end: " << LoadAverage() << "\n";
  PrintTargets(std::cout, rows, layouts, sparse_ours, o.quiet_ms,
               inscription_bytes);
  return failed ? 1 : 0;
}

}  // namespace
}  // namespace speakers::bench

int main(int argc, char** argv) {
  std::optional<speakers::bench::Options> options =
      speakers::bench::Parse(argc, argv);
  if (!options) return 2;
  if (options->help) {
    std::cout << speakers::bench::kUsage;
    return 0;
  }
  if (options->bare_server) {
    speakers::bench::RaiseFileLimit();
    return speakers::bench::RunBareServer(options->grpc);
  }
  return speakers::bench::Main(*options);
}
