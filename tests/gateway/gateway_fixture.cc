#include "tests/gateway/gateway_fixture.h"

#include <chrono>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "server/config/session_loader.h"

namespace speakers::gateway_test {

absl::Time StartTime() {
  return absl::FromCivil(absl::CivilSecond(2017, 11, 6, 9, 0, 0), absl::UTCTimeZone());
}

::testing::AssertionResult ParseJson(const std::string& json, google::protobuf::Message* out) {
  auto status = google::protobuf::util::JsonStringToMessage(json, out);
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "not a " << out->GetTypeName() << ": "
                                       << status.ToString() << " in " << json;
}

void GatewayTest::TearDown() {
  if (gateway_ != nullptr) gateway_->Shutdown();
  gateway_.reset();
  if (server_ != nullptr) server_->Shutdown();
  server_.reset();
}

void GatewayTest::Start(GrpcServerOptions grpc_options, GatewayOptions gateway_options,
                        GroupCommitter* committer) {
  TearDown();
  clock_.Set(StartTime());
  absl::StatusOr<Session> session = LoadBuiltinSession();
  ASSERT_TRUE(session.ok()) << session.status();
  session_ = std::make_shared<const Session>(*std::move(session));
  engine_ = std::make_unique<Engine>(session_, &clock_);
  const std::string text =
      absl::StrCat(kSecretariat, " secretariat\n", kDisplay, " display\n", kChairPlenary,
                   " chair plenary\n", kDelegationAut, " delegation AUT\n", kDelegationKen,
                   " delegation KEN\n");
  absl::StatusOr<TokenStore> tokens = TokenStore::Parse(text, "test tokens", *session_);
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  tokens_ = std::make_unique<TokenStore>(*std::move(tokens));
  grpc_options.address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<GrpcServer>> server =
      GrpcServer::Start(engine_.get(), tokens_.get(), grpc_options, committer);
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  gateway_options.address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<Gateway>> gateway =
      Gateway::Start(server_.get(), &clock_, gateway_options);
  ASSERT_TRUE(gateway.ok()) << gateway.status();
  gateway_ = *std::move(gateway);
}

std::string GatewayTest::Ok(const std::string& method, const std::string& json,
                            const std::string& token) {
  HttpReply reply = Api(port(), method, json, token);
  EXPECT_EQ(reply.status, 200) << method << " " << json << ": " << reply.body;
  return reply.body;
}

std::string GatewayTest::ListJson(absl::string_view item, absl::string_view rest) {
  return absl::StrCat("{\"list\":{\"meeting\":\"plenary\",\"item\":\"", item, "\"}",
                      rest.empty() ? "" : ",", rest, "}");
}

std::string GatewayTest::InscribeJson(absl::string_view item, absl::string_view delegation) {
  return ListJson(item, absl::StrCat("\"delegation\":\"", delegation,
                                     "\",\"speaker\":{\"name\":\"H.E. Ms. Jane Doe\","
                                     "\"rank\":\"RANK_HEAD_OF_DELEGATION\"}"));
}

std::optional<v1::Update> GatewayTest::NextUpdate(SseReader& reader, std::string* id,
                                                  absl::Duration timeout) {
  std::optional<SseEvent> event = reader.NextUpdate(timeout);
  if (!event) {
    ADD_FAILURE() << "no update within " << timeout;
    return std::nullopt;
  }
  if (id != nullptr) *id = event->id;
  v1::Update update;
  if (!ParseJson(event->data, &update)) {
    ADD_FAILURE() << "an update that is not v1::Update JSON: " << event->data;
    return std::nullopt;
  }
  return update;
}

::testing::AssertionResult GatewayTest::AwaitStreams(int64_t count) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (fan_out()->streams() != count) {
    if (std::chrono::steady_clock::now() > give_up) {
      return ::testing::AssertionFailure()
             << "the fan-out has " << fan_out()->streams() << " streams, not " << count;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return ::testing::AssertionSuccess();
}

}  // namespace speakers::gateway_test
