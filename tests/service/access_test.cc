// Who may call what: every command RPC against every role (table-driven),
// the queries and streams for every role, and the token checks.
#include <algorithm>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/app/command_table.h"
#include "tests/service/service_fixture.h"

namespace speakers::service_test {
namespace {

using Stub = v1::Speakers::Stub;
using CallFn = std::function<grpc::Status(Stub*, grpc::ClientContext*)>;

// What a command needs (speakers.proto): the chair of the meeting, or the
// delegation it acts for (AUT here), its chair or the secretariat.
enum class Need { kChair, kDelegation };

struct CommandRpc {
  std::string name;
  Need need;
  CallFn call;  // a request on the plenary, acting for AUT where it names one
};

// gtest names the parameter in test lists by this.
void PrintTo(const CommandRpc& rpc, std::ostream* os) { *os << rpc.name; }

template <typename Req>
CallFn Rpc(grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&,
                                        v1::CommandReply*),
           Req request) {
  return [method, request](Stub* stub, grpc::ClientContext* context) {
    v1::CommandReply reply;
    return (stub->*method)(context, request, &reply);
  };
}

std::vector<CommandRpc> CommandRpcs() {
  v1::ConfigureListRequest configure;
  *configure.mutable_list() = ListOf(kItemF);
  v1::MoveRequest move;
  *move.mutable_list() = ListOf(kItemF);
  move.set_delegation("AUT");
  move.set_position(1);
  v1::SwapRequest swap;
  *swap.mutable_list() = ListOf(kItemF);
  swap.set_first("AUT");
  swap.set_second("KEN");
  v1::SetTimeLimitRequest limit;
  *limit.mutable_list() = ListOf(kItemF);
  limit.set_delegation("AUT");
  v1::AddTimeRequest add_time;
  *add_time.mutable_list() = ListOf(kItemF);
  add_time.mutable_delta()->set_seconds(30);
  v1::SetCurrentItemRequest item;
  item.set_meeting("plenary");
  item.set_item("1 (f)");
  v1::UpdateSpeakerRequest update;
  *update.mutable_list() = ListOf(kItemF);
  update.set_delegation("AUT");
  update.mutable_speaker()->set_name("Ms. New Speaker");
  v1::RequestReplyRequest reply;
  reply.set_meeting("plenary");
  reply.set_item("1 (f)");
  reply.set_delegation("AUT");
  reply.mutable_speaker()->set_name("Mr. Reply");
  v1::PointRequest point;
  point.set_meeting("plenary");
  point.set_delegation("AUT");
  return {
      {"OpenList", Need::kChair, Rpc(&Stub::OpenList, ListCommandOf(kItemF))},
      {"EndStatement", Need::kChair,
       Rpc(&Stub::EndStatement, ListCommandOf(kItemF))},
      {"UndoNext", Need::kChair, Rpc(&Stub::UndoNext, ListCommandOf(kItemF))},
      {"AddReply", Need::kChair, Rpc(&Stub::AddReply, reply)},
      {"GrantPoint", Need::kChair, Rpc(&Stub::GrantPoint, point)},
      {"DismissPoint", Need::kChair, Rpc(&Stub::DismissPoint, point)},
      {"EndPoint", Need::kChair, Rpc(&Stub::EndPoint, point)},
      {"RaisePoint", Need::kDelegation, Rpc(&Stub::RaisePoint, point)},
      {"WithdrawPoint", Need::kDelegation, Rpc(&Stub::WithdrawPoint, point)},
      {"CloseList", Need::kChair, Rpc(&Stub::CloseList, ListCommandOf(kItemF))},
      {"ConfigureList", Need::kChair, Rpc(&Stub::ConfigureList, configure)},
      {"CallNext", Need::kChair, Rpc(&Stub::CallNext, CallNextOf(kItemF))},
      {"MarkAbsent", Need::kChair,
       Rpc(&Stub::MarkAbsent, DelegationCommandOf(kItemF, "AUT"))},
      {"Move", Need::kChair, Rpc(&Stub::Move, move)},
      {"Swap", Need::kChair, Rpc(&Stub::Swap, swap)},
      {"Remove", Need::kChair,
       Rpc(&Stub::Remove, DelegationCommandOf(kItemF, "AUT"))},
      {"AddSpeaker", Need::kChair,
       Rpc(&Stub::AddSpeaker, InscribeOf(kItemF, "AUT"))},
      {"ReaddLast", Need::kChair, Rpc(&Stub::ReaddLast, ListCommandOf(kItemF))},
      {"Reinstate", Need::kChair,
       Rpc(&Stub::Reinstate, DelegationCommandOf(kItemF, "AUT"))},
      {"SetTimeLimit", Need::kChair, Rpc(&Stub::SetTimeLimit, limit)},
      {"Timer", Need::kChair,
       Rpc(&Stub::Timer, TimerOf(kItemF, v1::TIMER_START))},
      {"AddTime", Need::kChair, Rpc(&Stub::AddTime, add_time)},
      {"SetCurrentItem", Need::kChair, Rpc(&Stub::SetCurrentItem, item)},
      {"ChangeMeeting", Need::kChair,
       Rpc(&Stub::ChangeMeeting, ChangeMeetingOf(v1::MEETING_OPEN))},
      {"Inscribe", Need::kDelegation,
       Rpc(&Stub::Inscribe, InscribeOf(kItemF, "AUT"))},
      {"UpdateSpeaker", Need::kDelegation, Rpc(&Stub::UpdateSpeaker, update)},
      {"Withdraw", Need::kDelegation,
       Rpc(&Stub::Withdraw, DelegationCommandOf(kItemF, "AUT"))},
      {"RequestReply", Need::kDelegation, Rpc(&Stub::RequestReply, reply)},
  };
}

enum class Outcome { kAllowed, kDenied, kUnauthenticated };

struct Expectation {
  Outcome outcome;
  std::string message;  // part of the status message; empty when allowed
};

struct Role {
  std::string name;
  absl::string_view token;
  Expectation chair;       // a chair's command on the plenary
  Expectation delegation;  // a delegation's command acting for AUT
};

constexpr absl::string_view kChairNeeded =
    "this needs the chair of plenary or the secretariat";
constexpr absl::string_view kDelegationNeeded =
    "this needs the delegation AUT, the chair of plenary or the secretariat";

std::vector<Role> Roles() {
  const Expectation allowed{Outcome::kAllowed, ""};
  auto chair_denied = [](absl::string_view who) {
    return Expectation{
        Outcome::kDenied,
        absl::StrCat(kChairNeeded, "; your token is for the ", who)};
  };
  auto delegation_denied = [](absl::string_view who) {
    return Expectation{
        Outcome::kDenied,
        absl::StrCat(kDelegationNeeded, "; your token is for the ", who)};
  };
  const Expectation no_token{
      Outcome::kUnauthenticated,
      "this needs an access token: sign in with the one the secretariat "
      "gave you (it travels as \"authorization: Bearer TOKEN\")"};
  const Expectation unknown{Outcome::kUnauthenticated, "unknown access token"};
  return {
      {"secretariat", kSecretariat, allowed, allowed},
      {"chair plenary", kChairPlenary, allowed, allowed},
      {"chair experts", kChairExperts, chair_denied("chair of experts"),
       delegation_denied("chair of experts")},
      {"delegation AUT", kDelegationAut, chair_denied("delegation AUT"),
       allowed},
      {"delegation KEN for AUT",
       kDelegationKen,
       chair_denied("delegation KEN"),
       {Outcome::kDenied,
        "your token is for the delegation KEN; it cannot act for AUT"}},
      {"display", kDisplay, chair_denied("display"),
       delegation_denied("display")},
      {"no token", kNoToken, no_token, no_token},
      {"unknown token", kUnknownToken, unknown, unknown},
  };
}

class AccessMatrixTest : public ServiceTest,
                         public ::testing::WithParamInterface<CommandRpc> {};

TEST_P(AccessMatrixTest, EveryRoleGetsTheRightAnswer) {
  const CommandRpc& rpc = GetParam();
  for (const Role& role : Roles()) {
    SCOPED_TRACE(absl::StrCat(rpc.name, " as ", role.name));
    const Expectation& want =
        rpc.need == Need::kChair ? role.chair : role.delegation;
    grpc::ClientContext context;
    Prepare(&context, role.token);
    const grpc::Status status = rpc.call(stub_.get(), &context);
    switch (want.outcome) {
      case Outcome::kAllowed:
        EXPECT_NE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << status.error_message();
        EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
            << status.error_message();
        break;
      case Outcome::kDenied:
        EXPECT_TRUE(HasStatus(status, grpc::StatusCode::PERMISSION_DENIED,
                              want.message));
        break;
      case Outcome::kUnauthenticated:
        EXPECT_TRUE(
            HasStatus(status, grpc::StatusCode::UNAUTHENTICATED, want.message));
        break;
    }
  }
}

// The matrix has every command of the table, with the role it needs.
TEST(AccessMatrixCoverageTest, EveryCommandMethodIsInTheMatrix) {
  const std::vector<CommandRpc> rpcs = CommandRpcs();
  for (const ApiCommand& row : ApiCommands()) {
    auto it = std::find_if(rpcs.begin(), rpcs.end(), [&](const CommandRpc& r) {
      return r.name == row.method;
    });
    ASSERT_NE(it, rpcs.end()) << row.method << " is not in the matrix";
    EXPECT_EQ(it->need == Need::kChair, row.need == speakers::Need::kChair)
        << row.method;
  }
  EXPECT_EQ(rpcs.size(), ApiCommands().size());
}

INSTANTIATE_TEST_SUITE_P(AllCommands, AccessMatrixTest,
                         ::testing::ValuesIn(CommandRpcs()),
                         [](const ::testing::TestParamInfo<CommandRpc>& info) {
                           return info.param.name;
                         });

class AccessTest : public ServiceTest {
 protected:
  // Every query and both streams with `token`, in the order GetSession,
  // GetMeeting, GetList, GetPosition, GetSpeakingTime, Watch,
  // WatchDelegation: the status of each.
  std::vector<grpc::StatusCode> EachRead(absl::string_view token) {
    std::vector<grpc::StatusCode> codes;
    for (int i = 0; i < 8; ++i) codes.push_back(Read(token, i).error_code());
    return codes;
  }
  grpc::Status Read(absl::string_view token, int which) {
    v1::MeetingRef meeting;
    meeting.set_meeting("plenary");
    v1::DelegationOnList position;
    *position.mutable_list() = ListOf(kItem2);
    position.set_delegation("AUT");
    const std::vector<std::function<grpc::Status()>> reads =
        Reads(token, meeting, position);
    return reads[which]();
  }
  std::vector<std::function<grpc::Status()>> Reads(
      absl::string_view token, const v1::MeetingRef& meeting,
      const v1::DelegationOnList& position) {
    return {
        [=, this] {
          return Call(&Stub::GetSession, token, v1::GetSessionRequest());
        },
        [=, this] { return Call(&Stub::GetMeeting, token, meeting); },
        [=, this] { return Call(&Stub::GetList, token, ListOf(kItemF)); },
        [=, this] { return Call(&Stub::GetPosition, token, position); },
        [=, this] { return Call(&Stub::GetSpeakingTime, token, meeting); },
        [=, this] {
          v1::WatchRequest request;
          request.set_meeting("plenary");
          WatchReader watch(
              token, absl::Seconds(10),
              [&](grpc::ClientContext* c) { return stub_->Watch(c, request); });
          v1::Update update;
          return watch.Read(&update) ? grpc::Status::OK : watch.Finish();
        },
        [=, this] {
          v1::WatchDelegationRequest request;
          request.set_meeting("plenary");
          request.set_delegation("AUT");
          DelegationReader watch(token, absl::Seconds(10),
                                 [&](grpc::ClientContext* c) {
                                   return stub_->WatchDelegation(c, request);
                                 });
          v1::DelegationUpdate update;
          return watch.Read(&update) ? grpc::Status::OK : watch.Finish();
        },
        [=, this] { return Call(&Stub::WhoAmI, token, v1::WhoAmIRequest()); },
    };
  }

  // Every query and both streams with `token`: OK or the status of the first
  // refusal.
  grpc::Status ReadEverything(absl::string_view token) {
    for (int i = 0; i < 8; ++i) {
      grpc::Status status = Read(token, i);
      if (!status.ok()) {
        return grpc::Status(
            status.error_code(),
            absl::StrCat("read ", i, ": ", status.error_message()));
      }
    }
    return grpc::Status::OK;
  }
};

TEST_F(AccessTest, AnonymousReadsAreWhatTheSettingSays) {
  using grpc::StatusCode;
  const StatusCode ok = StatusCode::OK;
  const StatusCode no = StatusCode::UNAUTHENTICATED;
  // GetSession, GetMeeting, GetList, GetPosition, GetSpeakingTime, Watch,
  // WatchDelegation, WhoAmI.
  const std::vector<std::pair<AnonymousReads, std::vector<StatusCode>>> cases =
      {{AnonymousReads::kNone, {no, no, no, no, no, no, no, no}},
       {AnonymousReads::kPublic, {ok, ok, ok, no, no, ok, no, ok}},
       {AnonymousReads::kAll, {ok, ok, ok, ok, ok, ok, ok, ok}}};
  for (const auto& [setting, expected] : cases) {
    SCOPED_TRACE(AnonymousReadsName(setting));
    AppOptions options;
    options.anonymous_reads = setting;
    StartServer(options);
    InscribeAll(kItem2, {"AUT"});
    EXPECT_EQ(EachRead(kNoToken), expected);
    // A token reads everything, whatever the setting.
    EXPECT_EQ(EachRead(kDisplay), std::vector<StatusCode>(8, ok));
  }
}

TEST_F(AccessTest, WhoAmISaysWhoseTheTokenIs) {
  v1::Caller caller;
  ASSERT_TRUE(
      IsOk(Call(&Stub::WhoAmI, kDelegationKen, v1::WhoAmIRequest(), &caller)));
  EXPECT_EQ(caller.token().role(), v1::TOKEN_ROLE_DELEGATION);
  EXPECT_EQ(caller.token().scope(), "KEN");
  EXPECT_EQ(caller.delegation().names().at("en"), "Kenya");
  EXPECT_EQ(caller.description(), "delegation KEN");
  v1::Caller anonymous;
  ASSERT_TRUE(
      IsOk(Call(&Stub::WhoAmI, kNoToken, v1::WhoAmIRequest(), &anonymous)));
  EXPECT_FALSE(anonymous.has_token());
  EXPECT_TRUE(HasStatus(Call(&Stub::WhoAmI, kUnknownToken, v1::WhoAmIRequest()),
                        grpc::StatusCode::UNAUTHENTICATED,
                        "unknown access token"));
}

TEST_F(AccessTest, TheDefaultKeepsADelegationsPositionsPrivate) {
  InscribeAll(kItem2, {"AUT"});
  EXPECT_TRUE(HasStatus(Read(kNoToken, 3), grpc::StatusCode::UNAUTHENTICATED,
                        "this needs an access token: sign in with the one "
                        "the secretariat gave you"));
  EXPECT_TRUE(IsOk(Read(kNoToken, 0)));
}

TEST_F(AccessTest, AnyoneWithATokenMayRead) {
  InscribeAll(kItem2, {"AUT"});
  for (absl::string_view token : {kSecretariat, kChairPlenary, kChairExperts,
                                  kDelegationAut, kDelegationKen, kDisplay}) {
    SCOPED_TRACE(token);
    EXPECT_TRUE(IsOk(ReadEverything(token)));
  }
  EXPECT_TRUE(HasStatus(ReadEverything(kUnknownToken),
                        grpc::StatusCode::UNAUTHENTICATED,
                        "read 0: unknown access token"));
}

TEST_F(AccessTest, ReadsNeedATokenWhenTheServerSaysSo) {
  AppOptions options;
  options.anonymous_reads = AnonymousReads::kNone;
  StartServer(options);
  InscribeAll(kItem2, {"AUT"});
  EXPECT_TRUE(IsOk(ReadEverything(kDisplay)));
  EXPECT_TRUE(IsOk(ReadEverything(kDelegationKen)));
  EXPECT_TRUE(HasStatus(ReadEverything(kNoToken),
                        grpc::StatusCode::UNAUTHENTICATED,
                        "this needs an access token"));
}

TEST_F(AccessTest, AMalformedAuthorizationIsRefused) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", absl::StrCat("Basic ", kSecretariat));
  v1::SessionInfo info;
  EXPECT_TRUE(
      HasStatus(stub_->GetSession(&context, v1::GetSessionRequest(), &info),
                grpc::StatusCode::UNAUTHENTICATED,
                "the authorization metadata must read \"Bearer TOKEN\""));
  // The scheme is not case-sensitive.
  grpc::ClientContext lower;
  lower.AddMetadata("authorization", absl::StrCat("bearer ", kSecretariat));
  v1::CommandReply reply;
  EXPECT_TRUE(IsOk(
      stub_->ChangeMeeting(&lower, ChangeMeetingOf(v1::MEETING_OPEN), &reply)));
}

TEST_F(AccessTest, AChairCommandsOnlyItsOwnMeeting) {
  v1::ChangeMeetingRequest open = ChangeMeetingOf(v1::MEETING_OPEN);
  open.set_meeting("experts");
  v1::CommandReply reply;
  ASSERT_TRUE(IsOk(Call(&Stub::ChangeMeeting, kChairExperts, open, &reply)));
  EXPECT_EQ(reply.version(), 1u);
  EXPECT_EQ(reply.events(0).actor(), "chair of experts");
  open.set_meeting("irg");
  EXPECT_TRUE(HasStatus(
      Call(&Stub::ChangeMeeting, kChairExperts, open),
      grpc::StatusCode::PERMISSION_DENIED,
      "this needs the chair of irg or the secretariat; your token is for the "
      "chair of experts"));
}

}  // namespace
}  // namespace speakers::service_test
