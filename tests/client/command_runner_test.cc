#include "client/command_runner.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "client/command_table.h"
#include "client/exit_code.h"
#include "gtest/gtest.h"
#include "tests/client/fake_speakers_service.h"
#include "tests/client/test_protos.h"

namespace speakers::cli {
namespace {

using ::speakers::testing::Dur;
using ::speakers::testing::EqualsProto;
using ::speakers::testing::FakeServer;
using ::speakers::testing::MakeEntry;
using ::speakers::testing::Proto;
using ::speakers::testing::RecordedCall;
using ::speakers::testing::Ts;
using ::speakers::testing::Utc;

class CommandRunnerTest : public ::testing::Test {
 protected:
  CommandRunnerTest() {
    client::ClientOptions options;
    options.token = "t";
    options.sleep = [](absl::Duration) {};
    client_ =
        std::make_unique<client::SpeakersClient>(server_.channel(), options);
    service().session.set_name("Seventh session");
    service().session.set_time_zone("Europe/Vienna");
    service().meeting.set_meeting("plenary");
    service().meeting.set_current_item("1 (f)");
  }

  testing::FakeSpeakersService& service() { return server_.service(); }

  // Parses and runs `words`; the output lands in out_.
  absl::Status Run(std::vector<std::string> words) {
    CommandParser parser([](absl::string_view) { return std::nullopt; });
    absl::StatusOr<ParsedCommand> command = parser.Parse(words);
    EXPECT_TRUE(command.ok()) << command.status();
    if (!command.ok()) return command.status();
    CommandRunner runner(
        client_.get(), &out_,
        [] {
          return FrameStyle{80, false};
        },
        [this] { return table_width_; });
    return runner.Run(*command);
  }

  std::vector<std::string> Methods() {
    std::vector<std::string> methods;
    for (const RecordedCall& call : service().calls())
      methods.push_back(call.method);
    return methods;
  }

  FakeServer server_;
  std::unique_ptr<client::SpeakersClient> client_;
  std::ostringstream out_;
  // The width `speakers list` fits (TerminalTableWidth in the CLI).
  int table_width_ = 100;
};

TEST_F(CommandRunnerTest, ListDefaultsToTheCurrentItem) {
  service().list.set_meeting("plenary");
  service().list.set_item("1 (f)");
  service().list.set_label("item 1 (f)");
  ASSERT_TRUE(Run({"list"}).ok());
  EXPECT_EQ(Methods(),
            (std::vector<std::string>{"GetMeeting", "GetList", "GetSession"}));
  EXPECT_TRUE(
      EqualsProto(*service().calls()[0].request, R"pb(meeting: "plenary")pb"));
  EXPECT_TRUE(EqualsProto(*service().calls()[1].request,
                          R"pb(meeting: "plenary" item: "1 (f)")pb"));
  EXPECT_TRUE(absl::StartsWith(out_.str(), "plenary, item 1 (f)\n"))
      << out_.str();
}

TEST_F(CommandRunnerTest, ListFitsTheTableWidthUnlessWide) {
  service().list.set_meeting("plenary");
  service().list.set_item("1 (f)");
  v1::Entry* gbr = service().list.add_waiting();
  *gbr =
      MakeEntry("GBR", "United Kingdom of Great Britain and Northern Ireland",
                "Rt Hon. David Lammy");
  gbr->set_tier("other rank, State party");
  gbr->mutable_receipt()->set_number(4);
  *gbr->mutable_receipt()->mutable_at() = Ts(Utc(9, 2, 13));
  table_width_ = 80;
  ASSERT_TRUE(Run({"list", "--item=1 (f)"}).ok());
  EXPECT_TRUE(absl::EndsWith(out_.str(),
                             "#  Code  Delegation                    Speaker   "
                             "           Receipt  Wait  Notes\n"
                             "1  GBR   United Kingdom of Great Bri\u2026  Rt "
                             "Hon. David Lammy  #4       0:00\n"))
      << out_.str();
  out_.str("");
  ASSERT_TRUE(Run({"list", "--item=1 (f)", "--wide"}).ok());
  EXPECT_TRUE(absl::EndsWith(
      out_.str(),
      "1  GBR   United Kingdom of Great Britain and Northern Ireland  Rt Hon. "
      "David Lammy  head of delegation  other rank, State party  #4       6 "
      "Nov 2017 10:02:13  0:00\n"))
      << out_.str();
}

TEST_F(CommandRunnerTest, NoCurrentItemIsAFailedPrecondition) {
  service().meeting.clear_current_item();
  const absl::Status status = Run({"withdraw", "FRA"});
  EXPECT_EQ(status,
            absl::FailedPreconditionError(
                "meeting \"plenary\" has no current item; name the item with "
                "--item=ITEM"));
  EXPECT_EQ(ExitCodeFor(status), 12);
  EXPECT_EQ(Methods(), (std::vector<std::string>{"GetMeeting"}));
  EXPECT_EQ(out_.str(), "");
}

TEST_F(CommandRunnerTest, NextSendsTheGuardAndPrintsTheEvents) {
  service().reply = Proto<v1::CommandReply>(R"pb(
    version: 9
    events { kind: "called" delegation: "GER" summary: "Germany has the floor" }
    events { kind: "timer_started" delegation: "GER" })pb");
  ASSERT_TRUE(Run({"next", "--expect=FRA", "--item=2"}).ok());
  EXPECT_EQ(Methods(), (std::vector<std::string>{"CallNext"}));
  auto request =
      static_cast<const v1::CallNextRequest&>(*service().calls()[0].request);
  EXPECT_EQ(request.request_id().size(), 32u);
  request.clear_request_id();
  EXPECT_TRUE(EqualsProto(request, R"pb(list { meeting: "plenary" item: "2" }
                                        expected_current: "FRA")pb"));
  EXPECT_EQ(out_.str(),
            "Done (version 9).\n"
            "  Germany has the floor\n"
            "  timer_started GER\n");
}

TEST_F(CommandRunnerTest, InscribePrintsTheReceiptInSessionTime) {
  service().reply.set_version(4);
  *service().reply.mutable_entry() = MakeEntry("FRA", "France", "Jean Dupont");
  service().reply.mutable_entry()->mutable_receipt()->set_number(7);
  *service().reply.mutable_entry()->mutable_receipt()->mutable_at() =
      Ts(Utc(9, 2, 13));
  ASSERT_TRUE(
      Run({"inscribe", "FRA", "--name=Jean Dupont", "--item=1 (f)"}).ok());
  EXPECT_EQ(Methods(), (std::vector<std::string>{"Inscribe", "GetSession"}));
  EXPECT_EQ(out_.str(),
            "Done (version 4).\n"
            "FRA  France \u2014 Jean Dupont: receipt #7 at 6 Nov 2017 10:02:13 "
            "CET\n");
}

TEST_F(CommandRunnerTest, ReplyFillsInTheCurrentItem) {
  ASSERT_TRUE(Run({"reply", "ARM", "--name=Ararat Mirzoyan"}).ok());
  ASSERT_EQ(Methods(),
            (std::vector<std::string>{"GetMeeting", "RequestReply"}));
  auto request = static_cast<const v1::RequestReplyRequest&>(
      *service().calls()[1].request);
  request.clear_request_id();
  EXPECT_TRUE(EqualsProto(request, R"pb(
    meeting: "plenary"
    item: "1 (f)"
    delegation: "ARM"
    speaker { name: "Ararat Mirzoyan" rank: RANK_HEAD_OF_DELEGATION })pb"));
}

TEST_F(CommandRunnerTest, ConfigureKeepsTheSettingsNotGiven) {
  service().list = Proto<v1::ListState>(R"pb(
    settings {
      speaking_time { seconds: 300 }
      warning { seconds: 30 }
      policy: POLICY_PROTOCOL
      absent: ABSENT_DROP
      groups_first: true
    })pb");
  ASSERT_TRUE(Run({"configure", "--warning=0:45", "--item=1 (f)"}).ok());
  ASSERT_EQ(Methods(), (std::vector<std::string>{"GetList", "ConfigureList"}));
  auto request = static_cast<const v1::ConfigureListRequest&>(
      *service().calls()[1].request);
  request.clear_request_id();
  EXPECT_TRUE(EqualsProto(request, R"pb(
    list { meeting: "plenary" item: "1 (f)" }
    settings {
      speaking_time { seconds: 300 }
      warning { seconds: 45 }
      policy: POLICY_PROTOCOL
      absent: ABSENT_DROP
      groups_first: true
    })pb"));
}

TEST_F(CommandRunnerTest, JsonPrintsTheReplyOnOneLine) {
  service().session.clear_time_zone();
  ASSERT_TRUE(Run({"--json", "session"}).ok());
  EXPECT_EQ(
      out_.str(),
      "{\"name\":\"Seventh session\",\"short_name\":\"\",\"venue\":\"\","
      "\"time_zone\":\"\",\"languages\":[],\"delegations\":[],\"meetings\":[],"
      "\"replies_per_item\":0,\"reply_limits\":[],\"names\":{}}\n");
}

TEST_F(CommandRunnerTest, JsonPositionKeepsZero) {
  service().position = Proto<v1::Position>(
      R"pb(meeting: "plenary" item: "1 (f)" delegation: "FRA" position: 0)pb");
  ASSERT_TRUE(Run({"position", "FRA", "--item=1 (f)", "--json"}).ok());
  EXPECT_TRUE(absl::StrContains(out_.str(), "\"position\":0")) << out_.str();
}

TEST_F(CommandRunnerTest, ServerErrorsAreReturned) {
  service().FailNext(
      1, grpc::Status(grpc::StatusCode::NOT_FOUND, "no delegation XYZ"));
  const absl::Status status =
      Run({"inscribe", "XYZ", "--name=X", "--item=1 (f)"});
  EXPECT_EQ(status, absl::NotFoundError("no delegation XYZ"));
  EXPECT_EQ(ErrorLine(status), "speakers: NOT_FOUND: no delegation XYZ");
  EXPECT_EQ(ExitCodeFor(status), 8);
}

TEST_F(CommandRunnerTest, AuditWritesTheRecordToStdoutOrAFile) {
  service().audit = Proto<v1::AuditExport>(R"pb(
    content_type: "text/csv; charset=utf-8"
    content: "number,delegation\n1,FRA\n"
    rows: 1
    version: 12
    chain_record: 40
    chain_head: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")pb");
  ASSERT_TRUE(Run({"audit", "--item=all", "--json"}).ok());
  EXPECT_EQ(out_.str(), "number,delegation\n1,FRA\n");
  EXPECT_TRUE(EqualsProto(*service().calls()[0].request,
                          R"pb(meeting: "plenary" format: AUDIT_CSV)pb"));

  out_.str("");
  const std::string path = ::testing::TempDir() + "/audit_record.csv";
  ASSERT_TRUE(Run({"audit", "--item=1 (f)", "--output", path}).ok());
  EXPECT_EQ(out_.str(),
            absl::StrCat("Wrote 1 rows (to version 12) to ", path,
                         "\nChain head at record 40: "
                         "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6"
                         "c15b0f00a08\n"));
  std::ifstream file(path);
  const std::string written((std::istreambuf_iterator<char>(file)),
                            std::istreambuf_iterator<char>());
  EXPECT_EQ(written, "number,delegation\n1,FRA\n");
  std::remove(path.c_str());
}

TEST_F(CommandRunnerTest, BackupSaysWhereTheCopyIs) {
  service().backup = Proto<v1::BackupReply>(R"pb(path: "/var/backups/day1.db"
                                                 bytes: 4096
                                                 records: 17)pb");
  ASSERT_TRUE(Run({"backup", "day1.db"}).ok());
  EXPECT_EQ(Methods(), (std::vector<std::string>{"Backup"}));
  EXPECT_EQ(service().calls().back().request->ShortDebugString(),
            "destination: \"day1.db\"");
  EXPECT_EQ(out_.str(),
            "Backup written to /var/backups/day1.db (4096 bytes, 17 "
            "commands)\n");
}

TEST_F(CommandRunnerTest, IssueTokenSendsTheHolderAndTheEndOfTheDay) {
  service().issued = Proto<v1::IssuedToken>(R"pb(
    info {
      id: "3fa2c1d9"
      role: TOKEN_ROLE_DELEGATION
      scope: "AUT"
      name: "Ms. A"
      expires { seconds: 1510354800 }
    }
    token: "abcdefghijklmnopqrstuvwxyz012345")pb");
  ASSERT_TRUE(Run({"issue-token", "delegation", "AUT", "--holder=Ms. A",
                   "--expires=2017-11-10"})
                  .ok());
  const RecordedCall& call = service().calls().back();
  EXPECT_EQ(call.method, "IssueToken");
  // The end of 10 November 2017 in the session's zone (Vienna, +01:00).
  const std::string request = call.request->ShortDebugString();
  EXPECT_TRUE(absl::StrContains(request, "seconds: 1510354800")) << request;
  EXPECT_TRUE(absl::StrContains(request, "name: \"Ms. A\"")) << request;
  EXPECT_TRUE(absl::StrContains(
      out_.str(),
      "Issued 3fa2c1d9 delegation AUT (Ms. A), expires 00:00 on 11 November "
      "2017, Vienna time\nToken: abcdefghijklmnopqrstuvwxyz012345\nIt is "
      "shown only this once: hand it to its holder.\n"))
      << out_.str();
}

TEST_F(CommandRunnerTest, IssueTokenRefusesAnUnknownRoleOrDate) {
  const CommandParser parser([](absl::string_view) { return std::nullopt; });
  absl::StatusOr<ParsedCommand> president =
      parser.Parse({"issue-token", "president"});
  EXPECT_EQ(president.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Run({"issue-token", "display", "--expires=soon"}).code(),
            absl::StatusCode::kInvalidArgument);
  const std::vector<std::string> methods = Methods();
  EXPECT_EQ(std::count(methods.begin(), methods.end(), "IssueToken"), 0);
}

// One command line for each row of the table.
const std::vector<std::vector<std::string>>& OneLinePerRow() {
  static const auto* const kLines = new std::vector<std::vector<std::string>>{
      {"next"},
      {"open"},
      {"close"},
      {"timer", "start"},
      {"add-time", "1:00"},
      {"move", "FRA", "2"},
      {"swap", "FRA", "GER"},
      {"remove", "FRA"},
      {"reinstate", "FRA"},
      {"absent", "FRA"},
      {"add", "FRA", "--name=X"},
      {"readd"},
      {"end"},
      {"undo-next"},
      {"grant"},
      {"grant", "FRA"},
      {"dismiss", "FRA"},
      {"end-point"},
      {"point-of-order", "FRA"},
      {"point-of-order", "FRA", "--question"},
      {"withdraw-point", "FRA"},
      {"add-reply", "FRA", "--name=X"},
      {"limit", "FRA", "3:00"},
      {"item", "2"},
      {"meeting", "open"},
      {"configure", "--policy=fcfs"},
      {"inscribe", "FRA", "--name=X"},
      {"update", "FRA", "--name=X"},
      {"withdraw", "FRA"},
      {"position", "FRA"},
      {"reply", "FRA", "--name=X"},
      {"session"},
      {"whoami"},
      {"list"},
      {"meeting"},
      {"time-used"},
      {"audit"},
      {"backup", "x.db"},
      {"tokens"},
      {"issue-token", "delegation", "AUT", "--holder=Ms. A",
       "--expires=2017-11-10"},
      {"revoke-token", "3fa2c1d9"},
      {"rotate-token", "3fa2c1d9"},
      {"watch", "--once"},
  };
  return *kLines;
}

TEST_F(CommandRunnerTest, EveryRowCallsItsRpcOnce) {
  std::set<const CommandSpec*> rows;
  const CommandParser parser([](absl::string_view) { return std::nullopt; });
  for (const std::vector<std::string>& line : OneLinePerRow()) {
    SCOPED_TRACE(absl::StrJoin(line, " "));
    absl::StatusOr<ParsedCommand> parsed = parser.Parse(line);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    rows.insert(parsed->command);
    const size_t before = service().calls().size();
    if (parsed->command->rpc == "Watch") {
      service().AddStream({{Proto<v1::Update>(R"pb(version: 1
                                                   snapshot {})pb")},
                           grpc::Status::OK});
    }
    ASSERT_TRUE(Run(line).ok());
    const std::vector<std::string> methods = Methods();
    EXPECT_EQ(std::count(methods.begin() + before, methods.end(),
                         parsed->command->rpc),
              1);
  }
  EXPECT_EQ(rows.size(), AllCommands().size());
}

TEST_F(CommandRunnerTest, WatchOncePrintsOneFrame) {
  v1::Update snapshot = Proto<v1::Update>(R"pb(
    version: 3
    snapshot {
      meeting: "plenary"
      name: "Plenary"
      status: MEETING_IN_SESSION
      current_item: "1 (f)"
      lists {
        item: "1 (f)"
        label: "item 1 (f)"
        status: LIST_OPEN
        current {
          entry {
            delegation: "FRA"
            delegation_name: "France"
            speaker { name: "Jean Dupont" }
          }
          timer {
            state: TIMER_PAUSED
            limit { seconds: 300 }
            accumulated { seconds: 100 }
          }
        }
        waiting { delegation: "GER" delegation_name: "Germany" }
      }
    })pb");
  *snapshot.mutable_server_time() = Ts(absl::Now());
  service().AddStream({{snapshot}, grpc::Status::OK});
  ASSERT_TRUE(Run({"watch", "--once"}).ok());
  EXPECT_EQ(out_.str(),
            "Plenary \u2014 in session\n"
            "Item 1 (f)\n"
            "List of speakers: open, 1 waiting\n"
            "\n"
            "Now speaking: FRA  France\n"
            "  Jean Dupont\n"
            "  3:20 paused\n"
            "\n"
            "Next speakers:\n"
            "  1. GER  Germany\n");
  EXPECT_EQ(service().watch_versions(), (std::vector<uint64_t>{0}));
}

TEST_F(CommandRunnerTest, WatchOnceAsJson) {
  service().AddStream(
      {{Proto<v1::Update>(R"pb(version: 3
                               snapshot { meeting: "plenary" })pb")},
       grpc::Status::OK});
  ASSERT_TRUE(Run({"watch", "--once", "--json"}).ok());
  EXPECT_TRUE(absl::StartsWith(out_.str(), "{\"version\":\"3\","))
      << out_.str();
  EXPECT_TRUE(absl::EndsWith(out_.str(), "}\n"));
}

TEST_F(CommandRunnerTest, WatchOnceGivesUpWhenTheServerRefuses) {
  service().FailNext(
      1, grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "unknown token"));
  const absl::Status status = Run({"watch", "--once"});
  EXPECT_EQ(status, absl::UnauthenticatedError("unknown token"));
  EXPECT_EQ(ExitCodeFor(status), 19);
}

}  // namespace
}  // namespace speakers::cli
