// JSON commands and queries: the app layer's replies and refusals (the
// same as gRPC's), mapped to HTTP.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "absl/strings/match.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "server/app/app.h"
#include "server/app/token_store.h"
#include "server/config/session_loader.h"
#include "server/domain/command_log.h"
#include "server/domain/engine.h"
#include "server/platform/asio_scheduler.h"
#include "server/platform/replay_clock.h"
#include "server/platform/steady_clock.h"
#include "tests/gateway/gateway_fixture.h"

namespace speakers::gateway_test {
namespace {

class CommandsTest : public GatewayTest {
 protected:
  // Asserts `reply` is `status` with {"code": code, "message":
  // ...message_part...}.
  static ::testing::AssertionResult IsError(
      const HttpReply& reply, int status, const std::string& code,
      const std::string& message_part = "") {
    google::protobuf::Struct body;
    if (reply.status != status) {
      return ::testing::AssertionFailure()
             << "HTTP " << reply.status << " " << reply.body << "; wanted "
             << status;
    }
    if (reply.header("content-type") != "application/json; charset=utf-8") {
      return ::testing::AssertionFailure()
             << "content type " << reply.header("content-type");
    }
    auto parsed = ParseJson(reply.body, &body);
    if (!parsed) return parsed;
    const auto& fields = body.fields();
    if (!fields.contains("code") || fields.at("code").string_value() != code ||
        !fields.contains("message") ||
        !absl::StrContains(fields.at("message").string_value(), message_part)) {
      return ::testing::AssertionFailure()
             << reply.body << "; wanted " << code << " with \"" << message_part
             << "\"";
    }
    return ::testing::AssertionSuccess();
  }
};

TEST_F(CommandsTest, ACommandRepliesWithTheCommandReplyAsJson) {
  HttpReply reply =
      Api(port(), "Inscribe", InscribeJson("2", "AUT"), kDelegationAut);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("content-type"), "application/json; charset=utf-8");
  v1::CommandReply parsed;
  ASSERT_TRUE(ParseJson(reply.body, &parsed));
  EXPECT_EQ(parsed.version(), 1u);
  ASSERT_EQ(parsed.events_size(), 1);
  EXPECT_EQ(parsed.events(0).kind(), "inscribed");
  EXPECT_EQ(parsed.entry().delegation(), "AUT");
  EXPECT_EQ(parsed.entry().speaker().name(), "H.E. Ms. Jane Doe");
  EXPECT_TRUE(absl::StrContains(reply.body, "\"version\":\"1\"")) << reply.body;
}

TEST_F(CommandsTest, QueriesReplyWithTheirMessages) {
  v1::SessionInfo session;
  ASSERT_TRUE(ParseJson(Ok("GetSession", "{}", ""), &session));
  EXPECT_EQ(session.time_zone(), "Europe/Vienna");
  EXPECT_EQ(session.meetings_size(), 4);
  EXPECT_EQ(session.delegations_size(), 210);

  v1::MeetingSnapshot meeting;
  ASSERT_TRUE(ParseJson(Ok("GetMeeting", "{\"meeting\":\"plenary\"}", kDisplay),
                        &meeting));
  EXPECT_EQ(meeting.meeting(), "plenary");
  EXPECT_EQ(meeting.lists_size(), 16);
  // An empty body is an empty request.
  EXPECT_EQ(Api(port(), "GetSession", "").status, 200);
}

TEST_F(CommandsTest, EachRefusalHasItsHttpStatusAndTheServersMessage) {
  // 400: the server's validation, and JSON that is not the request.
  EXPECT_TRUE(
      IsError(Api(port(), "Inscribe",
                  ListJson("1 (f)", "\"delegation\":\"AUT\""), kDelegationAut),
              400, "INVALID_ARGUMENT", "give the name of the speaker"));
  EXPECT_TRUE(IsError(Api(port(), "Inscribe", "{not json", kDelegationAut), 400,
                      "INVALID_ARGUMENT",
                      "the body is not a valid InscribeRequest"));
  EXPECT_TRUE(
      IsError(Api(port(), "Inscribe", "{\"colour\":\"red\"}", kDelegationAut),
              400, "INVALID_ARGUMENT", "colour"));
  // 404: unknown meeting, and unknown or streaming methods.
  EXPECT_TRUE(IsError(Api(port(), "GetMeeting", "{\"meeting\":\"council\"}"),
                      404, "NOT_FOUND", "no meeting \"council\""));
  EXPECT_TRUE(IsError(Api(port(), "Launch", "{}", kSecretariat), 404,
                      "NOT_FOUND", "no command or query named \"Launch\""));
  EXPECT_TRUE(
      IsError(Api(port(), "Watch", "{}", kSecretariat), 404, "NOT_FOUND"));
  // 409: already inscribed; wrong state.
  Ok("Inscribe", InscribeJson("1 (f)", "AUT"), kDelegationAut);
  EXPECT_TRUE(IsError(
      Api(port(), "Inscribe", InscribeJson("1 (f)", "AUT"), kDelegationAut),
      409, "ALREADY_EXISTS", "Austria is already on the list for item 1 (f)"));
  EXPECT_TRUE(IsError(Api(port(), "CallNext", ListJson("1 (f)"), kChairPlenary),
                      409, "FAILED_PRECONDITION",
                      "is not started; open it first"));
  // 401: no token, unknown token.
  EXPECT_TRUE(IsError(Api(port(), "CallNext", ListJson("1 (f)")), 401,
                      "UNAUTHENTICATED"));
  EXPECT_TRUE(IsError(
      Api(port(), "CallNext", ListJson("1 (f)"), "no-such-token-0000001"), 401,
      "UNAUTHENTICATED"));
  // 403: a delegation acting for another, a delegation calling the chair's
  // command.
  HttpReply other =
      Api(port(), "Inscribe", InscribeJson("1 (f)", "KEN"), kDelegationAut);
  EXPECT_TRUE(IsError(other, 403, "PERMISSION_DENIED"));
  EXPECT_TRUE(absl::StrContains(other.body, "AUT")) << other.body;
  EXPECT_TRUE(
      IsError(Api(port(), "CallNext", ListJson("1 (f)"), kDelegationAut), 403,
              "PERMISSION_DENIED"));
}

TEST_F(CommandsTest, TheAuthorizationHeaderIsForwardedAsIs) {
  HttpReply malformed = Fetch(
      port(), "POST", "/api/CallNext", ListJson("1 (f)"),
      {{"Content-Type", "application/json"}, {"Authorization", "Basic abc"}});
  EXPECT_TRUE(IsError(malformed, 401, "UNAUTHENTICATED"));
  HttpReply chair =
      Fetch(port(), "POST", "/api/ChangeMeeting",
            "{\"meeting\":\"plenary\",\"action\":\"MEETING_OPEN\"}",
            {{"Content-Type", "application/json"},
             {"Authorization", std::string("Bearer ") + kChairPlenary}});
  EXPECT_EQ(chair.status, 200) << chair.body;
}

TEST_F(CommandsTest, ABodyOverTheLimitIsRefused) {
  const std::string big =
      "{\"meeting\":\"" + std::string(70 * 1024, 'x') + "\"}";
  HttpReply reply = Api(port(), "GetMeeting", big, kDisplay);
  EXPECT_EQ(reply.status, 413) << reply.body.substr(0, 200);
  EXPECT_EQ(reply.header("connection"), "close");
}

// The pages send a request_id with every command; the gateway hands it to
// the app unchanged (JSON to protobuf), so that a retry gets the first
// reply instead of a second application.
TEST_F(CommandsTest, ARetryWithTheSameRequestIdGetsTheFirstReply) {
  Ok("Inscribe", InscribeJson("2", "AUT"), kDelegationAut);  // version 1
  Ok("Inscribe", InscribeJson("2", "KEN"), kDelegationKen);  // version 2
  const std::string swap =
      ListJson("2",
               "\"first\":\"AUT\",\"second\":\"KEN\","
               "\"requestId\":\"5f0c2a9e-7d1b-4c55-9a0e-2b8f3c6d1e47\"");
  const std::string first = Ok("Swap", swap, kChairPlenary);
  v1::CommandReply reply;
  ASSERT_TRUE(ParseJson(first, &reply));
  EXPECT_EQ(reply.version(), 3u);
  // The retry: the same answer, byte for byte, and nothing applied again.
  EXPECT_EQ(Ok("Swap", swap, kChairPlenary), first);
  // The proto field name is the same field, with the same id.
  EXPECT_EQ(Ok("Swap",
               ListJson("2",
                        "\"first\":\"AUT\",\"second\":\"KEN\","
                        "\"request_id\":"
                        "\"5f0c2a9e-7d1b-4c55-9a0e-2b8f3c6d1e47\""),
               kChairPlenary),
            first);
  // The id reached the app as sent: the app's own call (as the gRPC
  // service makes it) with that id is the same retry.
  v1::SwapRequest direct;
  direct.mutable_list()->set_meeting("plenary");
  direct.mutable_list()->set_item("2");
  direct.set_first("AUT");
  direct.set_second("KEN");
  direct.set_request_id("5f0c2a9e-7d1b-4c55-9a0e-2b8f3c6d1e47");
  absl::Notification called;
  App::Reply direct_reply;
  app().Call("Swap", std::string("Bearer ") + kChairPlenary, direct,
             [&](App::Reply r) {
               direct_reply = std::move(r);
               called.Notify();
             });
  ASSERT_TRUE(called.WaitForNotificationWithTimeout(absl::Seconds(5)));
  ASSERT_TRUE(direct_reply.ok()) << direct_reply.status();
  std::string direct_json;
  ASSERT_TRUE(
      google::protobuf::util::MessageToJsonString(**direct_reply, &direct_json)
          .ok());
  EXPECT_EQ(direct_json, first);
  // The same id for another request is refused, and changes nothing.
  EXPECT_TRUE(IsError(Api(port(), "Swap",
                          ListJson("2",
                                   "\"first\":\"KEN\",\"second\":\"AUT\","
                                   "\"requestId\":"
                                   "\"5f0c2a9e-7d1b-4c55-9a0e-2b8f3c6d1e47\""),
                          kChairPlenary),
                      400, "INVALID_ARGUMENT",
                      "was already used for a different request"));
  // Swapped once: KEN before AUT, at version 3.
  v1::MeetingSnapshot meeting;
  ASSERT_TRUE(ParseJson(Ok("GetMeeting", "{\"meeting\":\"plenary\"}", kDisplay),
                        &meeting));
  EXPECT_EQ(meeting.version(), 3u);
  v1::ListState list;
  ASSERT_TRUE(ParseJson(
      Ok("GetList", "{\"meeting\":\"plenary\",\"item\":\"2\"}", kDisplay),
      &list));
  ASSERT_EQ(list.waiting_size(), 2);
  EXPECT_EQ(list.waiting(0).delegation(), "KEN");
  EXPECT_EQ(list.waiting(1).delegation(), "AUT");
  // A new id is a new command: swapped back, version 4.
  ASSERT_TRUE(ParseJson(Ok("Swap",
                           ListJson("2",
                                    "\"first\":\"AUT\",\"second\":\"KEN\","
                                    "\"requestId\":\"a-second-swap\""),
                           kChairPlenary),
                        &reply));
  EXPECT_EQ(reply.version(), 4u);
}

// A command log in memory that stores nothing (a fake of the domain's
// CommandLog): each Append returns what `append` says.
class FakeDisk : public CommandLog {
 public:
  explicit FakeDisk(std::function<absl::Status()> append)
      : append_(std::move(append)) {}
  absl::Status Append(absl::Span<LoggedCommand> commands) override {
    absl::Status status = append_();
    if (status.ok()) stored_ += static_cast<int>(commands.size());
    return status;
  }
  absl::Status ReadAll(
      const std::function<absl::Status(const LoggedCommand&)>&) const override {
    return absl::OkStatus();
  }
  absl::StatusOr<uint64_t> BackupTo(const std::string&) const override {
    return 0;
  }
  absl::StatusOr<std::optional<LoggedCommand>> FindByRequestId(
      const std::string&, const std::string&,
      const std::string&) const override {
    return std::nullopt;
  }
  uint64_t Count() const override { return 0; }
  // Commands whose Append succeeded (read after the app is idle).
  int stored() const { return stored_; }
  absl::Status ReadMeeting(
      const std::string&, uint64_t, uint64_t,
      const std::function<absl::Status(const LoggedCommand&)>&) const override {
    return absl::OkStatus();
  }

 private:
  const std::function<absl::Status()> append_;
  std::atomic<int> stored_{0};
};

// What TestApp builds, over a command log of the test's instead of SQLite.
class AppOver {
 public:
  ~AppOver() {
    app_.reset();  // (the gateway is shut down first)
    scheduler_.Stop();
  }

  // Starts the app over `log` (it must outlive this object).
  absl::Status Start(CommandLog* log) {
    absl::StatusOr<Session> session = LoadBuiltinSession();
    if (!session.ok()) return session.status();
    session_ = std::make_shared<const Session>(*std::move(session));
    engine_ = std::make_unique<Engine>(session_, &replay_);
    absl::StatusOr<TokenStore> tokens =
        TokenStore::Parse(testing::kTestTokens, "test tokens", *session_);
    if (!tokens.ok()) return tokens.status();
    tokens_ = std::make_unique<TokenStore>(*std::move(tokens));
    absl::StatusOr<std::unique_ptr<App>> app =
        App::Start(engine_.get(), &replay_, log, tokens_.get(), &scheduler_,
                   &steady_, &metrics_, AppOptions{});
    if (!app.ok()) return app.status();
    app_ = *std::move(app);
    return absl::OkStatus();
  }

  App* app() { return app_.get(); }
  const Clock* clock() const { return &clock_; }
  Metrics* metrics() { return &metrics_; }

 private:
  testing::FakeClock clock_{StartTime()};
  ReplayClock replay_{&clock_};
  SteadyClock steady_;
  Metrics metrics_;
  std::shared_ptr<const Session> session_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<TokenStore> tokens_;
  AsioScheduler scheduler_;
  std::unique_ptr<App> app_;
};

TEST_F(CommandsTest, AServerThatCannotStoreCommandsIsUnavailable) {
  TearDown();
  FakeDisk full([] { return absl::UnavailableError("the disk is full"); });
  AppOver app;
  ASSERT_TRUE(app.Start(&full).ok());
  StartGateway(app.app(), app.clock(), app.metrics());
  // A delegation reads what happened and what to do, not the server's
  // internals; the secretariat reads the cause too.
  HttpReply delegation =
      Api(port(), "Inscribe", InscribeJson("2", "AUT"), kDelegationAut);
  EXPECT_TRUE(IsError(delegation, 503, "UNAVAILABLE",
                      "the command was not recorded and nothing of it was "
                      "kept: the server could not write its log; retry (the "
                      "secretariat sees the cause)"));
  EXPECT_FALSE(absl::StrContains(delegation.body, "disk")) << delegation.body;
  EXPECT_TRUE(
      IsError(Api(port(), "Inscribe", InscribeJson("2", "AUT"), kSecretariat),
              503, "UNAVAILABLE", "(cause: the disk is full)"));
  TearDown();  // the gateway before the app
}

// The reply of a command comes on the committer's thread, after the session
// that asked for it may have been left by everything else: shutdown waits
// for it, and the reply still reaches the browser.
TEST_F(CommandsTest, ShutdownWaitsForTheReplyOfACommandInFlight) {
  TearDown();
  absl::Notification appending;
  absl::Notification disk_done;
  FakeDisk slow([&] {
    appending.Notify();
    disk_done.WaitForNotification();
    return absl::OkStatus();
  });
  AppOver app;
  ASSERT_TRUE(app.Start(&slow).ok());
  StartGateway(app.app(), app.clock(), app.metrics());
  const int gateway_port = port();
  HttpReply reply;
  std::thread browser([&] {
    reply =
        Api(gateway_port, "Inscribe", InscribeJson("2", "AUT"), kDelegationAut);
  });
  ASSERT_TRUE(appending.WaitForNotificationWithTimeout(absl::Seconds(5)));
  std::thread stop([this] { gateway_->Shutdown(); });
  // Shutdown has begun once the gateway accepts no more connections.
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  while (Fetch(gateway_port, "GET", "/healthz").status != 0 &&
         absl::Now() < give_up) {
  }
  disk_done.Notify();
  stop.join();
  browser.join();
  ASSERT_EQ(reply.status, 200) << reply.body;
  v1::CommandReply parsed;
  ASSERT_TRUE(ParseJson(reply.body, &parsed));
  EXPECT_EQ(parsed.version(), 1u);
  TearDown();  // the gateway before the app
}

// A command still waiting for the disk after command_timeout: 504, in words
// that do not claim it failed; the command goes on, and its retry with the
// same request_id gets its first reply without a second application. The
// timeout is the gateway's option, short here; the disk is held until the
// 504 is in, so the order is fixed without any sleep.
TEST_F(CommandsTest, NoReplyInTimeIs504AndTheRetryIsNotAppliedTwice) {
  TearDown();
  absl::Notification disk_done;
  std::atomic<int> appends{0};
  FakeDisk slow([&] {
    if (appends.fetch_add(1) == 0) disk_done.WaitForNotification();
    return absl::OkStatus();
  });
  AppOver app;
  ASSERT_TRUE(app.Start(&slow).ok());
  GatewayOptions impatient;
  impatient.command_timeout = std::chrono::milliseconds(20);
  StartGateway(app.app(), app.clock(), app.metrics(), impatient);
  const std::string inscribe =
      ListJson("2",
               "\"delegation\":\"AUT\",\"speaker\":{\"name\":\"H.E. Ms. "
               "Jane Doe\",\"rank\":\"RANK_HEAD_OF_DELEGATION\"},"
               "\"requestId\":\"3d6f1b2a-0c4e-4f7a-8b9c-1d2e3f405162\"");
  HttpReply late = Api(port(), "Inscribe", inscribe, kDelegationAut);
  EXPECT_TRUE(IsError(
      late, 504, "DEADLINE_EXCEEDED",
      "no answer within 20 ms; the command may still have been applied "
      "\u2014 the list shows the current state; retrying it with the same "
      "request_id is safe, it will not be applied twice"));
  EXPECT_EQ(late.header("connection"), "");  // kept alive
  // The disk answers; a gateway with the default timeout takes over (the
  // first one waits for the call in flight: its late reply is dropped).
  disk_done.Notify();
  StartGateway(app.app(), app.clock(), app.metrics());
  const std::string retried = Ok("Inscribe", inscribe, kDelegationAut);
  v1::CommandReply reply;
  ASSERT_TRUE(ParseJson(retried, &reply));
  EXPECT_EQ(reply.version(), 1u);
  ASSERT_EQ(reply.events_size(), 1);
  EXPECT_EQ(reply.events(0).kind(), "inscribed");
  // Applied and stored once.
  v1::MeetingSnapshot meeting;
  ASSERT_TRUE(ParseJson(Ok("GetMeeting", "{\"meeting\":\"plenary\"}", kDisplay),
                        &meeting));
  EXPECT_EQ(meeting.version(), 1u);
  EXPECT_EQ(slow.stored(), 1);
  EXPECT_EQ(appends.load(), 1);
  TearDown();  // the gateway before the app
}

}  // namespace
}  // namespace speakers::gateway_test
