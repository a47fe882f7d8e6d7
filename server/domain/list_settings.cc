#include "server/domain/list_settings.h"

#include "absl/strings/str_cat.h"
#include "text/time_text.h"

namespace speakers {

absl::string_view AbsentActionName(AbsentAction action) {
  return action == AbsentAction::kDrop ? "dropped from the list"
                                       : "moved to the end of its tier";
}

absl::Status ValidateSpeakingTime(absl::Duration limit,
                                  absl::string_view what) {
  if (limit < kMinSpeakingTime || limit > kMaxSpeakingTime) {
    return absl::InvalidArgumentError(absl::StrCat(
        what, " ", FormatClock(limit), " is out of range; give between ",
        FormatClock(kMinSpeakingTime), " and ", FormatClock(kMaxSpeakingTime)));
  }
  return absl::OkStatus();
}

absl::Status ValidateInstant(absl::Time t, absl::string_view what) {
  if (t < kEarliestInstant || t >= kLatestInstant) {
    return absl::InvalidArgumentError(absl::StrCat(
        what, " (", FormatLocalTime(t, absl::UTCTimeZone()),
        ") is out of range; give a date from 1 January 1970 to 31 December "
        "2199"));
  }
  return absl::OkStatus();
}

absl::Status ListSettings::Validate() const {
  if (absl::Status s = ValidateSpeakingTime(speaking_time, "speaking time");
      !s.ok()) {
    return s;
  }
  if (observer_time) {
    if (absl::Status s =
            ValidateSpeakingTime(*observer_time, "observers' time");
        !s.ok()) {
      return s;
    }
  }
  if (group_time) {
    if (absl::Status s = ValidateSpeakingTime(*group_time, "groups' time");
        !s.ok()) {
      return s;
    }
  }
  if (warning < absl::ZeroDuration() || warning >= speaking_time) {
    return absl::InvalidArgumentError(
        absl::StrCat("warning ", FormatClock(warning),
                     " must be at least 0:00 and below the speaking time of ",
                     FormatClock(speaking_time)));
  }
  if (opens_at) {
    if (absl::Status s = ValidateInstant(*opens_at, "the list's opening time");
        !s.ok()) {
      return s;
    }
  }
  if (closes_at) {
    if (absl::Status s = ValidateInstant(*closes_at, "the list's closing time");
        !s.ok()) {
      return s;
    }
  }
  if (opens_at && closes_at && *closes_at <= *opens_at) {
    return absl::InvalidArgumentError(
        "the list must close after it opens; check opens_at and closes_at");
  }
  return absl::OkStatus();
}

}  // namespace speakers
