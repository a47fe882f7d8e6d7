// The command line of speakers-server: the admission limits, their
// refusals, and a --help that states the defaults the server really uses.
#include "server/platform/server_options.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/app/admission.h"

namespace speakers {
namespace {

using ::testing::HasSubstr;

absl::StatusOr<ServerOptions> Parse(std::vector<std::string> args) {
  std::vector<const char*> argv = {"speakers-server"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  return ParseServerOptions(static_cast<int>(argv.size()), argv.data());
}

TEST(ServerOptionsTest, TheLimitsAreTheServersDefaultsUnlessGiven) {
  absl::StatusOr<ServerOptions> options = Parse({});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_FALSE(options->max_anonymous_streams.has_value());
  EXPECT_FALSE(options->max_anonymous_streams_per_address.has_value());
  EXPECT_FALSE(options->max_streams_per_token.has_value());
  EXPECT_FALSE(options->delegation_command_burst.has_value());
  EXPECT_FALSE(options->delegation_commands_per_second.has_value());
}

TEST(ServerOptionsTest, EachLimitIsTakenInBothSpellings) {
  absl::StatusOr<ServerOptions> options = Parse(
      {"--max-anonymous-streams=20000", "--max-anonymous-streams-per-address",
       "10000", "--max-streams-per-token=500", "--delegation-command-burst=5",
       "--delegation-commands-per-second", "0.5"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->max_anonymous_streams, 20000u);
  EXPECT_EQ(options->max_anonymous_streams_per_address, 10000u);
  EXPECT_EQ(options->max_streams_per_token, 500u);
  EXPECT_EQ(options->delegation_command_burst, 5u);
  EXPECT_EQ(options->delegation_commands_per_second, 0.5);
}

TEST(ServerOptionsTest, ABadLimitIsRefusedNamingTheFlag) {
  struct Case {
    std::string arg;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"--max-anonymous-streams=0",
       "--max-anonymous-streams takes a whole number of at least 1, not \"0\""},
      {"--max-streams-per-token=-3",
       "--max-streams-per-token takes a whole number of at least 1, not "
       "\"-3\""},
      {"--delegation-command-burst=many",
       "--delegation-command-burst takes a whole number of at least 1, not "
       "\"many\""},
      {"--delegation-commands-per-second=0",
       "--delegation-commands-per-second takes a number above 0 (e.g. 2 or "
       "0.5), not \"0\""},
      {"--delegation-commands-per-second=nan",
       "--delegation-commands-per-second takes a number above 0 (e.g. 2 or "
       "0.5), not \"nan\""},
      {"--max-anonymous-streams-per-address",
       "--max-anonymous-streams-per-address needs a value"},
      {"--max-streams=3", "unknown flag --max-streams; see --help"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<ServerOptions> options = Parse({c.arg});
    EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument)
        << c.arg;
    EXPECT_EQ(options.status().message(), c.message) << c.arg;
  }
}

TEST(ServerOptionsTest, TheHelpStatesTheDefaultsTheServerUses) {
  const Admission::Options defaults;
  const std::string usage = ServerUsage();
  EXPECT_THAT(usage, HasSubstr(absl::StrCat(
                         "without a token, all meetings and\n"
                         "                     addresses together (default ",
                         defaults.anonymous_streams, ")")));
  EXPECT_THAT(usage, HasSubstr(absl::StrCat(
                         "the same from one network address (default ",
                         defaults.anonymous_streams_per_address, ";")));
  EXPECT_THAT(usage, HasSubstr(absl::StrCat("a hall's displays (default ",
                                            defaults.streams_per_holder, ")")));
  EXPECT_THAT(usage, HasSubstr(absl::StrCat("may send at once (default ",
                                            defaults.command_burst, ")")));
  EXPECT_THAT(usage,
              HasSubstr(absl::StrCat("seconds (default ",
                                     defaults.commands_per_second, ")")));
}

}  // namespace
}  // namespace speakers
