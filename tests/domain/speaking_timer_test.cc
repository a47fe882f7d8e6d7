#include "server/domain/speaking_timer.h"

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace speakers {
namespace {

using ::testing::HasSubstr;
using State = SpeakingTimer::State;

const absl::Time kT0 =
    absl::FromUnixSeconds(1509962400);  // any instant will do

absl::Time At(absl::Duration d) { return kT0 + d; }

TEST(SpeakingTimerTest, NewTimerIsReadyWithNothingElapsed) {
  const SpeakingTimer timer(absl::Minutes(5));
  EXPECT_EQ(timer.state(), State::kReady);
  EXPECT_EQ(timer.limit(), absl::Minutes(5));
  EXPECT_EQ(timer.accumulated(), absl::ZeroDuration());
  EXPECT_EQ(timer.started_at(), absl::InfinitePast());
  EXPECT_EQ(timer.Elapsed(At(absl::Hours(1))), absl::ZeroDuration());
  EXPECT_EQ(timer.Remaining(At(absl::Hours(1))), absl::Minutes(5));
  EXPECT_EQ(timer.Overrun(At(absl::Hours(1))), absl::ZeroDuration());
}

TEST(SpeakingTimerTest, RunningElapsedIsAccumulatedPlusTheCurrentSpan) {
  SpeakingTimer timer(absl::Minutes(5));
  ASSERT_TRUE(timer.Start(kT0).ok());
  EXPECT_EQ(timer.state(), State::kRunning);
  EXPECT_EQ(timer.started_at(), kT0);
  EXPECT_EQ(timer.Elapsed(kT0), absl::ZeroDuration());
  EXPECT_EQ(timer.Elapsed(At(absl::Seconds(75))), absl::Seconds(75));
  EXPECT_EQ(timer.Remaining(At(absl::Seconds(75))), absl::Seconds(225));
}

TEST(SpeakingTimerTest, PauseBanksTheSpanAndResumeStartsANewOne) {
  SpeakingTimer timer(absl::Minutes(5));
  ASSERT_TRUE(timer.Start(kT0).ok());
  ASSERT_TRUE(timer.Pause(At(absl::Seconds(40))).ok());
  EXPECT_EQ(timer.state(), State::kPaused);
  EXPECT_EQ(timer.accumulated(), absl::Seconds(40));
  EXPECT_EQ(timer.started_at(), absl::InfinitePast());
  // Paused: time passes, the clock does not.
  EXPECT_EQ(timer.Elapsed(At(absl::Seconds(99))), absl::Seconds(40));

  ASSERT_TRUE(timer.Resume(At(absl::Seconds(100))).ok());
  EXPECT_EQ(timer.state(), State::kRunning);
  EXPECT_EQ(timer.started_at(), At(absl::Seconds(100)));
  EXPECT_EQ(timer.accumulated(), absl::Seconds(40));
  EXPECT_EQ(timer.Elapsed(At(absl::Seconds(130))), absl::Seconds(70));

  ASSERT_TRUE(timer.Pause(At(absl::Seconds(150))).ok());
  EXPECT_EQ(timer.accumulated(), absl::Seconds(90));
  EXPECT_EQ(timer.Remaining(At(absl::Hours(3))), absl::Seconds(210));
}

TEST(SpeakingTimerTest, StartRefusedUnlessReady) {
  SpeakingTimer timer(absl::Minutes(5));
  ASSERT_TRUE(timer.Start(kT0).ok());
  absl::Status s = timer.Start(At(absl::Seconds(5)));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "the speaker's clock is already running");
  EXPECT_EQ(timer.started_at(), kT0);

  ASSERT_TRUE(timer.Pause(At(absl::Seconds(10))).ok());
  s = timer.Start(At(absl::Seconds(20)));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      s.message(),
      "the speaker's clock is paused; resume it, or reset it to start again");
  EXPECT_EQ(timer.state(), State::kPaused);
  EXPECT_EQ(timer.accumulated(), absl::Seconds(10));
}

TEST(SpeakingTimerTest, PauseRefusedUnlessRunning) {
  SpeakingTimer timer(absl::Minutes(5));
  absl::Status s = timer.Pause(kT0);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "the speaker's clock is ready, not running");
  EXPECT_EQ(timer.state(), State::kReady);

  ASSERT_TRUE(timer.Start(kT0).ok());
  ASSERT_TRUE(timer.Pause(At(absl::Seconds(10))).ok());
  s = timer.Pause(At(absl::Seconds(20)));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "the speaker's clock is paused, not running");
  EXPECT_EQ(timer.accumulated(), absl::Seconds(10));
}

TEST(SpeakingTimerTest, ResumeRefusedUnlessPaused) {
  SpeakingTimer timer(absl::Minutes(5));
  absl::Status s = timer.Resume(kT0);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "the speaker's clock is ready, not paused; only a paused clock can "
            "be resumed");
  EXPECT_EQ(timer.state(), State::kReady);

  ASSERT_TRUE(timer.Start(kT0).ok());
  s = timer.Resume(At(absl::Seconds(30)));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.message()), HasSubstr("is running, not paused"));
  EXPECT_EQ(timer.started_at(), kT0);
}

TEST(SpeakingTimerTest, OverrunCountsPastZero) {
  SpeakingTimer timer(absl::Minutes(5));
  ASSERT_TRUE(timer.Start(kT0).ok());
  EXPECT_EQ(timer.Overrun(At(absl::Seconds(299))), absl::ZeroDuration());
  EXPECT_EQ(timer.Remaining(At(absl::Seconds(300))), absl::ZeroDuration());
  EXPECT_EQ(timer.Overrun(At(absl::Seconds(300))), absl::ZeroDuration());
  EXPECT_EQ(timer.Remaining(At(absl::Seconds(312))), absl::Seconds(-12));
  EXPECT_EQ(timer.Overrun(At(absl::Seconds(312))), absl::Seconds(12));
  EXPECT_EQ(timer.Overrun(At(absl::Minutes(65))), absl::Hours(1));
}

TEST(SpeakingTimerTest, WarningWhenSomeButLittleTimeIsLeft) {
  SpeakingTimer timer(absl::Minutes(5));
  const absl::Duration threshold = absl::Seconds(30);
  EXPECT_FALSE(timer.InWarning(kT0, threshold));  // ready: 5:00 left
  ASSERT_TRUE(timer.Start(kT0).ok());
  EXPECT_FALSE(
      timer.InWarning(At(absl::Seconds(269)), threshold));          // 0:31 left
  EXPECT_TRUE(timer.InWarning(At(absl::Seconds(270)), threshold));  // 0:30 left
  EXPECT_TRUE(timer.InWarning(At(absl::Seconds(299)), threshold));  // 0:01 left
  EXPECT_FALSE(
      timer.InWarning(At(absl::Seconds(300)), threshold));  // 0:00 left
  EXPECT_FALSE(timer.InWarning(At(absl::Seconds(301)), threshold));  // overrun
  EXPECT_FALSE(timer.InWarning(At(absl::Seconds(280)), absl::ZeroDuration()));
  // A paused clock in its last seconds stays amber.
  ASSERT_TRUE(timer.Pause(At(absl::Seconds(285))).ok());
  EXPECT_TRUE(timer.InWarning(At(absl::Hours(2)), threshold));
}

TEST(SpeakingTimerTest, AddTimeExtendsAndShortensTheLimit) {
  SpeakingTimer timer(absl::Minutes(5));
  ASSERT_TRUE(timer.Start(kT0).ok());
  ASSERT_TRUE(timer.AddTime(absl::Minutes(1)).ok());
  EXPECT_EQ(timer.limit(), absl::Minutes(6));
  EXPECT_EQ(timer.Remaining(At(absl::Minutes(2))), absl::Minutes(4));
  ASSERT_TRUE(timer.AddTime(absl::Seconds(-359)).ok());
  EXPECT_EQ(timer.limit(), absl::Seconds(1));
  EXPECT_EQ(timer.Overrun(At(absl::Minutes(2))), absl::Seconds(119));
  // Adding time in overrun brings the speaker back into time.
  ASSERT_TRUE(timer.AddTime(absl::Minutes(3)).ok());
  EXPECT_EQ(timer.Remaining(At(absl::Minutes(2))), absl::Seconds(61));
  EXPECT_EQ(timer.state(), State::kRunning);
  EXPECT_EQ(timer.started_at(), kT0);
}

TEST(SpeakingTimerTest, AddTimeRefusesALimitThatIsNotAboveZero) {
  SpeakingTimer timer(absl::Minutes(5));
  absl::Status s = timer.AddTime(absl::Minutes(-5));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "taking 5:00 off a limit of 5:00 would leave no speaking time");
  EXPECT_EQ(timer.limit(), absl::Minutes(5));
  s = timer.AddTime(absl::Minutes(-7));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "taking 7:00 off a limit of 5:00 would leave no speaking time");
  EXPECT_EQ(timer.limit(), absl::Minutes(5));
  EXPECT_TRUE(timer.AddTime(absl::Nanoseconds(1) - absl::Minutes(5)).ok());
  EXPECT_EQ(timer.limit(), absl::Nanoseconds(1));
}

TEST(SpeakingTimerTest, ResetKeepsTheLimitAndForgetsTheRest) {
  SpeakingTimer timer(absl::Minutes(5));
  ASSERT_TRUE(timer.AddTime(absl::Minutes(2)).ok());
  ASSERT_TRUE(timer.Start(kT0).ok());
  ASSERT_TRUE(timer.Pause(At(absl::Minutes(1))).ok());
  ASSERT_TRUE(timer.Resume(At(absl::Minutes(2))).ok());
  timer.Reset();
  EXPECT_EQ(timer.state(), State::kReady);
  EXPECT_EQ(timer.accumulated(), absl::ZeroDuration());
  EXPECT_EQ(timer.started_at(), absl::InfinitePast());
  EXPECT_EQ(timer.limit(), absl::Minutes(7));
  EXPECT_EQ(timer.Remaining(At(absl::Minutes(10))), absl::Minutes(7));
  // A reset clock can start again.
  ASSERT_TRUE(timer.Start(At(absl::Minutes(10))).ok());
  EXPECT_EQ(timer.Elapsed(At(absl::Minutes(11))), absl::Minutes(1));
}

TEST(SpeakingTimerTest, SetLimitReplacesTheLimit) {
  SpeakingTimer timer(absl::Minutes(5));
  ASSERT_TRUE(timer.Start(kT0).ok());
  timer.SetLimit(absl::Minutes(3));
  EXPECT_EQ(timer.limit(), absl::Minutes(3));
  EXPECT_EQ(timer.Remaining(At(absl::Minutes(1))), absl::Minutes(2));
}

TEST(SpeakingTimerTest, InstantRemaining) {
  SpeakingTimer timer(absl::Minutes(5));
  EXPECT_EQ(timer.InstantRemaining(absl::ZeroDuration()),
            std::nullopt);  // ready
  ASSERT_TRUE(timer.Start(kT0).ok());
  EXPECT_EQ(timer.InstantRemaining(absl::ZeroDuration()), At(absl::Minutes(5)));
  EXPECT_EQ(timer.InstantRemaining(absl::Seconds(30)), At(absl::Seconds(270)));
  EXPECT_EQ(timer.InstantRemaining(absl::Minutes(5)), kT0);
  EXPECT_EQ(timer.InstantRemaining(absl::Seconds(-10)), At(absl::Seconds(310)));

  ASSERT_TRUE(timer.Pause(At(absl::Minutes(1))).ok());
  EXPECT_EQ(timer.InstantRemaining(absl::ZeroDuration()),
            std::nullopt);  // paused
  ASSERT_TRUE(timer.Resume(At(absl::Seconds(200))).ok());
  // 1:00 banked: 4:00 to go from the resume.
  EXPECT_EQ(timer.InstantRemaining(absl::ZeroDuration()),
            At(absl::Seconds(440)));
  EXPECT_EQ(timer.InstantRemaining(absl::Minutes(4)), At(absl::Seconds(200)));
  // 4:30 left was passed before this span started.
  EXPECT_EQ(timer.InstantRemaining(absl::Seconds(270)), std::nullopt);
}

TEST(SpeakingTimerTest, RestoreRunning) {
  const SpeakingTimer timer = SpeakingTimer::Restore(
      State::kRunning, absl::Minutes(5), absl::Seconds(90), kT0);
  EXPECT_EQ(timer.state(), State::kRunning);
  EXPECT_EQ(timer.limit(), absl::Minutes(5));
  EXPECT_EQ(timer.accumulated(), absl::Seconds(90));
  EXPECT_EQ(timer.started_at(), kT0);
  EXPECT_EQ(timer.Elapsed(At(absl::Seconds(30))), absl::Seconds(120));
  EXPECT_EQ(timer.InstantRemaining(absl::ZeroDuration()),
            At(absl::Seconds(210)));
}

TEST(SpeakingTimerTest, RestorePausedOrReadyIgnoresTheStart) {
  SpeakingTimer paused = SpeakingTimer::Restore(
      State::kPaused, absl::Minutes(5), absl::Seconds(90), kT0);
  EXPECT_EQ(paused.state(), State::kPaused);
  EXPECT_EQ(paused.started_at(), absl::InfinitePast());
  EXPECT_EQ(paused.Elapsed(At(absl::Hours(1))), absl::Seconds(90));
  ASSERT_TRUE(paused.Resume(At(absl::Minutes(10))).ok());
  EXPECT_EQ(paused.Elapsed(At(absl::Minutes(11))), absl::Seconds(150));

  const SpeakingTimer ready = SpeakingTimer::Restore(
      State::kReady, absl::Minutes(3), absl::ZeroDuration(), kT0);
  EXPECT_EQ(ready.state(), State::kReady);
  EXPECT_EQ(ready.started_at(), absl::InfinitePast());
  EXPECT_EQ(ready.Remaining(At(absl::Hours(1))), absl::Minutes(3));
}

TEST(SpeakingTimerTest, ElapsedNeverShrinksBelowTheBankWhenTheClockStepsBack) {
  SpeakingTimer timer(absl::Minutes(5));
  ASSERT_TRUE(timer.Start(kT0).ok());
  ASSERT_TRUE(timer.Pause(At(absl::Seconds(60))).ok());
  ASSERT_TRUE(timer.Resume(At(absl::Seconds(100))).ok());
  EXPECT_EQ(timer.Elapsed(At(absl::Seconds(70))), absl::Seconds(60));
  EXPECT_EQ(timer.Remaining(At(absl::Seconds(70))), absl::Seconds(240));
}

TEST(SpeakingTimerTest, PauseAfterTheClockStepsBackKeepsTheBank) {
  // The header promises that a clock that steps back never makes elapsed
  // time shrink below the bank. Elapsed() honours it while running, but
  // Pause() banks the negative span: elapsed drops from 60 s to 30 s.
  SpeakingTimer timer(absl::Minutes(5));
  ASSERT_TRUE(timer.Start(kT0).ok());
  ASSERT_TRUE(timer.Pause(At(absl::Seconds(60))).ok());
  ASSERT_TRUE(timer.Resume(At(absl::Seconds(100))).ok());
  const absl::Time stepped_back = At(absl::Seconds(70));
  ASSERT_EQ(timer.Elapsed(stepped_back), absl::Seconds(60));
  ASSERT_TRUE(timer.Pause(stepped_back).ok());
  EXPECT_EQ(timer.Elapsed(stepped_back), absl::Seconds(60))
      << "BUG: SpeakingTimer::Pause banks now - started_at without clamping at "
         "zero";
  EXPECT_EQ(timer.accumulated(), absl::Seconds(60));
}

TEST(SpeakingTimerTest, StateNames) {
  EXPECT_EQ(TimerStateName(State::kReady), "ready");
  EXPECT_EQ(TimerStateName(State::kRunning), "running");
  EXPECT_EQ(TimerStateName(State::kPaused), "paused");
}

}  // namespace
}  // namespace speakers
