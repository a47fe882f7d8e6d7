#ifndef SPEAKERS_SERVER_DOMAIN_CLOCK_H_
#define SPEAKERS_SERVER_DOMAIN_CLOCK_H_

#include "absl/time/time.h"

namespace speakers {

// The source of "now" for the domain. The domain never reads real time: the
// server injects a system clock, tests inject a fake one (tests/testing).
// Implementations must be safe to call from several threads.
class Clock {
 public:
  virtual ~Clock() = default;

  // Returns the current instant.
  virtual absl::Time Now() const = 0;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_CLOCK_H_
