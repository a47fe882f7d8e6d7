#ifndef SPEAKERS_CLIENT_VALUE_PARSERS_H_
#define SPEAKERS_CLIENT_VALUE_PARSERS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "speakers/v1/speakers.pb.h"

// The words of the command line and the words printed back: ranks,
// durations, policies, actions. Parsers return INVALID_ARGUMENT with a
// message naming the accepted values.
namespace speakers::cli {

// "head-of-state", "deputy-head-of-state" (or "crown-prince"),
// "head-of-government", "minister", "vice-minister", "head-of-delegation",
// "other". Case-insensitive; '_' or ' ' may stand for '-'.
absl::StatusOr<v1::Rank> ParseRank(absl::string_view text);

// How a rank reads in a list: "head of State", "deputy head of State",
// "head of Government", "minister", "vice-minister", "head of delegation"
// (also for RANK_UNSPECIFIED), "other".
std::string RankLabel(v1::Rank rank);

// A duration, in one of the forms a chair types (case and surrounding
// spaces do not matter):
//  - a bare whole number: seconds ("90" is 1:30);
//  - numbers with units h, m, s, in that order, each at most once: "90s",
//    "2m", "1m30s", "1h", "1h30m";
//  - a clock: "M:SS" or "H:MM:SS" ("1:30", "5:00", "1:00:00").
// Anything else is INVALID_ARGUMENT naming the text and these forms.
absl::StatusOr<absl::Duration> ParseDuration(absl::string_view text);

// A time limit (a speaking time, a speaker's own limit): ParseDuration,
// but a bare number from 1 to 59 is refused as a probable slip for
// minutes ("3" would be three seconds: write "3m", "3:00", or "3s" if
// seconds are meant).
absl::StatusOr<absl::Duration> ParseTimeLimit(absl::string_view text);

// A duration with an optional sign, for add-time: "1:00", "+60", "-30s".
absl::StatusOr<absl::Duration> ParseSignedDuration(absl::string_view text);

// "ministerial", "protocol", "category" or "fcfs".
absl::StatusOr<v1::PolicyKind> ParsePolicy(absl::string_view text);

// "end" (move to the end of the tier) or "drop".
absl::StatusOr<v1::Absent> ParseAbsent(absl::string_view text);

// "start", "pause", "resume" or "reset".
absl::StatusOr<v1::TimerAction> ParseTimerAction(absl::string_view text);

// "open", "suspend", "resume" or "adjourn".
absl::StatusOr<v1::MeetingAction> ParseMeetingAction(absl::string_view text);

// A place on the list: a whole number from 1 (1 = next).
absl::StatusOr<int> ParsePosition(absl::string_view text);

// "not started", "in session", "suspended", "adjourned" ("unknown" else).
std::string MeetingStatusLabel(v1::MeetingStatus status);

// "not yet open", "open", "closed" ("unknown" else).
std::string ListStatusLabel(v1::ListStatus status);

// "ministerial", "protocol", "category", "fcfs" (the CLI's words).
std::string PolicyLabel(v1::PolicyKind policy);

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_VALUE_PARSERS_H_
