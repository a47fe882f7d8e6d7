#ifndef SPEAKERS_TESTS_GATEWAY_SSE_LOAD_H_
#define SPEAKERS_TESTS_GATEWAY_SSE_LOAD_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace speakers::gateway_test {

// Many browsers' event streams from one process, for the benchmark: N
// non-blocking sockets on `threads` epoll loops, each a GET of `target`.
// A stream's bytes are only scanned for SSE "id:" lines (the data is JSON
// without raw newlines, so "\nid: " starts a line), which gives the version
// each stream has reached and when.
class SseLoad {
 public:
  using Clock = std::chrono::steady_clock;

  SseLoad(int port, std::string target, int streams, int threads);
  ~SseLoad();  // stops the loops, closes the sockets

  SseLoad(const SseLoad&) = delete;
  SseLoad& operator=(const SseLoad&) = delete;

  // Connects every stream (at most 256 connecting at once) and waits until
  // each has received a message with an id (its snapshot). DEADLINE_EXCEEDED
  // or UNAVAILABLE with the count reached.
  absl::Status Open(std::chrono::milliseconds timeout);

  // Starts timing `version`: from `issued`, each stream's first id >=
  // version is one arrival. Call before the command that publishes it.
  void Expect(uint64_t version, Clock::time_point issued);
  // Waits until every stream has it; returns each stream's latency in
  // nanoseconds (empty on timeout).
  std::vector<int64_t> Wait(std::chrono::milliseconds timeout);

  int streams() const { return streams_; }

 private:
  struct Stream;
  struct Loop;
  void Run(Loop* loop);
  void OnReadable(Loop* loop, Stream* stream);
  void Arrived(Stream* stream, uint64_t version, Clock::time_point at);

  const int port_;
  const std::string request_;
  const int streams_;
  std::vector<std::unique_ptr<Loop>> loops_;
  std::atomic<bool> stop_{false};
  std::atomic<int> connecting_{0};
  std::atomic<int> connected_{0};
  std::atomic<int> failed_{0};

  absl::Mutex mu_;
  uint64_t expected_ ABSL_GUARDED_BY(mu_) = 0;
  Clock::time_point issued_ ABSL_GUARDED_BY(mu_);
  std::vector<int64_t> latencies_ ABSL_GUARDED_BY(mu_);
  int ready_ ABSL_GUARDED_BY(mu_) = 0;  // streams that got their first id
};

}  // namespace speakers::gateway_test

#endif  // SPEAKERS_TESTS_GATEWAY_SSE_LOAD_H_
