#include "server/platform/replay_clock.h"

namespace speakers {

absl::Time ReplayClock::Now() const {
  if (replaying_.load(std::memory_order_acquire)) {
    return absl::FromUnixNanos(replay_nanos_.load(std::memory_order_relaxed));
  }
  return live_->Now();
}

void ReplayClock::ReplayAt(absl::Time t) {
  replay_nanos_.store(absl::ToUnixNanos(t), std::memory_order_relaxed);
  replaying_.store(true, std::memory_order_release);
}

void ReplayClock::GoLive() {
  replaying_.store(false, std::memory_order_release);
}

}  // namespace speakers
