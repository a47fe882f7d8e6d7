#ifndef SPEAKERS_TESTS_GATEWAY_GATEWAY_FIXTURE_H_
#define SPEAKERS_TESTS_GATEWAY_GATEWAY_FIXTURE_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/app/app.h"
#include "server/app/broadcaster.h"
#include "server/app/meeting_runner.h"
#include "server/app/metrics.h"
#include "server/domain/clock.h"
#include "server/domain/session.h"
#include "server/gateway/gateway.h"
#include "speakers/v1/speakers.pb.h"
#include "tests/gateway/test_http_client.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/test_app.h"

// The whole command path in-process (a TestApp: the built-in COSP-7
// session on a fake clock at 10:00 on 6 November 2017, Vienna, an SQLite
// log, group commit, runners), with the browser gateway on 127.0.0.1:0 in
// front of it; tests speak HTTP to it. No gRPC server.
namespace speakers::gateway_test {

// The tokens of testing::kTestTokens.
inline constexpr char kSecretariat[] = "secretariat-token-0001";
inline constexpr char kDisplay[] = "display-token-00000001";
inline constexpr char kChairPlenary[] = "chair-plenary-token-01";
inline constexpr char kDelegationAut[] = "delegation-aut-token-1";
inline constexpr char kDelegationKen[] = "delegation-ken-token-1";

// 10:00 on 6 November 2017, Vienna time (09:00 UTC).
absl::Time StartTime();

// `json` parsed as protobuf JSON into `out`; a test failure if it does not.
::testing::AssertionResult ParseJson(const std::string& json,
                                     google::protobuf::Message* out);

class GatewayTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(); }
  void TearDown() override;

  // (Re)starts a fresh app (its clock forced to StartTime()) and the
  // gateway over it (address forced to port 0).
  void Start(testing::TestApp::Options app_options = {},
             GatewayOptions gateway_options = {});
  // (Re)starts only the gateway, over an app the test built itself; it
  // must outlive the gateway (TearDown() first).
  void StartGateway(App* app, const Clock* clock, Metrics* metrics,
                    GatewayOptions gateway_options = {});

  int port() const { return gateway_->port(); }
  App& app() const { return *app_; }
  testing::FakeClock& clock() const { return test_app_->clock(); }
  Metrics& metrics() const { return test_app_->metrics(); }
  const Session& session() const { return test_app_->engine().session(); }
  MeetingRunner* runner() const { return app_->runner("plenary"); }
  // The plenary's update stream: every browser stream is one of its readers.
  Broadcaster& updates() const { return runner()->updates(); }

  // POST /api/<method>; asserts 200 and returns the reply body.
  std::string Ok(const std::string& method, const std::string& json,
                 const std::string& token);
  // {"list":{"meeting":"plenary","item":ITEM},...rest}
  static std::string ListJson(absl::string_view item,
                              absl::string_view rest = "");
  // An Inscribe/AddSpeaker body for `delegation` on `item`.
  static std::string InscribeJson(absl::string_view item,
                                  absl::string_view delegation);

  // The next non-clock SSE message as a v1::Update (and its SSE id, and its
  // raw data).
  std::optional<v1::Update> NextUpdate(
      SseReader& reader, std::string* id = nullptr,
      absl::Duration timeout = absl::Seconds(5), std::string* data = nullptr);

  // Waits (real time, up to `timeout`) until the plenary's broadcaster
  // has `count` readers (the gateway's browser streams: no other
  // transport runs here).
  ::testing::AssertionResult AwaitStreams(
      size_t count, absl::Duration timeout = absl::Seconds(5));

  std::unique_ptr<testing::TestApp> test_app_;
  App* app_ = nullptr;
  std::unique_ptr<Gateway> gateway_;
};

}  // namespace speakers::gateway_test

#endif  // SPEAKERS_TESTS_GATEWAY_GATEWAY_FIXTURE_H_
