#ifndef SPEAKERS_SERVER_APP_DELTA_OF_H_
#define SPEAKERS_SERVER_APP_DELTA_OF_H_

#include <memory>

#include "absl/time/time.h"
#include "server/domain/event.h"
#include "server/domain/meeting.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {

// The update of an accepted command: its events and what it changed on each
// list (CommandResult::lists) as a Delta from the version before it, to be
// built right after the command, on the meeting's state then. The work is
// that of the change: a list's entries are not rebuilt unless a new policy
// re-tiered them all. server_time is left for the commit to stamp.
std::unique_ptr<v1::Update> UpdateOf(const Meeting& meeting,
                                     const CommandResult& result,
                                     absl::Time now);

// One list's part of it.
v1::ListDelta ListDeltaOf(const Meeting& meeting, const SpeakersList& list,
                          const ListChanges& changes, absl::Time now);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_DELTA_OF_H_
