#ifndef SPEAKERS_PROTO_FOLD_MEETING_FOLD_H_
#define SPEAKERS_PROTO_FOLD_MEETING_FOLD_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::fold {

// A client's copy of a meeting, kept by folding a Watch stream into it: a
// snapshot replaces the copy, a delta changes it, a timer signal leaves it.
// Pure functions of the API messages (the CLI, the client library, tests
// and benchmarks share them; the pages do the same in common.js).

// Applies `update` to `meeting`.
//  - FAILED_PRECONDITION when a delta does not follow the copy's version
//    (a gap: resume with since_version, or take a snapshot); the copy is
//    unchanged.
//  - DATA_LOSS when a delta names a list or an entry the copy does not
//    have; the copy may be partly changed and must be replaced by a
//    snapshot.
// A delta sets the copy's version to update.version and its server_time to
// update.server_time.
absl::Status ApplyUpdate(const v1::Update& update,
                         v1::MeetingSnapshot* meeting);

// The same for one delta that brings the copy to `version`.
absl::Status ApplyDelta(uint64_t version, const v1::Delta& delta,
                        v1::MeetingSnapshot* meeting);

// The copy's list for `item`, or null.
const v1::ListState* FindList(const v1::MeetingSnapshot& meeting,
                              absl::string_view item);

// The time each waiting entry of `list` may expect to wait at `now` (the
// server's clock): the current speaker's time left (none in overrun) plus
// the time limits of the entries ahead. As the server's GetList computes
// Entry.expected_wait.
std::vector<absl::Duration> ExpectedWaits(const v1::ListState& list,
                                          absl::Time now);

// Time left on `timer` at `now` (negative in overrun): its limit less the
// time it ran (accumulated, plus since started_at while running).
absl::Duration Remaining(const v1::Timer& timer, absl::Time now);

}  // namespace speakers::fold

#endif  // SPEAKERS_PROTO_FOLD_MEETING_FOLD_H_
