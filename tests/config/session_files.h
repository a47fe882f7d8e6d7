#ifndef SPEAKERS_TESTS_CONFIG_SESSION_FILES_H_
#define SPEAKERS_TESTS_CONFIG_SESSION_FILES_H_

// Session files for the loader and converter tests: a small valid one whose
// lines the tests point at, and helpers to make broken copies of it.

#include <string>

#include "absl/strings/string_view.h"

namespace speakers::config_testing {

// The name the small session is parsed under (ParseSessionText's source).
inline constexpr absl::string_view kSource = "small.textproto";

// A valid session file, one setting per line so that every message points
// at a known place. The line numbers the tests expect:
//    1 name             8-14 meetings[0] "plenary"   20-27 lists[0]
//    4 time_zone        15-19 meetings[1] "experts"  28 delegations[0] AUT
//    6 list_defaults    (11, 12: agenda; 13: slot)   29 delegations[1] FRA
//    7 reply                                         30 delegations[2] EU
// The list of item 1 (f) overrides the defaults (4:00 and 0:20 instead of
// 5:00 and 0:30), so that each duration appears once.
inline constexpr absl::string_view kSmallSession = R"file(name: "Test session"
short_name: "TS/1"
venue: "Vienna"
time_zone: "Europe/Vienna"
languages: ["en", "fr"]
list_defaults { speaking_time: "5:00" warning: "0:30" }
reply { max_per_item: 2 limits: ["10:00", "5:00"] }
meetings {
  id: "plenary"
  name: "Plenary"
  agenda { id: "1 (f)" title: "General discussion" }
  agenda { id: "2" title: "Review of implementation" }
  slots { start: "2017-11-06 10:00" end: "2017-11-06 13:00" items: ["1 (f)"] }
}
meetings {
  id: "experts"
  name: "Expert meeting"
  agenda { id: "1" title: "Organizational matters" }
}
lists {
  meeting: "plenary"
  item: "1 (f)"
  opens_at: "2017-10-06 09:00"
  closes_at: "2017-11-06 12:00"
  speaking_time: "4:00"
  warning: "0:20"
}
delegations { code: "AUT" category: STATE_PARTY name { lang: "en" text: "Austria" } }
delegations { code: "FRA" category: STATE_PARTY name { lang: "en" text: "France" } name { lang: "fr" text: "France" } }
delegations { code: "EU" category: INTERGOVERNMENTAL name { lang: "en" text: "European Union" } }
)file";

// `text` with its only occurrence of `from` replaced by `to`. Fails the
// current test (and returns `text` unchanged) when `from` does not occur
// exactly once, so that a case cannot silently test the valid file.
std::string ReplaceOnce(absl::string_view text, absl::string_view from,
                        absl::string_view to);

// "LINE:COLUMN" (both from 1, as the loader reports them) of the only
// occurrence of `needle` in `text`; fails the current test when it does not
// occur exactly once.
std::string PositionOf(absl::string_view text, absl::string_view needle);

}  // namespace speakers::config_testing

#endif  // SPEAKERS_TESTS_CONFIG_SESSION_FILES_H_
