// The one fan-out of the app layer: what a reader gets first (snapshot or
// the changes it missed), in order, and the slow-reader policy (bounded
// queue, then one fresh snapshot; a stuck write ends the stream).
#include "server/app/broadcaster.h"

#include <memory>
#include <vector>

#include "gtest/gtest.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {
namespace {

class FakeMonotonic : public MonotonicClock {
 public:
  Instant Now() const override { return now; }
  Instant now{};
};

// A transport that records what it was asked to do and writes only when
// the test says so.
class FakeWriter : public StreamWriter {
 public:
  void Wake() override { ++wakes; }
  void Abort() override { ++aborts; }
  int wakes = 0;
  int aborts = 0;
};

// The update of the commands after `base` up to `version` (one command
// when base is version - 1, a group otherwise).
PublishedPtr Delta(uint64_t version, uint64_t base) {
  auto update = std::make_unique<v1::Update>();
  update->set_version(version);
  update->mutable_delta()->set_base_version(base);
  return std::make_shared<Published>(std::move(update), version, true,
                                     MonotonicClock::Instant{});
}

PublishedPtr Change(uint64_t version) { return Delta(version, version - 1); }

class BroadcasterTest : public ::testing::Test {
 protected:
  BroadcasterTest()
      : broadcaster_(
            [this] {
              ++snapshots_;
              auto update = std::make_unique<v1::Update>();
              update->set_version(state_version_);
              update->mutable_snapshot();
              return std::make_shared<Published>(
                  std::move(update), state_version_, false, clock_.now);
            },
            &clock_, nullptr,
            Broadcaster::Options{/*history=*/4, /*max_queued=*/3}) {}

  void PublishUpTo(uint64_t version) {
    while (state_version_ < version)
      broadcaster_.Publish(Change(++state_version_));
  }

  // Writes everything the subscription hands out: the versions, a
  // snapshot's negated.
  static std::vector<int64_t> Drain(Subscription& s) {
    std::vector<int64_t> out;
    for (Subscription::Step step = s.Next(); step.write != nullptr;
         step = s.Next()) {
      v1::Update update;
      EXPECT_TRUE(update.ParseFromString(step.write->wire()));
      out.push_back(update.has_snapshot()
                        ? -static_cast<int64_t>(update.version())
                        : static_cast<int64_t>(update.version()));
    }
    return out;
  }

  FakeMonotonic clock_;
  uint64_t state_version_ = 0;
  int snapshots_ = 0;
  Broadcaster broadcaster_;
};

TEST_F(BroadcasterTest, AFreshReaderStartsFromASnapshotThenGetsEveryChange) {
  PublishUpTo(2);
  FakeWriter writer;
  auto s = broadcaster_.Subscribe(&writer, 0);
  EXPECT_EQ(Drain(*s), (std::vector<int64_t>{-2}));
  PublishUpTo(4);
  EXPECT_EQ(writer.wakes, 1);  // idle: woken once, then the queue fills
  EXPECT_EQ(Drain(*s), (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(broadcaster_.readers(), 1u);
}

TEST_F(BroadcasterTest, AReaderThatResumesGetsOnlyWhatItMissed) {
  PublishUpTo(5);
  FakeWriter writer;
  auto s = broadcaster_.Subscribe(&writer, 3);
  EXPECT_EQ(Drain(*s), (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(snapshots_, 0);
  auto current = broadcaster_.Subscribe(&writer, 5);
  EXPECT_TRUE(Drain(*current).empty());
}

// A group of commands published as one update is resumed as a whole: from
// its base version, never from inside it (the reader could not apply it).
TEST_F(BroadcasterTest, AGroupIsResumedFromItsBaseNeverFromInside) {
  PublishUpTo(2);
  state_version_ = 5;
  broadcaster_.Publish(Delta(5, 2));  // commands 3, 4 and 5 together
  PublishUpTo(6);
  FakeWriter writer;
  auto at_base = broadcaster_.Subscribe(&writer, 2);
  EXPECT_EQ(Drain(*at_base), (std::vector<int64_t>{5, 6}));
  EXPECT_EQ(snapshots_, 0);
  auto inside = broadcaster_.Subscribe(&writer, 4);
  EXPECT_EQ(Drain(*inside), (std::vector<int64_t>{-6}));
  EXPECT_EQ(snapshots_, 1);
}

// A queued update that a snapshot covers only in part is never sent: the
// reader gets a snapshot that covers it whole.
TEST_F(BroadcasterTest, AnUpdateASnapshotCoversInPartGivesAFreshSnapshot) {
  PublishUpTo(2);
  FakeWriter writer;
  auto s = broadcaster_.Subscribe(&writer, 0);
  state_version_ = 3;  // the snapshot sees version 3 ...
  EXPECT_EQ(s->Next().write->version(), 3u);
  broadcaster_.Publish(Delta(4, 2));  // ... and a group from 2 comes after
  state_version_ = 4;
  EXPECT_EQ(Drain(*s), (std::vector<int64_t>{-4}));
  EXPECT_EQ(snapshots_, 2);
}

TEST_F(BroadcasterTest, AGapTheHistoryNoLongerCoversGivesASnapshot) {
  PublishUpTo(10);  // history keeps 7..10
  FakeWriter writer;
  auto s = broadcaster_.Subscribe(&writer, 5);
  EXPECT_EQ(Drain(*s), (std::vector<int64_t>{-10}));
  auto future = broadcaster_.Subscribe(&writer, 99);  // not this log's version
  EXPECT_EQ(Drain(*future), (std::vector<int64_t>{-10}));
}

TEST_F(BroadcasterTest, ASlowReaderGetsOneSnapshotInsteadOfTheBacklog) {
  FakeWriter writer;
  auto s = broadcaster_.Subscribe(&writer, 0);
  Subscription::Step first = s->Next();  // the snapshot, being written...
  ASSERT_NE(first.write, nullptr);
  PublishUpTo(8);  // ...while 8 changes arrive: more than max_queued
  EXPECT_EQ(Drain(*s), (std::vector<int64_t>{-8}));
  EXPECT_EQ(snapshots_, 2);
  PublishUpTo(9);
  EXPECT_EQ(Drain(*s), (std::vector<int64_t>{9}));
}

TEST_F(BroadcasterTest, AStuckWriteIsAbortedAndEndsTheStream) {
  FakeWriter writer;
  auto s = broadcaster_.Subscribe(&writer, 0);
  ASSERT_NE(s->Next().write, nullptr);  // in flight from t=0
  clock_.now += std::chrono::seconds(31);
  EXPECT_EQ(broadcaster_.DropStalled(clock_.now - std::chrono::seconds(30)), 1);
  EXPECT_EQ(writer.aborts, 1);
  Subscription::Step step = s->Next(/*delivered=*/false);
  ASSERT_TRUE(step.finish);
  EXPECT_EQ(step.finish->code(), absl::StatusCode::kUnavailable);
}

TEST_F(BroadcasterTest, ShutdownEndsIdleReadersAndRefusesNewOnes) {
  FakeWriter writer;
  auto s = broadcaster_.Subscribe(&writer, 0);
  Drain(*s);
  broadcaster_.CloseAll(absl::UnavailableError("the server is shutting down"));
  EXPECT_EQ(writer.wakes, 1);
  Subscription::Step step = s->Next();
  ASSERT_TRUE(step.finish);
  EXPECT_EQ(step.finish->code(), absl::StatusCode::kUnavailable);
  auto late = broadcaster_.Subscribe(&writer, 0);
  ASSERT_TRUE(late->Next().finish);
}

TEST_F(BroadcasterTest, ADetachedReaderIsNeverWokenAgain) {
  FakeWriter writer;
  auto s = broadcaster_.Subscribe(&writer, 0);
  Drain(*s);
  s->Detach();
  broadcaster_.Unsubscribe(s.get());
  PublishUpTo(3);
  EXPECT_EQ(writer.wakes, 0);
  EXPECT_EQ(broadcaster_.readers(), 0u);
}

// An update of `bytes` serialized bytes (a long list's change).
PublishedPtr BigChange(uint64_t version, size_t bytes) {
  auto update = std::make_unique<v1::Update>();
  update->set_version(version);
  update->mutable_delta()->set_base_version(version - 1);
  update->mutable_delta()->add_events()->set_summary(std::string(bytes, 'x'));
  return std::make_shared<Published>(std::move(update), version, true,
                                     MonotonicClock::Instant{});
}

// The history is bounded in bytes as well as in count: large updates (a
// 145-entry list's are ~75 KB) no longer keep 4,096 of them each.
TEST(BroadcasterHistoryTest, TheHistoryIsBoundedInBytes) {
  FakeMonotonic clock;
  uint64_t state = 0;
  int snapshots = 0;
  Broadcaster broadcaster(
      [&] {
        ++snapshots;
        auto update = std::make_unique<v1::Update>();
        update->set_version(state);
        update->mutable_snapshot();
        return std::make_shared<Published>(std::move(update), state, false,
                                           clock.now);
      },
      &clock, nullptr,
      Broadcaster::Options{/*history=*/4096, /*max_queued=*/64,
                           /*history_bytes=*/1 << 20});
  const size_t one = BigChange(2, 75000)->bytes();  // as those kept
  for (state = 1; state <= 100; ++state) {
    broadcaster.Publish(BigChange(state, 75000));
  }
  --state;                                                         // 100
  EXPECT_EQ(broadcaster.history_size(), (size_t{1} << 20) / one);  // 13
  EXPECT_LE(broadcaster.history_bytes(), size_t{1} << 20);
  EXPECT_EQ(broadcaster.history_bytes(), broadcaster.history_size() * one);

  // A reader within the kept history resumes; an older one gets a snapshot.
  FakeWriter writer;
  const uint64_t oldest_kept = 100 - broadcaster.history_size() + 1;  // 88
  std::shared_ptr<Subscription> near =
      broadcaster.Subscribe(&writer, oldest_kept - 1);
  Subscription::Step step = near->Next();
  ASSERT_NE(step.write, nullptr);
  EXPECT_EQ(step.write->version(), oldest_kept);
  EXPECT_EQ(snapshots, 0);
  std::shared_ptr<Subscription> far =
      broadcaster.Subscribe(&writer, oldest_kept - 2);
  step = far->Next();
  ASSERT_NE(step.write, nullptr);
  EXPECT_EQ(snapshots, 1);
  EXPECT_EQ(step.write->version(), 100u);
  near->Detach();
  broadcaster.Unsubscribe(near.get());
  far->Detach();
  broadcaster.Unsubscribe(far.get());

  // One update larger than the whole budget is still kept (the latest).
  broadcaster.Publish(BigChange(++state, 2 << 20));
  EXPECT_EQ(broadcaster.history_size(), 1u);
}

}  // namespace
}  // namespace speakers
