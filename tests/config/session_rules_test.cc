// Every rule of the domain's Session validation (Session::Create,
// ListSettings::Validate) that a session file can break, broken in a file:
// each is refused with its exact message, its field path and the place in
// the file the path leads to.
//
// Two rules of Session::Create cannot be reached from a file: the time
// zone (the converter refuses an unknown zone first, see
// session_values_test) and "at least one language" (an empty list keeps
// the default "en").
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/config/session_loader.h"
#include "server/domain/session.h"
#include "tests/config/session_files.h"

namespace speakers {
namespace {

using ::speakers::config_testing::kSmallSession;
using ::speakers::config_testing::kSource;
using ::speakers::config_testing::ReplaceOnce;

struct BrokenRule {
  std::string label;
  std::string from;  // replaced in kSmallSession
  std::string to;
  std::string where;  // "LINE:COLUMN"; empty: nothing to point at
  std::string path;
  std::string message;  // after "small.textproto:WHERE: PATH: "
};

class SessionRuleTest : public ::testing::TestWithParam<BrokenRule> {};

TEST_P(SessionRuleTest, IsRefusedWithItsMessageAndPlace) {
  const BrokenRule& bad = GetParam();
  const std::string text = ReplaceOnce(kSmallSession, bad.from, bad.to);
  ASSERT_FALSE(::testing::Test::HasFailure());
  absl::StatusOr<Session> session = ParseSessionText(text, kSource);
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string place = bad.where.empty()
                                ? std::string(kSource)
                                : absl::StrCat(kSource, ":", bad.where);
  EXPECT_EQ(std::string(session.status().message()),
            absl::StrCat(place, ": ", bad.path, ": ", bad.message));
}

constexpr char kBadMeetingId[] =
    "\" must be 1-64 letters, digits, '-', '_', '.', '(' or ')'";
constexpr char kBadItemId[] =
    "\" must be 1-64 letters, digits, spaces, '(', ')', '-', '_' or '.', and "
    "not \"reply\"";
constexpr char kBadCode[] = "\" must be 1-16 letters, digits or '-'";
constexpr char kOutOfRange[] =
    " is out of range; give between 0:10 and 2:00:00";
constexpr char kCloseAfterOpen[] =
    "the list must close after it opens; check opens_at and closes_at";

const BrokenRule kBrokenRules[] = {
    // The session.
    {"EmptyName", "name: \"Test session\"", "name: \"\"", "1:1", "name",
     "the session needs a name"},
    {"NoName", "name: \"Test session\"\n", "", "", "name",
     "the session needs a name"},
    {"DefaultSpeakingTimeTooShort", "speaking_time: \"5:00\"",
     "speaking_time: \"0:09\"", "6:1", "list_defaults",
     absl::StrCat("speaking time 0:09", kOutOfRange)},
    {"DefaultWarningNotBelowTheSpeakingTime", "warning: \"0:30\"",
     "warning: \"5:00\"", "6:1", "list_defaults",
     "warning 5:00 must be at least 0:00 and below the speaking time of 5:00"},
    // Rights of reply.
    {"SixRepliesPerItem", "max_per_item: 2", "max_per_item: 6", "7:9",
     "reply.max_per_item", "allow between 1 and 5 replies per item"},
    {"NegativeRepliesPerItem", "max_per_item: 2", "max_per_item: -1", "7:9",
     "reply.max_per_item", "allow between 1 and 5 replies per item"},
    {"FewerLimitsThanReplies", "max_per_item: 2", "max_per_item: 3", "7:25",
     "reply.limits", "give one limit per allowed reply (3)"},
    {"MoreLimitsThanReplies", "[\"10:00\", \"5:00\"]",
     "[\"10:00\", \"5:00\", \"3:00\"]", "7:25", "reply.limits",
     "give one limit per allowed reply (2)"},
    // A later element of a list written as [...] has no place of its own:
    // the enclosing block is pointed at.
    {"ReplyLimitTooShort", "\"5:00\"]", "\"0:05\"]", "7:1", "reply.limits[1]",
     absl::StrCat("reply limit 0:05", kOutOfRange)},
    {"ReplyLimitTooLong", "[\"10:00\",", "[\"2:00:01\",", "7:25",
     "reply.limits[0]", absl::StrCat("reply limit 2:00:01", kOutOfRange)},
    // Meetings.
    {"EmptyMeetingId", "id: \"plenary\"", "id: \"\"", "9:3", "meetings[0].id",
     absl::StrCat("meeting id \"", kBadMeetingId)},
    {"MeetingWithoutId", "  id: \"plenary\"\n", "", "8:1", "meetings[0].id",
     absl::StrCat("meeting id \"", kBadMeetingId)},
    {"MeetingIdWithASpace", "id: \"experts\"", "id: \"expert group\"", "16:3",
     "meetings[1].id",
     absl::StrCat("meeting id \"expert group", kBadMeetingId)},
    {"MeetingIdWithASlash", "id: \"experts\"", "id: \"experts/1\"", "16:3",
     "meetings[1].id", absl::StrCat("meeting id \"experts/1", kBadMeetingId)},
    {"MeetingIdOf65Characters", "id: \"experts\"",
     absl::StrCat("id: \"", std::string(65, 'x'), "\""), "16:3",
     "meetings[1].id",
     absl::StrCat("meeting id \"", std::string(65, 'x'), kBadMeetingId)},
    {"DuplicateMeetingId", "id: \"experts\"", "id: \"plenary\"", "16:3",
     "meetings[1].id", "meeting \"plenary\" is defined twice"},
    {"MeetingWithoutName", "name: \"Plenary\"", "name: \"\"", "10:3",
     "meetings[0].name", "the meeting needs a name"},
    {"MeetingWithoutAgenda",
     "  agenda { id: \"1\" title: \"Organizational matters\" }\n", "", "15:1",
     "meetings[1].agenda", "the meeting needs at least one agenda item"},
    // Agenda items.
    {"EmptyItemId", "agenda { id: \"2\"", "agenda { id: \"\"", "12:12",
     "meetings[0].agenda[1].id", absl::StrCat("agenda item id \"", kBadItemId)},
    {"ItemIdWithALeadingSpace", "agenda { id: \"2\"", "agenda { id: \" 2\"",
     "12:12", "meetings[0].agenda[1].id",
     absl::StrCat("agenda item id \" 2", kBadItemId)},
    {"ItemIdWithATrailingSpace", "agenda { id: \"2\"", "agenda { id: \"2 \"",
     "12:12", "meetings[0].agenda[1].id",
     absl::StrCat("agenda item id \"2 ", kBadItemId)},
    {"ItemCalledReply", "agenda { id: \"2\"", "agenda { id: \"reply\"", "12:12",
     "meetings[0].agenda[1].id",
     absl::StrCat("agenda item id \"reply", kBadItemId)},
    {"DuplicateItem", "agenda { id: \"2\"", "agenda { id: \"1 (f)\"", "12:12",
     "meetings[0].agenda[1].id", "agenda item \"1 (f)\" appears twice"},
    {"ItemWithoutTitle", "title: \"Review of implementation\"", "title: \"\"",
     "12:20", "meetings[0].agenda[1].title", "the item needs a title"},
    // Slots.
    {"SlotEndsBeforeItStarts", "end: \"2017-11-06 13:00\"",
     "end: \"2017-11-06 09:59\"", "13:37", "meetings[0].slots[0].end",
     "the slot must end after it starts"},
    {"SlotEndsWhenItStarts", "end: \"2017-11-06 13:00\"",
     "end: \"2017-11-06 10:00\"", "13:37", "meetings[0].slots[0].end",
     "the slot must end after it starts"},
    {"SlotWithAnUnknownItem", "items: [\"1 (f)\"]", "items: [\"1 (f)\", \"3\"]",
     "13:3", "meetings[0].slots[0].items[1]",
     "no agenda item \"3\" in meeting \"plenary\""},
    {"SlotWithAnotherMeetingsItem", "items: [\"1 (f)\"]", "items: [\"1\"]",
     "13:61", "meetings[0].slots[0].items[0]",
     "no agenda item \"1\" in meeting \"plenary\""},
    // Lists.
    {"ListOfAnUnknownMeeting", "meeting: \"plenary\"", "meeting: \"council\"",
     "21:3", "lists[0].meeting", "no meeting \"council\""},
    {"ListWithoutMeeting", "  meeting: \"plenary\"\n", "", "20:1",
     "lists[0].meeting", "no meeting \"\""},
    {"ListOfAnUnknownItem", "item: \"1 (f)\"", "item: \"1\"", "22:3",
     "lists[0].item", "no agenda item \"1\" in meeting \"plenary\""},
    {"ListWithoutItem", "  item: \"1 (f)\"\n", "", "20:1", "lists[0].item",
     "no agenda item \"\" in meeting \"plenary\""},
    {"ListDefinedTwice", "delegations { code: \"AUT\"",
     "lists { meeting: \"plenary\" item: \"1 (f)\" }\ndelegations { code: "
     "\"AUT\"",
     "28:1", "lists[1]",
     "the list for item 1 (f) of meeting \"plenary\" is defined twice"},
    {"ListClosesWhenItOpens", "closes_at: \"2017-11-06 12:00\"",
     "closes_at: \"2017-10-06 09:00\"", "20:1", "lists[0]", kCloseAfterOpen},
    {"ListClosesBeforeItOpens", "closes_at: \"2017-11-06 12:00\"",
     "closes_at: \"2017-10-05 12:00\"", "20:1", "lists[0]", kCloseAfterOpen},
    {"ListSpeakingTimeTooLong", "speaking_time: \"4:00\"",
     "speaking_time: \"2:00:01\"", "20:1", "lists[0]",
     absl::StrCat("speaking time 2:00:01", kOutOfRange)},
    {"ListWarningNotBelowItsSpeakingTime", "warning: \"0:20\"",
     "warning: \"4:00\"", "20:1", "lists[0]",
     "warning 4:00 must be at least 0:00 and below the speaking time of 4:00"},
    // The list's own speaking time with the defaults' warning (0:30).
    {"InheritedWarningNotBelowTheListsSpeakingTime",
     "  speaking_time: \"4:00\"\n  warning: \"0:20\"\n",
     "  speaking_time: \"0:30\"\n", "20:1", "lists[0]",
     "warning 0:30 must be at least 0:00 and below the speaking time of 0:30"},
    // Delegations.
    {"EmptyCode", "code: \"EU\"", "code: \"\"", "30:15", "delegations[2].code",
     absl::StrCat("delegation code \"", kBadCode)},
    {"DelegationWithoutCode", "code: \"EU\" ", "", "30:1",
     "delegations[2].code", absl::StrCat("delegation code \"", kBadCode)},
    {"CodeWithASpace", "code: \"EU\"", "code: \"E U\"", "30:15",
     "delegations[2].code", absl::StrCat("delegation code \"E U", kBadCode)},
    {"CodeOf17Characters", "code: \"EU\"", "code: \"EUROPEAN-UNION-27\"",
     "30:15", "delegations[2].code",
     absl::StrCat("delegation code \"EUROPEAN-UNION-27", kBadCode)},
    {"DuplicateCode", "code: \"FRA\"", "code: \"AUT\"", "29:15",
     "delegations[1].code",
     "delegation code \"AUT\" appears twice (codes are read in any case)"},
    {"NoEnglishName", "name { lang: \"en\" text: \"Austria\" }",
     "name { lang: \"de\" text: \"Oesterreich\" }", "28:49",
     "delegations[0].name", "delegation \"AUT\" needs an English name"},
    {"EmptyEnglishName", "text: \"Austria\"", "text: \"\"", "28:49",
     "delegations[0].name", "delegation \"AUT\" needs an English name"},
    {"NoNameAtAll", " name { lang: \"en\" text: \"European Union\" }", "",
     "30:1", "delegations[2].name", "delegation \"EU\" needs an English name"},
};

INSTANTIATE_TEST_SUITE_P(SessionRules, SessionRuleTest,
                         ::testing::ValuesIn(kBrokenRules),
                         [](const ::testing::TestParamInfo<BrokenRule>& info) {
                           return info.param.label;
                         });

// A file without meetings: nothing to point at but the file.
TEST(SessionRulesTest, ASessionWithoutMeetingsIsRefused) {
  absl::StatusOr<Session> session =
      ParseSessionText("name: \"No meetings\"\n", "none.textproto");
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(session.status().message()),
            "none.textproto: meetings: define at least one meeting");
}

// The limits themselves are accepted: 0:10 and 2:00:00, five replies, a
// warning of 0:00, ids of 64 characters and codes of 16.
TEST(SessionRulesTest, TheLimitsThemselvesAreAccepted) {
  std::string text = ReplaceOnce(
      kSmallSession, "reply { max_per_item: 2 limits: [\"10:00\", \"5:00\"] }",
      "reply { max_per_item: 5 limits: [\"0:10\", \"2:00:00\", \"1:00\", "
      "\"1:00\", \"1:00\"] }");
  text =
      ReplaceOnce(text, "speaking_time: \"4:00\"", "speaking_time: \"0:10\"");
  text = ReplaceOnce(text, "warning: \"0:20\"", "warning: \"0:00\"");
  text = ReplaceOnce(text, "id: \"experts\"",
                     absl::StrCat("id: \"", std::string(64, 'x'), "\""));
  text = ReplaceOnce(text, "code: \"EU\"", "code: \"EUROPEAN-UNION-2\"");
  absl::StatusOr<Session> session = ParseSessionText(text, kSource);
  ASSERT_TRUE(session.ok()) << session.status();
  EXPECT_EQ(session->config().reply.max_per_item, 5);
  EXPECT_EQ(session->SettingsFor("plenary", "1 (f)").speaking_time,
            absl::Seconds(10));
  EXPECT_NE(session->FindMeeting(std::string(64, 'x')), nullptr);
  EXPECT_NE(session->FindDelegation("EUROPEAN-UNION-2"), nullptr);
}

}  // namespace
}  // namespace speakers
