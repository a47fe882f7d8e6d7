#ifndef SPEAKERS_TESTS_GATEWAY_GATEWAY_FIXTURE_H_
#define SPEAKERS_TESTS_GATEWAY_GATEWAY_FIXTURE_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/domain/engine.h"
#include "server/gateway/gateway.h"
#include "server/service/grpc_server.h"
#include "server/service/token_store.h"
#include "speakers/v1/speakers.pb.h"
#include "tests/gateway/test_http_client.h"
#include "tests/testing/fake_clock.h"

// An in-process GrpcServer over the built-in COSP-7 session and a fake
// clock (10:00 on 6 November 2017, Vienna), with the browser gateway on
// 127.0.0.1:0 in front of it; tests speak HTTP to it.
namespace speakers::gateway_test {

inline constexpr char kSecretariat[] = "secretariat-token-0001";
inline constexpr char kDisplay[] = "display-token-00000001";
inline constexpr char kChairPlenary[] = "chair-plenary-token-01";
inline constexpr char kDelegationAut[] = "delegation-aut-token-1";
inline constexpr char kDelegationKen[] = "delegation-ken-token-1";

// 10:00 on 6 November 2017, Vienna time (09:00 UTC).
absl::Time StartTime();

// `json` parsed as protobuf JSON into `out`; a test failure if it does not.
::testing::AssertionResult ParseJson(const std::string& json, google::protobuf::Message* out);

class GatewayTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(GrpcServerOptions{}, GatewayOptions{}); }
  void TearDown() override;

  // (Re)starts both servers over a fresh engine (addresses forced to port 0);
  // with `committer`, commands go through it (it must outlive the servers).
  void Start(GrpcServerOptions grpc_options, GatewayOptions gateway_options,
             GroupCommitter* committer = nullptr);

  int port() const { return gateway_->port(); }
  MeetingHub* hub() const { return server_->hub("plenary"); }
  MeetingFanOut* fan_out() const { return gateway_->fan_out("plenary"); }

  // POST /api/<method>; asserts 200 and returns the reply body.
  std::string Ok(const std::string& method, const std::string& json, const std::string& token);
  // {"list":{"meeting":"plenary","item":ITEM},...rest}
  static std::string ListJson(absl::string_view item, absl::string_view rest = "");
  // An Inscribe/AddSpeaker body for `delegation` on `item`.
  static std::string InscribeJson(absl::string_view item, absl::string_view delegation);

  // The next non-clock SSE message as a v1::Update (and its SSE id).
  std::optional<v1::Update> NextUpdate(SseReader& reader, std::string* id = nullptr,
                                       absl::Duration timeout = absl::Seconds(5));

  // Waits (real time, up to 5 s) until the plenary fan-out has `count`
  // browser streams.
  ::testing::AssertionResult AwaitStreams(int64_t count);

  testing::FakeClock clock_{StartTime()};
  std::shared_ptr<const Session> session_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<TokenStore> tokens_;
  std::unique_ptr<GrpcServer> server_;
  std::unique_ptr<Gateway> gateway_;
};

}  // namespace speakers::gateway_test

#endif  // SPEAKERS_TESTS_GATEWAY_GATEWAY_FIXTURE_H_
