// JSON commands and queries: the gRPC path's replies and refusals, mapped
// to HTTP.
#include <string>

#include "absl/strings/match.h"
#include "google/protobuf/struct.pb.h"
#include "gtest/gtest.h"
#include "server/domain/command_log.h"
#include "server/service/group_committer.h"
#include "tests/gateway/gateway_fixture.h"

namespace speakers::gateway_test {
namespace {

class CommandsTest : public GatewayTest {
 protected:
  // Asserts `reply` is `status` with {"code": code, "message": ...message_part...}.
  static ::testing::AssertionResult IsError(const HttpReply& reply, int status,
                                            const std::string& code,
                                            const std::string& message_part = "") {
    google::protobuf::Struct body;
    if (reply.status != status) {
      return ::testing::AssertionFailure()
             << "HTTP " << reply.status << " " << reply.body << "; wanted " << status;
    }
    if (reply.header("content-type") != "application/json; charset=utf-8") {
      return ::testing::AssertionFailure() << "content type " << reply.header("content-type");
    }
    auto parsed = ParseJson(reply.body, &body);
    if (!parsed) return parsed;
    const auto& fields = body.fields();
    if (!fields.contains("code") || fields.at("code").string_value() != code ||
        !fields.contains("message") ||
        !absl::StrContains(fields.at("message").string_value(), message_part)) {
      return ::testing::AssertionFailure() << reply.body << "; wanted " << code << " with \""
                                           << message_part << "\"";
    }
    return ::testing::AssertionSuccess();
  }
};

TEST_F(CommandsTest, ACommandRepliesWithTheCommandReplyAsJson) {
  HttpReply reply = Api(port(), "Inscribe", InscribeJson("2", "AUT"), kDelegationAut);
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
  ASSERT_TRUE(ParseJson(Ok("GetMeeting", "{\"meeting\":\"plenary\"}", kDisplay), &meeting));
  EXPECT_EQ(meeting.meeting(), "plenary");
  EXPECT_EQ(meeting.lists_size(), 16);
  // An empty body is an empty request.
  EXPECT_EQ(Api(port(), "GetSession", "").status, 200);
}

TEST_F(CommandsTest, EachRefusalHasItsHttpStatusAndTheServersMessage) {
  // 400: the server's validation, and JSON that is not the request.
  EXPECT_TRUE(IsError(Api(port(), "Inscribe", ListJson("1 (f)", "\"delegation\":\"AUT\""),
                          kDelegationAut),
                      400, "INVALID_ARGUMENT", "give the name of the speaker"));
  EXPECT_TRUE(IsError(Api(port(), "Inscribe", "{not json", kDelegationAut), 400,
                      "INVALID_ARGUMENT", "the body is not a valid InscribeRequest"));
  EXPECT_TRUE(IsError(Api(port(), "Inscribe", "{\"colour\":\"red\"}", kDelegationAut), 400,
                      "INVALID_ARGUMENT", "colour"));
  // 404: unknown meeting, and unknown or streaming methods.
  EXPECT_TRUE(IsError(Api(port(), "GetMeeting", "{\"meeting\":\"council\"}"), 404, "NOT_FOUND",
                      "no meeting \"council\""));
  EXPECT_TRUE(IsError(Api(port(), "Launch", "{}", kSecretariat), 404, "NOT_FOUND",
                      "no command or query named \"Launch\""));
  EXPECT_TRUE(IsError(Api(port(), "Watch", "{}", kSecretariat), 404, "NOT_FOUND"));
  // 409: already inscribed; wrong state.
  Ok("Inscribe", InscribeJson("1 (f)", "AUT"), kDelegationAut);
  EXPECT_TRUE(IsError(Api(port(), "Inscribe", InscribeJson("1 (f)", "AUT"), kDelegationAut), 409,
                      "ALREADY_EXISTS", "Austria is already on the list for item 1 (f)"));
  EXPECT_TRUE(IsError(Api(port(), "CallNext", ListJson("1 (f)"), kChairPlenary), 409,
                      "FAILED_PRECONDITION", "is not started; open it first"));
  // 401: no token, unknown token.
  EXPECT_TRUE(IsError(Api(port(), "CallNext", ListJson("1 (f)")), 401, "UNAUTHENTICATED"));
  EXPECT_TRUE(IsError(Api(port(), "CallNext", ListJson("1 (f)"), "no-such-token-0000001"), 401,
                      "UNAUTHENTICATED"));
  // 403: a delegation acting for another, a delegation calling the chair's command.
  HttpReply other = Api(port(), "Inscribe", InscribeJson("1 (f)", "KEN"), kDelegationAut);
  EXPECT_TRUE(IsError(other, 403, "PERMISSION_DENIED"));
  EXPECT_TRUE(absl::StrContains(other.body, "AUT")) << other.body;
  EXPECT_TRUE(IsError(Api(port(), "CallNext", ListJson("1 (f)"), kDelegationAut), 403,
                      "PERMISSION_DENIED"));
}

TEST_F(CommandsTest, TheAuthorizationHeaderIsForwardedAsIs) {
  HttpReply malformed = Fetch(port(), "POST", "/api/CallNext", ListJson("1 (f)"),
                              {{"Authorization", "Basic abc"}});
  EXPECT_TRUE(IsError(malformed, 401, "UNAUTHENTICATED"));
  HttpReply chair = Fetch(port(), "POST", "/api/ChangeMeeting",
                          "{\"meeting\":\"plenary\",\"action\":\"MEETING_OPEN\"}",
                          {{"Authorization", std::string("Bearer ") + kChairPlenary}});
  EXPECT_EQ(chair.status, 200) << chair.body;
}

TEST_F(CommandsTest, ABodyOverTheLimitIsRefused) {
  const std::string big = "{\"meeting\":\"" + std::string(70 * 1024, 'x') + "\"}";
  HttpReply reply = Api(port(), "GetMeeting", big, kDisplay);
  EXPECT_EQ(reply.status, 413) << reply.body.substr(0, 200);
  EXPECT_EQ(reply.header("connection"), "close");
}

// A command log whose disk is full (a fake of the domain's CommandLog).
class FullDisk : public CommandLog {
 public:
  absl::Status Append(absl::Span<LoggedCommand>) override {
    return absl::UnavailableError("the disk is full");
  }
  absl::Status ReadAll(const std::function<absl::Status(const LoggedCommand&)>&) const override {
    return absl::OkStatus();
  }
  absl::StatusOr<uint64_t> BackupTo(const std::string&) const override { return 0; }
  absl::StatusOr<std::optional<LoggedCommand>> FindByRequestId(const std::string&,
                                                                const std::string&,
                                                                const std::string&) const override {
    return std::nullopt;
  }
  uint64_t Count() const override { return 0; }
  absl::Status ReadMeeting(const std::string&, uint64_t, uint64_t,
                           const std::function<absl::Status(const LoggedCommand&)>&) const override {
    return absl::OkStatus();
  }
};

TEST_F(CommandsTest, AServerThatCannotStoreCommandsIsUnavailable) {
  FullDisk disk;
  GroupCommitter committer(&disk);
  Start(GrpcServerOptions{}, GatewayOptions{}, &committer);
  EXPECT_TRUE(IsError(Api(port(), "Inscribe", InscribeJson("2", "AUT"), kDelegationAut), 503,
                      "UNAVAILABLE", "the disk is full"));
  TearDown();  // before the committer goes
}

}  // namespace
}  // namespace speakers::gateway_test
