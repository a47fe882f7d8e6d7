#include "client/cli_args.h"

#include "gtest/gtest.h"

namespace speakers::cli {
namespace {

TEST(CliArgsTest, SplitsCommandArgumentsAndOptions) {
  absl::StatusOr<CliArgs> args = CliArgs::Parse(
      {"--json", "move", "FRA", "--item", "1 (f)", "2", "--meeting=plenary"});
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->command(), "move");
  EXPECT_EQ(args->args(), (std::vector<std::string>{"FRA", "2"}));
  EXPECT_TRUE(args->Has("json"));
  EXPECT_EQ(args->Get("json"), "");
  EXPECT_EQ(args->Get("item"), "1 (f)");
  EXPECT_EQ(args->Get("meeting"), "plenary");
  EXPECT_EQ(args->Get("token"), std::nullopt);
  EXPECT_EQ(args->option_names(),
            (std::vector<std::string>{"json", "item", "meeting"}));
}

TEST(CliArgsTest, NegativeDurationsAreArguments) {
  absl::StatusOr<CliArgs> args = CliArgs::Parse({"add-time", "-0:30"});
  ASSERT_TRUE(args.ok());
  EXPECT_EQ(args->args(), (std::vector<std::string>{"-0:30"}));
}

TEST(CliArgsTest, ValuesMayContainEqualsSigns) {
  absl::StatusOr<CliArgs> args = CliArgs::Parse({"inscribe", "--name=A=B"});
  ASSERT_TRUE(args.ok());
  EXPECT_EQ(args->Get("name"), "A=B");
}

TEST(CliArgsTest, ShortHelpAndDoubleDash) {
  absl::StatusOr<CliArgs> args = CliArgs::Parse({"-h", "list", "--", "--json"});
  ASSERT_TRUE(args.ok());
  EXPECT_TRUE(args->Has("help"));
  EXPECT_FALSE(args->Has("json"));
  EXPECT_EQ(args->args(), (std::vector<std::string>{"--json"}));
}

TEST(CliArgsTest, Errors) {
  EXPECT_EQ(CliArgs::Parse({"--nope"}).status().message(),
            "unknown option \"--nope\"");
  EXPECT_EQ(CliArgs::Parse({"--once=1"}).status().message(),
            "option \"--once\" takes no value");
  EXPECT_EQ(CliArgs::Parse({"list", "--item"}).status().message(),
            "option \"--item\" needs a value: --item=ITEM");
  EXPECT_EQ(CliArgs::Parse({"--json", "--json"}).status().message(),
            "option \"--json\" is given twice");
}

}  // namespace
}  // namespace speakers::cli
