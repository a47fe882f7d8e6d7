// SessionReport (server/config/session_report): what `speakers-server
// --check` prints, line by line, in the session's zone at the engine
// clock's time, following the meetings' and lists' state.
#include "server/config/session_report.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/session_loader.h"
#include "server/domain/command.h"
#include "server/domain/engine.h"
#include "tests/config/session_files.h"
#include "tests/testing/fake_clock.h"

namespace speakers {
namespace {

using ::speakers::config_testing::kSmallSession;
using ::speakers::config_testing::kSource;
using ::testing::Contains;

absl::Time Vienna(int month, int day, int hour, int minute) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Vienna", &zone));
  return absl::FromCivil(absl::CivilMinute(2017, month, day, hour, minute),
                         zone);
}

std::shared_ptr<const Session> Load(absl::StatusOr<Session> session) {
  EXPECT_TRUE(session.ok()) << session.status();
  if (!session.ok()) return nullptr;
  return std::make_shared<const Session>(*std::move(session));
}

// The whole report of the small session at 10:00 on the opening day: the
// list of item 1 (f) is open until noon.
TEST(SessionReportTest, DescribesTheSmallSession) {
  std::shared_ptr<const Session> session =
      Load(ParseSessionText(kSmallSession, kSource));
  ASSERT_NE(session, nullptr);
  testing::FakeClock clock(Vienna(11, 6, 10, 0));
  Engine engine(session, &clock);
  EXPECT_EQ(SessionReport(engine),
            "Test session (TS/1)\n"
            "Vienna; times are Vienna time (Europe/Vienna)\n"
            "Now: 10:00 on 6 November 2017, Vienna time\n"
            "Delegations: 3 (2 States parties, 0 signatory States, 0 "
            "non-signatory States, 1 intergovernmental organizations, 0 "
            "non-governmental organizations)\n"
            "Meetings:\n"
            "  plenary: Plenary\n"
            "    not started, version 0, current item 1 (f); 2 agenda items, "
            "1 slot from 10:00 on 6 November 2017, Vienna time to 13:00 on 6 "
            "November 2017, Vienna time\n"
            "    shown in English for want of a translation: fr: the name, "
            "items 1 (f), 2\n"
            "  experts: Expert meeting\n"
            "    not started, version 0, current item 1; 1 agenda item, 0 "
            "slots\n"
            "    shown in English for want of a translation: fr: the name, "
            "item 1\n"
            "Lists with a schedule:\n"
            "  plenary item 1 (f) (General discussion): opens at 09:00 on 6 "
            "October 2017, Vienna time; closes at 12:00 on 6 November 2017, "
            "Vienna time; 4:00 per statement, warning at 0:20; ministerial "
            "rank first; now open, 0 speakers waiting\n");
}

// The report follows the state: a meeting in session at version 2, one
// speaker waiting, and after noon the list is closed.
TEST(SessionReportTest, FollowsTheMeetingsAndTheClock) {
  std::shared_ptr<const Session> session =
      Load(ParseSessionText(kSmallSession, kSource));
  ASSERT_NE(session, nullptr);
  testing::FakeClock clock(Vienna(10, 1, 8, 0));
  Engine engine(session, &clock);
  const std::string before = SessionReport(engine);
  EXPECT_TRUE(absl::StrContains(
      before,
      "; ministerial rank first; now not yet open, 0 speakers waiting\n"))
      << before;

  clock.Set(Vienna(11, 6, 11, 0));
  ASSERT_TRUE(
      engine
          .Apply(cmd::ChangeMeeting{"plenary", cmd::MeetingAction::kOpen},
                 "chair of plenary")
          .ok());
  absl::StatusOr<CommandResult> inscribed =
      engine.Apply(cmd::Inscribe{ListTarget{"plenary", "1 (f)"}, "AUT",
                                 Speaker{"H.E. Ms. A", "", Rank::kMinister}, "",
                                 /*by_chair=*/false, std::nullopt},
                   "delegation AUT");
  ASSERT_TRUE(inscribed.ok()) << inscribed.status();
  clock.Set(Vienna(11, 6, 12, 30));
  const std::vector<std::string> lines =
      absl::StrSplit(SessionReport(engine), '\n');
  EXPECT_THAT(lines, Contains("Now: 12:30 on 6 November 2017, Vienna time"));
  EXPECT_THAT(lines,
              Contains("    in session, version 2, current item 1 (f); 2 "
                       "agenda items, 1 slot from 10:00 on 6 November 2017, "
                       "Vienna time to 13:00 on 6 November 2017, Vienna time"));
  EXPECT_THAT(lines,
              Contains("  plenary item 1 (f) (General discussion): opens at "
                       "09:00 on 6 October 2017, Vienna time; closes at 12:00 "
                       "on 6 November 2017, Vienna time; 4:00 per statement, "
                       "warning at 0:20; ministerial rank first; now closed, "
                       "1 speaker waiting"));
}

// The built-in session's report: its delegations by category and the
// general discussion's window.
TEST(SessionReportTest, DescribesTheBuiltinSession) {
  std::shared_ptr<const Session> session = Load(LoadBuiltinSession());
  ASSERT_NE(session, nullptr);
  testing::FakeClock clock(Vienna(11, 6, 15, 0));
  Engine engine(session, &clock);
  const std::vector<std::string> lines =
      absl::StrSplit(SessionReport(engine), '\n');
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[1],
            "Vienna International Centre, Vienna; times are Vienna time "
            "(Europe/Vienna)");
  EXPECT_EQ(lines[2], "Now: 15:00 on 6 November 2017, Vienna time");
  EXPECT_THAT(lines,
              Contains("Delegations: 210 (183 States parties, 2 signatory "
                       "States, 11 non-signatory States, 8 intergovernmental "
                       "organizations, 6 non-governmental organizations)"));
  EXPECT_THAT(
      lines, Contains("    not started, version 0, current item 1 (a); 15 "
                      "agenda items, 10 slots from 10:00 on 6 November 2017, "
                      "Vienna time to 18:00 on 10 November 2017, Vienna time"));
  EXPECT_THAT(lines,
              Contains("  plenary item 1 (f) (General discussion): opens at "
                       "09:00 on 6 October 2017, Vienna time; closes at 12:00 "
                       "on 6 November 2017, Vienna time; 5:00 per statement, "
                       "warning at 0:30; ministerial rank first; now closed, "
                       "0 speakers waiting"));
  // Every name and title is in the six languages.
  for (const std::string& line : lines) {
    EXPECT_FALSE(absl::StrContains(line, "for want of a translation")) << line;
  }
}

}  // namespace
}  // namespace speakers
