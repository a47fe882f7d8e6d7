#ifndef SPEAKERS_SERVER_APP_STATE_TO_PROTO_H_
#define SPEAKERS_SERVER_APP_STATE_TO_PROTO_H_

#include "absl/time/time.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "server/domain/event.h"
#include "server/domain/meeting.h"
#include "server/domain/session.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {

// Domain state -> API messages. Pure functions of their arguments: `now`
// is the instant the expected waits are computed for.

void TimeToProto(absl::Time t, google::protobuf::Timestamp* out);
void DurationToProto(absl::Duration d, google::protobuf::Duration* out);
absl::Time TimeFromProto(const google::protobuf::Timestamp& t);
absl::Duration DurationFromProto(const google::protobuf::Duration& d);

v1::Rank RankToProto(Rank rank);
v1::MeetingStatus MeetingStatusToProto(MeetingState state);
v1::ListStatus ListStatusToProto(ListStatus status);
v1::Category CategoryToProto(Category category);
v1::ListSettings SettingsToProto(const ListSettings& settings);
// A delegation as the session has it: code, names, category, group.
v1::Delegation DelegationToProto(const Delegation& delegation);

// The session's static data (delegations, meetings, reply rules).
v1::SessionInfo SessionToProto(const Session& session, absl::Time now);

// How much of a list's history a message carries.
enum class SpokenDetail { kAll, kLastOnly };

// Whether waiting entries carry their expected waits (queries), or not
// (streams: clients derive them from the clock and the limits, see
// proto/fold).
enum class Waits { kExpected, kNone };

// One list: settings, status at `now`, waiting entries (with their expected
// waits at `now`, or not), the current speaker and clock, the spoken
// entries (all, or only the last for live streams; spoken_count always).
v1::ListState ListToProto(const Meeting& meeting, const SpeakersList& list,
                          absl::Time now,
                          SpokenDetail detail = SpokenDetail::kAll,
                          Waits waits = Waits::kExpected);

// A list's own fields (ListToProto without waiting, current and spoken).
v1::ListState ListHeaderToProto(const Meeting& meeting,
                                const SpeakersList& list, absl::Time now);
// The current speaker with the clock (empty when nobody has the floor).
v1::CurrentSpeaker CurrentToProto(const Session& session,
                                  const SpeakersList& list);
// The current speaker's clock (empty when nobody has the floor).
v1::Timer TimerToProto(const SpeakersList& list);
// A statement made on `list`.
v1::SpokenEntry SpokenToProto(const Session& session, const SpeakersList& list,
                              const SpokenEntry& spoken);

// The whole meeting.
v1::MeetingSnapshot SnapshotToProto(const Meeting& meeting, absl::Time now,
                                    SpokenDetail detail = SpokenDetail::kAll,
                                    Waits waits = Waits::kExpected);

// The meeting's points of order: those waiting and the one heard.
v1::Points PointsToProto(const Meeting& meeting);

v1::Event EventToProto(const Event& event);

// A delegation's place on `list` (see SpeakersList::ExpectationOf).
v1::Position PositionToProto(const Meeting& meeting, const SpeakersList& list,
                             const std::string& delegation,
                             const Expectation& expectation);

// An entry of `list`; `expected_wait` is set by the caller where known.
v1::Entry EntryToProto(const Session& session, const SpeakersList& list,
                       const Entry& entry);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_STATE_TO_PROTO_H_
