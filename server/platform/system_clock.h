#ifndef SPEAKERS_SERVER_PLATFORM_SYSTEM_CLOCK_H_
#define SPEAKERS_SERVER_PLATFORM_SYSTEM_CLOCK_H_

#include "server/domain/clock.h"

namespace speakers {

// The real clock (absl::Now()). The only place the server reads real time.
class SystemClock : public Clock {
 public:
  absl::Time Now() const override;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_PLATFORM_SYSTEM_CLOCK_H_
