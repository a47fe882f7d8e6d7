#ifndef SPEAKERS_SERVER_APP_BROADCASTER_H_
#define SPEAKERS_SERVER_APP_BROADCASTER_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "server/app/metrics.h"
#include "server/app/monotonic_clock.h"
#include "server/app/published.h"
#include "server/app/subscription.h"

namespace speakers {

// The one fan-out of a stream of messages (a meeting's updates, a
// delegation's positions) to every reader, whatever its transport: gRPC
// Watch and the browsers' event streams subscribe here alike. It keeps the
// last `history` resumable messages (within `history_bytes`) so that a
// reader that reconnects with its last version continues without a gap;
// otherwise a reader starts from a snapshot. Each reader's Subscription applies
// the slow-reader policy. Thread-safe.
class Broadcaster {
 public:
  struct Options {
    size_t history = 4096;   // resumable messages kept
    size_t max_queued = 64;  // per reader, before it is resynced
    // And at most this many bytes of them (Published::bytes(): the
    // serialized message and its holder; the latest message is always
    // kept). A delta is a few hundred bytes, but one that re-sends a list
    // (a new policy) is tens of kilobytes: the bound holds either way.
    size_t history_bytes = 16 << 20;
  };

  // `snapshot` builds the full current state at a version at least that of
  // every message published so far; it is called without this object's
  // lock (it may lock the meeting). `clock` and `metrics` (may be null)
  // must outlive the broadcaster.
  Broadcaster(std::function<PublishedPtr()> snapshot,
              const MonotonicClock* clock, Metrics* metrics, Options options);

  Broadcaster(const Broadcaster&) = delete;
  Broadcaster& operator=(const Broadcaster&) = delete;

  // A new reader. With `since_version` > 0 and every resumable message
  // after it still kept (or nothing newer published), it starts with the
  // messages it missed; otherwise with a snapshot. Nothing published after
  // this call is missed. The writer calls Next() to start, and Detach()
  // (then Unsubscribe) before it goes.
  std::shared_ptr<Subscription> Subscribe(StreamWriter* writer,
                                          uint64_t since_version);
  void Unsubscribe(const Subscription* subscription);

  // Hands `item` to every reader, in the order of the calls.
  void Publish(PublishedPtr item);

  // Ends every reader whose write has been stuck since before `deadline`;
  // returns how many.
  int DropStalled(MonotonicClock::Instant deadline);

  // Ends every stream with `status` (shutdown); new readers are refused.
  void CloseAll(const absl::Status& status);

  // The latest version published (0: none).
  uint64_t latest_version() const;
  size_t readers() const;
  size_t history_size() const;
  size_t history_bytes() const;

 private:
  const std::function<PublishedPtr()> snapshot_;
  const MonotonicClock* clock_;
  Metrics* metrics_;
  const Options options_;

  mutable absl::Mutex mu_;
  std::deque<PublishedPtr> history_ ABSL_GUARDED_BY(mu_);
  size_t history_bytes_ ABSL_GUARDED_BY(mu_) = 0;  // sum of their bytes()
  std::vector<std::shared_ptr<Subscription>> readers_ ABSL_GUARDED_BY(mu_);
  uint64_t latest_version_ ABSL_GUARDED_BY(mu_) = 0;
  std::optional<absl::Status> closed_ ABSL_GUARDED_BY(mu_);
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_BROADCASTER_H_
