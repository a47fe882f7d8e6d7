#include "server/gateway/wake_queue.h"

#include <utility>

#include "boost/asio/post.hpp"
#include "server/gateway/sse_stream.h"

namespace speakers {

void WakeQueue::Add(std::weak_ptr<SseStream> stream) {
  bool post = false;
  {
    absl::MutexLock lock(&mu_);
    post = queued_.empty();
    queued_.push_back(std::move(stream));
  }
  if (post) boost::asio::post(io_, [this] { Drain(); });
}

size_t WakeQueue::pending() const {
  absl::MutexLock lock(&mu_);
  return queued_.size();
}

void WakeQueue::Drain() {
  {
    absl::MutexLock lock(&mu_);
    draining_.swap(queued_);  // a later Add posts a new handler
  }
  for (std::weak_ptr<SseStream>& weak : draining_) {
    if (std::shared_ptr<SseStream> stream = weak.lock()) stream->Woken();
  }
  draining_.clear();  // keeps its capacity for the next burst
}

}  // namespace speakers
