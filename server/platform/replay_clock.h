#ifndef SPEAKERS_SERVER_PLATFORM_REPLAY_CLOCK_H_
#define SPEAKERS_SERVER_PLATFORM_REPLAY_CLOCK_H_

#include <atomic>
#include <cstdint>

#include "server/domain/clock.h"

namespace speakers {

// A clock for recovery: while replaying, Now() is the instant of the record
// being replayed, so every command is applied at the time it was first
// applied; after GoLive(), Now() is the live clock's.
class ReplayClock : public Clock {
 public:
  // `live` must outlive this clock. Starts live.
  explicit ReplayClock(const Clock* live) : live_(live) {}

  absl::Time Now() const override;

  // Now() returns `t` until the next ReplayAt or GoLive.
  void ReplayAt(absl::Time t);
  // Now() follows the live clock again.
  void GoLive();

 private:
  const Clock* live_;
  std::atomic<bool> replaying_{false};
  std::atomic<int64_t> replay_nanos_{0};
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_PLATFORM_REPLAY_CLOCK_H_
