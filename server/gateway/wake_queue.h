#ifndef SPEAKERS_SERVER_GATEWAY_WAKE_QUEUE_H_
#define SPEAKERS_SERVER_GATEWAY_WAKE_QUEUE_H_

#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "boost/asio/io_context.hpp"

namespace speakers {

class SseStream;

// The wake-ups of one shard's browser streams. One update wakes every
// stream of its meeting from the publishing thread; instead of one handler
// posted per stream, the streams are queued here and the shard gets one
// handler for the whole burst, which pumps each stream still alive on the
// shard's thread.
class WakeQueue {
 public:
  // `io` is the shard's; it must outlive the queue's handlers.
  explicit WakeQueue(boost::asio::io_context& io) : io_(io) {}

  WakeQueue(const WakeQueue&) = delete;
  WakeQueue& operator=(const WakeQueue&) = delete;

  // Queues `stream` to be woken on the shard (at most one handler posted
  // until it runs). Any thread; never blocks on the shard.
  void Add(std::weak_ptr<SseStream> stream);

  // Streams queued and not yet woken (tests).
  size_t pending() const;

 private:
  // The shard's handler: wakes everything queued so far.
  void Drain();

  boost::asio::io_context& io_;
  mutable absl::Mutex mu_;
  std::vector<std::weak_ptr<SseStream>> queued_ ABSL_GUARDED_BY(mu_);
  std::vector<std::weak_ptr<SseStream>> draining_;  // the shard's only
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_WAKE_QUEUE_H_
