#include "tests/gateway/gateway_fixture.h"

#include <chrono>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/json_util.h"

namespace speakers::gateway_test {

absl::Time StartTime() {
  return absl::FromCivil(absl::CivilSecond(2017, 11, 6, 9, 0, 0),
                         absl::UTCTimeZone());
}

::testing::AssertionResult ParseJson(const std::string& json,
                                     google::protobuf::Message* out) {
  auto status = google::protobuf::util::JsonStringToMessage(json, out);
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "not a " << out->GetTypeName() << ": "
                                       << status.ToString() << " in " << json;
}

void GatewayTest::TearDown() {
  if (gateway_ != nullptr) gateway_->Shutdown();  // before the app
  gateway_.reset();
  test_app_.reset();
  app_ = nullptr;
}

void GatewayTest::Start(testing::TestApp::Options app_options,
                        GatewayOptions gateway_options) {
  TearDown();
  app_options.start = StartTime();
  absl::StatusOr<std::unique_ptr<testing::TestApp>> test_app =
      testing::TestApp::Start(std::move(app_options));
  ASSERT_TRUE(test_app.ok()) << test_app.status();
  test_app_ = *std::move(test_app);
  StartGateway(&test_app_->app(), &test_app_->clock(), &test_app_->metrics(),
               std::move(gateway_options));
}

void GatewayTest::StartGateway(App* app, const Clock* clock, Metrics* metrics,
                               GatewayOptions gateway_options) {
  if (gateway_ != nullptr) gateway_->Shutdown();
  gateway_.reset();
  app_ = app;
  gateway_options.address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<Gateway>> gateway =
      Gateway::Start(app, clock, metrics, gateway_options);
  ASSERT_TRUE(gateway.ok()) << gateway.status();
  gateway_ = *std::move(gateway);
}

std::string GatewayTest::Ok(const std::string& method, const std::string& json,
                            const std::string& token) {
  HttpReply reply = Api(port(), method, json, token);
  EXPECT_EQ(reply.status, 200) << method << " " << json << ": " << reply.body;
  return reply.body;
}

std::string GatewayTest::ListJson(absl::string_view item,
                                  absl::string_view rest) {
  return absl::StrCat("{\"list\":{\"meeting\":\"plenary\",\"item\":\"", item,
                      "\"}", rest.empty() ? "" : ",", rest, "}");
}

std::string GatewayTest::InscribeJson(absl::string_view item,
                                      absl::string_view delegation) {
  return ListJson(item,
                  absl::StrCat("\"delegation\":\"", delegation,
                               "\",\"speaker\":{\"name\":\"H.E. Ms. Jane Doe\","
                               "\"rank\":\"RANK_HEAD_OF_DELEGATION\"}"));
}

std::optional<v1::Update> GatewayTest::NextUpdate(SseReader& reader,
                                                  std::string* id,
                                                  absl::Duration timeout,
                                                  std::string* data) {
  std::optional<SseEvent> event = reader.NextUpdate(timeout);
  if (!event) {
    ADD_FAILURE() << "no update within " << timeout;
    return std::nullopt;
  }
  if (id != nullptr) *id = event->id;
  if (data != nullptr) *data = event->data;
  v1::Update update;
  if (!ParseJson(event->data, &update)) {
    ADD_FAILURE() << "an update that is not v1::Update JSON: " << event->data;
    return std::nullopt;
  }
  return update;
}

::testing::AssertionResult GatewayTest::AwaitStreams(size_t count,
                                                     absl::Duration timeout) {
  const absl::Time give_up = absl::Now() + timeout;
  while (updates().readers() != count) {
    if (absl::Now() > give_up) {
      return ::testing::AssertionFailure()
             << "the plenary's broadcaster has " << updates().readers()
             << " readers, not " << count;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return ::testing::AssertionSuccess();
}

}  // namespace speakers::gateway_test
