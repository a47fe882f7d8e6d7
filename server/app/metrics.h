#ifndef SPEAKERS_SERVER_APP_METRICS_H_
#define SPEAKERS_SERVER_APP_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace speakers {

// The server's counters, exported in Prometheus text format at /metrics:
// open watchers by kind, commands by name and result, and a histogram of
// fan-out latency (from an update's publication to the end of its write to
// one stream), and how many commands the meetings' updates carried.
// Thread-safe; main owns one and hands it to the app layer and the transports
// (tests make their own).
class Metrics {
 public:
  // Kinds of watchers.
  enum class Watcher { kGrpcWatch, kGrpcDelegation, kBrowser };

  void WatcherOpened(Watcher kind);
  void WatcherClosed(Watcher kind);
  int64_t watchers(Watcher kind) const;

  // A command finished with `code` ("call_next", OK).
  void CommandDone(absl::string_view command, absl::StatusCode code);

  // One update reached one stream `latency` after it was published.
  void FanOut(absl::Duration latency);

  // One update went out for `commands` commands committed together.
  void Grouped(int commands);
  uint64_t updates_published() const { return updates_published_; }
  uint64_t commands_published() const { return commands_published_; }

  // What admission refuses before any work: a stream past a cap (gRPC
  // RESOURCE_EXHAUSTED or a browser's 429), a browser connection past the
  // gateway's cap (503).
  enum class Refusal { kStream, kBrowserConnection };
  void Refused(Refusal what);
  uint64_t refused(Refusal what) const;

  // Everything above, in the Prometheus text exposition format.
  std::string PrometheusText() const;

  // The histogram's upper bounds in seconds (the last bucket is +Inf).
  static constexpr std::array<double, 12> kBuckets = {
      0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 5.0};

 private:
  std::array<std::atomic<int64_t>, 3> watchers_{};
  std::array<std::atomic<uint64_t>, 2> refused_{};
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets_{};
  std::atomic<uint64_t> fanout_count_{0};
  std::atomic<uint64_t> fanout_sum_nanos_{0};
  std::atomic<uint64_t> updates_published_{0};
  std::atomic<uint64_t> commands_published_{0};
  mutable absl::Mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> commands_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_METRICS_H_
