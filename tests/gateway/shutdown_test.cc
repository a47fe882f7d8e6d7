// Shutdown while browsers are calling: every reply is handed to its socket
// or dropped with its io_context, and no callback of a call outlives what it
// uses (the sessions, the shards' io_contexts). Run under AddressSanitizer
// (deploy/sanitize.sh) a use after free is a report, and the test fails.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"

namespace speakers::gateway_test {
namespace {

class ShutdownTest : public GatewayTest {};

// Rounds of: 16 browsers, each POSTing a query (answered at once, on the
// session's own shard), a chair's command (answered on the committer's
// thread once durable) or a refused command (answered at once) in a loop;
// the gateway shut down under them once every browser has had answers.
TEST_F(ShutdownTest, ShutdownWhileManyPostsAreInFlight) {
  Ok("Inscribe", InscribeJson("2", "AUT"), kDelegationAut);
  Ok("Inscribe", InscribeJson("2", "KEN"), kDelegationKen);
  constexpr int kRounds = 30;
  constexpr int kBrowsers = 16;
  constexpr int kAnswersEach = 3;
  for (int round = 0; round < kRounds; ++round) {
    GatewayOptions options;
    options.threads = 2;
    StartGateway(&app(), &clock(), &metrics(), options);
    const int gateway_port = port();
    std::atomic<int> ready{0};
    std::atomic<int> unexpected{0};
    std::vector<std::string> unexpected_replies(kBrowsers);
    std::vector<std::thread> browsers;
    for (int b = 0; b < kBrowsers; ++b) {
      browsers.emplace_back([&, b] {
        bool counted = false;
        for (int i = 0;; ++i) {
          HttpReply reply;
          int wanted = 200;
          switch ((b + i) % 4) {
            case 0:
              reply = Api(gateway_port, "GetSession", "{}");
              break;
            case 1:
            case 2:
              reply = Api(gateway_port, "Swap",
                          ListJson("2", "\"first\":\"AUT\",\"second\":\"KEN\""),
                          kChairPlenary);
              break;
            default:
              // Refused by the runner before anything is stored.
              reply = Api(gateway_port, "CallNext", ListJson("1 (f)"),
                          kChairPlenary);
              wanted = 409;
              break;
          }
          if (reply.status == 0) break;  // the gateway is gone
          // 503: refused because the gateway is shutting down.
          if (reply.status != wanted && reply.status != 503) {
            unexpected.fetch_add(1);
            unexpected_replies[b] = absl::StrCat(reply.status, " ", reply.body);
            break;
          }
          if (i + 1 == kAnswersEach) {
            counted = true;
            ready.fetch_add(1);
          }
        }
        if (!counted) ready.fetch_add(1);  // ended early: do not block
      });
    }
    // No sleep: the shutdown starts as soon as every browser has had its
    // answers, while they keep calling.
    while (ready.load() < kBrowsers) std::this_thread::yield();
    gateway_->Shutdown();
    for (std::thread& browser : browsers) browser.join();
    EXPECT_EQ(unexpected.load(), 0) << "round " << round;
    for (const std::string& reply : unexpected_replies) {
      EXPECT_EQ(reply, "") << "round " << round;
    }
  }
}

}  // namespace
}  // namespace speakers::gateway_test
