// Slow and departing readers: a watcher that never reads delays nobody, a
// cancelled watcher leaves the hub, concurrent writers get one version each.
#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fold/meeting_fold.h"
#include "gtest/gtest.h"
#include "tests/service/service_fixture.h"

namespace speakers::service_test {
namespace {

using Stub = v1::Speakers::Stub;

class StallTest : public ServiceTest {
 protected:
  // The first `count` States parties of the session, in file order.
  std::vector<std::string> StatesParties(size_t count) {
    v1::SessionInfo info;
    EXPECT_TRUE(IsOk(
        Call(&Stub::GetSession, kNoToken, v1::GetSessionRequest(), &info)));
    std::vector<std::string> codes;
    for (const v1::Delegation& d : info.delegations()) {
      if (d.category() == v1::CATEGORY_STATE_PARTY && codes.size() < count) {
        codes.push_back(d.code());
      }
    }
    EXPECT_EQ(codes.size(), count);
    return codes;
  }
};

TEST_F(StallTest, AStalledWatcherDoesNotDelayTheOthers) {
  std::unique_ptr<WatchReader> healthy = Watch();
  std::optional<v1::Update> snapshot = healthy->Next();
  ASSERT_TRUE(snapshot && snapshot->has_snapshot());
  // The stalled watcher has a connection of its own with a small, fixed
  // flow-control window, and never reads: the server's writes to it stop.
  grpc::ChannelArguments small_window;
  small_window.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  small_window.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 16 * 1024);
  std::unique_ptr<Stub> stalled_stub = NewStub(small_window);
  std::unique_ptr<WatchReader> stalled = Watch(0, kPlenary, stalled_stub.get());
  ASSERT_TRUE(AwaitSinkCount(2));

  // 100 inscriptions, then 200 moves: far more than the stalled stream's
  // flow-control window, and than the updates a reader may have queued.
  v1::MeetingSnapshot copy = snapshot->snapshot();
  const std::vector<std::string> codes = StatesParties(100);
  constexpr uint64_t kCommands = 300;
  for (uint64_t version = 1; version <= kCommands; ++version) {
    grpc::Status status;
    if (version <= codes.size()) {
      status = Call(&Stub::Inscribe, kSecretariat,
                    InscribeOf(kItem2, codes[version - 1]));
    } else {
      v1::MoveRequest move;
      *move.mutable_list() = ListOf(kItem2);
      move.set_delegation(codes[0]);
      move.set_position((version - codes.size()) % 2 == 1 ? 2 : 1);
      status = Call(&Stub::Move, kChairPlenary, move);
    }
    ASSERT_TRUE(IsOk(status)) << "command " << version;
    std::optional<v1::Update> update = healthy->Next();
    ASSERT_TRUE(update) << "version " << version;
    ASSERT_TRUE(update->has_delta()) << "version " << version;
    ASSERT_EQ(update->version(), version);
    ASSERT_TRUE(fold::ApplyUpdate(*update, &copy).ok())
        << "version " << version;
    ASSERT_EQ(fold::FindList(copy, kItem2)->waiting_size(),
              static_cast<int>(std::min<uint64_t>(version, codes.size())));
  }
  EXPECT_EQ(Readers(), 2u);  // the stalled one is still subscribed

  // Once it reads again it catches up: versions in order, any gap bridged
  // by a fresh snapshot, up to the latest version.
  uint64_t last = 0;
  bool first = true;
  bool resynced = false;
  while (last < kCommands) {
    std::optional<v1::Update> update = stalled->Next();
    ASSERT_TRUE(update) << "after version " << last;
    if (first) {
      EXPECT_TRUE(update->has_snapshot());
      first = false;
    } else if (update->version() != last + 1) {
      ASSERT_TRUE(update->has_snapshot())
          << "version " << update->version() << " after " << last
          << " is not a snapshot";
      ASSERT_GT(update->version(), last);
    }
    if (update->has_snapshot() && update->version() > 0) resynced = true;
    last = update->version();
  }
  EXPECT_EQ(last, kCommands);
  // It really fell behind: its backlog was replaced by a snapshot.
  EXPECT_TRUE(resynced);
}

// The server's sweep runs every second of real time: this test waits on it
// (bounded by the stream deadline), not on the fake clock.
TEST_F(StallTest, AWatcherStuckPastTheStallTimeoutIsDropped) {
  AppOptions options;
  options.stall_timeout = std::chrono::milliseconds(100);
  StartServer(options);
  grpc::ChannelArguments small_window;
  small_window.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  small_window.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 16 * 1024);
  std::unique_ptr<Stub> stalled_stub = NewStub(small_window);
  std::unique_ptr<WatchReader> stalled = Watch(0, kPlenary, stalled_stub.get());
  ASSERT_TRUE(AwaitSinkCount(1));
  InscribeAll(kItem2, StatesParties(100));
  ASSERT_TRUE(AwaitSinkCount(0));  // dropped by the sweep

  // The client reads what reached it, then the end of the stream.
  v1::Update update;
  uint64_t last = 0;
  while (stalled->Read(&update)) last = update.version();
  EXPECT_LT(last, 100u);
  const grpc::Status status = stalled->Finish();
  // The server cancels the call (its own UNAVAILABLE message cannot pass the
  // stuck write), so the client sees CANCELLED; both make a client reconnect.
  EXPECT_TRUE(status.error_code() == grpc::StatusCode::UNAVAILABLE ||
              status.error_code() == grpc::StatusCode::CANCELLED)
      << status.error_code() << ": " << status.error_message();

  // Reconnecting with the last version seen continues from there.
  std::unique_ptr<WatchReader> again = Watch(last);
  std::optional<v1::Update> next = again->Next();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->version(), last == 0 ? 100u : last + 1);
}

TEST_F(StallTest, ACancelledWatcherLeavesTheHub) {
  const size_t baseline = Readers();
  std::unique_ptr<WatchReader> watch = Watch();
  std::unique_ptr<DelegationReader> mine = WatchDelegation("AUT");
  ASSERT_TRUE(watch->Next());
  ASSERT_TRUE(mine->Next());
  EXPECT_EQ(Readers(), baseline + 2);

  watch->context().TryCancel();
  EXPECT_TRUE(AwaitSinkCount(baseline + 1));
  EXPECT_EQ(watch->Finish().error_code(), grpc::StatusCode::CANCELLED);

  // Commands still reach the remaining stream.
  Command(&Stub::Inscribe, kDelegationAut, InscribeOf(kItem2, "AUT"));
  std::optional<v1::DelegationUpdate> update = mine->Next();
  ASSERT_TRUE(update);
  EXPECT_EQ(update->version(), 1u);

  mine->context().TryCancel();
  EXPECT_TRUE(AwaitSinkCount(baseline));
  EXPECT_EQ(mine->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(StallTest, ConcurrentWritersGetOneVersionEach) {
  const std::vector<std::string> codes = StatesParties(120);
  constexpr int kThreads = 4;
  std::vector<std::vector<v1::CommandReply>> replies(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = t; i < codes.size(); i += kThreads) {
        grpc::ClientContext context;
        Prepare(&context, kSecretariat);
        v1::CommandReply reply;
        if (stub_->Inscribe(&context, InscribeOf(kItem2, codes[i]), &reply)
                .ok()) {
          replies[t].push_back(reply);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::set<uint64_t> versions;
  std::set<uint64_t> receipts;
  for (const auto& per_thread : replies) {
    for (const v1::CommandReply& reply : per_thread) {
      versions.insert(reply.version());
      receipts.insert(reply.entry().receipt().number());
    }
  }
  ASSERT_EQ(versions.size(), codes.size());
  EXPECT_EQ(*versions.begin(), 1u);
  EXPECT_EQ(*versions.rbegin(), codes.size());
  EXPECT_EQ(receipts.size(), codes.size());
  v1::ListState list;
  ASSERT_TRUE(IsOk(Call(&Stub::GetList, kNoToken, ListOf(kItem2), &list)));
  EXPECT_EQ(list.waiting_size(), static_cast<int>(codes.size()));
  EXPECT_EQ(list.next_receipt(), codes.size() + 1);
}

}  // namespace
}  // namespace speakers::service_test
