#ifndef SPEAKERS_SERVER_APP_STORED_FIELDS_H_
#define SPEAKERS_SERVER_APP_STORED_FIELDS_H_

#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/domain/command.h"
#include "server/domain/list_settings.h"
#include "speakers/v1/stored_command.pb.h"

namespace speakers {

// The pieces of stored commands that many commands share, both ways, with
// explicit maps for every enum (stored_command.proto says why). Readers
// return DATA_LOSS for what no version of speakers wrote.

v1::StoredList StoredListOf(const ListTarget& list);
absl::StatusOr<ListTarget> ListOf(const v1::StoredList& list);

v1::StoredSpeakerV2 StoredSpeakerOf(const Speaker& speaker);
absl::StatusOr<Speaker> SpeakerOf(const v1::StoredSpeakerV2& speaker);

v1::StoredListSettings StoredSettingsOf(const ListSettings& settings);
absl::StatusOr<ListSettings> SettingsOf(const v1::StoredListSettings& settings);

v1::StoredTimerAction StoredTimerActionOf(cmd::TimerAction action);
absl::StatusOr<cmd::TimerAction> TimerActionOf(v1::StoredTimerAction action);

v1::StoredMeetingAction StoredMeetingActionOf(cmd::MeetingAction action);
absl::StatusOr<cmd::MeetingAction> MeetingActionOf(
    v1::StoredMeetingAction action);

v1::StoredPointAction StoredPointActionOf(cmd::PointAction action);
absl::StatusOr<cmd::PointAction> PointActionOf(v1::StoredPointAction action);
v1::StoredPointKind StoredPointKindOf(PointKind kind);
absl::StatusOr<PointKind> PointKindOf(v1::StoredPointKind kind);

// Durations and instants as nanoseconds (the log refuses what does not
// fit; see SqliteCommandLog::Append).
int64_t NanosOf(absl::Duration d);
std::optional<absl::Duration> OptionalDuration(bool has, int64_t nanos);

// Format 1 (speakers 0.1): its pieces, with the values that version wrote.
ListTarget ListOfV1(const v1::StoredCommandV1& s);
absl::StatusOr<Speaker> SpeakerOfV1(const v1::StoredSpeakerV1& s);
absl::StatusOr<ListSettings> SettingsOfV1(const v1::StoredSettingsV1& s);
absl::StatusOr<cmd::TimerAction> TimerActionOfV1(int action);
absl::StatusOr<cmd::MeetingAction> MeetingActionOfV1(int action);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_STORED_FIELDS_H_
