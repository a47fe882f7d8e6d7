#ifndef SPEAKERS_SERVER_PLATFORM_SYSTEM_CLOCK_H_
#define SPEAKERS_SERVER_PLATFORM_SYSTEM_CLOCK_H_

#include "server/domain/clock.h"

namespace speakers {

// The real clock (absl::Now()): the only source of the time of day for the
// rules (gRPC deadlines and latency metrics use the steady/system clocks).
class SystemClock : public Clock {
 public:
  absl::Time Now() const override;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_PLATFORM_SYSTEM_CLOCK_H_
