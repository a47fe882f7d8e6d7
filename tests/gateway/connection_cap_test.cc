// The cap on browser connections (ConnectionSlots): below the open-files
// limit, so that browsers alone never take the descriptors gRPC needs. One
// past the cap is answered 503 at once; a place given back is taken again.
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "server/gateway/connection_slots.h"
#include "tests/gateway/gateway_fixture.h"

namespace speakers::gateway_test {
namespace {

TEST(ConnectionSlotsTest, AtMostTheLimitAndEachGivenBackOnce) {
  ConnectionSlots slots(2);
  ConnectionSlots::Slot a = slots.TryTake();
  ConnectionSlots::Slot b = slots.TryTake();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(slots.TryTake(), nullptr);
  EXPECT_EQ(slots.held(), 2u);
  ConnectionSlots::Slot copy = a;  // the session's, moved to its stream
  a.reset();
  EXPECT_EQ(slots.TryTake(), nullptr);
  copy.reset();
  EXPECT_EQ(slots.held(), 1u);
  EXPECT_NE(slots.TryTake(), nullptr);  // taken and dropped at once
  EXPECT_EQ(slots.held(), 1u);
}

TEST(ConnectionSlotsTest, TheDefaultLeavesAQuarterOfTheDescriptors) {
  EXPECT_EQ(ConnectionSlots::DefaultLimit(1024), 768u);
  EXPECT_EQ(ConnectionSlots::DefaultLimit(20000), 15000u);
  EXPECT_EQ(ConnectionSlots::DefaultLimit(10), 16u);
}

class ConnectionCapTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayOptions options;
    options.max_connections = 2;
    Start({}, options);
  }
};

TEST_F(ConnectionCapTest, OnePastTheCapIs503AndAFreedPlaceIsTakenAgain) {
  auto first = std::make_unique<SseReader>(port(), "/api/watch/plenary");
  SseReader second(port(), "/api/watch/plenary");
  ASSERT_EQ(first->status(), 200);
  ASSERT_EQ(second.status(), 200);
  ASSERT_TRUE(first->NextUpdate());  // each stream holds its place
  ASSERT_TRUE(second.NextUpdate());

  const HttpReply refused = Fetch(port(), "GET", "/healthz");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.header("retry-after"), "5");
  EXPECT_TRUE(absl::StrContains(
      refused.body,
      "the server already holds 2 browser connections, the most it takes; "
      "retry in a few seconds"))
      << refused.body;
  EXPECT_EQ(metrics().refused(Metrics::Refusal::kBrowserConnection), 1u);

  // The server gives the place back once it has seen the close; each
  // attempt before that is refused at once, so this ends quickly.
  first.reset();
  HttpReply again;
  for (int attempt = 0; attempt < 10000 && again.status != 200; ++attempt) {
    again = Fetch(port(), "GET", "/healthz");
    ASSERT_TRUE(again.status == 200 || again.status == 503) << again.status;
  }
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, "ok\n");
  // Each refused attempt is counted, none of the served ones.
  EXPECT_GE(metrics().refused(Metrics::Refusal::kBrowserConnection), 1u);
  EXPECT_EQ(metrics().refused(Metrics::Refusal::kStream), 0u);
}

}  // namespace
}  // namespace speakers::gateway_test
