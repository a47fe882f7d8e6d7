// Watch: a snapshot, then what each command changed (a Delta) in version
// order; resuming from a version; several watchers; the end of streams at
// shutdown.
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "server/domain/command.h"
#include "tests/service/service_fixture.h"

namespace speakers::service_test {
namespace {

using Stub = v1::Speakers::Stub;

class WatchTest : public ServiceTest {
 protected:
  // Reads the next update and checks it is the delta of `version` alone.
  std::optional<v1::Delta> NextChange(WatchReader& watch, uint64_t version) {
    std::optional<v1::Update> update = watch.Next();
    if (!update) return std::nullopt;
    EXPECT_TRUE(update->has_delta()) << update->DebugString();
    EXPECT_EQ(update->version(), version);
    EXPECT_EQ(update->delta().base_version(), version - 1);
    return update->delta();
  }

  // `count` commands applied in process (inscribe / withdraw of AUT on item 2).
  void RunCommands(int count) {
    for (int i = 0; i < count; ++i) {
      const ListTarget list{"plenary", "2"};
      speakers::Command command = cmd::Withdraw{list, "AUT"};
      if (i % 2 == 0) {
        command = cmd::Inscribe{
            list, "AUT", Speaker{"Ms. Doe", "", Rank::kHeadOfDelegation},
            "",   false, std::nullopt};
      }
      ASSERT_TRUE(hub()->Execute(command, "secretariat").ok()) << i;
    }
  }
};

TEST_F(WatchTest, ASnapshotThenEveryChangeInOrder) {
  std::unique_ptr<WatchReader> watch = Watch();
  std::optional<v1::Update> first = watch->Next();
  ASSERT_TRUE(first);
  ASSERT_TRUE(first->has_snapshot());
  EXPECT_EQ(first->version(), 0u);
  EXPECT_EQ(ToTime(first->server_time()), StartTime());
  EXPECT_EQ(first->snapshot().meeting(), "plenary");
  EXPECT_EQ(first->snapshot().version(), 0u);
  EXPECT_EQ(first->snapshot().lists_size(), 16);

  clock_.Advance(absl::Minutes(1));
  Command(&Stub::Inscribe, kDelegationAut, InscribeOf(kItemF, "AUT"));
  std::optional<v1::Update> update = watch->Next();
  ASSERT_TRUE(update);
  ASSERT_TRUE(update->has_delta());
  EXPECT_EQ(update->version(), 1u);
  EXPECT_EQ(ToTime(update->server_time()), StartTime() + absl::Minutes(1));
  const v1::Delta& inscribed = update->delta();
  EXPECT_EQ(inscribed.base_version(), 0u);
  ASSERT_EQ(inscribed.events_size(), 1);
  EXPECT_EQ(inscribed.events(0).kind(), "inscribed");
  EXPECT_EQ(inscribed.events(0).version(), 1u);
  ASSERT_EQ(inscribed.lists_size(), 1);
  EXPECT_EQ(inscribed.lists(0).item(), "1 (f)");
  EXPECT_EQ(inscribed.lists(0).status(), v1::LIST_OPEN);
  EXPECT_EQ(inscribed.lists(0).next_receipt(), 2u);
  EXPECT_FALSE(inscribed.lists(0).has_header());  // the list's own fields
  ASSERT_EQ(inscribed.lists(0).ops_size(), 1);    // stayed
  const v1::EntryOp::Insert& insert = inscribed.lists(0).ops(0).insert();
  EXPECT_EQ(insert.index(), 0u);
  EXPECT_EQ(insert.entry().delegation(), "AUT");
  EXPECT_EQ(insert.entry().receipt().number(), 1u);
  EXPECT_FALSE(insert.entry().has_expected_wait());  // derived by clients
  EXPECT_FALSE(inscribed.lists(0).has_current());
  EXPECT_EQ(inscribed.status(), v1::MEETING_NOT_STARTED);
  EXPECT_EQ(inscribed.current_item(), "1 (a)");

  Command(&Stub::ChangeMeeting, kChairPlenary,
          ChangeMeetingOf(v1::MEETING_OPEN));
  std::optional<v1::Delta> opened = NextChange(*watch, 2);
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->events(0).kind(), "meeting_opened");
  EXPECT_EQ(opened->lists_size(), 0);  // touches no list
  EXPECT_EQ(opened->status(), v1::MEETING_IN_SESSION);

  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));
  std::optional<v1::Delta> called = NextChange(*watch, 3);
  ASSERT_TRUE(called);
  ASSERT_EQ(called->lists_size(), 1);
  EXPECT_EQ(called->lists(0).current().entry().delegation(), "AUT");
  EXPECT_EQ(called->lists(0).current().timer().state(), v1::TIMER_READY);
  ASSERT_EQ(called->lists(0).ops_size(), 1);
  EXPECT_EQ(called->lists(0).ops(0).remove(),
            insert.entry().id());  // off the waiting list
  EXPECT_FALSE(called->lists(0).has_spoken());

  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));
  std::optional<v1::Delta> finished = NextChange(*watch, 4);
  ASSERT_TRUE(finished);
  ASSERT_EQ(finished->events_size(), 1);
  EXPECT_EQ(finished->events(0).kind(), "finished");
  ASSERT_EQ(finished->lists_size(), 1);
  EXPECT_FALSE(finished->lists(0).has_current());
  EXPECT_TRUE(finished->lists(0).floor_empty());
  EXPECT_EQ(finished->lists(0).spoken().entry().delegation(), "AUT");
  EXPECT_EQ(finished->lists(0).ops_size(), 0);

  v1::RequestReplyRequest reply;
  reply.set_meeting("plenary");
  reply.set_item("1 (f)");
  reply.set_delegation("KEN");
  reply.mutable_speaker()->set_name("Mr. Reply");
  Command(&Stub::RequestReply, kDelegationKen, reply);
  std::optional<v1::Delta> replied = NextChange(*watch, 5);
  ASSERT_TRUE(replied);
  ASSERT_EQ(replied->lists_size(), 1);
  EXPECT_EQ(replied->lists(0).item(), "reply");
  EXPECT_EQ(replied->lists(0).ops(0).insert().entry().delegation(), "KEN");

  // A refused command sends nothing: the next message is the next change.
  EXPECT_FALSE(Call(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF)).ok());
  Command(&Stub::Inscribe, kDelegationKen, InscribeOf(kItem2, "KEN"));
  std::optional<v1::Delta> next = NextChange(*watch, 6);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->lists(0).item(), "2");
}

TEST_F(WatchTest, ResumingGetsExactlyTheMissedChangesThenLiveOnes) {
  InscribeAll(kItem2, {"AUT", "KEN", "FRA"});  // versions 1 to 3

  std::unique_ptr<WatchReader> watch = Watch(/*since_version=*/1);
  std::optional<v1::Delta> second = NextChange(*watch, 2);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->events(0).delegation(), "KEN");
  std::optional<v1::Delta> third = NextChange(*watch, 3);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->events(0).delegation(), "FRA");

  std::unique_ptr<WatchReader> current = Watch(/*since_version=*/3);
  ASSERT_TRUE(AwaitSinkCount(2));  // subscribed, with nothing to catch up on
  InscribeAll(kItem2, {"USA"});
  std::optional<v1::Delta> live = NextChange(*watch, 4);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->events(0).delegation(), "USA");
  std::optional<v1::Delta> live_too = NextChange(*current, 4);
  ASSERT_TRUE(live_too);
  EXPECT_EQ(live_too->events(0).delegation(), "USA");
}

TEST_F(WatchTest, AResumeAcrossARestartStartsFromASnapshot) {
  InscribeAll(kItem2, {"AUT", "KEN"});  // versions 1 and 2
  std::unique_ptr<WatchReader> first = Watch();
  std::optional<v1::Update> snapshot = first->Next();
  ASSERT_TRUE(snapshot && snapshot->has_snapshot());
  const std::string stream = snapshot->stream();
  EXPECT_EQ(stream.size(), 24u);
  EXPECT_EQ(stream, app_->app().stream_id());
  first.reset();

  // After a restart, version 2 may name another state (a restored backup,
  // a log cut back by --recover-until): the old stream's version is not
  // taken, even though the server is at version 2 with nothing newer.
  RestartServer();
  EXPECT_NE(app_->app().stream_id(), stream);
  v1::WatchRequest request;
  request.set_meeting(std::string(kPlenary));
  request.set_since_version(2);
  request.set_stream(stream);
  WatchReader resumed(kNoToken, absl::Seconds(10),
                      [this, request](grpc::ClientContext* c) {
                        return stub_->Watch(c, request);
                      });
  std::optional<v1::Update> again = resumed.Next();
  ASSERT_TRUE(again);
  ASSERT_TRUE(again->has_snapshot()) << again->DebugString();
  EXPECT_EQ(again->version(), 2u);
  EXPECT_EQ(again->stream(), app_->app().stream_id());
  // No stream at all is no better than another one.
  request.clear_stream();
  WatchReader anonymous(kNoToken, absl::Seconds(10),
                        [this, request](grpc::ClientContext* c) {
                          return stub_->Watch(c, request);
                        });
  std::optional<v1::Update> fresh = anonymous.Next();
  ASSERT_TRUE(fresh);
  EXPECT_TRUE(fresh->has_snapshot());
}

TEST_F(WatchTest, AVersionFromTheFutureGetsASnapshot) {
  InscribeAll(kItem2, {"AUT", "KEN"});
  std::unique_ptr<WatchReader> watch = Watch(/*since_version=*/99);
  std::optional<v1::Update> first = watch->Next();
  ASSERT_TRUE(first);
  ASSERT_TRUE(first->has_snapshot());
  EXPECT_EQ(first->version(), 2u);
  EXPECT_EQ(first->snapshot().version(), 2u);
  InscribeAll(kItem2, {"FRA"});
  EXPECT_TRUE(NextChange(*watch, 3));
}

TEST_F(WatchTest, AVersionOlderThanTheHistoryGetsASnapshot) {
  // The server keeps the last 4096 changes.
  RunCommands(4100);
  ASSERT_EQ(Version(), 4100u);
  std::unique_ptr<WatchReader> old = Watch(/*since_version=*/3);
  std::optional<v1::Update> first = old->Next();
  ASSERT_TRUE(first);
  ASSERT_TRUE(first->has_snapshot());
  EXPECT_EQ(first->version(), 4100u);
  // The oldest version the history can still continue from.
  std::unique_ptr<WatchReader> oldest = Watch(/*since_version=*/4);
  std::optional<v1::Update> resumed = oldest->Next();
  ASSERT_TRUE(resumed);
  EXPECT_TRUE(resumed->has_delta());
  EXPECT_EQ(resumed->version(), 5u);
}

TEST_F(WatchTest, TwoWatchersSeeTheSameSequence) {
  std::unique_ptr<WatchReader> a = Watch();
  std::unique_ptr<v1::Speakers::Stub> other = NewStub();
  std::unique_ptr<WatchReader> b = Watch(0, kPlenary, other.get());
  ASSERT_TRUE(a->Next());
  ASSERT_TRUE(b->Next());
  InscribeAll(kItem2, {"AUT", "KEN", "FRA"});
  Command(&Stub::ChangeMeeting, kChairPlenary,
          ChangeMeetingOf(v1::MEETING_OPEN));
  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItem2));
  for (uint64_t version = 1; version <= 5; ++version) {
    std::optional<v1::Update> from_a = a->Next();
    std::optional<v1::Update> from_b = b->Next();
    ASSERT_TRUE(from_a && from_b);
    EXPECT_EQ(from_a->version(), version);
    EXPECT_EQ(from_a->SerializeAsString(), from_b->SerializeAsString())
        << version;
  }
}

// Watchers that subscribe while another client issues commands must see
// each version once, in order: a snapshot, then the changes after it (a
// watcher that falls behind may get a newer snapshot instead of a backlog).
TEST_F(WatchTest, WatchersJoiningDuringCommandsMissNothing) {
  constexpr uint64_t kCommands = 200;
  std::thread writer([this] { RunCommands(kCommands); });
  std::vector<std::unique_ptr<WatchReader>> watchers;
  for (int i = 0; i < 8; ++i) watchers.push_back(Watch());
  for (size_t w = 0; w < watchers.size(); ++w) {
    SCOPED_TRACE(w);
    std::optional<v1::Update> update = watchers[w]->Next();
    ASSERT_TRUE(update && update->has_snapshot());
    uint64_t last = update->version();
    while (last < kCommands) {
      update = watchers[w]->Next();
      ASSERT_TRUE(update) << "after version " << last;
      if (update->has_delta()) {
        // One command's, or a group's committed together: it follows.
        ASSERT_EQ(update->delta().base_version(), last);
        ASSERT_GT(update->version(), last);
      } else {
        ASSERT_TRUE(update->has_snapshot()) << update->DebugString();
        ASSERT_GT(update->version(), last);
      }
      last = update->version();
    }
  }
  writer.join();
}

TEST_F(WatchTest, ShutdownEndsOpenStreamsWithUnavailable) {
  std::unique_ptr<WatchReader> watch = Watch();
  std::unique_ptr<WatchReader> experts = Watch(0, "experts");
  std::unique_ptr<DelegationReader> mine = WatchDelegation("AUT");
  ASSERT_TRUE(watch->Next());
  ASSERT_TRUE(experts->Next());
  ASSERT_TRUE(mine->Next());

  server_->Shutdown();
  v1::Update update;
  EXPECT_FALSE(watch->Read(&update));
  EXPECT_TRUE(HasStatus(
      watch->Finish(), grpc::StatusCode::UNAVAILABLE,
      "the server is shutting down; reconnect with your last version"));
  EXPECT_FALSE(experts->Read(&update));
  EXPECT_TRUE(HasStatus(experts->Finish(), grpc::StatusCode::UNAVAILABLE,
                        "shutting down"));
  v1::DelegationUpdate position;
  EXPECT_FALSE(mine->Read(&position));
  EXPECT_TRUE(HasStatus(mine->Finish(), grpc::StatusCode::UNAVAILABLE,
                        "shutting down"));
  wait_for_ready_ = false;  // the server is gone: no waiting for it
  EXPECT_EQ(
      Call(&Stub::GetSession, kNoToken, v1::GetSessionRequest()).error_code(),
      grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace speakers::service_test
