#ifndef SPEAKERS_TESTS_BENCH_WATCH_CLIENT_H_
#define SPEAKERS_TESTS_BENCH_WATCH_CLIENT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"

namespace speakers::bench {

// A server-streaming method to watch: where, which, with what request.
struct WatchTarget {
  std::string address;  // HOST:PORT
  std::string method;   // "/speakers.v1.Speakers/Watch"
  std::string request;  // the serialized request message
};

// The leading fields shared by speakers.v1.Update and bench Blob:
// 1 = version, 2 = server_time (the commit instant).
struct Header {
  uint64_t version = 0;
  bool has_time = false;
  absl::Time server_time;
};

// Reads the header from the first bytes of a serialized message without
// parsing the rest. False when those bytes are malformed.
bool ParseHeader(const grpc::ByteBuffer& message, Header* header);

// N Watch streams of one server, read as raw bytes with the callback API.
// Streams are spread over channels, `per_conn` to a channel; every channel
// has distinct args and a local subchannel pool, so it is its own TCP
// connection. The first message of each stream (snapshot or hello) marks
// it ready; later messages are timed from their server_time to their
// arrival (absl::Now() in OnReadDone), for the version armed by Expect.
class WatcherSet {
 public:
  // Opens `n` streams, at most `window` still waiting for their first
  // message at any time, and returns once all have it. DEADLINE_EXCEEDED
  // or UNAVAILABLE (with the first stream error) if they do not within
  // `timeout`.
  static absl::StatusOr<std::unique_ptr<WatcherSet>> Open(
      const WatchTarget& target, int n, int per_conn, absl::Duration timeout,
      int window = 256);
  ~WatcherSet();  // Close()

  WatcherSet(const WatcherSet&) = delete;
  WatcherSet& operator=(const WatcherSet&) = delete;

  // Arms the set for the update of `version`. Call before the command
  // that publishes it (the update may arrive before the command returns).
  void Expect(uint64_t version);

  // Waits until every stream got the armed version; returns one latency
  // (ns, commit to receipt) per stream. DEADLINE_EXCEEDED naming how many
  // got it, or ABORTED if a stream ended meanwhile.
  absl::StatusOr<std::vector<int64_t>> Await(absl::Duration timeout);

  int size() const { return n_; }
  int connections() const { return static_cast<int>(channels_.size()); }
  // Bytes of the largest first message (the snapshot) and of the last
  // timed update.
  size_t first_message_bytes() const { return first_bytes_.load(); }
  size_t update_bytes() const { return update_bytes_.load(); }
  // Messages that arrived with a version other than the armed one.
  int unexpected() const { return unexpected_.load(); }

  // Cancels every stream and waits for them to end, then drops the
  // channels. Idempotent. Exits the process (code 3) if streams are still
  // running 60 s after the cancel: they would call back into freed memory.
  void Close();

 private:
  class Watcher;

  WatcherSet(const WatchTarget& target, int n, int per_conn);
  absl::Status OpenAll(absl::Duration timeout, int window);
  void OnFirst(size_t bytes);
  void OnUpdate(int index, const grpc::ByteBuffer& message,
                absl::Time received);
  void OnDone(bool was_ready, const grpc::Status& status);

  const WatchTarget target_;  // its method string outlives every call
  const int n_;
  const int per_conn_;
  grpc::ByteBuffer request_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs_;
  std::vector<std::unique_ptr<Watcher>> watchers_;
  bool closed_ = false;

  // The timed round: each stream writes its own slot, then counts.
  std::vector<int64_t> latency_ns_;
  std::atomic<uint64_t> expected_{UINT64_MAX};
  std::atomic<int> received_{0};
  std::atomic<int> unexpected_{0};
  std::atomic<size_t> first_bytes_{0};
  std::atomic<size_t> update_bytes_{0};

  absl::Mutex mu_;
  int started_ ABSL_GUARDED_BY(mu_) = 0;
  int ready_ ABSL_GUARDED_BY(mu_) = 0;
  int failed_ ABSL_GUARDED_BY(mu_) = 0;  // ended before their first message
  int done_ ABSL_GUARDED_BY(mu_) = 0;
  bool all_received_ ABSL_GUARDED_BY(mu_) = false;
  std::string first_error_ ABSL_GUARDED_BY(mu_);
};

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_WATCH_CLIENT_H_
