// TimerSignal updates: raised when the speaker's clock reaches the warning
// threshold and the limit, driven here by the fake clock and
// MeetingHub::CheckDeadlines.
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/service/service_fixture.h"

namespace speakers::service_test {
namespace {

using Stub = v1::Speakers::Stub;

class TimerSignalTest : public ServiceTest {
 protected:
  // Opens the plenary and gives Austria the floor on item 1 (f) with its
  // clock running from StartTime(); the watcher has read versions 1 to 4.
  void AustriaSpeaks(WatchReader& watch) {
    std::optional<v1::Update> snapshot = watch.Next();
    ASSERT_TRUE(snapshot && snapshot->has_snapshot());
    Command(&Stub::ChangeMeeting, kChairPlenary,
            ChangeMeetingOf(v1::MEETING_OPEN));
    Command(&Stub::Inscribe, kDelegationAut, InscribeOf(kItemF, "AUT"));
    Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));
    Command(&Stub::Timer, kChairPlenary, TimerOf(kItemF, v1::TIMER_START));
    for (uint64_t version = 1; version <= 4; ++version) {
      std::optional<v1::Update> update = watch.Next();
      ASSERT_TRUE(update && update->has_delta());
      ASSERT_EQ(update->version(), version);
    }
  }

  static void ExpectSignal(const std::optional<v1::Update>& update,
                           v1::TimerSignal::Kind kind, absl::Time deadline,
                           uint64_t version) {
    ASSERT_TRUE(update);
    ASSERT_TRUE(update->has_signal()) << update->DebugString();
    EXPECT_EQ(update->version(), version);
    EXPECT_EQ(update->signal().kind(), kind);
    EXPECT_EQ(update->signal().item(), "1 (f)");
    EXPECT_EQ(update->signal().delegation(), "AUT");
    EXPECT_EQ(ToTime(update->signal().deadline()), deadline);
  }

  static void ExpectChange(const std::optional<v1::Update>& update,
                           uint64_t version) {
    ASSERT_TRUE(update);
    EXPECT_TRUE(update->has_delta()) << update->DebugString();
    EXPECT_EQ(update->version(), version);
  }
};

TEST_F(TimerSignalTest, WarningThenLimitEachOnce) {
  std::unique_ptr<WatchReader> watch = Watch();
  std::unique_ptr<DelegationReader> mine = WatchDelegation("AUT");
  ASSERT_TRUE(mine->Next());
  ASSERT_NO_FATAL_FAILURE(AustriaSpeaks(*watch));
  const absl::Time start = StartTime();

  clock_.Advance(absl::Minutes(4) + absl::Seconds(30));
  hub()->CheckDeadlines();
  std::optional<v1::Update> warning = watch->Next();
  ExpectSignal(warning, v1::TimerSignal::WARNING, start + absl::Seconds(270),
               4);
  EXPECT_EQ(ToTime(warning->server_time()), start + absl::Seconds(270));

  clock_.Advance(absl::Seconds(30));
  hub()->CheckDeadlines();
  ExpectSignal(watch->Next(), v1::TimerSignal::LIMIT, start + absl::Minutes(5),
               4);

  // Asked again: nothing new is due, so nothing is sent. The io thread runs
  // these checks in order, so any duplicate would arrive before the
  // signals of the minute added below.
  hub()->CheckDeadlines();
  hub()->CheckDeadlines();
  v1::AddTimeRequest more;
  *more.mutable_list() = ListOf(kItemF);
  more.mutable_delta()->set_seconds(60);
  Command(&Stub::AddTime, kChairPlenary, more);
  clock_.Advance(absl::Minutes(1));
  hub()->CheckDeadlines();
  ExpectChange(watch->Next(), 5);
  ExpectSignal(watch->Next(), v1::TimerSignal::WARNING,
               start + absl::Seconds(330), 5);
  ExpectSignal(watch->Next(), v1::TimerSignal::LIMIT, start + absl::Minutes(6),
               5);

  // The delegation's stream skips signals: one update per version.
  for (uint64_t version = 1; version <= 5; ++version) {
    std::optional<v1::DelegationUpdate> update = mine->Next();
    ASSERT_TRUE(update);
    EXPECT_EQ(update->version(), version);
  }
}

TEST_F(TimerSignalTest, APausedClockRaisesNothing) {
  std::unique_ptr<WatchReader> watch = Watch();
  ASSERT_NO_FATAL_FAILURE(AustriaSpeaks(*watch));
  clock_.Advance(absl::Minutes(1));
  Command(&Stub::Timer, kChairPlenary, TimerOf(kItemF, v1::TIMER_PAUSE));
  clock_.Advance(absl::Minutes(10));  // past every deadline, but paused
  hub()->CheckDeadlines();
  Command(&Stub::Timer, kChairPlenary, TimerOf(kItemF, v1::TIMER_RESUME));
  // 1:00 spoken, 4:00 left: the warning is due 3:30 after the resumption.
  const absl::Time resumed = StartTime() + absl::Minutes(11);
  clock_.Advance(absl::Minutes(3) + absl::Seconds(30));
  hub()->CheckDeadlines();
  ExpectChange(watch->Next(), 5);
  ExpectChange(watch->Next(), 6);
  ExpectSignal(watch->Next(), v1::TimerSignal::WARNING,
               resumed + absl::Seconds(210), 6);
}

TEST_F(TimerSignalTest, SuspendingTheMeetingPausesTheClock) {
  std::unique_ptr<WatchReader> watch = Watch();
  ASSERT_NO_FATAL_FAILURE(AustriaSpeaks(*watch));
  clock_.Advance(absl::Minutes(2));
  v1::CommandReply reply = Command(&Stub::ChangeMeeting, kChairPlenary,
                                   ChangeMeetingOf(v1::MEETING_SUSPEND));
  ASSERT_EQ(reply.events_size(), 2);
  EXPECT_EQ(reply.events(0).kind(), "meeting_suspended");
  EXPECT_EQ(reply.events(1).kind(), "timer_paused");
  std::optional<v1::Update> update = watch->Next();
  ASSERT_TRUE(update && update->has_delta());
  EXPECT_EQ(update->delta().status(), v1::MEETING_SUSPENDED);
  ASSERT_EQ(update->delta().lists_size(), 1);
  // Only the clock changed: the delta carries it alone.
  EXPECT_FALSE(update->delta().lists(0).has_current());
  EXPECT_EQ(update->delta().lists(0).timer().state(), v1::TIMER_PAUSED);
  EXPECT_EQ(ToDuration(update->delta().lists(0).timer().accumulated()),
            absl::Minutes(2));

  clock_.Advance(absl::Minutes(10));  // past every deadline, but suspended
  hub()->CheckDeadlines();
  Command(&Stub::ChangeMeeting, kChairPlenary,
          ChangeMeetingOf(v1::MEETING_RESUME));
  Command(&Stub::Timer, kChairPlenary, TimerOf(kItemF, v1::TIMER_RESUME));
  // 2:00 spoken, 3:00 left: the warning is due 2:30 after the resumption.
  const absl::Time resumed = StartTime() + absl::Minutes(12);
  clock_.Advance(absl::Seconds(150));
  hub()->CheckDeadlines();
  ExpectChange(watch->Next(), 6);
  ExpectChange(watch->Next(), 7);
  ExpectSignal(watch->Next(), v1::TimerSignal::WARNING,
               resumed + absl::Seconds(150), 7);
}

}  // namespace
}  // namespace speakers::service_test
