#include "client/watch_state.h"

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/client/test_protos.h"

namespace speakers::cli {
namespace {

using ::speakers::testing::EqualsProto;
using ::speakers::testing::Proto;
using ::speakers::testing::Ts;
using ::speakers::testing::Utc;

v1::Update Snapshot() {
  return Proto<v1::Update>(R"pb(
    version: 5
    server_time { seconds: 1509980400 }
    snapshot {
      meeting: "plenary"
      name: "Plenary"
      status: MEETING_IN_SESSION
      current_item: "1 (e)"
      version: 5
      lists { item: "1 (e)" status: LIST_CLOSED }
      lists { item: "1 (f)" status: LIST_NOT_YET_OPEN }
    })pb");
}

TEST(WatchStateTest, StartsEmpty) {
  const WatchState state("committee");
  EXPECT_FALSE(state.has_snapshot());
  EXPECT_EQ(state.meeting().meeting(), "committee");
  EXPECT_EQ(state.version(), 0u);
  EXPECT_EQ(state.ActiveList(), nullptr);
  EXPECT_EQ(state.clock_offset(), absl::ZeroDuration());
}

TEST(WatchStateTest, SnapshotReplacesEverything) {
  WatchState state;
  state.Apply(Snapshot(),
              absl::FromUnixSeconds(1509980400) - absl::Milliseconds(1500));
  EXPECT_TRUE(state.has_snapshot());
  EXPECT_EQ(state.version(), 5u);
  EXPECT_EQ(state.clock_offset(), absl::Milliseconds(1500));
  ASSERT_NE(state.ActiveList(), nullptr);
  EXPECT_EQ(state.ActiveList()->item(), "1 (e)");
}

TEST(WatchStateTest, DeltasChangeWhatTheyName) {
  WatchState state;
  state.Apply(Snapshot(), absl::FromUnixSeconds(1509980400));
  state.Apply(Proto<v1::Update>(R"pb(
                version: 6
                server_time { seconds: 1509980410 }
                delta {
                  base_version: 5
                  status: MEETING_IN_SESSION
                  current_item: "1 (f)"
                  lists {
                    item: "1 (f)"
                    status: LIST_OPEN
                    next_receipt: 2
                    ops { insert { entry { id: 1 delegation: "AUT" } } }
                  }
                })pb"),
              absl::FromUnixSeconds(1509980409));
  EXPECT_TRUE(state.has_snapshot());
  EXPECT_EQ(state.version(), 6u);
  EXPECT_EQ(state.clock_offset(), absl::Seconds(1));
  EXPECT_TRUE(EqualsProto(state.meeting(), R"pb(
    meeting: "plenary"
    name: "Plenary"
    status: MEETING_IN_SESSION
    current_item: "1 (f)"
    version: 6
    server_time { seconds: 1509980410 }
    lists { item: "1 (e)" status: LIST_CLOSED }
    lists {
      item: "1 (f)"
      status: LIST_OPEN
      next_receipt: 2
      waiting { id: 1 delegation: "AUT" }
    })pb"));
  EXPECT_EQ(state.ActiveList()->status(), v1::LIST_OPEN);
}

// A delta that does not follow the copy (the watcher reconnects) leaves
// it waiting for the next snapshot.
TEST(WatchStateTest, ADeltaThatDoesNotFollowWaitsForASnapshot) {
  WatchState state;
  state.Apply(Snapshot(), absl::FromUnixSeconds(1509980400));
  state.Apply(Proto<v1::Update>(R"pb(version: 9
                                     delta { base_version: 8 })pb"),
              absl::Now());
  EXPECT_FALSE(state.has_snapshot());
  EXPECT_EQ(state.meeting().current_item(), "1 (e)");
  EXPECT_EQ(state.version(), 5u);
  state.Apply(Snapshot(), absl::FromUnixSeconds(1509980400));
  EXPECT_TRUE(state.has_snapshot());
}

TEST(WatchStateTest, SignalsOnlyMoveTheClock) {
  WatchState state;
  state.Apply(Snapshot(), absl::FromUnixSeconds(1509980400));
  const v1::MeetingSnapshot before = state.meeting();
  v1::Update signal = Proto<v1::Update>(R"pb(
    version: 5
    signal { kind: WARNING item: "1 (e)" delegation: "FRA" })pb");
  *signal.mutable_server_time() = Ts(absl::FromUnixSeconds(1509980400));
  state.Apply(signal, absl::FromUnixSeconds(1509980403));
  EXPECT_EQ(state.clock_offset(), absl::Seconds(-3));
  EXPECT_EQ(state.meeting().lists_size(), before.lists_size());
  EXPECT_EQ(state.version(), 5u);
}

TEST(WatchStateTest, ReplyListIsActiveOnlyWithASpeaker) {
  WatchState state;
  v1::Update update = Snapshot();
  *update.mutable_snapshot()->add_lists() =
      Proto<v1::ListState>(R"pb(item: "reply" status: LIST_OPEN)pb");
  state.Apply(update, Utc(10, 0, 0));
  EXPECT_EQ(state.ActiveList()->item(), "1 (e)");
  update.mutable_snapshot()
      ->mutable_lists(2)
      ->mutable_current()
      ->mutable_entry()
      ->set_delegation("ARM");
  state.Apply(update, Utc(10, 0, 0));
  EXPECT_EQ(state.ActiveList()->item(), "reply");
}

}  // namespace
}  // namespace speakers::cli
