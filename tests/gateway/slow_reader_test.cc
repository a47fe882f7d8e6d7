// Slow browsers: a reader that stops reading delays nobody, overflows into
// a snapshot resync, and is dropped once stalled past the deadline.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"

namespace speakers::gateway_test {
namespace {

class SlowReaderTest : public GatewayTest {
 protected:
  // The first `count` delegation codes of the session, skipping AUT and KEN.
  std::vector<std::string> Codes(size_t count) const {
    std::vector<std::string> codes;
    for (const Delegation& d : session().config().delegations) {
      if (codes.size() == count) break;
      if (d.code != "AUT" && d.code != "KEN") codes.push_back(d.code);
    }
    return codes;
  }

  // Inscribes `codes` on item 1 (f) one by one, then moves the first of
  // them `moves` times (to place 2, back to 1, ...): some hundreds of
  // kilobytes of updates, more than the stalled socket's buffers and
  // queue hold. Checks that `live` gets each update within `limit` of its
  // command's reply.
  void InscribeWatchedBy(const std::vector<std::string>& codes, int moves,
                         SseReader& live, absl::Duration limit) {
    uint64_t version = 0;
    absl::Duration worst;
    for (size_t i = 0; i < codes.size() + moves; ++i) {
      if (i < codes.size()) {
        Ok("Inscribe", InscribeJson("1 (f)", codes[i]), kSecretariat);
      } else {
        Ok("Move",
           ListJson("1 (f)", absl::StrCat("\"delegation\":\"", codes[0],
                                          "\",\"position\":",
                                          (i - codes.size()) % 2 == 0 ? 2 : 1)),
           kChairPlenary);
      }
      ++version;
      const absl::Time replied = absl::Now();
      std::optional<v1::Update> update = NextUpdate(live);
      ASSERT_TRUE(update);
      ASSERT_EQ(update->version(), version);
      worst = std::max(worst, absl::Now() - replied);
    }
    EXPECT_LT(worst, limit) << "the live reader waited " << worst;
  }
};

// Moves after the inscriptions (see InscribeWatchedBy).
constexpr int kMoves = 450;

TEST_F(SlowReaderTest, AStalledReaderDelaysNobodyAndIsResyncedWithASnapshot) {
  SseReader stalled(port(), "/api/watch/plenary", {}, /*receive_buffer=*/2048);
  ASSERT_EQ(stalled.status(), 200);
  SseReader live(port(), "/api/watch/plenary");
  ASSERT_EQ(live.status(), 200);
  ASSERT_TRUE(NextUpdate(live));  // the snapshot
  const std::vector<std::string> codes = Codes(150);
  InscribeWatchedBy(codes, kMoves, live, absl::Milliseconds(500));

  // Reading again, the stalled browser gets a snapshot instead of the
  // backlog, and ends at the latest version. (MeetingFanOut counted its
  // resyncs; the policy is now the app's Subscription, shared with gRPC
  // Watch, and the overflow shows in what the browser gets: a snapshot after
  // the start and fewer changes than commands.)
  uint64_t last = 0;
  size_t changes = 0;
  bool snapshot_after_start = false;
  while (last < codes.size() + kMoves) {
    std::optional<SseEvent> event = stalled.NextUpdate(absl::Seconds(5));
    ASSERT_TRUE(event) << "stopped at version " << last;
    v1::Update update;
    ASSERT_TRUE(ParseJson(event->data, &update));
    if (update.has_snapshot() && update.version() > 0)
      snapshot_after_start = true;
    if (update.has_delta()) {
      EXPECT_EQ(update.delta().base_version(), last);
      ++changes;
    }
    last = update.version();
  }
  EXPECT_TRUE(snapshot_after_start)
      << "the stalled reader never overflowed its queue";
  EXPECT_LT(changes, codes.size() + kMoves)
      << "the stalled reader's backlog was not dropped";
  EXPECT_EQ(last, codes.size() + kMoves);
}

TEST_F(SlowReaderTest, AReaderStalledPastTheDeadlineIsDropped) {
  testing::TestApp::Options options;
  options.app.stall_timeout = std::chrono::milliseconds(1000);
  Start(options);
  SseReader stalled(port(), "/api/watch/plenary", {}, /*receive_buffer=*/2048);
  ASSERT_EQ(stalled.status(), 200);
  SseReader live(port(), "/api/watch/plenary");
  ASSERT_TRUE(NextUpdate(live));
  ASSERT_TRUE(AwaitStreams(2));
  InscribeWatchedBy(Codes(150), kMoves, live, absl::Milliseconds(500));
  // The app's sweep (every second) drops it once its write is 1 s old.
  // (MeetingFanOut counted its drops. Nothing else ends the stream of a
  // browser that stays connected, so its broadcaster falling to the live
  // reader alone, and the server closing the stalled socket, is the drop.)
  EXPECT_TRUE(AwaitStreams(1, absl::Seconds(10)));
  EXPECT_TRUE(stalled.AwaitClosed(absl::Seconds(10)));
  // The live reader goes on.
  Ok("Withdraw",
     ListJson("1 (f)", absl::StrCat("\"delegation\":\"", Codes(1)[0], "\"")),
     kSecretariat);
  std::optional<v1::Update> after = NextUpdate(live);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->version(), 151u + kMoves);
}

}  // namespace
}  // namespace speakers::gateway_test
