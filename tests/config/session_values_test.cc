// The converter (server/config/session_converter): how the values of a
// session file become the domain's (local times in the file's zone,
// durations, enums, defaults for what is left out), and the values it
// refuses itself, each with its field path and its place in the file.
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/session_converter.h"
#include "server/config/session_loader.h"
#include "server/domain/session.h"
#include "speakers/v1/session_file.pb.h"
#include "tests/config/session_files.h"

namespace speakers {
namespace {

using ::speakers::config_testing::kSmallSession;
using ::speakers::config_testing::kSource;
using ::speakers::config_testing::ReplaceOnce;
using ::testing::ElementsAre;
using ::testing::Pair;

absl::Time Utc(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute),
                         absl::UTCTimeZone());
}

// Every value of the small session, converted.
TEST(SessionValuesTest, TheSmallSessionConverts) {
  absl::StatusOr<Session> session = ParseSessionText(kSmallSession, kSource);
  ASSERT_TRUE(session.ok()) << session.status();
  const SessionConfig& c = session->config();
  EXPECT_EQ(c.name, "Test session");
  EXPECT_EQ(c.short_name, "TS/1");
  EXPECT_EQ(c.venue, "Vienna");
  EXPECT_EQ(c.time_zone, "Europe/Vienna");
  EXPECT_THAT(c.languages, ElementsAre("en", "fr"));
  EXPECT_EQ(c.list_defaults.speaking_time, absl::Minutes(5));
  EXPECT_EQ(c.list_defaults.warning, absl::Seconds(30));
  EXPECT_EQ(c.reply.max_per_item, 2);
  EXPECT_THAT(c.reply.limits, ElementsAre(absl::Minutes(10), absl::Minutes(5)));

  ASSERT_EQ(c.meetings.size(), 2u);
  const MeetingConfig& plenary = c.meetings[0];
  EXPECT_EQ(plenary.id, "plenary");
  EXPECT_EQ(plenary.name, "Plenary");
  ASSERT_EQ(plenary.agenda.size(), 2u);
  EXPECT_EQ(plenary.agenda[0].id, "1 (f)");
  EXPECT_EQ(plenary.agenda[0].title, "General discussion");
  EXPECT_EQ(plenary.agenda[1].id, "2");
  ASSERT_EQ(plenary.slots.size(), 1u);
  // 10:00 to 13:00 in Vienna on 6 November 2017 (UTC+1).
  EXPECT_EQ(plenary.slots[0].start, Utc(2017, 11, 6, 9, 0));
  EXPECT_EQ(plenary.slots[0].end, Utc(2017, 11, 6, 12, 0));
  EXPECT_THAT(plenary.slots[0].items, ElementsAre("1 (f)"));
  EXPECT_EQ(plenary.slots[0].note, "");
  EXPECT_EQ(c.meetings[1].id, "experts");

  ASSERT_EQ(c.lists.size(), 1u);
  const ListSettings& list = session->SettingsFor("plenary", "1 (f)");
  EXPECT_EQ(list.opens_at, Utc(2017, 10, 6, 7, 0));  // summer time, UTC+2
  EXPECT_EQ(list.closes_at, Utc(2017, 11, 6, 11, 0));
  EXPECT_EQ(list.speaking_time, absl::Minutes(4));
  EXPECT_EQ(list.warning, absl::Seconds(20));
  EXPECT_EQ(list.policy.kind, PolicyKind::kMinisterialFirst);
  // The other lists: the defaults.
  EXPECT_EQ(session->SettingsFor("plenary", "2"), c.list_defaults);

  ASSERT_EQ(c.delegations.size(), 3u);
  EXPECT_EQ(c.delegations[0].code, "AUT");
  EXPECT_EQ(c.delegations[0].category, Category::kStateParty);
  EXPECT_THAT(c.delegations[0].names, ElementsAre(Pair("en", "Austria")));
  EXPECT_THAT(c.delegations[1].names,
              ElementsAre(Pair("en", "France"), Pair("fr", "France")));
  EXPECT_EQ(c.delegations[2].category, Category::kIntergovernmental);
  EXPECT_FALSE(c.watch_requires_token);
}

// What a file leaves out takes the documented defaults: UTC, English, 5:00
// with a warning at 0:30, ministerial rank first, absent speakers to the end
// of their tier, two replies of 10:00 then 5:00, displays without a token.
TEST(SessionValuesTest, WhatIsLeftOutTakesTheDefaults) {
  absl::StatusOr<Session> session = ParseSessionText(
      R"pb(name: "Minimal"
           meetings {
             id: "plenary"
             name: "Plenary"
             agenda { id: "1" title: "Item" }
           })pb",
      "minimal.textproto");
  ASSERT_TRUE(session.ok()) << session.status();
  const SessionConfig& c = session->config();
  EXPECT_EQ(c.time_zone, "UTC");
  EXPECT_EQ(session->zone().name(), "UTC");
  EXPECT_THAT(c.languages, ElementsAre("en"));
  EXPECT_EQ(c.list_defaults, ListSettings{});
  EXPECT_FALSE(c.list_defaults.opens_at.has_value());
  EXPECT_FALSE(c.list_defaults.closes_at.has_value());
  EXPECT_EQ(c.list_defaults.speaking_time, absl::Minutes(5));
  EXPECT_EQ(c.list_defaults.warning, absl::Seconds(30));
  EXPECT_EQ(c.list_defaults.policy.kind, PolicyKind::kMinisterialFirst);
  EXPECT_FALSE(c.list_defaults.policy.groups_first);
  EXPECT_EQ(c.list_defaults.absent, AbsentAction::kMoveToEndOfTier);
  EXPECT_EQ(c.reply.max_per_item, 2);
  EXPECT_THAT(c.reply.limits, ElementsAre(absl::Minutes(10), absl::Minutes(5)));
  EXPECT_TRUE(c.lists.empty());
  EXPECT_TRUE(c.delegations.empty());
  EXPECT_FALSE(c.watch_requires_token);
}

// An empty language list cannot be written: "languages: []" keeps the
// default, so Session::Create's "name at least one language" cannot be
// reached from a file. Likewise "reply {}" and "max_per_item: 0".
TEST(SessionValuesTest, EmptyListsAndZeroKeepTheDefaults) {
  std::string text = ReplaceOnce(kSmallSession, "languages: [\"en\", \"fr\"]",
                                 "languages: []");
  text = ReplaceOnce(text,
                     "reply { max_per_item: 2 limits: [\"10:00\", \"5:00\"] }",
                     "reply { max_per_item: 0 }");
  absl::StatusOr<Session> session = ParseSessionText(text, kSource);
  ASSERT_TRUE(session.ok()) << session.status();
  EXPECT_THAT(session->config().languages, ElementsAre("en"));
  EXPECT_EQ(session->config().reply.max_per_item, 2);
  EXPECT_THAT(session->config().reply.limits,
              ElementsAre(absl::Minutes(10), absl::Minutes(5)));
}

// The file's enums become the domain's; a list inherits the defaults'
// policy, absence rule and groups-first, and may override each, including
// groups_first back to false.
TEST(SessionValuesTest, PoliciesAndCategoriesMapToTheDomain) {
  absl::StatusOr<Session> session = ParseSessionText(
      R"pb(name: "Enums"
           time_zone: "America/New_York"
           watch_requires_token: true
           list_defaults { policy: PROTOCOL absent: DROP groups_first: true }
           reply {
             max_per_item: 3
             limits: [ "3:00", "2:00", "1:00:00" ]
           }
           meetings {
             id: "plenary"
             name: "Plenary"
             agenda { id: "1" title: "One" }
             agenda { id: "2" title: "Two" }
             agenda { id: "3" title: "Three" }
           }
           lists {
             meeting: "plenary"
             item: "1"
             closes_at: "2017-11-06 12:00"
             policy: CATEGORY_ONLY
             absent: MOVE_TO_END_OF_TIER
             groups_first: false
           }
           lists { meeting: "plenary" item: "2" policy: MINISTERIAL_FIRST }
           delegations {
             code: "A"
             category: STATE_PARTY
             name { lang: "en" text: "A" }
           }
           delegations {
             code: "B"
             category: SIGNATORY_STATE
             name { lang: "en" text: "B" }
           }
           delegations {
             code: "C"
             category: NON_SIGNATORY_STATE
             name { lang: "en" text: "C" }
           }
           delegations {
             code: "D"
             category: INTERGOVERNMENTAL
             name { lang: "en" text: "D" }
           }
           delegations {
             code: "E"
             category: NON_GOVERNMENTAL
             regional_group: "none"
             name { lang: "en" text: "E" }
           })pb",
      "enums.textproto");
  ASSERT_TRUE(session.ok()) << session.status();
  const SessionConfig& c = session->config();
  EXPECT_TRUE(c.watch_requires_token);
  EXPECT_EQ(c.reply.max_per_item, 3);
  EXPECT_THAT(c.reply.limits,
              ElementsAre(absl::Minutes(3), absl::Minutes(2), absl::Hours(1)));

  const ListSettings& defaults = c.list_defaults;
  EXPECT_EQ(defaults.policy.kind, PolicyKind::kProtocol);
  EXPECT_TRUE(defaults.policy.groups_first);
  EXPECT_EQ(defaults.absent, AbsentAction::kDrop);

  const ListSettings& one = session->SettingsFor("plenary", "1");
  EXPECT_EQ(one.policy.kind, PolicyKind::kCategoryOnly);
  EXPECT_FALSE(one.policy.groups_first);
  EXPECT_EQ(one.absent, AbsentAction::kMoveToEndOfTier);
  EXPECT_FALSE(one.opens_at.has_value());
  // Noon in New York on 6 November 2017 (EST, UTC-5).
  EXPECT_EQ(one.closes_at, Utc(2017, 11, 6, 17, 0));

  const ListSettings& two = session->SettingsFor("plenary", "2");
  EXPECT_EQ(two.policy.kind, PolicyKind::kMinisterialFirst);
  EXPECT_TRUE(two.policy.groups_first);
  EXPECT_EQ(two.absent, AbsentAction::kDrop);

  EXPECT_EQ(session->SettingsFor("plenary", "3"), defaults);

  ASSERT_EQ(c.delegations.size(), 5u);
  EXPECT_EQ(c.delegations[0].category, Category::kStateParty);
  EXPECT_EQ(c.delegations[1].category, Category::kSignatory);
  EXPECT_EQ(c.delegations[2].category, Category::kNonSignatory);
  EXPECT_EQ(c.delegations[3].category, Category::kIntergovernmental);
  EXPECT_EQ(c.delegations[4].category, Category::kNonGovernmental);
  EXPECT_EQ(c.delegations[4].regional_group, "none");
}

// SessionFromProto on its own: the message is "path: message" and the path
// rides along as the kFieldPathPayload payload, for the loader to locate.
TEST(SessionValuesTest, InstantsPartiesFirstAndReplyCategories) {
  absl::StatusOr<Session> session = ParseSessionText(
      R"pb(name: "Instants"
           time_zone: "Europe/Vienna"
           list_defaults { policy: STATES_PARTIES_FIRST }
           reply {
             max_per_item: 1
             limits: [ "3:00" ]
             categories: [ STATE_PARTY, INTERGOVERNMENTAL ]
           }
           meetings {
             id: "plenary"
             name: "Plenary"
             agenda { id: "1" title: "One" }
           }
           lists {
             meeting: "plenary"
             item: "1"
             opens_at: "2017-10-06T09:00:30+02:00"
             closes_at: "2017-11-06T11:00:00Z"
           }
           delegations {
             code: "A"
             category: STATE_PARTY
             name { lang: "en" text: "A" }
           })pb",
      kSource);
  ASSERT_TRUE(session.ok()) << session.status();
  const SessionConfig& c = session->config();
  EXPECT_EQ(c.list_defaults.policy.kind, PolicyKind::kStatesPartiesFirst);
  EXPECT_THAT(c.reply.categories,
              ElementsAre(Category::kStateParty, Category::kIntergovernmental));
  const ListSettings& one = session->SettingsFor("plenary", "1");
  EXPECT_EQ(one.opens_at, Utc(2017, 10, 6, 7, 0) + absl::Seconds(30));
  EXPECT_EQ(one.closes_at, Utc(2017, 11, 6, 11, 0));
}

TEST(SessionValuesTest, PointRulesAndQuestions) {
  absl::StatusOr<Session> session = ParseSessionText(
      R"pb(name: "Parliament"
           points {
             categories: [ STATE_PARTY, SIGNATORY_STATE ]
             time_limit: "1:30"
           }
           meetings {
             id: "plenary"
             name: "Plenary"
             questions: true
             agenda { id: "1" title: "One" }
           }
           meetings {
             id: "committee"
             name: "Committee"
             agenda { id: "1" title: "One" }
           })pb",
      kSource);
  ASSERT_TRUE(session.ok()) << session.status();
  const SessionConfig& c = session->config();
  EXPECT_THAT(c.points.categories,
              ElementsAre(Category::kStateParty, Category::kSignatory));
  EXPECT_EQ(c.points.time_limit, absl::Seconds(90));
  EXPECT_TRUE(c.meetings[0].questions);
  EXPECT_FALSE(c.meetings[1].questions);
}

TEST(SessionValuesTest, LimitsForObserversAndGroups) {
  absl::StatusOr<Session> session = ParseSessionText(
      R"pb(name: "Limits"
           list_defaults { observer_time: "3:00" group_time: "7:00" }
           meetings {
             id: "plenary"
             name: "Plenary"
             agenda { id: "1" title: "One" }
             agenda { id: "2" title: "Two" }
           }
           lists { meeting: "plenary" item: "2" observer_time: "2:00" })pb",
      kSource);
  ASSERT_TRUE(session.ok()) << session.status();
  EXPECT_EQ(session->SettingsFor("plenary", "1").observer_time,
            absl::Minutes(3));
  EXPECT_EQ(session->SettingsFor("plenary", "1").group_time, absl::Minutes(7));
  EXPECT_EQ(session->SettingsFor("plenary", "2").observer_time,
            absl::Minutes(2));
  EXPECT_EQ(session->SettingsFor("plenary", "2").group_time, absl::Minutes(7));
}

TEST(SessionValuesTest, PointRulesDefaultToStatesPartiesWithoutALimit) {
  absl::StatusOr<Session> session = ParseSessionText(
      R"pb(name: "Defaults"
           meetings {
             id: "plenary"
             name: "Plenary"
             agenda { id: "1" title: "One" }
           })pb",
      kSource);
  ASSERT_TRUE(session.ok()) << session.status();
  EXPECT_THAT(session->config().points.categories,
              ElementsAre(Category::kStateParty));
  EXPECT_EQ(session->config().points.time_limit, std::nullopt);
}

TEST(SessionValuesTest, ABadPointRuleIsRefusedWithItsField) {
  for (const char* points :
       {R"pb(categories: [ DELEGATION_CATEGORY_UNSPECIFIED ])pb",
        R"pb(time_limit: "soon")pb"}) {
    absl::StatusOr<Session> session = ParseSessionText(
        absl::StrCat(R"pb(name: "Bad" points {)pb", points, R"pb(}
                                                                 meetings {
             id: "plenary"
             name: "Plenary"
             agenda { id: "1" title: "One" }
           })pb"),
        kSource);
    ASSERT_FALSE(session.ok()) << points;
    EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(
        std::string(session.status().message()),
        ::testing::MatchesRegex("small\\.textproto:1:[0-9]+: points\\..*"))
        << session.status();
  }
}

TEST(SessionValuesTest, AnUnknownReplyCategoryIsRefused) {
  absl::StatusOr<Session> session = ParseSessionText(
      R"pb(name: "Bad"
           reply { categories: [ DELEGATION_CATEGORY_UNSPECIFIED ] }
           meetings {
             id: "plenary"
             name: "Plenary"
             agenda { id: "1" title: "One" }
           })pb",
      kSource);
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(session.status().message()),
              ::testing::HasSubstr(
                  "reply.categories[0]: name a category: STATE_PARTY"));
}

TEST(SessionValuesTest, SessionFromProtoCarriesTheFieldPath) {
  v1::SessionFile file;
  file.set_name("Proto");
  file.set_time_zone("Europe/Vienna");
  v1::MeetingDef* meeting = file.add_meetings();
  meeting->set_id("plenary");
  meeting->set_name("Plenary");
  v1::AgendaItemDef* item = meeting->add_agenda();
  item->set_id("1");
  item->set_title("One");
  v1::SlotDef* slot = meeting->add_slots();
  slot->set_start("2017-11-06 10:00");
  slot->set_end("2017-11-06 10:60");
  absl::StatusOr<Session> session = SessionFromProto(file);
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(session.status().message()),
            "meetings[0].slots[0].end: \"2017-11-06 10:60\" is not a time; "
            "write a local time \"YYYY-MM-DD HH:MM\" (e.g. \"2017-11-06 "
            "12:00\") or an RFC 3339 instant (e.g. "
            "\"2017-11-06T12:00:30+01:00\")");
  const auto path = session.status().GetPayload(kFieldPathPayload);
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(std::string(*path), "meetings[0].slots[0].end");

  slot->set_end("2017-11-06 11:00");
  absl::StatusOr<Session> fixed = SessionFromProto(file);
  ASSERT_TRUE(fixed.ok()) << fixed.status();
  EXPECT_EQ(fixed->config().meetings[0].slots[0].end, Utc(2017, 11, 6, 10, 0));
}

struct BadValue {
  std::string label;
  std::string from;  // replaced in kSmallSession
  std::string to;
  std::string where;  // "LINE:COLUMN"
  std::string path;
  std::string message;  // after "small.textproto:WHERE: PATH: "
};

class SessionValueTest : public ::testing::TestWithParam<BadValue> {};

// Each value the converter cannot read is INVALID_ARGUMENT naming the field
// path and where it was written.
TEST_P(SessionValueTest, IsRefusedWithItsFieldAndPlace) {
  const BadValue& bad = GetParam();
  const std::string text = ReplaceOnce(kSmallSession, bad.from, bad.to);
  ASSERT_FALSE(::testing::Test::HasFailure());
  absl::StatusOr<Session> session = ParseSessionText(text, kSource);
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      std::string(session.status().message()),
      absl::StrCat(kSource, ":", bad.where, ": ", bad.path, ": ", bad.message));
}

std::string NotADuration(absl::string_view text) {
  return absl::StrCat("\"", text,
                      "\" is not a duration; write minutes and seconds as M:SS "
                      "(\"5:00\") or H:MM:SS (\"1:00:00\")");
}

std::string NotALocalTime(absl::string_view text) {
  return absl::StrCat("\"", text,
                      "\" is not a time; write a local time "
                      "\"YYYY-MM-DD HH:MM\" (e.g. \"2017-11-06 12:00\") or "
                      "an RFC 3339 instant (e.g. "
                      "\"2017-11-06T12:00:30+01:00\")");
}

const BadValue kBadValues[] = {
    {"UnknownTimeZone", "time_zone: \"Europe/Vienna\"",
     "time_zone: \"Mars/Olympus\"", "4:1", "time_zone",
     "unknown time zone \"Mars/Olympus\"; use an IANA name such as "
     "\"Europe/Vienna\""},
    {"TimeZoneInLowerCase", "time_zone: \"Europe/Vienna\"",
     "time_zone: \"europe/vienna\"", "4:1", "time_zone",
     "unknown time zone \"europe/vienna\"; use an IANA name such as "
     "\"Europe/Vienna\""},
    {"DefaultSpeakingTimeInWords", "speaking_time: \"5:00\"",
     "speaking_time: \"5 min\"", "6:17", "list_defaults.speaking_time",
     NotADuration("5 min")},
    {"DefaultWarningWithoutMinutes", "warning: \"0:30\"", "warning: \"30\"",
     "6:39", "list_defaults.warning", NotADuration("30")},
    // A list written as [...] has one place, that of its first element; a
    // later element is pointed at by its enclosing block.
    {"ReplyLimitInWords", "\"5:00\"]", "\"five\"]", "7:1", "reply.limits[1]",
     NotADuration("five")},
    {"ListSpeakingTimeWithOneDigitSeconds", "speaking_time: \"4:00\"",
     "speaking_time: \"4:0\"", "25:3", "lists[0].speaking_time",
     NotADuration("4:0")},
    {"ListWarningAtSixtySeconds", "warning: \"0:20\"", "warning: \"0:60\"",
     "26:3", "lists[0].warning", NotADuration("0:60")},
    {"NegativeDuration", "warning: \"0:20\"", "warning: \"-0:20\"", "26:3",
     "lists[0].warning", NotADuration("-0:20")},
    {"SlotStartAtHour25", "start: \"2017-11-06 10:00\"",
     "start: \"2017-11-06 25:00\"", "13:11", "meetings[0].slots[0].start",
     NotALocalTime("2017-11-06 25:00")},
    {"SlotEndWithoutADate", "end: \"2017-11-06 13:00\"", "end: \"13:00\"",
     "13:37", "meetings[0].slots[0].end", NotALocalTime("13:00")},
    {"OpensAtInWords", "opens_at: \"2017-10-06 09:00\"",
     "opens_at: \"6 October 2017 09:00\"", "23:3", "lists[0].opens_at",
     NotALocalTime("6 October 2017 09:00")},
    {"ClosesAtWithSeconds", "closes_at: \"2017-11-06 12:00\"",
     "closes_at: \"2017-11-06 12:00:00\"", "24:3", "lists[0].closes_at",
     NotALocalTime("2017-11-06 12:00:00")},
    {"ClosesAtOnTheThirtyFirstOfNovember", "closes_at: \"2017-11-06 12:00\"",
     "closes_at: \"2017-11-31 12:00\"", "24:3", "lists[0].closes_at",
     NotALocalTime("2017-11-31 12:00")},
    {"DelegationWithoutCategory",
     " category: STATE_PARTY name { lang: \"en\" text: \"Austria\" }",
     " name { lang: \"en\" text: \"Austria\" }", "28:15", "delegations[0].code",
     "delegation \"AUT\" needs a category (STATE_PARTY, SIGNATORY_STATE, "
     "NON_SIGNATORY_STATE, INTERGOVERNMENTAL, NON_GOVERNMENTAL)"},
    {"TwoNamesInOneLanguage", "name { lang: \"fr\" text: \"France\" }",
     "name { lang: \"en\" text: \"France\" }", "29:84",
     "delegations[1].name[1]", "a second name in \"en\""},
};

INSTANTIATE_TEST_SUITE_P(SessionValues, SessionValueTest,
                         ::testing::ValuesIn(kBadValues),
                         [](const ::testing::TestParamInfo<BadValue>& info) {
                           return info.param.label;
                         });

// A category given as a number outside the enum (proto3 text format
// accepts any number for an enum) is no category: refused like an unset
// one. (It used to be cast to a Category out of range, accepted, and
// counted by SessionReport past the end of its std::array.)
TEST(SessionValuesTest, ACategoryNumberOutsideTheEnumIsRefused) {
  for (const char* number : {"9", "-1"}) {
    SCOPED_TRACE(number);
    const std::string text =
        ReplaceOnce(kSmallSession, "category: INTERGOVERNMENTAL",
                    absl::StrCat("category: ", number));
    absl::StatusOr<Session> session = ParseSessionText(text, kSource);
    if (session.ok()) {
      ADD_FAILURE() << "a delegation with category " << number
                    << " is accepted as Category("
                    << static_cast<int>(
                           session->config().delegations[2].category)
                    << ")";
      continue;
    }
    EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(session.status().message()),
              "small.textproto:30:15: delegations[2].code: delegation \"EU\" "
              "needs a category (STATE_PARTY, SIGNATORY_STATE, "
              "NON_SIGNATORY_STATE, INTERGOVERNMENTAL, NON_GOVERNMENTAL)");
  }
}

}  // namespace
}  // namespace speakers
