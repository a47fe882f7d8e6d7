#ifndef SPEAKERS_TESTS_BENCH_REPORT_H_
#define SPEAKERS_TESTS_BENCH_REPORT_H_

#include <ostream>
#include <string>
#include <vector>

#include "tests/bench/scenario.h"

namespace speakers::bench {

// One row of the table: ours, then the bare limit, on the same N and
// layout (streams per connection).
struct Row {
  int n = 0;
  int per_conn = 0;
  Result ours;
  Result bare;
  // bare last / ours last: 1 means as fast as the limit; 0 if unknown.
  double ratio() const;
};

// The column titles (two lines).
void PrintTableHeader(std::ostream& out);

// One line; a failed side shows as "failed" or "-".
void PrintRow(std::ostream& out, const Row& row);

// The sparse line: `rounds` updates to `n` watchers, each after `quiet_ms`.
void PrintSparse(std::ostream& out, int n, int quiet_ms, int rounds,
                 const Result& ours, const Result& bare);

// Each target with its measured figure and PASS or MISS; "not measured"
// where the figure is missing. The ratio is judged at N = 10000, RSS per
// watcher at the largest N of each layout, the sparse case on its p99, and
// `inscription_bytes` (0: not measured) on its size.
void PrintTargets(std::ostream& out, const std::vector<Row>& rows,
                  const std::vector<int>& layouts, const Result& sparse,
                  int quiet_ms, size_t inscription_bytes);

// The first three fields of /proc/loadavg (the machine is shared).
std::string LoadAverage();

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_REPORT_H_
