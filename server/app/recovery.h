#ifndef SPEAKERS_SERVER_APP_RECOVERY_H_
#define SPEAKERS_SERVER_APP_RECOVERY_H_

#include <cstddef>
#include <functional>

#include "absl/status/statusor.h"
#include "server/app/stored_command.h"
#include "server/domain/command_log.h"
#include "server/domain/engine.h"
#include "server/platform/replay_clock.h"

namespace speakers {

struct RecoveryStats {
  size_t records = 0;
  absl::Duration took;
};

// Rebuilds `engine` (fresh, built on `clock`) from `log`: every record is
// decoded and applied at its own instant, and must produce the version it
// produced the first time. `on_record` sees each replayed record with its
// decoded payload (to remember request ids). Leaves the clock live.
//
// DATA_LOSS naming the record when a record does not decode or does not
// replay (e.g. the session file changed since the log was written).
absl::StatusOr<RecoveryStats> Recover(
    const CommandLog& log, Engine& engine, ReplayClock& clock,
    const std::function<void(const LoggedCommand&, const StoredPayload&)>&
        on_record);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_RECOVERY_H_
