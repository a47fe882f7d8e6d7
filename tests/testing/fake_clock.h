#ifndef SPEAKERS_TESTS_TESTING_FAKE_CLOCK_H_
#define SPEAKERS_TESTS_TESTING_FAKE_CLOCK_H_

#include <atomic>

#include "absl/time/time.h"
#include "server/domain/clock.h"

namespace speakers::testing {

// A clock that moves only when a test moves it. Thread-safe, so service
// tests can advance it while server threads read it.
class FakeClock : public Clock {
 public:
  explicit FakeClock(absl::Time start) : nanos_(absl::ToUnixNanos(start)) {}

  absl::Time Now() const override { return absl::FromUnixNanos(nanos_.load()); }

  // Moves the clock forward (or, negative, back) by `d`.
  void Advance(absl::Duration d) { nanos_ += absl::ToInt64Nanoseconds(d); }
  // Puts the clock at `t`.
  void Set(absl::Time t) { nanos_ = absl::ToUnixNanos(t); }

 private:
  std::atomic<int64_t> nanos_;
};

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_TESTING_FAKE_CLOCK_H_
