// Walks every row of the command table: each has its help, its options and
// its RPC, and every RPC of the service is reachable from some row.
#include "client/command_table.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "client/command_parser.h"
#include "client/option_table.h"
#include "client/speakers_client.h"
#include "client/usage_text.h"
#include "gtest/gtest.h"

namespace speakers::cli {
namespace {

// RPCs that no CLI command calls yet, each with the reason. A new RPC
// needs a row in the table, or a line here.
const std::set<std::string>& RpcsWithoutCommand() {
  static const auto* const kRpcs = new std::set<std::string>{
      // A delegation's live position: the delegate page shows it.
      "WatchDelegation",
  };
  return *kRpcs;
}

TEST(CommandTableTest, EveryRowHasHelpAndKnownOptions) {
  for (const CommandSpec& spec : AllCommands()) {
    SCOPED_TRACE(spec.name);
    EXPECT_FALSE(spec.name.empty());
    EXPECT_FALSE(spec.group.empty());
    EXPECT_FALSE(spec.summary.empty());
    EXPECT_LE(0, spec.min_args);
    EXPECT_LE(spec.min_args, spec.max_args);
    for (absl::string_view option : spec.options) {
      const OptionSpec* known = FindOption(option);
      ASSERT_NE(known, nullptr) << option;
      EXPECT_FALSE(IsGlobalOption(option)) << option;
      EXPECT_FALSE(known->help.empty()) << option;
    }
    ASSERT_TRUE(spec.request.build) << "no request builder";
    EXPECT_TRUE(spec.run) << "no action";
  }
}

TEST(CommandTableTest, HelpWorksForEveryRow) {
  const CommandParser parser([](absl::string_view) { return std::nullopt; });
  const std::string main_usage = MainUsage();
  for (const CommandSpec& spec : AllCommands()) {
    SCOPED_TRACE(spec.name);
    absl::StatusOr<ParsedCommand> parsed =
        parser.Parse({std::string(spec.name), "--help"});
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    ASSERT_TRUE(parsed->help.has_value());
    const std::string& help = *parsed->help;
    EXPECT_EQ(help, CommandUsage(*FindCommand(spec.name)));
    EXPECT_EQ(help.rfind(absl::StrCat("usage: speakers ", spec.name), 0), 0u)
        << help;
    for (absl::string_view option : spec.options) {
      EXPECT_TRUE(absl::StrContains(help, FindOption(option)->usage))
          << option << " in\n"
          << help;
    }
    EXPECT_NE(main_usage.find(absl::StrCat("\n  ", spec.name)),
              std::string::npos);
  }
}

TEST(CommandTableTest, RowsOfOneNameTakeDifferentArgumentCounts) {
  const std::vector<CommandSpec>& rows = AllCommands();
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t j = i + 1; j < rows.size(); ++j) {
      if (rows[i].name != rows[j].name) continue;
      SCOPED_TRACE(rows[i].name);
      EXPECT_TRUE(rows[i].max_args < rows[j].min_args ||
                  rows[j].max_args < rows[i].min_args);
    }
  }
}

TEST(CommandTableTest, TheRowsOfAGroupComeTogether) {
  std::vector<absl::string_view> groups;
  for (const CommandSpec& spec : AllCommands()) {
    if (!groups.empty() && groups.back() == spec.group) continue;
    EXPECT_EQ(std::find(groups.begin(), groups.end(), spec.group), groups.end())
        << spec.group << " again at " << spec.name;
    groups.push_back(spec.group);
  }
}

TEST(CommandTableTest, EveryRowCallsAnRpcOfTheServiceWithItsRequest) {
  for (const CommandSpec& spec : AllCommands()) {
    SCOPED_TRACE(spec.name);
    absl::StatusOr<const google::protobuf::MethodDescriptor*> method =
        client::SpeakersClient::FindMethod(spec.rpc);
    ASSERT_TRUE(method.ok()) << method.status();
    EXPECT_EQ(spec.request.type, (*method)->input_type())
        << spec.request.type->full_name() << " for " << spec.rpc;
  }
}

TEST(CommandTableTest, EveryRpcOfTheServiceHasARow) {
  const google::protobuf::ServiceDescriptor& service =
      client::SpeakersClient::Service();
  int commands = 0;
  for (int i = 0; i < service.method_count(); ++i) {
    const google::protobuf::MethodDescriptor& method = *service.method(i);
    SCOPED_TRACE(method.name());
    const bool reachable = std::any_of(
        AllCommands().begin(), AllCommands().end(),
        [&](const CommandSpec& spec) { return spec.rpc == method.name(); });
    // Commands (their requests have a request_id) may never be left out.
    const bool command =
        method.input_type()->FindFieldByName("request_id") != nullptr;
    if (command) ++commands;
    if (!command && RpcsWithoutCommand().count(method.name()) > 0) {
      EXPECT_FALSE(reachable) << "it has a row now: drop its exception";
    } else {
      EXPECT_TRUE(reachable) << "no command calls it: add a row to "
                                "client/command_table.cc";
    }
  }
  EXPECT_GE(commands, 19);  // the request_id test sees the commands
}

}  // namespace
}  // namespace speakers::cli
