// The built-in session (deploy/sessions/cosp7.textproto, embedded at build
// time): it is the file in the repository, it loads, and it holds what the
// seventh session of the Conference of the States Parties had.
#include "server/config/builtin_session.h"

#include <array>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/session_loader.h"
#include "server/domain/delegation.h"
#include "server/domain/session.h"
#include "tests/config/session_files.h"
#include "tests/testing/server_process.h"

namespace speakers {
namespace {

using ::speakers::config_testing::PositionOf;
using ::speakers::config_testing::ReplaceOnce;
using ::testing::ElementsAre;

// An instant given in UTC.
absl::Time Utc(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute),
                         absl::UTCTimeZone());
}

std::string SourceFile(const std::string& relative) {
  const char* root = std::getenv("SPEAKERS_SOURCE_DIR");
  return absl::StrCat(root == nullptr ? "." : root, "/", relative);
}

// What the server embeds is the repository's file, byte for byte.
TEST(BuiltinSessionTest, IsTheFileInTheRepository) {
  const std::string file =
      testing::ReadFile(SourceFile("deploy/sessions/cosp7.textproto"));
  ASSERT_FALSE(file.empty()) << "cannot read deploy/sessions/cosp7.textproto "
                                "(SPEAKERS_SOURCE_DIR unset?)";
  EXPECT_EQ(BuiltinSessionText(), file);
}

// The session's identity, zone and languages.
TEST(BuiltinSessionTest, LoadsTheSeventhSession) {
  absl::StatusOr<Session> session = LoadBuiltinSession();
  ASSERT_TRUE(session.ok()) << session.status();
  const SessionConfig& c = session->config();
  EXPECT_EQ(c.name,
            "Seventh session of the Conference of the States Parties to the "
            "United Nations Convention against Corruption");
  EXPECT_EQ(c.short_name, "CAC/COSP/7");
  EXPECT_EQ(c.venue, "Vienna International Centre, Vienna");
  EXPECT_EQ(c.time_zone, "Europe/Vienna");
  EXPECT_EQ(session->zone().name(), "Europe/Vienna");
  EXPECT_THAT(c.languages, ElementsAre("en", "fr", "es", "ru", "ar", "zh"));
  EXPECT_FALSE(c.watch_requires_token);
  EXPECT_EQ(c.reply.max_per_item, 2);
  EXPECT_THAT(c.reply.limits, ElementsAre(absl::Minutes(10), absl::Minutes(5)));
}

// Four meetings in parallel; the plenary's agenda has 15 items, among them
// the general discussion "1 (f)".
TEST(BuiltinSessionTest, HasTheMeetingsAndTheirAgendas) {
  absl::StatusOr<Session> session = LoadBuiltinSession();
  ASSERT_TRUE(session.ok()) << session.status();
  std::vector<std::string> ids;
  std::vector<size_t> items;
  for (const MeetingConfig& m : session->config().meetings) {
    ids.push_back(m.id);
    items.push_back(m.agenda.size());
  }
  EXPECT_THAT(ids, ElementsAre("plenary", "experts", "irg", "informal"));
  EXPECT_THAT(items, ElementsAre(15, 3, 4, 1));
  const MeetingConfig* plenary = session->FindMeeting("plenary");
  ASSERT_NE(plenary, nullptr);
  std::vector<std::string> plenary_items;
  for (const AgendaItem& item : plenary->agenda) {
    plenary_items.push_back(item.id);
  }
  EXPECT_THAT(plenary_items,
              ElementsAre("1 (a)", "1 (b)", "1 (c)", "1 (d)", "1 (e)", "1 (f)",
                          "2", "3", "4", "5", "6", "7 (a)", "7 (b)", "8", "9"));
  ASSERT_NE(plenary->FindItem("1 (f)"), nullptr);
  EXPECT_EQ(plenary->FindItem("1 (f)")->title, "General discussion");
  EXPECT_EQ(plenary->slots.size(), 10u);
  // The first slot: 10:00 to 13:00 on 6 November 2017 in Vienna (UTC+1).
  EXPECT_EQ(plenary->slots.front().start, Utc(2017, 11, 6, 9, 0));
  EXPECT_EQ(plenary->slots.front().end, Utc(2017, 11, 6, 12, 0));
}

// The session's name, every meeting's name and every agenda item's title
// in the five languages beside English (the UN's official titles).
TEST(BuiltinSessionTest, NamesEveryMeetingAndItemInTheSixLanguages) {
  absl::StatusOr<Session> session = LoadBuiltinSession();
  ASSERT_TRUE(session.ok()) << session.status();
  const SessionConfig& c = session->config();
  const auto languages_of = [](const LocalizedNames& names) {
    std::vector<std::string> out;
    for (const auto& [lang, text] : names) {
      if (!text.empty()) out.push_back(lang);
    }
    return out;
  };
  const auto all = ElementsAre("ar", "es", "fr", "ru", "zh");
  EXPECT_THAT(languages_of(c.names), all);
  for (const MeetingConfig& m : c.meetings) {
    EXPECT_FALSE(m.name.empty()) << m.id;
    EXPECT_THAT(languages_of(m.names), all) << m.id;
    for (const AgendaItem& item : m.agenda) {
      EXPECT_FALSE(item.title.empty()) << m.id << " " << item.id;
      EXPECT_THAT(languages_of(item.titles), all) << m.id << " " << item.id;
    }
  }
  const MeetingConfig* plenary = session->FindMeeting("plenary");
  ASSERT_NE(plenary, nullptr);
  const LocalizedNames& general = plenary->FindItem("1 (f)")->titles;
  EXPECT_EQ(general.at("fr"), "Débat général");
  EXPECT_EQ(general.at("es"), "Debate general");
  EXPECT_EQ(general.at("ru"), "Общие прения");
  EXPECT_EQ(general.at("zh"), "一般性辩论");
  EXPECT_EQ(general.at("ar"), "المناقشة العامة");
  EXPECT_EQ(plenary->FindItem("1 (b)")->titles.at("fr"), "Élection du Bureau");
}

// 210 delegations: the 183 States parties of November 2017 and observers
// of every kind.
TEST(BuiltinSessionTest, HasTheDelegationsByCategory) {
  absl::StatusOr<Session> session = LoadBuiltinSession();
  ASSERT_TRUE(session.ok()) << session.status();
  const std::vector<Delegation>& delegations = session->config().delegations;
  EXPECT_EQ(delegations.size(), 210u);
  std::array<int, kCategoryCount> counts{};
  for (const Delegation& d : delegations) {
    ++counts[static_cast<int>(d.category)];
  }
  EXPECT_THAT(counts, ElementsAre(183, 2, 11, 8, 6));
  const Delegation* austria = session->FindDelegation("AUT");
  ASSERT_NE(austria, nullptr);
  EXPECT_EQ(austria->Name(), "Austria");
  EXPECT_EQ(austria->category, Category::kStateParty);
  const Delegation* eu = session->FindDelegation("EU");
  ASSERT_NE(eu, nullptr);
  EXPECT_EQ(eu->category, Category::kStateParty);  // a party to the Convention
  EXPECT_EQ(eu->regional_group, "");
}

// The general discussion's list: opened at 09:00 on 6 October 2017 and
// closed at noon on 6 November 2017, Vienna time (summer time in October,
// UTC+2; winter time in November, UTC+1); five minutes per statement.
TEST(BuiltinSessionTest, TheGeneralDiscussionListHasItsWindow) {
  absl::StatusOr<Session> session = LoadBuiltinSession();
  ASSERT_TRUE(session.ok()) << session.status();
  ASSERT_EQ(session->config().lists.size(), 1u);
  EXPECT_EQ(session->config().lists[0].meeting, "plenary");
  EXPECT_EQ(session->config().lists[0].item, "1 (f)");
  const ListSettings& s = session->SettingsFor("plenary", "1 (f)");
  ASSERT_TRUE(s.opens_at.has_value());
  ASSERT_TRUE(s.closes_at.has_value());
  EXPECT_EQ(*s.opens_at, Utc(2017, 10, 6, 7, 0));
  EXPECT_EQ(*s.closes_at, Utc(2017, 11, 6, 11, 0));
  EXPECT_EQ(session->FormatTime(*s.opens_at),
            "09:00 on 6 October 2017, Vienna time");
  EXPECT_EQ(session->FormatTime(*s.closes_at),
            "12:00 on 6 November 2017, Vienna time");
  EXPECT_EQ(s.speaking_time, absl::Minutes(5));
  EXPECT_EQ(s.warning, absl::Seconds(30));
  EXPECT_EQ(s.policy.kind, PolicyKind::kMinisterialFirst);
  EXPECT_FALSE(s.policy.groups_first);
  EXPECT_EQ(s.absent, AbsentAction::kMoveToEndOfTier);
  // Every other list takes the defaults: no window, 5:00.
  const ListSettings& other = session->SettingsFor("plenary", "2");
  EXPECT_FALSE(other.opens_at.has_value());
  EXPECT_FALSE(other.closes_at.has_value());
  EXPECT_EQ(other.speaking_time, absl::Minutes(5));
}

// A value error in the big file names its field path and points at the
// line and column where it was written.
TEST(BuiltinSessionTest, ADuplicateCodeIsReportedWithItsPlace) {
  const std::string text(BuiltinSessionText());
  // delegations[12] is Bangladesh.
  const std::string broken =
      ReplaceOnce(text, "code: \"BGD\"", "code: \"AUT\"");
  absl::StatusOr<Session> session =
      ParseSessionText(broken, kBuiltinSessionName);
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(session.status().message()),
            absl::StrCat(
                "built-in:cosp7.textproto:", PositionOf(text, "code: \"BGD\""),
                ": delegations[12].code: delegation code \"AUT\" "
                "appears twice (codes are read in any case)"));
}

}  // namespace
}  // namespace speakers
