// Names and titles in the session's languages: the session's, a meeting's
// and an agenda item's names beside the English field (`names`, `titles`),
// each refused with the thing it names and its place when its language is
// not one of the session's, is English (the field itself), comes twice or
// has no text.
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/session_loader.h"
#include "server/domain/session.h"
#include "tests/config/session_files.h"

namespace speakers {
namespace {

using ::speakers::config_testing::kSmallSession;
using ::speakers::config_testing::kSource;
using ::speakers::config_testing::PositionOf;
using ::speakers::config_testing::ReplaceOnce;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

constexpr absl::string_view kMeetingName = "  name: \"Plenary\"";
constexpr absl::string_view kItem =
    "  agenda { id: \"1 (f)\" title: \"General discussion\" }";

// The small session with French names for the session, the plenary and
// its item 1 (f).
std::string WithFrenchNames() {
  std::string text = ReplaceOnce(
      kSmallSession, "short_name: ",
      "names { lang: \"fr\" text: \"Session d’essai\" }\nshort_name: ");
  text = ReplaceOnce(
      text, kMeetingName,
      absl::StrCat(kMeetingName,
                   " names { lang: \"fr\" text: \"Séance plénière\" }"));
  return ReplaceOnce(text, kItem,
                     "  agenda { id: \"1 (f)\" title: \"General discussion\" "
                     "titles { lang: \"fr\" text: \"Débat général\" } }");
}

TEST(LocalizedNamesTest, NamesAndTitlesLoadBesideTheEnglish) {
  absl::StatusOr<Session> session =
      ParseSessionText(WithFrenchNames(), kSource);
  ASSERT_TRUE(session.ok()) << session.status();
  const SessionConfig& c = session->config();
  EXPECT_EQ(c.name, "Test session");
  EXPECT_THAT(c.names, ElementsAre(Pair("fr", "Session d’essai")));
  const MeetingConfig& plenary = c.meetings[0];
  EXPECT_EQ(plenary.name, "Plenary");
  EXPECT_THAT(plenary.names, ElementsAre(Pair("fr", "Séance plénière")));
  EXPECT_EQ(plenary.agenda[0].title, "General discussion");
  EXPECT_THAT(plenary.agenda[0].titles,
              ElementsAre(Pair("fr", "Débat général")));
  // Item 2 has none: the English title stands for every language.
  EXPECT_THAT(plenary.agenda[1].titles, IsEmpty());
  EXPECT_THAT(c.meetings[1].names, IsEmpty());
}

struct BadName {
  std::string label;
  std::string from;  // replaced in WithFrenchNames()
  std::string to;
  std::string at;       // the text the error points at (its first occurrence)
  std::string message;  // after "small.textproto:LINE:COLUMN: "
};

class BadNameTest : public ::testing::TestWithParam<BadName> {};

TEST_P(BadNameTest, IsRefusedNamingTheThingAndItsPlace) {
  const BadName& bad = GetParam();
  const std::string text = ReplaceOnce(WithFrenchNames(), bad.from, bad.to);
  ASSERT_FALSE(::testing::Test::HasFailure());
  absl::StatusOr<Session> session = ParseSessionText(text, kSource);
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      std::string(session.status().message()),
      absl::StrCat(kSource, ":", PositionOf(text, bad.at), ": ", bad.message));
}

const BadName kBadNames[] = {
    {"UnknownLanguageOfAMeeting", "lang: \"fr\" text: \"Séance plénière\"",
     "lang: \"de\" text: \"Plenarsitzung\"", "lang: \"de\"",
     "meetings[0].names[0].lang: meeting \"plenary\": \"de\" is not one of "
     "the session's languages (en, fr)"},
    {"EnglishGivenTwiceForAnItem", "lang: \"fr\" text: \"Débat général\"",
     "lang: \"en\" text: \"General debate\"",
     "lang: \"en\" text: \"General debate",
     "meetings[0].agenda[0].titles[0].lang: meeting \"plenary\", item "
     "\"1 (f)\": the English name is the field itself; give only the other "
     "languages here"},
    {"DuplicateLanguageOfAnItem",
     "titles { lang: \"fr\" text: \"Débat général\" }",
     "titles { lang: \"fr\" text: \"Débat général\" } "
     "titles { lang: \"fr\" text: \"Discussion générale\" }",
     "lang: \"fr\" text: \"Discussion",
     "meetings[0].agenda[0].titles[1].lang: meeting \"plenary\", item "
     "\"1 (f)\": a second name in \"fr\""},
    {"EmptyTitle", "text: \"Débat général\"", "text: \"  \"", "text: \"  \"",
     "meetings[0].agenda[0].titles[0].text: meeting \"plenary\", item "
     "\"1 (f)\": the name in \"fr\" is empty"},
    {"EmptySessionName", "text: \"Session d’essai\"", "text: \"\"",
     "text: \"\"",
     "names[0].text: the session's name: the name in \"fr\" is empty"},
    {"UnknownLanguageOfTheSession", "lang: \"fr\" text: \"Session d’essai\"",
     "lang: \"FR\" text: \"Session d’essai\"", "lang: \"FR\"",
     "names[0].lang: the session's name: \"FR\" is not one of the session's "
     "languages (en, fr)"},
};

INSTANTIATE_TEST_SUITE_P(LocalizedNames, BadNameTest,
                         ::testing::ValuesIn(kBadNames),
                         [](const ::testing::TestParamInfo<BadName>& info) {
                           return info.param.label;
                         });

}  // namespace
}  // namespace speakers
