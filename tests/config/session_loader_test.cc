// The session file loader (server/config/session_loader): text that does
// not parse is refused as "FILE:LINE:COLUMN: what the parser says", only the
// first error is reported, value errors point at the field's place (or at
// the nearest enclosing block written in the file, or at the file alone),
// and files are read from disk with their path as the source.
#include "server/config/session_loader.h"

#include <filesystem>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/domain/session.h"
#include "tests/config/session_files.h"
#include "tests/testing/server_process.h"

namespace speakers {
namespace {

using ::speakers::config_testing::kSmallSession;
using ::speakers::config_testing::kSource;
using ::speakers::config_testing::ReplaceOnce;

// The small session parses and validates: the other tests break only what
// they name.
TEST(SessionLoaderTest, TheSmallSessionLoads) {
  absl::StatusOr<Session> session = ParseSessionText(kSmallSession, kSource);
  ASSERT_TRUE(session.ok()) << session.status();
  EXPECT_EQ(session->config().name, "Test session");
}

struct BadText {
  std::string label;
  std::string from;  // replaced in kSmallSession
  std::string to;
  std::string message;  // the whole message
};

class ParseErrorTest : public ::testing::TestWithParam<BadText> {};

// Text that is not a SessionFile is INVALID_ARGUMENT with the place the
// parser stopped at: the token after the one it could not take (the colon
// after an unknown name, the end of the line of an unclosed string).
TEST_P(ParseErrorTest, IsRefusedWithItsPlace) {
  const BadText& bad = GetParam();
  const std::string text = ReplaceOnce(kSmallSession, bad.from, bad.to);
  ASSERT_FALSE(::testing::Test::HasFailure());
  absl::StatusOr<Session> session = ParseSessionText(text, kSource);
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(session.status().message()), bad.message);
}

const BadText kParseErrors[] = {
    {"UnknownField", "venue: ", "place: ",
     "small.textproto:3:6: Message type \"speakers.v1.SessionFile\" has no "
     "field named \"place\"."},
    {"UnknownNestedField", "  name: \"Expert meeting\"",
     "  title: \"Expert meeting\"",
     "small.textproto:17:8: Message type \"speakers.v1.MeetingDef\" has no "
     "field named \"title\"."},
    {"UnknownEnumValue", "category: INTERGOVERNMENTAL", "category: IGO",
     "small.textproto:30:40: Unknown enumeration value of \"IGO\" for field "
     "\"category\"."},
    {"StringWithoutItsClosingQuote", "venue: \"Vienna\"", "venue: \"Vienna",
     "small.textproto:3:15: String literals cannot cross line boundaries."},
    {"TextForANumber", "max_per_item: 2", "max_per_item: \"two\"",
     "small.textproto:7:23: Expected integer, got: \"two\""},
    {"NumberForAText", "short_name: \"TS/1\"", "short_name: 1",
     "small.textproto:2:13: Expected string, got: 1"},
    // The meeting's "}" then closes the agenda item, and "lists" is read as
    // a field of the meeting.
    {"BlockNotClosed",
     "  agenda { id: \"1\" title: \"Organizational matters\" }",
     "  agenda { id: \"1\" title: \"Organizational matters\"",
     "small.textproto:20:7: Message type \"speakers.v1.MeetingDef\" has no "
     "field named \"lists\"."},
    {"MissingColonBeforeAText", "venue: \"Vienna\"", "venue \"Vienna\"",
     "small.textproto:3:7: Expected \":\", found \"\"Vienna\"\"."},
    {"SingularFieldTwice", "venue: \"Vienna\"",
     "venue: \"Vienna\" venue: \"Wien\"",
     "small.textproto:3:22: Non-repeated field \"venue\" is specified multiple "
     "times."},
};

INSTANTIATE_TEST_SUITE_P(SessionLoader, ParseErrorTest,
                         ::testing::ValuesIn(kParseErrors),
                         [](const ::testing::TestParamInfo<BadText>& info) {
                           return info.param.label;
                         });

// Two mistakes: the first one is reported, alone.
TEST(SessionLoaderTest, OnlyTheFirstParseErrorIsReported) {
  std::string text = ReplaceOnce(kSmallSession, "venue: ", "place: ");
  text = ReplaceOnce(text, "category: INTERGOVERNMENTAL", "category: IGO");
  absl::StatusOr<Session> session = ParseSessionText(text, kSource);
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(std::string(session.status().message()),
            "small.textproto:3:6: Message type \"speakers.v1.SessionFile\" has "
            "no field named \"place\".");
}

// A value error points at the field; when the field itself was not
// written, at the nearest enclosing block that was; when nothing of it was
// written, at the file alone.
TEST(SessionLoaderTest, AValueErrorPointsAtTheNearestWrittenPlace) {
  // The field as written.
  absl::StatusOr<Session> written = ParseSessionText(
      ReplaceOnce(kSmallSession, "id: \"plenary\"", "id: \"\""), kSource);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(std::string(written.status().message()),
            "small.textproto:9:3: meetings[0].id: meeting id \"\" must be 1-64 "
            "letters, digits, '-', '_', '.', '(' or ')'");
  // The id left out: its meeting block.
  absl::StatusOr<Session> block = ParseSessionText(
      ReplaceOnce(kSmallSession, "  id: \"plenary\"\n", ""), kSource);
  ASSERT_FALSE(block.ok());
  EXPECT_EQ(std::string(block.status().message()),
            "small.textproto:8:1: meetings[0].id: meeting id \"\" must be 1-64 "
            "letters, digits, '-', '_', '.', '(' or ')'");
  // No name at all: the file.
  absl::StatusOr<Session> file = ParseSessionText(
      ReplaceOnce(kSmallSession, "name: \"Test session\"\n", ""), kSource);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(file.status().message()),
            "small.textproto: name: the session needs a name");
}

// An empty file is a session without a name.
TEST(SessionLoaderTest, AnEmptyTextIsASessionWithoutAName) {
  absl::StatusOr<Session> session = ParseSessionText("", "empty.textproto");
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(session.status().message()),
            "empty.textproto: name: the session needs a name");
}

class SessionFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::string> dir = testing::MakeTempDir("speakers-config");
    ASSERT_TRUE(dir.ok()) << dir.status();
    dir_ = *dir;
  }
  void TearDown() override {
    if (!dir_.empty()) testing::RemoveTree(dir_);
  }

  // Writes `text` to DIR/name and returns the path.
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    EXPECT_TRUE(testing::WriteFile(path, text)) << path;
    return path;
  }

  std::string dir_;
};

// A file on disk loads as its text does.
TEST_F(SessionFileTest, AFileLoadsLikeItsText) {
  const std::string path =
      Write("session.textproto", std::string(kSmallSession));
  absl::StatusOr<Session> from_file = LoadSessionFile(path);
  ASSERT_TRUE(from_file.ok()) << from_file.status();
  absl::StatusOr<Session> from_text = ParseSessionText(kSmallSession, kSource);
  ASSERT_TRUE(from_text.ok()) << from_text.status();
  EXPECT_EQ(from_file->config().name, from_text->config().name);
  EXPECT_EQ(from_file->config().meetings.size(), 2u);
  EXPECT_EQ(from_file->config().delegations.size(), 3u);
  EXPECT_EQ(from_file->SettingsFor("plenary", "1 (f)"),
            from_text->SettingsFor("plenary", "1 (f)"));
}

// Errors in a file name the file's path.
TEST_F(SessionFileTest, ErrorsNameTheFilesPath) {
  const std::string bad_value = Write(
      "zone.textproto",
      ReplaceOnce(kSmallSession, "\"Europe/Vienna\"", "\"Europe/Vienne\""));
  absl::StatusOr<Session> value = LoadSessionFile(bad_value);
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(value.status().message()),
            absl::StrCat(bad_value,
                         ":4:1: time_zone: unknown time zone "
                         "\"Europe/Vienne\"; use an IANA name such as "
                         "\"Europe/Vienna\""));
  const std::string bad_text = Write(
      "syntax.textproto", ReplaceOnce(kSmallSession, "venue: ", "place: "));
  absl::StatusOr<Session> syntax = LoadSessionFile(bad_text);
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(syntax.status().message()),
            absl::StrCat(bad_text,
                         ":3:6: Message type \"speakers.v1.SessionFile\" has "
                         "no field named \"place\"."));
}

// A file that is not there is NOT_FOUND and says what to check.
TEST_F(SessionFileTest, AMissingFileIsNotFound) {
  for (const std::string& path :
       {dir_ + "/missing.textproto", dir_ + "/no/such/dir/session.textproto"}) {
    absl::StatusOr<Session> session = LoadSessionFile(path);
    ASSERT_FALSE(session.ok()) << path;
    EXPECT_EQ(session.status().code(), absl::StatusCode::kNotFound) << path;
    EXPECT_EQ(std::string(session.status().message()),
              absl::StrCat("cannot read the session file ", path,
                           "; check the path (--session) and its permissions"));
  }
}

// A directory is not a session file: refused as unreadable, like a file
// that is not there (it used to be read as an empty text and refused as
// "PATH: name: the session needs a name", which sent the reader to the
// wrong place).
TEST_F(SessionFileTest, ADirectoryIsNotASessionFile) {
  const std::string path = dir_ + "/sessions";
  std::filesystem::create_directories(path);
  absl::StatusOr<Session> session = LoadSessionFile(path);
  ASSERT_FALSE(session.ok());
  const char* bug = "a directory must be refused as unreadable";
  EXPECT_EQ(session.status().code(), absl::StatusCode::kNotFound) << bug;
  EXPECT_EQ(std::string(session.status().message()),
            absl::StrCat("cannot read the session file ", path,
                         "; check the path (--session) and its permissions"))
      << bug;
}

}  // namespace
}  // namespace speakers
