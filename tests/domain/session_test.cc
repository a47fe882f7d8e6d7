#include "server/domain/session.h"

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/domain/delegation.h"
#include "tests/domain/test_session.h"

namespace speakers {
namespace {

using ::speakers::testing::ListClosesAt;
using ::speakers::testing::ListOpensAt;
using ::speakers::testing::MakeSessionConfig;
using ::testing::HasSubstr;

// The field path a refusal names, or "<none>".
std::string FieldPath(const absl::Status& status) {
  const auto path = status.GetPayload(kFieldPathPayload);
  return path ? std::string(*path) : "<none>";
}

struct BadConfig {
  std::string label;
  std::function<void(SessionConfig&)> tweak;
  std::string path;
  std::string message;  // after "<path>: "
};

class SessionCreateTest : public ::testing::TestWithParam<BadConfig> {};

TEST_P(SessionCreateTest, RefusesWithTheFieldPath) {
  const BadConfig& bad = GetParam();
  SessionConfig config = MakeSessionConfig();
  bad.tweak(config);
  absl::StatusOr<Session> session = Session::Create(config);
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldPath(session.status()), bad.path);
  EXPECT_EQ(session.status().message(), bad.path + ": " + bad.message);
}

const BadConfig kBadConfigs[] = {
    {"NoName", [](SessionConfig& c) { c.name.clear(); }, "name",
     "the session needs a name"},
    {"UnknownTimeZone", [](SessionConfig& c) { c.time_zone = "Mars/Olympus"; },
     "time_zone",
     "unknown time zone \"Mars/Olympus\"; use an IANA name such as "
     "\"Europe/Vienna\""},
    {"NoLanguages", [](SessionConfig& c) { c.languages.clear(); }, "languages",
     "name at least one language, e.g. \"en\""},
    {"BadDefaults",
     [](SessionConfig& c) { c.list_defaults.warning = absl::Minutes(6); },
     "list_defaults",
     "warning 6:00 must be at least 0:00 and below the speaking time of 5:00"},
    {"TooManyReplies", [](SessionConfig& c) { c.reply.max_per_item = 6; },
     "reply.max_per_item", "allow between 1 and 5 replies per item"},
    {"NoReplies", [](SessionConfig& c) { c.reply.max_per_item = 0; },
     "reply.max_per_item", "allow between 1 and 5 replies per item"},
    {"ReplyLimitsCountMismatch",
     [](SessionConfig& c) { c.reply.limits.pop_back(); }, "reply.limits",
     "give one limit per allowed reply (2)"},
    {"ReplyLimitOutOfRange",
     [](SessionConfig& c) { c.reply.limits[1] = absl::Seconds(5); },
     "reply.limits[1]",
     "reply limit 0:05 is out of range; give between 0:10 and 2:00:00"},
    {"NoMeetings", [](SessionConfig& c) { c.meetings.clear(); }, "meetings",
     "define at least one meeting"},
    {"MeetingIdWithASpace",
     [](SessionConfig& c) { c.meetings[1].id = "expert group"; },
     "meetings[1].id",
     "meeting id \"expert group\" must be 1-64 letters, digits, '-', '_', "
     "'.', '(' or ')'"},
    {"DuplicateMeeting", [](SessionConfig& c) { c.meetings[1].id = "plenary"; },
     "meetings[1].id", "meeting \"plenary\" is defined twice"},
    {"MeetingWithoutName", [](SessionConfig& c) { c.meetings[0].name.clear(); },
     "meetings[0].name", "the meeting needs a name"},
    {"MeetingWithoutAgenda",
     [](SessionConfig& c) { c.meetings[1].agenda.clear(); },
     "meetings[1].agenda", "the meeting needs at least one agenda item"},
    {"DuplicateItem",
     [](SessionConfig& c) { c.meetings[0].agenda[1].id = "1 (f)"; },
     "meetings[0].agenda[1].id", "agenda item \"1 (f)\" appears twice"},
    {"ItemNamedReply",
     [](SessionConfig& c) { c.meetings[1].agenda[0].id = "reply"; },
     "meetings[1].agenda[0].id",
     "agenda item id \"reply\" must be 1-64 letters, digits, spaces, '(', ')', "
     "'-', '_' or "
     "'.', and not \"reply\""},
    {"ItemWithoutTitle",
     [](SessionConfig& c) { c.meetings[0].agenda[1].title.clear(); },
     "meetings[0].agenda[1].title", "the item needs a title"},
    {"SlotEndsBeforeItStarts",
     [](SessionConfig& c) {
       c.meetings[0].slots[0].end =
           c.meetings[0].slots[0].start - absl::Minutes(1);
     },
     "meetings[0].slots[0].end", "the slot must end after it starts"},
    {"EmptySlot",
     [](SessionConfig& c) {
       c.meetings[0].slots[0].end = c.meetings[0].slots[0].start;
     },
     "meetings[0].slots[0].end", "the slot must end after it starts"},
    {"SlotItemUnknown",
     [](SessionConfig& c) { c.meetings[0].slots[0].items.push_back("3"); },
     "meetings[0].slots[0].items[1]",
     "no agenda item \"3\" in meeting \"plenary\""},
    {"ListForUnknownMeeting",
     [](SessionConfig& c) { c.lists[0].meeting = "council"; },
     "lists[0].meeting", "no meeting \"council\""},
    {"ListForUnknownItem", [](SessionConfig& c) { c.lists[0].item = "1"; },
     "lists[0].item", "no agenda item \"1\" in meeting \"plenary\""},
    {"ListDefinedTwice",
     [](SessionConfig& c) { c.lists.push_back(c.lists[0]); }, "lists[1]",
     "the list for item 1 (f) of meeting \"plenary\" is defined twice"},
    {"ListClosesBeforeItOpens",
     [](SessionConfig& c) { c.lists[0].settings.closes_at = ListOpensAt(); },
     "lists[0]",
     "the list must close after it opens; check opens_at and closes_at"},
    {"DuplicateCode", [](SessionConfig& c) { c.delegations[1].code = "AUT"; },
     "delegations[1].code",
     "delegation code \"AUT\" appears twice (codes are read in any case)"},
    {"DuplicateCodeInAnotherCase",
     [](SessionConfig& c) { c.delegations[1].code = "aut"; },
     "delegations[1].code",
     "delegation code \"aut\" appears twice (codes are read in any case)"},
    {"EmptyCode", [](SessionConfig& c) { c.delegations[3].code = ""; },
     "delegations[3].code",
     "delegation code \"\" must be 1-16 letters, digits or '-'"},
    {"CodeWithASpace", [](SessionConfig& c) { c.delegations[0].code = "A T"; },
     "delegations[0].code",
     "delegation code \"A T\" must be 1-16 letters, digits or '-'"},
    {"CodeWithAnUnderscore",
     [](SessionConfig& c) { c.delegations[0].code = "A_T"; },
     "delegations[0].code",
     "delegation code \"A_T\" must be 1-16 letters, digits or '-'"},
    {"CodeTooLong",
     [](SessionConfig& c) { c.delegations[0].code = std::string(17, 'A'); },
     "delegations[0].code",
     "delegation code \"AAAAAAAAAAAAAAAAA\" must be 1-16 letters, digits or "
     "'-'"},
    {"NoEnglishName",
     [](SessionConfig& c) {
       c.delegations[2].names = {{"fr", "Chine"}};
     },
     "delegations[2].name", "delegation \"CHN\" needs an English name"},
    {"EmptyEnglishName",
     [](SessionConfig& c) { c.delegations[12].names["en"] = ""; },
     "delegations[12].name", "delegation \"TI\" needs an English name"},
};

INSTANTIATE_TEST_SUITE_P(Session, SessionCreateTest,
                         ::testing::ValuesIn(kBadConfigs),
                         [](const ::testing::TestParamInfo<BadConfig>& info) {
                           return info.param.label;
                         });

TEST(SessionTest, CreatesTheTestSession) {
  absl::StatusOr<Session> session = Session::Create(MakeSessionConfig());
  ASSERT_TRUE(session.ok()) << session.status();
  EXPECT_EQ(session->zone().name(), "Europe/Vienna");
  EXPECT_EQ(session->config().meetings.size(), 2u);
  EXPECT_EQ(session->FormatTime(ListClosesAt()),
            "12:00 on 6 November 2017, Vienna time");
  EXPECT_EQ(session->FormatTime(ListOpensAt()),
            "09:00 on 6 October 2017, Vienna time");
}

TEST(SessionTest, AcceptsTheLimitsOfCodes) {
  SessionConfig config = MakeSessionConfig();
  config.delegations[0].code = std::string(16, 'A');
  config.delegations[1].code = "EU-27";
  config.delegations[2].code = "1";
  EXPECT_TRUE(Session::Create(config).ok());
}

TEST(SessionTest, FindDelegationAndMeeting) {
  const std::shared_ptr<const Session> session = testing::MakeSession();
  const Delegation* eu = session->FindDelegation("EU");
  ASSERT_NE(eu, nullptr);
  EXPECT_EQ(eu->Name(), "European Union");
  EXPECT_EQ(eu->category, Category::kIntergovernmental);
  EXPECT_EQ(session->FindDelegation("eu"), nullptr);
  EXPECT_EQ(session->FindDelegation(""), nullptr);
  ASSERT_NE(session->FindMeeting("experts"), nullptr);
  EXPECT_EQ(session->FindMeeting("experts")->name, "Expert meeting");
  EXPECT_EQ(session->FindMeeting("Experts"), nullptr);
  EXPECT_EQ(session->FindMeeting("plenary")->FindItem("2")->title,
            "Review of implementation");
  EXPECT_EQ(session->FindMeeting("plenary")->FindItem("1"), nullptr);
}

TEST(SessionTest, FindDelegationAnyCaseGivesTheSessionsSpelling) {
  const std::shared_ptr<const Session> session = testing::MakeSession();
  for (const char* code : {"EU", "eu", "Eu", "eU"}) {
    const Delegation* eu = session->FindDelegationAnyCase(code);
    ASSERT_NE(eu, nullptr) << code;
    EXPECT_EQ(eu->code, "EU") << code;
  }
  EXPECT_EQ(session->FindDelegationAnyCase("ken")->code, "KEN");
  EXPECT_EQ(session->FindDelegationAnyCase("kenya"), nullptr);
  EXPECT_EQ(session->FindDelegationAnyCase(""), nullptr);
  // A code the session spells in lower case is found as it is and in
  // upper case.
  SessionConfig config = testing::MakeSessionConfig();
  config.delegations[0].code = "aut";
  absl::StatusOr<Session> lower = Session::Create(config);
  ASSERT_TRUE(lower.ok()) << lower.status();
  EXPECT_EQ(lower->FindDelegationAnyCase("AUT")->code, "aut");
  EXPECT_EQ(lower->FindDelegationAnyCase("aut")->code, "aut");
}

TEST(SessionTest, ACopiedSessionFindsItsOwnDelegations) {
  const std::shared_ptr<const Session> original = testing::MakeSession();
  const Session copy = *original;
  const Delegation* d = copy.FindDelegation("KEN");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d, &copy.config().delegations[5]);
  EXPECT_EQ(d->Name(), "Kenya");
}

TEST(SessionTest, SettingsForDefaultsAndOverrides) {
  const std::shared_ptr<const Session> session = testing::MakeSession();
  const ListSettings& general = session->SettingsFor("plenary", "1 (f)");
  EXPECT_EQ(general.opens_at, ListOpensAt());
  EXPECT_EQ(general.closes_at, ListClosesAt());
  EXPECT_EQ(general.speaking_time, absl::Minutes(5));
  EXPECT_EQ(general.warning, absl::Seconds(30));
  EXPECT_EQ(&general, &session->config().lists[0].settings);
  for (const auto& [meeting, item] :
       std::vector<std::pair<std::string, std::string>>{{"plenary", "2"},
                                                        {"experts", "1"},
                                                        {"experts", "1 (f)"},
                                                        {"council", "1"}}) {
    const ListSettings& s = session->SettingsFor(meeting, item);
    EXPECT_EQ(&s, &session->config().list_defaults) << meeting << "/" << item;
    EXPECT_EQ(s.opens_at, std::nullopt);
    EXPECT_EQ(s.closes_at, std::nullopt);
    EXPECT_EQ(s.absent, AbsentAction::kMoveToEndOfTier);
    EXPECT_EQ(s.policy, PriorityPolicy{});
  }
}

TEST(DelegationTest, NameFallsBackToEnglish) {
  const std::shared_ptr<const Session> session = testing::MakeSession();
  const Delegation& aut = *session->FindDelegation("AUT");
  EXPECT_EQ(aut.Name(), "Austria");
  EXPECT_EQ(aut.Name("fr"), "Autriche");
  EXPECT_EQ(aut.Name("es"), "Austria");
  EXPECT_EQ(aut.Name(""), "Austria");
  EXPECT_EQ(session->FindDelegation("FRA")->Name("fr"),
            "France");  // empty French name
  Delegation nameless;
  nameless.names["fr"] = "Sans nom";
  EXPECT_EQ(nameless.Name("fr"), "Sans nom");
  EXPECT_EQ(nameless.Name("en"), "");
}

TEST(DelegationTest, ParseRank) {
  for (int i = 0; i < kRankCount; ++i) {
    const Rank rank = static_cast<Rank>(i);
    EXPECT_EQ(ParseRank(RankName(rank)), rank) << RankName(rank);
  }
  EXPECT_EQ(ParseRank("MINISTER"), Rank::kMinister);
  EXPECT_EQ(ParseRank("head-of-state"), Rank::kHeadOfState);
  EXPECT_EQ(ParseRank("head_of_state"), Rank::kHeadOfState);
  EXPECT_EQ(ParseRank("HEAD_OF_GOVERNMENT"), Rank::kHeadOfGovernment);
  EXPECT_EQ(ParseRank("vice_minister"), Rank::kViceMinister);
  EXPECT_EQ(ParseRank("Vice Minister"), Rank::kViceMinister);
  EXPECT_EQ(ParseRank("deputy-head-of-state"), Rank::kDeputyHeadOfState);
  EXPECT_EQ(ParseRank("Crown Prince"), Rank::kDeputyHeadOfState);
  EXPECT_EQ(ParseRank("deputy head of State or crown prince"),
            Rank::kDeputyHeadOfState);
  EXPECT_EQ(ParseRank("Head of Delegation"), Rank::kHeadOfDelegation);
  EXPECT_EQ(ParseRank("OTHER"), Rank::kOther);
  for (const char* bad :
       {"", "king", "ministers", "head of", "vice-vice-minister"}) {
    EXPECT_EQ(ParseRank(bad), std::nullopt) << bad;
  }
}

TEST(DelegationTest, NamesOfRanksAndCategories) {
  EXPECT_EQ(RankName(Rank::kHeadOfState), "head of State");
  EXPECT_EQ(RankName(Rank::kViceMinister), "vice-minister");
  EXPECT_EQ(RankName(Rank::kOther), "other");
  EXPECT_EQ(CategoryName(Category::kStateParty), "State party");
  EXPECT_EQ(CategoryName(Category::kNonGovernmental),
            "non-governmental organization (rule 17)");
  EXPECT_TRUE(IsMinisterialRank(Rank::kHeadOfState));
  EXPECT_TRUE(IsMinisterialRank(Rank::kDeputyHeadOfState));
  EXPECT_TRUE(IsMinisterialRank(Rank::kHeadOfGovernment));
  EXPECT_TRUE(IsMinisterialRank(Rank::kMinister));
  EXPECT_FALSE(IsMinisterialRank(Rank::kViceMinister));
  EXPECT_FALSE(IsMinisterialRank(Rank::kHeadOfDelegation));
  EXPECT_FALSE(IsMinisterialRank(Rank::kOther));
}

TEST(SessionTest, IsValidId) {
  for (const char* good : {"1", "1 (f)", "plenary", "a-b_c.d", "2 (a) (ii)"}) {
    EXPECT_TRUE(IsValidId(good)) << good;
  }
  EXPECT_TRUE(IsValidId(std::string(64, 'x')));
  EXPECT_FALSE(IsValidId(std::string(65, 'x')));
  for (const char* bad : {"", " 1", "1 ", "a/b", "item:1", "\xC3\xA9"}) {
    EXPECT_FALSE(IsValidId(bad)) << bad;
  }
}

}  // namespace
}  // namespace speakers
