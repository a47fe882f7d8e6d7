#include "tests/bench/report.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tests/bench/stats.h"

namespace speakers::bench {
namespace {

constexpr char kColumns[] = "%-6s %-6s %-20s %-20s %-6s %-13s %-10s %-10s %s\n";

std::string Triple(const Result& r) {
  if (!r.error.empty()) return "failed";
  return absl::StrCat(Ms(r.median.p50), "/", Ms(r.median.p99), "/",
                      Ms(r.median.last));
}

std::string Rtt(const Result& r) {
  if (!r.error.empty()) return "-";
  return absl::StrCat(Ms(r.rtt_p50), "/", Ms(r.rtt_p99));
}

std::string Pooled(const Result& r) {
  if (!r.error.empty()) return "failed";
  return absl::StrCat(Ms(r.pooled.first), "/", Ms(r.pooled.p50), "/",
                      Ms(r.pooled.p99), "/", Ms(r.pooled.last));
}

std::string Kib(double kib) { return absl::StrFormat("%.1f", kib); }

const char* Verdict(bool pass) { return pass ? "PASS" : "MISS"; }

}  // namespace

double Row::ratio() const {
  return ours.median.last > 0 ? bare.median.last / ours.median.last : 0;
}

void PrintTableHeader(std::ostream& out) {
  out << absl::StrFormat(kColumns, "N", "conns", "ours p50/p99/last",
                         "bare p50/p99/last", "ratio", "RSS KiB o/b",
                         "rtt ours", "rtt bare", "1st o/b")
      << absl::StrFormat(kColumns, "", "", "ms", "ms", "", "per watcher",
                         "p50/p99", "p50/p99", "ms")
      << std::flush;
}

void PrintRow(std::ostream& out, const Row& row) {
  const bool both = row.ours.error.empty() && row.bare.error.empty();
  const std::string ratio = both ? absl::StrFormat("%.2f", row.ratio()) : "-";
  const std::string rss =
      both ? absl::StrCat(Kib(row.ours.rss_kib_per_watcher), "/",
                          Kib(row.bare.rss_kib_per_watcher))
           : "-";
  const std::string first = both ? absl::StrCat(Ms(row.ours.median.first), "/",
                                                Ms(row.bare.median.first))
                                 : "-";
  out << absl::StrFormat(kColumns, absl::StrCat(row.n),
                         absl::StrCat(row.ours.connections), Triple(row.ours),
                         Triple(row.bare), ratio, rss, Rtt(row.ours),
                         Rtt(row.bare), first)
      << std::flush;
}

void PrintSparse(std::ostream& out, int n, int quiet_ms, int rounds,
                 const Result& ours, const Result& bare) {
  out << "\nsparse: N = " << n << " (one connection each), an update after "
      << quiet_ms << " ms of quiet, " << rounds
      << " rounds; min/p50/p99/max over all receipts, ms: ours " << Pooled(ours)
      << ", bare " << Pooled(bare) << "\n";
}

void PrintTargets(std::ostream& out, const std::vector<Row>& rows,
                  const std::vector<int>& layouts, const Result& sparse,
                  int quiet_ms, size_t inscription_bytes) {
  out << "\ntargets:\n";
  if (inscription_bytes > 0) {
    out << absl::StrFormat(
        "  one inscription's update on the wire <= 512 bytes: %d %s\n",
        inscription_bytes, Verdict(inscription_bytes <= 512));
  }
  for (int per_conn : layouts) {
    const Row* at_10k = nullptr;
    const Row* largest = nullptr;
    for (const Row& r : rows) {
      if (r.per_conn != per_conn) continue;
      if (r.n == 10000) at_10k = &r;
      if (largest == nullptr || r.n > largest->n) largest = &r;
    }
    const std::string layout = absl::StrCat(per_conn, "/conn");
    if (at_10k != nullptr && at_10k->ours.error.empty() &&
        at_10k->bare.error.empty()) {
      out << absl::StrFormat(
          "  ratio to the bare limit >= 1.00 at N = 10000, %s: %.2f %s\n",
          layout, at_10k->ratio(), Verdict(at_10k->ratio() >= 1.0));
    } else {
      out << "  ratio to the bare limit >= 1.00 at N = 10000, " << layout
          << ": not measured\n";
    }
    if (largest != nullptr && largest->ours.error.empty()) {
      // gRPC's own cost per connection dominates at one stream each: the
      // target is for streams that share connections.
      const double kib = largest->ours.rss_kib_per_watcher;
      if (per_conn > 1) {
        out << absl::StrFormat(
            "  RSS <= 16 KiB per idle watcher (at N = %d, %s): %.1f %s\n",
            largest->n, layout, kib, Verdict(kib <= 16));
      } else {
        out << absl::StrFormat(
            "  RSS per idle watcher (at N = %d, %s; bare %.1f): %.1f (info)\n",
            largest->n, layout, largest->bare.rss_kib_per_watcher, kib);
      }
    } else {
      out << "  RSS per idle watcher, " << layout << ": not measured\n";
    }
  }
  if (sparse.error.empty()) {
    out << absl::StrFormat(
        "  update after %d ms of quiet, p99 <= 10 ms: %s ms %s\n", quiet_ms,
        Ms(sparse.pooled.p99), Verdict(sparse.pooled.p99 <= 10));
  } else {
    out << "  update after " << quiet_ms
        << " ms of quiet, p99 <= 10 ms: not measured\n";
  }
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return absl::StrCat(one, " ", five, " ", fifteen);
}

}  // namespace speakers::bench
