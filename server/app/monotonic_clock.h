#ifndef SPEAKERS_SERVER_APP_MONOTONIC_CLOCK_H_
#define SPEAKERS_SERVER_APP_MONOTONIC_CLOCK_H_

#include <chrono>

namespace speakers {

// Elapsed time for the machinery (stalled streams, fan-out latency), as
// opposed to the meeting's Clock (the instants of the domain). Injected so
// that tests can drive it; server/platform has the real one.
class MonotonicClock {
 public:
  using Instant = std::chrono::steady_clock::time_point;
  virtual ~MonotonicClock() = default;
  // Never goes back. Thread-safe.
  virtual Instant Now() const = 0;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_MONOTONIC_CLOCK_H_
