#ifndef SPEAKERS_SERVER_PLATFORM_STEADY_CLOCK_H_
#define SPEAKERS_SERVER_PLATFORM_STEADY_CLOCK_H_

#include "server/app/monotonic_clock.h"

namespace speakers {

// The real MonotonicClock: std::chrono::steady_clock.
class SteadyClock : public MonotonicClock {
 public:
  Instant Now() const override { return std::chrono::steady_clock::now(); }
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_PLATFORM_STEADY_CLOCK_H_
