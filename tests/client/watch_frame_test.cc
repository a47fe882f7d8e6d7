#include "client/watch_frame.h"

#include <string>
#include <tuple>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/client/test_protos.h"

namespace speakers::cli {
namespace {

using ::speakers::testing::Dur;
using ::speakers::testing::MakeEntry;
using ::speakers::testing::Ts;
using ::speakers::testing::Utc;

constexpr char kUk[] = "United Kingdom of Great Britain and Northern Ireland";

// The clock starts at 15:00:00 UTC; limit 5:00, warning 0:30.
const absl::Time kStart = Utc(15, 0, 0);

class WatchFrameTest : public ::testing::Test {
 protected:
  WatchFrameTest() {
    meeting_.set_meeting("plenary");
    meeting_.set_name("Plenary of the Conference");
    meeting_.set_status(v1::MEETING_IN_SESSION);
    meeting_.set_current_item("1 (f)");
    meeting_.set_version(12);
    v1::ListState* list = meeting_.add_lists();
    list->set_meeting("plenary");
    list->set_item("1 (f)");
    list->set_label("item 1 (f)");
    list->set_title("General discussion");
    list->set_status(v1::LIST_OPEN);
    *list->mutable_settings()->mutable_warning() = Dur(absl::Seconds(30));
    for (const auto& [code, name, speaker] :
         {std::tuple{"FRA", "France", "Jean Dupont"},
          std::tuple{"GER", "Germany", "Annalena Baerbock"},
          std::tuple{"AUT", "Austria", "Alexander Schallenberg"},
          std::tuple{"BRA", "Brazil", "Mauro Vieira"},
          std::tuple{"CHN", "China", "Wang Yi"},
          std::tuple{"EGY", "Egypt", "Sameh Shoukry"},
          std::tuple{"FIN", "Finland", "Pekka Haavisto"}}) {
      *list->add_waiting() = MakeEntry(code, name, speaker);
    }
    v1::CurrentSpeaker* current = list->mutable_current();
    *current->mutable_entry() =
        MakeEntry("GBR", kUk, "James Cleverly", v1::RANK_MINISTER);
    current->mutable_entry()->mutable_speaker()->set_title(
        "Secretary of State for Foreign Affairs");
    SetTimer(v1::TIMER_RUNNING, absl::ZeroDuration());
  }

  v1::ListState& list() { return *meeting_.mutable_lists(0); }
  v1::Timer& timer() { return *list().mutable_current()->mutable_timer(); }

  void SetTimer(v1::TimerState state, absl::Duration accumulated) {
    timer().Clear();
    timer().set_state(state);
    *timer().mutable_limit() = Dur(absl::Minutes(5));
    *timer().mutable_accumulated() = Dur(accumulated);
    *timer().mutable_warning() = Dur(absl::Seconds(30));
    if (state == v1::TIMER_RUNNING) *timer().mutable_started_at() = Ts(kStart);
  }

  // The state after the snapshot, received at `received` when the server's
  // clock read `server_time`.
  WatchState State(absl::Time server_time = kStart,
                   absl::Time received = kStart) {
    v1::Update update;
    update.set_version(meeting_.version());
    *update.mutable_server_time() = Ts(server_time);
    *update.mutable_snapshot() = meeting_;
    WatchState state;
    state.Apply(update, received);
    return state;
  }

  // The clock line of the frame at `now`.
  std::string ClockLine(absl::Time now, bool color = false) {
    const std::string frame = RenderWatchFrame(State(), now, {80, color});
    const size_t title = frame.find("Foreign Affairs\n");
    const size_t start = title + std::string("Foreign Affairs\n").size();
    return frame.substr(start, frame.find('\n', start) - start);
  }

  v1::MeetingSnapshot meeting_;
};

TEST_F(WatchFrameTest, FullFrameWhileRunning) {
  EXPECT_EQ(RenderWatchFrame(State(), kStart + absl::Minutes(1),
                             FrameStyle{80, false}),
            "Plenary of the Conference \u2014 in session\n"
            "Item 1 (f): General discussion\n"
            "List of speakers: open, 7 waiting\n"
            "\n"
            "Now speaking: GBR  United Kingdom of Great Britain and Northern "
            "Ireland\n"
            "  James Cleverly\n"
            "  Secretary of State for Foreign Affairs\n"
            "  4:00\n"
            "\n"
            "Next speakers:\n"
            "  1. FRA  France \u2014 Jean Dupont\n"
            "  2. GER  Germany \u2014 Annalena Baerbock\n"
            "  3. AUT  Austria \u2014 Alexander Schallenberg\n"
            "  4. BRA  Brazil \u2014 Mauro Vieira\n"
            "  5. CHN  China \u2014 Wang Yi\n"
            "  and 2 more\n");
}

TEST_F(WatchFrameTest, CountdownWhileRunningRoundsUpToWholeSeconds) {
  EXPECT_EQ(ClockLine(kStart), "  5:00");
  EXPECT_EQ(ClockLine(kStart + absl::Milliseconds(500)), "  5:00");
  EXPECT_EQ(ClockLine(kStart + absl::Seconds(1)), "  4:59");
  EXPECT_EQ(ClockLine(kStart + absl::Milliseconds(61999)), "  3:59");
  EXPECT_EQ(ClockLine(kStart + absl::Milliseconds(269500)), "  0:31");
}

TEST_F(WatchFrameTest, WarningFromThirtySecondsLeft) {
  EXPECT_EQ(ClockLine(kStart + absl::Seconds(270)), "  0:30 WARNING");
  EXPECT_EQ(ClockLine(kStart + absl::Seconds(275)), "  0:25 WARNING");
  EXPECT_EQ(ClockLine(kStart + absl::Milliseconds(299200)), "  0:01 WARNING");
}

TEST_F(WatchFrameTest, OverrunFromTheLimitOn) {
  EXPECT_EQ(ClockLine(kStart + absl::Minutes(5)), "  OVERRUN +0:00");
  EXPECT_EQ(ClockLine(kStart + absl::Milliseconds(312700)), "  OVERRUN +0:12");
  EXPECT_EQ(ClockLine(kStart + absl::Seconds(365)), "  OVERRUN +1:05");
}

TEST_F(WatchFrameTest, PausedAndReadyClocksStandStill) {
  SetTimer(v1::TIMER_PAUSED, absl::Seconds(170));
  EXPECT_EQ(ClockLine(kStart), "  2:10 paused");
  EXPECT_EQ(ClockLine(kStart + absl::Hours(1)), "  2:10 paused");
  SetTimer(v1::TIMER_PAUSED, absl::Seconds(280));
  EXPECT_EQ(ClockLine(kStart + absl::Hours(1)), "  0:20 WARNING paused");
  SetTimer(v1::TIMER_PAUSED, absl::Seconds(310));
  EXPECT_EQ(ClockLine(kStart), "  OVERRUN +0:10 paused");
  SetTimer(v1::TIMER_READY, absl::ZeroDuration());
  EXPECT_EQ(ClockLine(kStart + absl::Minutes(10)), "  5:00 ready");
}

TEST_F(WatchFrameTest, RunningAfterAPauseAddsTheAccumulatedTime) {
  SetTimer(v1::TIMER_RUNNING, absl::Minutes(2));
  EXPECT_EQ(ClockLine(kStart + absl::Seconds(30)), "  2:30");
}

TEST_F(WatchFrameTest, CorrectsForTheServerClockOffset) {
  // The server's clock is 2 s ahead of ours.
  const WatchState state = State(/*server_time=*/kStart + absl::Seconds(2),
                                 /*received=*/kStart);
  EXPECT_EQ(state.clock_offset(), absl::Seconds(2));
  const std::string frame = RenderWatchFrame(state, kStart + absl::Seconds(58),
                                             FrameStyle{80, false});
  EXPECT_NE(frame.find("\n  4:00\n"), std::string::npos) << frame;
}

TEST_F(WatchFrameTest, ColoursWarningAmberAndOverrunRed) {
  EXPECT_EQ(ClockLine(kStart + absl::Seconds(275), true),
            "\x1b[33m  0:25 WARNING\x1b[0m");
  EXPECT_EQ(ClockLine(kStart + absl::Seconds(312), true),
            "\x1b[31m  OVERRUN +0:12\x1b[0m");
  EXPECT_EQ(ClockLine(kStart + absl::Seconds(60), true), "  4:00");
}

TEST_F(WatchFrameTest, FallsBackToTheListWarning) {
  timer().clear_warning();
  *list().mutable_settings()->mutable_warning() = Dur(absl::Minutes(1));
  EXPECT_EQ(ClockLine(kStart + absl::Seconds(240)), "  1:00 WARNING");
}

TEST_F(WatchFrameTest, LongNamesAreCutToTheWidth) {
  list().mutable_waiting(0)->set_delegation("GBR");
  list().mutable_waiting(0)->set_delegation_name(kUk);
  EXPECT_EQ(RenderWatchFrame(State(), kStart + absl::Seconds(275),
                             FrameStyle{40, false}),
            "Plenary of the Conference \u2014 in session\n"
            "Item 1 (f): General discussion\n"
            "List of speakers: open, 7 waiting\n"
            "\n"
            "Now speaking: GBR  United Kingdom of Gr\u2026\n"
            "  James Cleverly\n"
            "  Secretary of State for Foreign Affairs\n"
            "  0:25 WARNING\n"
            "\n"
            "Next speakers:\n"
            "  1. GBR  United Kingdom of Great Brita\u2026\n"
            "  2. GER  Germany \u2014 Annalena Baerbock\n"
            "  3. AUT  Austria \u2014 Alexander Schallenb\u2026\n"
            "  4. BRA  Brazil \u2014 Mauro Vieira\n"
            "  5. CHN  China \u2014 Wang Yi\n"
            "  and 2 more\n");
}

TEST_F(WatchFrameTest, NarrowTerminalsStillGetTwentyColumns) {
  const std::string frame =
      RenderWatchFrame(State(), kStart, FrameStyle{5, false});
  EXPECT_EQ(frame.substr(0, frame.find('\n')), "Plenary of the Conf\u2026");
}

TEST_F(WatchFrameTest, NobodySpeakingNobodyWaiting) {
  list().clear_current();
  list().clear_waiting();
  list().set_status(v1::LIST_CLOSED);
  meeting_.set_status(v1::MEETING_SUSPENDED);
  EXPECT_EQ(RenderWatchFrame(State(), kStart, FrameStyle{80, false}),
            "Plenary of the Conference \u2014 suspended\n"
            "Item 1 (f): General discussion\n"
            "List of speakers: closed, 0 waiting\n"
            "\n"
            "Now speaking: nobody\n"
            "\n"
            "Nobody is waiting.\n");
}

TEST_F(WatchFrameTest, ExactlyFiveWaitingHasNoMoreLine) {
  list().mutable_waiting()->DeleteSubrange(5, 2);
  const std::string frame =
      RenderWatchFrame(State(), kStart, FrameStyle{80, false});
  EXPECT_NE(frame.find("  5. CHN  China \u2014 Wang Yi\n"), std::string::npos);
  EXPECT_EQ(frame.find("more"), std::string::npos);
}

TEST_F(WatchFrameTest, TheReplyListTakesTheScreenWhileItsSpeakerHasTheFloor) {
  list().clear_current();
  v1::ListState* reply = meeting_.add_lists();
  reply->set_item("reply");
  reply->set_label("right of reply");
  reply->set_status(v1::LIST_OPEN);
  v1::CurrentSpeaker* current = reply->mutable_current();
  *current->mutable_entry() = MakeEntry("ARM", "Armenia", "Ararat Mirzoyan");
  current->mutable_timer()->set_state(v1::TIMER_PAUSED);
  *current->mutable_timer()->mutable_limit() = Dur(absl::Minutes(10));
  EXPECT_EQ(RenderWatchFrame(State(), kStart, FrameStyle{80, false}),
            "Plenary of the Conference \u2014 in session\n"
            "Right of reply\n"
            "List of speakers: open, 0 waiting\n"
            "\n"
            "Now speaking: ARM  Armenia\n"
            "  Ararat Mirzoyan\n"
            "  10:00 paused\n"
            "\n"
            "Nobody is waiting.\n");
}

TEST_F(WatchFrameTest, BeforeTheSnapshotAndWithoutAList) {
  EXPECT_EQ(
      RenderWatchFrame(WatchState("plenary"), kStart, FrameStyle{80, false}),
      "Waiting for the state of meeting \"plenary\"\u2026\n");
  meeting_.set_current_item("9");
  EXPECT_EQ(RenderWatchFrame(State(), kStart, FrameStyle{80, false}),
            "Plenary of the Conference \u2014 in session\n"
            "No list for item 9.\n");
}

TEST_F(WatchFrameTest, ShowsTheConnectionNote) {
  WatchState state = State();
  state.set_connection_note(
      "Connection lost (UNAVAILABLE: gone); reconnecting");
  const std::string frame =
      RenderWatchFrame(state, kStart, FrameStyle{80, false});
  EXPECT_TRUE(absl::EndsWith(
      frame, "\n\nConnection lost (UNAVAILABLE: gone); reconnecting\n"))
      << frame;
}

TEST(ReadTimerTest, ReadsTheInstants) {
  v1::Timer timer;
  timer.set_state(v1::TIMER_RUNNING);
  *timer.mutable_limit() = Dur(absl::Minutes(3));
  *timer.mutable_accumulated() = Dur(absl::Seconds(20));
  *timer.mutable_started_at() = Ts(kStart);
  const TimerReading reading =
      ReadTimer(timer, kStart + absl::Seconds(100), absl::Seconds(30));
  EXPECT_EQ(reading.state, v1::TIMER_RUNNING);
  EXPECT_EQ(reading.remaining, absl::Seconds(60));
  EXPECT_FALSE(reading.warning);
  EXPECT_FALSE(reading.overrun);
  EXPECT_EQ(FormatReading(reading), "1:00");
  const TimerReading late =
      ReadTimer(timer, kStart + absl::Seconds(190), absl::Seconds(30));
  EXPECT_EQ(late.remaining, absl::Seconds(-30));
  EXPECT_TRUE(late.overrun);
  EXPECT_EQ(FormatReading(late), "OVERRUN +0:30");
}

}  // namespace
}  // namespace speakers::cli
