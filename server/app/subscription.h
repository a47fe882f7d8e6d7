#ifndef SPEAKERS_SERVER_APP_SUBSCRIPTION_H_
#define SPEAKERS_SERVER_APP_SUBSCRIPTION_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "server/app/metrics.h"
#include "server/app/monotonic_clock.h"
#include "server/app/published.h"
#include "server/app/published_queue.h"

namespace speakers {

// A transport's side of one stream (a gRPC Watch, a browser's event
// stream): it writes what its Subscription hands it, one write at a time.
class StreamWriter {
 public:
  virtual ~StreamWriter() = default;
  // The subscription has something for an idle stream: call Next() and
  // write it. Called on the publishing thread, which may hold the
  // meeting's and the broadcaster's locks: it must not block; it may call
  // Next() at once (which takes only the subscription's own lock) or post
  // to its own thread.
  virtual void Wake() = 0;
  // A write has been stuck past the stall deadline, or the server stops:
  // abandon the write in flight (cancel the call, close the socket) and
  // call Next(), which ends the stream. Never blocks.
  virtual void Abort() = 0;
};

// One reader of a Broadcaster, with the slow-reader policy that every
// transport shares: one write in flight, at most `max_queued` messages
// waiting; past that the backlog is dropped and the reader gets one fresh
// snapshot once its write completes. Versions never go back: what a
// snapshot already covers is skipped.
//
// Protocol: the transport calls Next() to start, and again after each
// write completes, until Next() says to finish. Thread-safe.
class Subscription {
 public:
  // What to do next.
  struct Step {
    PublishedPtr write;                  // write this, then call Next() again
    std::optional<absl::Status> finish;  // or end the stream with this
    // Neither: idle; Wake() comes when there is more.
  };

  // `snapshot` builds the full current state (never under the
  // broadcaster's lock). Created by Broadcaster::Subscribe.
  Subscription(StreamWriter* writer, std::function<PublishedPtr()> snapshot,
               size_t max_queued, const MonotonicClock* clock,
               Metrics* metrics);

  // The transport's next step (see above). `delivered`: the previous write
  // reached the reader (for the fan-out latency metric).
  Step Next(bool delivered = true);

  // The transport is going away: no Wake() or Abort() after this returns.
  void Detach();

  // Broadcaster side. Push never blocks.
  void Push(const PublishedPtr& item);
  // Starts from `items` (a resumed backlog), or from a snapshot when
  // `from_snapshot`.
  void Begin(std::vector<PublishedPtr> items, bool from_snapshot);
  // Ends the stream with `status` after the write in flight.
  void End(const absl::Status& status);
  // Ends it with UNAVAILABLE if a write has been in flight since before
  // `deadline`. True if it did.
  bool DropIfStalled(MonotonicClock::Instant deadline);

  // Messages waiting (tests).
  size_t queued() const;

 private:
  // Calls `method` of `writer` (counted in calls_ by the caller).
  void Call(StreamWriter* writer, void (StreamWriter::*method)());

  StreamWriter* writer_ ABSL_GUARDED_BY(mu_);
  const std::function<PublishedPtr()> snapshot_;
  const size_t max_queued_;
  const MonotonicClock* clock_;
  Metrics* metrics_;

  mutable absl::Mutex mu_;
  PublishedQueue queue_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) =
      true;  // until the transport's first Next()
  bool resync_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<absl::Status> end_ ABSL_GUARDED_BY(mu_);
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  int calls_ ABSL_GUARDED_BY(mu_) = 0;  // Wake/Abort calls under way
  uint64_t sent_version_ ABSL_GUARDED_BY(mu_) = 0;
  PublishedPtr in_flight_ ABSL_GUARDED_BY(mu_);
  MonotonicClock::Instant write_started_ ABSL_GUARDED_BY(mu_);
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_SUBSCRIPTION_H_
