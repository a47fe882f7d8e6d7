#ifndef SPEAKERS_SERVER_APP_RECOVERY_H_
#define SPEAKERS_SERVER_APP_RECOVERY_H_

#include <cstddef>
#include <cstdint>
#include <functional>

#include "absl/status/statusor.h"
#include "server/app/stored_command.h"
#include "server/domain/command_log.h"
#include "server/domain/engine.h"
#include "server/domain/meeting.h"
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
// DATA_LOSS naming the record, its command and what to do when a record
// does not decode or does not replay (e.g. the session file changed since
// the log was written). Never skips a record.
//
// A record of the administration stream (meeting empty: token changes)
// goes to `administration` instead, whose error is the record's refusal;
// without one (tools that rebuild only the meetings) it is skipped.
absl::StatusOr<RecoveryStats> Recover(
    const CommandLog& log, Engine& engine, ReplayClock& clock,
    const std::function<void(const LoggedCommand&, const StoredPayload&)>&
        on_record,
    const std::function<absl::Status(const LoggedCommand&)>& administration =
        nullptr);

// Replaces `meeting`'s state with what the log holds for it: a fresh
// meeting of the same session replays the meeting's records (with the same
// checks as Recover) and takes the place of the live state
// (Meeting::TakeStateOf). Used when a write failed after the command was
// applied in memory. DATA_LOSS as for Recover; on error `meeting` is
// unchanged.
absl::Status RebuildMeeting(const CommandLog& log, Meeting& meeting);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_RECOVERY_H_
