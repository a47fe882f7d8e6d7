#ifndef SPEAKERS_PROTO_TEXT_TIME_TEXT_H_
#define SPEAKERS_PROTO_TEXT_TIME_TEXT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace speakers {

// The words people use for a time zone: "Europe/Vienna" -> "Vienna",
// "America/New_York" -> "New York", "UTC" -> "UTC".
std::string ZoneLabel(absl::string_view iana_name);

// An instant as a chair reads it: "12:00 on 6 November 2017, Vienna time";
// with seconds ("12:00:30 on ...") when it is not on a whole minute.
std::string FormatLocalTime(absl::Time t, const absl::TimeZone& zone);

// A speaking time as a clock shows it: "5:00", "1:02:03", "-0:12" (the sign
// only for negative durations). Rounds towards zero to whole seconds.
std::string FormatClock(absl::Duration d);

// Parses "M:SS" or "H:MM:SS" ("5:00", "0:30", "1:00:00"). Seconds and, in
// the three-part form, minutes must be two digits below 60. Returns
// INVALID_ARGUMENT with an example of the right form otherwise.
absl::StatusOr<absl::Duration> ParseClock(absl::string_view text);

}  // namespace speakers

#endif  // SPEAKERS_PROTO_TEXT_TIME_TEXT_H_
