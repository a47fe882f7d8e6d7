#include "text/time_text.h"

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace speakers {

std::string ZoneLabel(absl::string_view iana_name) {
  const size_t slash = iana_name.rfind('/');
  absl::string_view city = slash == absl::string_view::npos
                               ? iana_name
                               : iana_name.substr(slash + 1);
  return absl::StrReplaceAll(city, {{"_", " "}});
}

std::string FormatLocalTime(absl::Time t, const absl::TimeZone& zone) {
  const absl::CivilSecond cs = absl::ToCivilSecond(t, zone);
  static constexpr const char* kMonths[] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  // Seconds only where the instant is not on a whole minute.
  const std::string clock =
      cs.second() == 0 && t == absl::FromCivil(cs, zone)
          ? absl::StrFormat("%02d:%02d", cs.hour(), cs.minute())
          : absl::StrFormat("%02d:%02d:%02d", cs.hour(), cs.minute(),
                            cs.second());
  return absl::StrFormat("%s on %d %s %d, %s time", clock, cs.day(),
                         kMonths[cs.month() - 1], cs.year(),
                         ZoneLabel(zone.name()));
}

std::string FormatClock(absl::Duration d) {
  const bool negative = d < absl::ZeroDuration();
  int64_t total = absl::ToInt64Seconds(negative ? -d : d);
  const int64_t hours = total / 3600;
  const int64_t minutes = (total / 60) % 60;
  const int64_t seconds = total % 60;
  const char* sign = negative && total > 0 ? "-" : "";
  if (hours > 0) {
    return absl::StrFormat("%s%d:%02d:%02d", sign, hours, minutes, seconds);
  }
  return absl::StrFormat("%s%d:%02d", sign, minutes, seconds);
}

absl::StatusOr<absl::Duration> ParseClock(absl::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text,
                     "\" is not a duration; write minutes and seconds as "
                     "M:SS (\"5:00\") or H:MM:SS (\"1:00:00\")"));
  };
  std::vector<absl::string_view> parts = absl::StrSplit(text, ':');
  if (parts.size() < 2 || parts.size() > 3) return bad();
  std::vector<int64_t> values;
  for (size_t i = 0; i < parts.size(); ++i) {
    int64_t v = 0;
    if (parts[i].empty() || parts[i].size() > 4 ||
        parts[i].find_first_not_of("0123456789") != absl::string_view::npos ||
        !absl::SimpleAtoi(parts[i], &v)) {
      return bad();
    }
    if (i > 0 && (parts[i].size() != 2 || v >= 60)) return bad();
    values.push_back(v);
  }
  int64_t seconds = 0;
  for (int64_t v : values) seconds = seconds * 60 + v;
  return absl::Seconds(seconds);
}

}  // namespace speakers
