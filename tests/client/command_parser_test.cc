#include "client/command_parser.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/command_table.h"
#include "client/usage_text.h"
#include "gtest/gtest.h"
#include "tests/client/test_protos.h"

namespace speakers::cli {
namespace {

using ::speakers::testing::EqualsProto;

class CommandParserTest : public ::testing::Test {
 protected:
  absl::StatusOr<ParsedCommand> Parse(std::vector<std::string> words) {
    CommandParser parser(
        [this](absl::string_view name) -> std::optional<std::string> {
          auto it = env_.find(std::string(name));
          if (it == env_.end()) return std::nullopt;
          return it->second;
        });
    return parser.Parse(words);
  }

  // The usage error of `words` (fails when they parse).
  std::string Error(std::vector<std::string> words) {
    absl::StatusOr<ParsedCommand> parsed = Parse(words);
    EXPECT_FALSE(parsed.ok());
    if (parsed.ok()) return "";
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(parsed.status().message());
  }

  std::map<std::string, std::string> env_;
};

// ---- Global options and help ----

TEST_F(CommandParserTest, DefaultsToLocalServerWithoutToken) {
  absl::StatusOr<ParsedCommand> parsed = Parse({"session"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->global.address, "127.0.0.1:50051");
  EXPECT_EQ(parsed->global.token, "");
  EXPECT_FALSE(parsed->global.json);
  EXPECT_EQ(parsed->command->rpc, "GetSession");
  EXPECT_NE(parsed->As<v1::GetSessionRequest>(), nullptr);
  EXPECT_FALSE(parsed->help.has_value());
}

TEST_F(CommandParserTest, ReadsAddressAndTokenFromEnvironment) {
  env_ = {{"SPEAKERS_ADDRESS", "10.0.0.5:6000"}, {"SPEAKERS_TOKEN", "s3cret"}};
  absl::StatusOr<ParsedCommand> parsed = Parse({"session"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->global.address, "10.0.0.5:6000");
  EXPECT_EQ(parsed->global.token, "s3cret");
}

TEST_F(CommandParserTest, FlagsWinOverEnvironmentAndMayComeFirst) {
  env_ = {{"SPEAKERS_ADDRESS", "10.0.0.5:6000"}, {"SPEAKERS_TOKEN", "s3cret"}};
  absl::StatusOr<ParsedCommand> parsed =
      Parse({"--address=host:1", "--token", "chair-token", "--json", "list"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->global.address, "host:1");
  EXPECT_EQ(parsed->global.token, "chair-token");
  EXPECT_TRUE(parsed->global.json);
}

TEST_F(CommandParserTest, TakesTheCaFromTheEnvironmentOrTheFlag) {
  env_ = {{"SPEAKERS_CA", "/etc/speakers/ca.crt"}};
  absl::StatusOr<ParsedCommand> from_env = Parse({"session"});
  ASSERT_TRUE(from_env.ok()) << from_env.status();
  EXPECT_EQ(from_env->global.ca, "/etc/speakers/ca.crt");
  EXPECT_FALSE(from_env->global.insecure);
  absl::StatusOr<ParsedCommand> flag = Parse({"--ca=/tmp/hall.crt", "session"});
  ASSERT_TRUE(flag.ok()) << flag.status();
  EXPECT_EQ(flag->global.ca, "/tmp/hall.crt");
  env_ = {};
  absl::StatusOr<ParsedCommand> insecure = Parse({"--insecure", "session"});
  ASSERT_TRUE(insecure.ok()) << insecure.status();
  EXPECT_TRUE(insecure->global.insecure);
  EXPECT_EQ(insecure->global.ca, "");
}

TEST_F(CommandParserTest, RefusesAnEmptyCaAndCaWithInsecure) {
  absl::StatusOr<ParsedCommand> empty = Parse({"--ca=", "session"});
  ASSERT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.status().message(),
            "--ca needs a value: --ca=FILE, the CA of the server's "
            "certificate");
  absl::StatusOr<ParsedCommand> both =
      Parse({"--ca=/tmp/hall.crt", "--insecure", "session"});
  ASSERT_EQ(both.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(both.status().message(),
            "--insecure and --ca contradict each other: --ca is for TLS");
}

TEST_F(CommandParserTest, HelpForTheProgramAndForOneCommand) {
  EXPECT_EQ(Parse({"--help"})->help, MainUsage());
  EXPECT_EQ(Parse({"-h"})->help, MainUsage());
  EXPECT_EQ(Parse({"help"})->help, MainUsage());
  EXPECT_EQ(Parse({"inscribe", "--help"})->help,
            CommandUsage(*FindCommand("inscribe")));
  EXPECT_EQ(Parse({"help", "inscribe"})->help,
            CommandUsage(*FindCommand("inscribe")));
  // Help wins over missing arguments.
  EXPECT_EQ(Parse({"move", "--help"})->help,
            CommandUsage(*FindCommand("move")));
}

TEST_F(CommandParserTest, CommandUsageNamesItsOptions) {
  EXPECT_EQ(
      Parse({"next", "--help"})->help,
      "usage: speakers next [--expect=CODE|--expect-none] [--meeting=ID]\n"
      "        [--item=ITEM]\n"
      "\n"
      "Give the floor to the next speaker. Ends the current turn and gives the "
      "floor\n"
      "to the first speaker waiting. With --expect=CODE (or --expect-none) the "
      "server\n"
      "refuses with FAILED_PRECONDITION unless CODE (or nobody) has the floor, "
      "so that\n"
      "a double click never advances twice.\n"
      "\n"
      "Options:\n"
      "  --expect=CODE                 refuse unless CODE has the floor now\n"
      "  --expect-none                 refuse unless nobody has the floor now\n"
      "  --meeting=ID                  the meeting (default: plenary)\n"
      "  --item=ITEM                   the agenda item, e.g. --item=\"1 (f)\" "
      "(default:\n"
      "                                the meeting's current item)\n"
      "\n"
      "Global options: --address=HOST:PORT, --token=TOKEN, --ca=FILE, "
      "--insecure,\n--json, --help (see speakers --help).\n");
}

TEST_F(CommandParserTest, MainUsageListsEveryCommand) {
  const std::string usage = MainUsage();
  for (const CommandSpec& spec : AllCommands()) {
    EXPECT_NE(usage.find(absl::StrCat("\n  ", spec.name)), std::string::npos)
        << spec.name;
  }
}

// ---- Usage errors ----

TEST_F(CommandParserTest, RejectsBadCommandLines) {
  EXPECT_EQ(Error({}), "no command given (see speakers --help)");
  EXPECT_EQ(Error({"launch"}),
            "unknown command \"launch\" (see speakers --help)");
  EXPECT_EQ(Error({"help", "launch"}),
            "unknown command \"launch\" (see speakers --help)");
  EXPECT_EQ(Error({"list", "--colour=red"}),
            "unknown option \"--colour\" (see speakers --help)");
  EXPECT_EQ(Error({"list", "-x"}),
            "unknown option \"-x\"; options are written --name=value (see "
            "speakers --help)");
  EXPECT_EQ(Error({"list", "--json=yes"}),
            "option \"--json\" takes no value (see speakers --help)");
  EXPECT_EQ(
      Error({"list", "--meeting"}),
      "option \"--meeting\" needs a value: --meeting=ID (see speakers --help)");
  EXPECT_EQ(Error({"list", "--item=1", "--item=2"}),
            "option \"--item\" is given twice (see speakers --help)");
  EXPECT_EQ(
      Error({"--address=", "list"}),
      "--address needs a value: --address=HOST:PORT (see speakers --help)");
}

TEST_F(CommandParserTest, RejectsOptionsAndArgumentsTheCommandDoesNotTake) {
  EXPECT_EQ(Error({"open", "--name=Jean"}),
            "open: this command takes no --name (see speakers open --help)");
  EXPECT_EQ(
      Error({"session", "--meeting=plenary"}),
      "session: this command takes no --meeting (see speakers session --help)");
  EXPECT_EQ(
      Error({"open", "now"}),
      "open: expects 0 arguments, got \"now\" (see speakers open --help)");
  EXPECT_EQ(Error({"move", "FRA"}),
            "move: expects 2 arguments (CODE POS), got \"FRA\" (see speakers "
            "move --help)");
  EXPECT_EQ(Error({"remove"}),
            "remove: expects 1 argument (CODE), got none (see speakers remove "
            "--help)");
  EXPECT_EQ(
      Error({"meeting", "open", "now"}),
      "meeting: expects 0 or 1 argument (open|suspend|resume|adjourn), got "
      "\"open now\" (see speakers meeting --help)");
  EXPECT_EQ(
      Error({"list", "--meeting="}),
      "list: --meeting needs a value: --meeting=ID (see speakers list --help)");
  EXPECT_EQ(
      Error({"list", "--item="}),
      "list: --item needs a value: --item=ITEM (see speakers list --help)");
}

// ---- Chair commands ----

TEST_F(CommandParserTest, NextDefaultsToPlenaryAndItsCurrentItem) {
  absl::StatusOr<ParsedCommand> parsed = Parse({"next"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->command->rpc, "CallNext");
  EXPECT_TRUE(parsed->resolve_item);
  const v1::CallNextRequest* request = parsed->As<v1::CallNextRequest>();
  ASSERT_NE(request, nullptr);
  EXPECT_TRUE(EqualsProto(*request, R"pb(list { meeting: "plenary" })pb"));
  EXPECT_FALSE(request->has_expected_current());
}

TEST_F(CommandParserTest, NextWithGuards) {
  absl::StatusOr<ParsedCommand> parsed =
      Parse({"next", "--expect=FRA", "--meeting=committee", "--item", "1 (f)"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_FALSE(parsed->resolve_item);
  EXPECT_TRUE(EqualsProto(*parsed->request,
                          R"pb(list { meeting: "committee" item: "1 (f)" }
                               expected_current: "FRA")pb"));

  parsed = Parse({"next", "--expect-none"});
  ASSERT_TRUE(parsed.ok());
  const v1::CallNextRequest* request = parsed->As<v1::CallNextRequest>();
  EXPECT_TRUE(request->has_expected_current());
  EXPECT_EQ(request->expected_current(), "");

  EXPECT_EQ(Error({"next", "--expect=FRA", "--expect-none"}),
            "next: --expect and --expect-none exclude each other (see speakers "
            "next --help)");
  EXPECT_EQ(
      Error({"next", "--expect="}),
      "next: --expect needs a value: --expect=CODE (see speakers next --help)");
}

TEST_F(CommandParserTest, OpenCloseReaddAreListCommands) {
  for (auto [word, rpc] :
       {std::pair{"open", "OpenList"}, std::pair{"close", "CloseList"},
        std::pair{"readd", "ReaddLast"}}) {
    absl::StatusOr<ParsedCommand> parsed = Parse({word, "--item=2"});
    ASSERT_TRUE(parsed.ok()) << word;
    EXPECT_EQ(parsed->command->rpc, rpc);
    ASSERT_NE(parsed->As<v1::ListCommand>(), nullptr) << word;
    EXPECT_TRUE(EqualsProto(*parsed->request,
                            R"pb(list { meeting: "plenary" item: "2" })pb"));
    EXPECT_TRUE(parsed->As<v1::ListCommand>()->request_id().empty());
  }
}

TEST_F(CommandParserTest, TimerActions) {
  for (auto [word, action] : {std::pair{"start", v1::TIMER_START},
                              std::pair{"pause", v1::TIMER_PAUSE},
                              std::pair{"resume", v1::TIMER_RESUME},
                              std::pair{"reset", v1::TIMER_RESET}}) {
    absl::StatusOr<ParsedCommand> parsed = Parse({"timer", word});
    ASSERT_TRUE(parsed.ok()) << word;
    EXPECT_EQ(parsed->As<v1::TimerRequest>()->action(), action) << word;
  }
  EXPECT_EQ(
      Error({"timer", "stop"}),
      "timer: unknown timer action \"stop\"; use start, pause, resume or reset "
      "(see speakers timer --help)");
  EXPECT_EQ(Error({"timer"}),
            "timer: expects 1 argument (start|pause|resume|reset), got none "
            "(see speakers timer --help)");
}

TEST_F(CommandParserTest, AddTimeTakesSignedDurations) {
  EXPECT_TRUE(EqualsProto(*Parse({"add-time", "1:00"})->request,
                          R"pb(list { meeting: "plenary" }
                               delta { seconds: 60 })pb"));
  EXPECT_TRUE(EqualsProto(*Parse({"add-time", "-0:30"})->request,
                          R"pb(list { meeting: "plenary" }
                               delta { seconds: -30 })pb"));
  EXPECT_TRUE(EqualsProto(*Parse({"add-time", "+2:00"})->request,
                          R"pb(list { meeting: "plenary" }
                               delta { seconds: 120 })pb"));
  // A bare number is seconds; units and clocks say the same.
  for (const char* ninety : {"90", "90s", "1m30s", "1:30", "+90"}) {
    EXPECT_TRUE(EqualsProto(*Parse({"add-time", ninety})->request,
                            R"pb(list { meeting: "plenary" }
                                 delta { seconds: 90 })pb"))
        << ninety;
  }
  EXPECT_TRUE(EqualsProto(*Parse({"add-time", "-30"})->request,
                          R"pb(list { meeting: "plenary" }
                               delta { seconds: -30 })pb"));
  EXPECT_TRUE(EqualsProto(*Parse({"add-time", "2m"})->request,
                          R"pb(list { meeting: "plenary" }
                               delta { seconds: 120 })pb"));
  EXPECT_EQ(Error({"add-time", "a minute"}),
            "add-time: \"a minute\" is not a duration; write seconds (90 or "
            "90s), minutes (2m, 1m30s) or M:SS (1:30) (see speakers add-time "
            "--help)");
}

TEST_F(CommandParserTest, MoveSwapRemoveAbsent) {
  EXPECT_TRUE(EqualsProto(*Parse({"move", "FRA", "2"})->request,
                          R"pb(list { meeting: "plenary" }
                               delegation: "FRA"
                               position: 2)pb"));
  EXPECT_EQ(
      Error({"move", "FRA", "0"}),
      "move: \"0\" is not a position; use a whole number from 1 (1 = next) "
      "(see speakers move --help)");
  EXPECT_EQ(
      Error({"move", "FRA", "first"}),
      "move: \"first\" is not a position; use a whole number from 1 (1 = next) "
      "(see speakers move --help)");
  EXPECT_TRUE(EqualsProto(*Parse({"swap", "FRA", "GER"})->request,
                          R"pb(list { meeting: "plenary" }
                               first: "FRA"
                               second: "GER")pb"));
  EXPECT_EQ(Error({"swap", "FRA", "FRA"}),
            "swap: give two different delegations (see speakers swap --help)");
  for (auto [word, rpc] :
       {std::pair{"remove", "Remove"}, std::pair{"absent", "MarkAbsent"},
        std::pair{"withdraw", "Withdraw"}}) {
    absl::StatusOr<ParsedCommand> parsed = Parse({word, "AUT"});
    ASSERT_TRUE(parsed.ok()) << word;
    EXPECT_EQ(parsed->command->rpc, rpc);
    EXPECT_TRUE(EqualsProto(*parsed->As<v1::DelegationCommand>(),
                            R"pb(list { meeting: "plenary" }
                                 delegation: "AUT")pb"));
  }
  EXPECT_EQ(Error({"remove", ""}),
            "remove: a delegation code may not be empty (see speakers remove "
            "--help)");
}

TEST_F(CommandParserTest, DelegationCodesAreTakenInAnyCase) {
  // The session's codes are capitals (the server looks them up exactly);
  // "aut" is AUT, as on the pages.
  EXPECT_TRUE(
      EqualsProto(*Parse({"add", "aut", "--name=X"})->request,
                  R"pb(list { meeting: "plenary" }
                       delegation: "AUT"
                       speaker { name: "X" rank: RANK_HEAD_OF_DELEGATION }
                       on_behalf_of: "")pb"));
  EXPECT_TRUE(EqualsProto(*Parse({"swap", "fra", "Ger"})->request,
                          R"pb(list { meeting: "plenary" }
                               first: "FRA"
                               second: "GER")pb"));
  EXPECT_EQ(Error({"swap", "fra", "FRA"}),
            "swap: give two different delegations (see speakers swap --help)");
  EXPECT_TRUE(EqualsProto(*Parse({"next", "--expect=ken"})->request,
                          R"pb(list { meeting: "plenary" }
                               expected_current: "KEN")pb"));
  EXPECT_TRUE(EqualsProto(*Parse({"point-of-order", "fra"})->request,
                          R"pb(meeting: "plenary" delegation: "FRA")pb"));
  EXPECT_TRUE(EqualsProto(*Parse({"issue-token", "delegation", "ken"})->request,
                          R"pb(role: TOKEN_ROLE_DELEGATION scope: "KEN")pb"));
  // A meeting id is not a code: it stays as given.
  EXPECT_TRUE(EqualsProto(*Parse({"issue-token", "chair", "plenary"})->request,
                          R"pb(role: TOKEN_ROLE_CHAIR scope: "plenary")pb"));
}

TEST_F(CommandParserTest, ListTakesWide) {
  absl::StatusOr<ParsedCommand> wide = Parse({"list", "--wide"});
  ASSERT_TRUE(wide.ok()) << wide.status();
  EXPECT_TRUE(wide->args.Has("wide"));
  EXPECT_EQ(Error({"session", "--wide"}),
            "session: this command takes no --wide (see speakers session "
            "--help)");
}

TEST_F(CommandParserTest, AddWithEverySpeakerOption) {
  absl::StatusOr<ParsedCommand> parsed =
      Parse({"add", "GER", "--name=Annalena Baerbock",
             "--title=Federal Minister for Foreign Affairs", "--rank=minister",
             "--group=European Union", "--limit=3:00"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->command->rpc, "AddSpeaker");
  EXPECT_TRUE(EqualsProto(*parsed->As<v1::InscribeRequest>(), R"pb(
    list { meeting: "plenary" }
    delegation: "GER"
    speaker {
      name: "Annalena Baerbock"
      title: "Federal Minister for Foreign Affairs"
      rank: RANK_MINISTER
    }
    on_behalf_of: "European Union"
    time_limit { seconds: 180 })pb"));
  EXPECT_EQ(Error({"add", "GER"}),
            "add: --name=NAME is required (see speakers add --help)");
  // A time limit of a bare 3 is a slip for minutes, not three seconds.
  EXPECT_EQ(Error({"add", "GER", "--name=X", "--limit=3"}),
            "add: --limit: \"3\" would be 3 seconds, too short for a speaking "
            "time; write 3m or 3:00 for 3 minutes (3s if seconds are meant) "
            "(see speakers add --help)");
  EXPECT_EQ(Error({"add", "GER", "--name=X", "--limit=3 min"}),
            "add: --limit: \"3 min\" is not a duration; write seconds (90 or "
            "90s), minutes (2m, 1m30s) or M:SS (1:30) (see speakers add "
            "--help)");
  for (const char* three : {"3m", "3:00", "180", "3M"}) {
    absl::StatusOr<ParsedCommand> limited =
        Parse({"add", "GER", "--name=X", absl::StrCat("--limit=", three)});
    ASSERT_TRUE(limited.ok()) << three << ": " << limited.status();
    EXPECT_EQ(limited->As<v1::InscribeRequest>()->time_limit().seconds(), 180)
        << three;
  }
  EXPECT_EQ(
      Error({"add", "GER", "--name=X", "--rank=king"}),
      "add: unknown rank \"king\"; use head-of-state, deputy-head-of-state "
      "(crown-prince), head-of-government, minister, vice-minister, "
      "head-of-delegation or other (see speakers add --help)");
}

TEST_F(CommandParserTest, LimitTakesADurationOrDefault) {
  EXPECT_TRUE(EqualsProto(*Parse({"limit", "FRA", "3:00"})->request,
                          R"pb(list { meeting: "plenary" }
                               delegation: "FRA"
                               limit { seconds: 180 })pb"));
  const absl::StatusOr<ParsedCommand> back = Parse({"limit", "FRA", "default"});
  EXPECT_TRUE(EqualsProto(*back->request, R"pb(list { meeting: "plenary" }
                                               delegation: "FRA")pb"));
  EXPECT_FALSE(back->As<v1::SetTimeLimitRequest>()->has_limit());
  EXPECT_TRUE(EqualsProto(*Parse({"limit", "FRA", "2m30s"})->request,
                          R"pb(list { meeting: "plenary" }
                               delegation: "FRA"
                               limit { seconds: 150 })pb"));
  EXPECT_EQ(
      Error({"limit", "FRA", "long"}),
      "limit: \"long\" is not a duration; write seconds (90 or 90s), minutes "
      "(2m, 1m30s) or M:SS (1:30), or \"default\" (see speakers limit "
      "--help)");
  EXPECT_EQ(Error({"limit", "FRA", "5"}),
            "limit: \"5\" would be 5 seconds, too short for a speaking time; "
            "write 5m or 5:00 for 5 minutes (5s if seconds are meant), or "
            "\"default\" (see speakers limit --help)");
}

TEST_F(CommandParserTest, ItemAndMeetingActions) {
  absl::StatusOr<ParsedCommand> item =
      Parse({"item", "1 (f)", "--meeting=committee"});
  ASSERT_TRUE(item.ok());
  EXPECT_FALSE(item->resolve_item);
  EXPECT_TRUE(EqualsProto(*item->As<v1::SetCurrentItemRequest>(),
                          R"pb(meeting: "committee" item: "1 (f)")pb"));
  EXPECT_EQ(Error({"item", "2", "--item=3"}),
            "item: this command takes no --item (see speakers item --help)");

  for (auto [word, action] : {std::pair{"open", v1::MEETING_OPEN},
                              std::pair{"suspend", v1::MEETING_SUSPEND},
                              std::pair{"resume", v1::MEETING_RESUME},
                              std::pair{"adjourn", v1::MEETING_ADJOURN}}) {
    absl::StatusOr<ParsedCommand> parsed = Parse({"meeting", word});
    ASSERT_TRUE(parsed.ok()) << word;
    EXPECT_EQ(parsed->command->rpc, "ChangeMeeting");
    EXPECT_EQ(parsed->As<v1::ChangeMeetingRequest>()->meeting(), "plenary");
    EXPECT_EQ(parsed->As<v1::ChangeMeetingRequest>()->action(), action);
  }
  EXPECT_EQ(
      Error({"meeting", "close"}),
      "meeting: unknown meeting action \"close\"; use open, suspend, resume or "
      "adjourn (see speakers meeting --help)");
}

TEST_F(CommandParserTest, ConfigureSetsOnlyWhatIsGiven) {
  absl::StatusOr<ParsedCommand> parsed =
      Parse({"configure", "--speaking-time=5:00", "--warning=0:30",
             "--policy=protocol", "--absent=drop"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(EqualsProto(*parsed->As<v1::ConfigureListRequest>(), R"pb(
    list { meeting: "plenary" }
    settings {
      speaking_time { seconds: 300 }
      warning { seconds: 30 }
      policy: POLICY_PROTOCOL
      absent: ABSENT_DROP
    })pb"));
  EXPECT_TRUE(EqualsProto(
      *Parse({"configure", "--policy=fcfs"})->request,
      R"pb(list { meeting: "plenary" }
           settings { policy: POLICY_FIRST_COME_FIRST_SERVED })pb"));
  EXPECT_EQ(
      Error({"configure"}),
      "configure: give at least one of --speaking-time, --observer-time, "
      "--group-time, --warning, --policy, --absent (see speakers configure "
      "--help)");
  EXPECT_EQ(Error({"configure", "--policy=random"}),
            "configure: unknown policy \"random\"; use parties, ministerial, "
            "protocol, "
            "category or "
            "fcfs (see speakers configure --help)");
  EXPECT_EQ(Error({"configure", "--absent=skip"}),
            "configure: unknown absent rule \"skip\"; use end or drop "
            "(see speakers configure --help)");
}

// ---- Delegation commands ----

TEST_F(CommandParserTest, InscribeDefaultsToHeadOfDelegation) {
  absl::StatusOr<ParsedCommand> parsed =
      Parse({"inscribe", "FRA", "--name=Jean Dupont", "--item=1 (f)"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->command->rpc, "Inscribe");
  EXPECT_TRUE(EqualsProto(*parsed->As<v1::InscribeRequest>(), R"pb(
    list { meeting: "plenary" item: "1 (f)" }
    delegation: "FRA"
    speaker { name: "Jean Dupont" rank: RANK_HEAD_OF_DELEGATION })pb"));
  EXPECT_EQ(
      Error({"inscribe", "FRA", "--name=X", "--limit=3:00"}),
      "inscribe: this command takes no --limit (see speakers inscribe --help)");
  EXPECT_EQ(Error({"inscribe", "FRA", "--name="}),
            "inscribe: --name=NAME is required (see speakers inscribe --help)");
}

TEST_F(CommandParserTest, UpdateWithdrawPosition) {
  EXPECT_TRUE(EqualsProto(
      *Parse({"update", "FRA", "--name=Marie Curie", "--rank=vice_minister"})
           ->request,
      R"pb(list { meeting: "plenary" }
           delegation: "FRA"
           speaker { name: "Marie Curie" rank: RANK_VICE_MINISTER })pb"));
  absl::StatusOr<ParsedCommand> position = Parse({"position", "FRA"});
  ASSERT_TRUE(position.ok());
  EXPECT_TRUE(position->resolve_item);
  EXPECT_TRUE(EqualsProto(*position->As<v1::DelegationOnList>(),
                          R"pb(list { meeting: "plenary" }
                               delegation: "FRA")pb"));
}

TEST_F(CommandParserTest, ReplyNamesTheItemRepliedOn) {
  absl::StatusOr<ParsedCommand> parsed = Parse(
      {"reply", "RUS", "--item=1 (f)", "--name=Ivan Petrov", "--rank=other"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_FALSE(parsed->resolve_item);
  EXPECT_TRUE(EqualsProto(*parsed->As<v1::RequestReplyRequest>(), R"pb(
    meeting: "plenary"
    item: "1 (f)"
    delegation: "RUS"
    speaker { name: "Ivan Petrov" rank: RANK_OTHER })pb"));
  EXPECT_TRUE(Parse({"reply", "RUS", "--name=Ivan Petrov"})->resolve_item);
  EXPECT_EQ(Error({"reply", "RUS", "--name=X", "--group=EU"}),
            "reply: this command takes no --group (see speakers reply --help)");
}

// ---- Queries and watch ----

TEST_F(CommandParserTest, Queries) {
  absl::StatusOr<ParsedCommand> list = Parse({"list", "--meeting=committee"});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->command->rpc, "GetList");
  EXPECT_TRUE(list->resolve_item);
  EXPECT_TRUE(
      EqualsProto(*list->As<v1::ListRef>(), R"pb(meeting: "committee")pb"));

  absl::StatusOr<ParsedCommand> meeting = Parse({"meeting"});
  ASSERT_TRUE(meeting.ok());
  EXPECT_EQ(meeting->command->rpc, "GetMeeting");
  EXPECT_TRUE(
      EqualsProto(*meeting->As<v1::MeetingRef>(), R"pb(meeting: "plenary")pb"));

  absl::StatusOr<ParsedCommand> used = Parse({"time-used"});
  ASSERT_TRUE(used.ok());
  EXPECT_EQ(used->command->rpc, "GetSpeakingTime");
  EXPECT_FALSE(used->resolve_item);
  EXPECT_TRUE(
      EqualsProto(*used->As<v1::MeetingRef>(), R"pb(meeting: "plenary")pb"));
}

TEST_F(CommandParserTest, Watch) {
  absl::StatusOr<ParsedCommand> live = Parse({"watch"});
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->command->rpc, "Watch");
  EXPECT_FALSE(live->args.Has("once"));
  EXPECT_TRUE(
      EqualsProto(*live->As<v1::WatchRequest>(), R"pb(meeting: "plenary")pb"));
  absl::StatusOr<ParsedCommand> once =
      Parse({"watch", "--meeting=committee", "--once"});
  ASSERT_TRUE(once.ok());
  EXPECT_TRUE(once->args.Has("once"));
  EXPECT_TRUE(EqualsProto(*once->As<v1::WatchRequest>(),
                          R"pb(meeting: "committee")pb"));
  EXPECT_EQ(Error({"watch", "--item=2"}),
            "watch: this command takes no --item (see speakers watch --help)");
}

TEST_F(CommandParserTest, DoubleDashEndsOptions) {
  absl::StatusOr<ParsedCommand> parsed = Parse({"add-time", "--", "-1:00"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->As<v1::AddTimeRequest>()->delta().seconds(), -60);
}

}  // namespace
}  // namespace speakers::cli
