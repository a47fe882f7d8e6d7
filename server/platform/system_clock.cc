#include "server/platform/system_clock.h"

#include "absl/time/clock.h"

namespace speakers {

absl::Time SystemClock::Now() const { return absl::Now(); }

}  // namespace speakers
