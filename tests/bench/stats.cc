#include "tests/bench/stats.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_format.h"

namespace speakers::bench {

double Percentile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  const size_t rank =
      static_cast<size_t>(std::ceil(q * static_cast<double>(values.size())));
  const size_t index = rank == 0 ? 0 : std::min(rank, values.size()) - 1;
  std::nth_element(values.begin(), values.begin() + index, values.end());
  return values[index];
}

Delivery Summarize(const std::vector<int64_t>& latencies_ns) {
  std::vector<double> ms;
  ms.reserve(latencies_ns.size());
  for (int64_t ns : latencies_ns) ms.push_back(static_cast<double>(ns) / 1e6);
  Delivery d;
  d.first = ms.empty() ? 0 : *std::min_element(ms.begin(), ms.end());
  d.p50 = Percentile(ms, 0.5);
  d.p99 = Percentile(ms, 0.99);
  d.last = ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
  return d;
}

Delivery MedianOf(const std::vector<Delivery>& deliveries) {
  std::vector<double> first, p50, p99, last;
  for (const Delivery& d : deliveries) {
    first.push_back(d.first);
    p50.push_back(d.p50);
    p99.push_back(d.p99);
    last.push_back(d.last);
  }
  return {Median(first), Median(p50), Median(p99), Median(last)};
}

std::string Ms(double ms) {
  if (ms < 0) return "-";
  return ms < 100 ? absl::StrFormat("%.1f", ms) : absl::StrFormat("%.0f", ms);
}

}  // namespace speakers::bench
