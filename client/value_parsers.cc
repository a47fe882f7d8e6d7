#include "client/value_parsers.h"

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "text/time_text.h"

namespace speakers::cli {
namespace {

// Lowercase, with '_' and ' ' turned into '-'.
std::string Normalize(absl::string_view text) {
  return absl::AsciiStrToLower(absl::StrReplaceAll(
      absl::StripAsciiWhitespace(text), {{"_", "-"}, {" ", "-"}}));
}

absl::Status Unknown(absl::string_view what, absl::string_view text,
                     absl::string_view choices) {
  return absl::InvalidArgumentError(
      absl::StrCat("unknown ", what, " \"", text, "\"; use ", choices));
}

}  // namespace

absl::StatusOr<v1::Rank> ParseRank(absl::string_view text) {
  const std::string word = Normalize(text);
  if (word == "head-of-state") return v1::RANK_HEAD_OF_STATE;
  if (word == "deputy-head-of-state" || word == "crown-prince") {
    return v1::RANK_DEPUTY_HEAD_OF_STATE;
  }
  if (word == "head-of-government") return v1::RANK_HEAD_OF_GOVERNMENT;
  if (word == "minister") return v1::RANK_MINISTER;
  if (word == "vice-minister") return v1::RANK_VICE_MINISTER;
  if (word == "head-of-delegation") return v1::RANK_HEAD_OF_DELEGATION;
  if (word == "other") return v1::RANK_OTHER;
  return Unknown("rank", text,
                 "head-of-state, deputy-head-of-state (crown-prince), "
                 "head-of-government, minister, vice-minister, "
                 "head-of-delegation or other");
}

std::string RankLabel(v1::Rank rank) {
  switch (rank) {
    case v1::RANK_HEAD_OF_STATE:
      return "head of State";
    case v1::RANK_DEPUTY_HEAD_OF_STATE:
      return "deputy head of State";
    case v1::RANK_HEAD_OF_GOVERNMENT:
      return "head of Government";
    case v1::RANK_MINISTER:
      return "minister";
    case v1::RANK_VICE_MINISTER:
      return "vice-minister";
    case v1::RANK_OTHER:
      return "other";
    default:
      return "head of delegation";
  }
}

absl::StatusOr<absl::Duration> ParseDuration(absl::string_view text) {
  const auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text,
        "\" is not a duration; write seconds (90 or 90s), minutes (2m, "
        "1m30s) or M:SS (1:30)"));
  };
  const std::string word =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (word.empty()) return bad();
  if (word.find(':') != std::string::npos) {
    absl::StatusOr<absl::Duration> clock = ParseClock(word);
    if (!clock.ok()) return bad();
    return clock;
  }
  // Numbers of at most 6 digits, each followed by its unit (none: seconds,
  // for a bare number only), units in decreasing order.
  constexpr absl::string_view kUnits = "hms";
  int64_t seconds = 0;
  size_t next_unit = 0;  // the first unit still allowed
  size_t at = 0;
  while (at < word.size()) {
    const size_t digits_end = word.find_first_not_of("0123456789", at);
    const size_t end =
        digits_end == std::string::npos ? word.size() : digits_end;
    if (end == at || end - at > 6) return bad();
    int64_t value = 0;
    if (!absl::SimpleAtoi(absl::string_view(word).substr(at, end - at),
                          &value)) {
      return bad();
    }
    if (end == word.size()) {
      if (at != 0) return bad();  // "1m30": the unit of 30 is missing
      return absl::Seconds(value);
    }
    const size_t unit = kUnits.find(word[end]);
    if (unit == absl::string_view::npos || unit < next_unit) return bad();
    static constexpr int64_t kSecondsPer[] = {3600, 60, 1};
    seconds += value * kSecondsPer[unit];
    next_unit = unit + 1;
    at = end + 1;
  }
  return absl::Seconds(seconds);
}

absl::StatusOr<absl::Duration> ParseTimeLimit(absl::string_view text) {
  absl::StatusOr<absl::Duration> limit = ParseDuration(text);
  if (!limit.ok()) return limit;
  const absl::string_view word = absl::StripAsciiWhitespace(text);
  if (word.find_first_not_of("0123456789") == absl::string_view::npos &&
      *limit >= absl::Seconds(1) && *limit < absl::Minutes(1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\" would be ", word,
        " seconds, too short for a speaking time; write ", word, "m or ", word,
        ":00 for ", word, " minutes (", word, "s if seconds are meant)"));
  }
  return limit;
}

absl::StatusOr<absl::Duration> ParseSignedDuration(absl::string_view text) {
  const absl::string_view word = absl::StripAsciiWhitespace(text);
  if (!word.empty() && (word.front() == '-' || word.front() == '+')) {
    absl::StatusOr<absl::Duration> magnitude = ParseDuration(word.substr(1));
    if (!magnitude.ok() || absl::ascii_isspace(word[1])) {
      return ParseDuration(text);  // the error names `text`
    }
    return word.front() == '-' ? -*magnitude : *magnitude;
  }
  return ParseDuration(text);
}

absl::StatusOr<v1::PolicyKind> ParsePolicy(absl::string_view text) {
  const std::string word = Normalize(text);
  if (word == "ministerial") return v1::POLICY_MINISTERIAL_FIRST;
  if (word == "protocol") return v1::POLICY_PROTOCOL;
  if (word == "category") return v1::POLICY_CATEGORY_ONLY;
  if (word == "fcfs") return v1::POLICY_FIRST_COME_FIRST_SERVED;
  if (word == "parties") return v1::POLICY_STATES_PARTIES_FIRST;
  return Unknown("policy", text,
                 "parties, ministerial, protocol, category or fcfs");
}

absl::StatusOr<v1::Absent> ParseAbsent(absl::string_view text) {
  const std::string word = Normalize(text);
  if (word == "end") return v1::ABSENT_MOVE_TO_END_OF_TIER;
  if (word == "drop") return v1::ABSENT_DROP;
  return Unknown("absent rule", text, "end or drop");
}

absl::StatusOr<v1::TimerAction> ParseTimerAction(absl::string_view text) {
  const std::string word = Normalize(text);
  if (word == "start") return v1::TIMER_START;
  if (word == "pause") return v1::TIMER_PAUSE;
  if (word == "resume") return v1::TIMER_RESUME;
  if (word == "reset") return v1::TIMER_RESET;
  return Unknown("timer action", text, "start, pause, resume or reset");
}

absl::StatusOr<v1::MeetingAction> ParseMeetingAction(absl::string_view text) {
  const std::string word = Normalize(text);
  if (word == "open") return v1::MEETING_OPEN;
  if (word == "suspend") return v1::MEETING_SUSPEND;
  if (word == "resume") return v1::MEETING_RESUME;
  if (word == "adjourn") return v1::MEETING_ADJOURN;
  return Unknown("meeting action", text, "open, suspend, resume or adjourn");
}

absl::StatusOr<int> ParsePosition(absl::string_view text) {
  int32_t position = 0;
  if (text.empty() ||
      text.find_first_not_of("0123456789") != absl::string_view::npos ||
      !absl::SimpleAtoi(text, &position) || position < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text,
        "\" is not a position; use a whole number from 1 (1 = next)"));
  }
  return position;
}

std::string MeetingStatusLabel(v1::MeetingStatus status) {
  switch (status) {
    case v1::MEETING_NOT_STARTED:
      return "not started";
    case v1::MEETING_IN_SESSION:
      return "in session";
    case v1::MEETING_SUSPENDED:
      return "suspended";
    case v1::MEETING_ADJOURNED:
      return "adjourned";
    default:
      return "unknown";
  }
}

std::string ListStatusLabel(v1::ListStatus status) {
  switch (status) {
    case v1::LIST_NOT_YET_OPEN:
      return "not yet open";
    case v1::LIST_OPEN:
      return "open";
    case v1::LIST_CLOSED:
      return "closed";
    default:
      return "unknown";
  }
}

std::string PolicyLabel(v1::PolicyKind policy) {
  switch (policy) {
    case v1::POLICY_PROTOCOL:
      return "protocol";
    case v1::POLICY_CATEGORY_ONLY:
      return "category";
    case v1::POLICY_FIRST_COME_FIRST_SERVED:
      return "fcfs";
    case v1::POLICY_STATES_PARTIES_FIRST:
      return "parties";
    default:
      return "ministerial";
  }
}

}  // namespace speakers::cli
