#ifndef SPEAKERS_TESTS_BENCH_STATS_H_
#define SPEAKERS_TESTS_BENCH_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace speakers::bench {

// Nearest-rank percentile of `values` for q in [0, 1]; 0 when empty.
double Percentile(std::vector<double> values, double q);
inline double Median(std::vector<double> values) {
  return Percentile(std::move(values), 0.5);
}

// One update's delivery: commit-to-receipt over every watcher, in ms.
struct Delivery {
  double first = 0;  // the fastest watcher: the fixed cost before fan-out
  double p50 = 0;
  double p99 = 0;
  double last = 0;  // the slowest watcher: time to the last one
};

// Summarizes latencies given in nanoseconds.
Delivery Summarize(const std::vector<int64_t>& latencies_ns);

// The per-update medians of many deliveries (each field on its own).
Delivery MedianOf(const std::vector<Delivery>& deliveries);

// "12.3" (one decimal below 100, none above); "-" for a negative value.
std::string Ms(double ms);

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_STATS_H_
