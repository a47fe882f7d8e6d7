// Meeting (through Engine): the meeting's state machine, versions, events
// and the refusal of bad commands. The right of reply is in
// meeting_reply_test.cc.
#include "server/domain/meeting.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/app/command_table.h"
#include "tests/domain/test_session.h"

namespace speakers {
namespace {

using ::speakers::testing::EngineFixture;
using ::speakers::testing::kItem2;
using ::speakers::testing::kItemF;
using ::speakers::testing::kPlenary;
using ::speakers::testing::MakeSpeaker;
using ::speakers::testing::Snapshot;
using ::testing::ElementsAre;
using Action = cmd::MeetingAction;

std::vector<EventKind> Kinds(const CommandResult& result) {
  std::vector<EventKind> kinds;
  for (const Event& e : result.events) kinds.push_back(e.kind);
  return kinds;
}

class MeetingTest : public EngineFixture {
 protected:
  void TearDown() override {
    for (const Meeting* m : engine_.meetings()) {
      EXPECT_TRUE(m->CheckInvariants().ok()) << m->CheckInvariants();
    }
  }
  Meeting& plenary() { return meeting(kPlenary); }
  ListTarget F() const { return Target(kPlenary, kItemF); }
  void Open() { MustApply(Change(kPlenary, Action::kOpen)); }
};

TEST_F(MeetingTest, StartsNotStartedOnTheFirstItem) {
  EXPECT_EQ(plenary().state(), MeetingState::kNotStarted);
  EXPECT_EQ(plenary().version(), 0u);
  EXPECT_EQ(plenary().current_item(), "1 (f)");
  EXPECT_EQ(plenary().lists().size(), 3u);
  EXPECT_EQ(plenary().lists().back(), &plenary().reply_list());
  EXPECT_TRUE(plenary().reply_list().is_reply_list());
  EXPECT_EQ(plenary().reply_list().settings().policy.kind,
            PolicyKind::kFirstComeFirstServed);
  EXPECT_EQ(plenary().reply_list().label(), "the right of reply");
  EXPECT_EQ(meeting("experts").current_item(), "1");
}

TEST_F(MeetingTest, StateMachine) {
  struct Step {
    Action action;
    MeetingState state;
    EventKind kind;
    std::string summary;
  };
  const Step steps[] = {
      {Action::kOpen, MeetingState::kInSession, EventKind::kMeetingOpened,
       "meeting in session"},
      {Action::kSuspend, MeetingState::kSuspended, EventKind::kMeetingSuspended,
       "meeting suspended"},
      {Action::kResume, MeetingState::kInSession, EventKind::kMeetingResumed,
       "meeting in session"},
      {Action::kAdjourn, MeetingState::kAdjourned, EventKind::kMeetingAdjourned,
       "meeting adjourned"},
      {Action::kOpen, MeetingState::kInSession, EventKind::kMeetingOpened,
       "meeting in session"},
      {Action::kSuspend, MeetingState::kSuspended, EventKind::kMeetingSuspended,
       "meeting suspended"},
      {Action::kAdjourn, MeetingState::kAdjourned, EventKind::kMeetingAdjourned,
       "meeting adjourned"},
  };
  uint64_t version = 0;
  for (const Step& step : steps) {
    const CommandResult result = MustApply(Change(kPlenary, step.action));
    ++version;
    EXPECT_EQ(result.version, version);
    EXPECT_EQ(plenary().state(), step.state);
    ASSERT_EQ(result.events.size(), 1u);
    EXPECT_EQ(result.events[0].kind, step.kind);
    EXPECT_EQ(result.events[0].summary, step.summary);
    EXPECT_EQ(result.events[0].item, "");
    EXPECT_EQ(result.events[0].delegation, "");
  }
  EXPECT_EQ(meeting("experts").version(), 0u);
}

TEST_F(MeetingTest, WrongTransitionsAreRefused) {
  const auto refused = [&](Action action, const std::string& message) {
    ExpectRefused(Change(kPlenary, action),
                  absl::StatusCode::kFailedPrecondition, message);
  };
  refused(Action::kSuspend,
          "the meeting \"Plenary\" is not started; it cannot be suspended");
  refused(Action::kResume,
          "the meeting \"Plenary\" is not started; it cannot be resumed");
  refused(Action::kAdjourn,
          "the meeting \"Plenary\" is not started; it cannot be adjourned");
  Open();
  refused(Action::kOpen,
          "the meeting \"Plenary\" is in session; it cannot be opened");
  refused(Action::kResume,
          "the meeting \"Plenary\" is in session; it cannot be resumed");
  MustApply(Change(kPlenary, Action::kSuspend));
  refused(Action::kSuspend,
          "the meeting \"Plenary\" is suspended; it cannot be suspended");
  refused(Action::kOpen,
          "the meeting \"Plenary\" is suspended; it cannot be opened");
  MustApply(Change(kPlenary, Action::kAdjourn));
  refused(Action::kSuspend,
          "the meeting \"Plenary\" is adjourned; it cannot be suspended");
  refused(Action::kAdjourn,
          "the meeting \"Plenary\" is adjourned; it cannot be adjourned");
  EXPECT_EQ(plenary().version(), 3u);
}

TEST_F(MeetingTest, SuspendingPausesTheRunningClock) {
  Open();
  MustApply(InscribeCmd(kPlenary, kItemF, "AUT"));
  MustApply(cmd::CallNext{F(), std::nullopt});
  MustApply(cmd::Timer{F(), cmd::TimerAction::kStart});
  clock_.Advance(absl::Seconds(75));
  const CommandResult suspended =
      MustApply(Change(kPlenary, Action::kSuspend), "secretariat");
  EXPECT_THAT(Kinds(suspended), ElementsAre(EventKind::kMeetingSuspended,
                                            EventKind::kTimerPaused));
  const Event& paused = suspended.events[1];
  EXPECT_EQ(paused.version, suspended.version);
  EXPECT_EQ(paused.at, clock_.Now());
  EXPECT_EQ(paused.actor, "secretariat");
  EXPECT_EQ(paused.meeting, "plenary");
  EXPECT_EQ(paused.item, "1 (f)");
  EXPECT_EQ(paused.delegation, "AUT");
  EXPECT_EQ(paused.summary, "Austria: clock paused");
  const SpeakingTimer& timer = list(kPlenary, kItemF).current()->timer;
  EXPECT_EQ(timer.state(), SpeakingTimer::State::kPaused);
  EXPECT_EQ(timer.accumulated(), absl::Seconds(75));

  // Resuming the meeting leaves the clock to the chair.
  clock_.Advance(absl::Minutes(10));
  EXPECT_THAT(Kinds(MustApply(Change(kPlenary, Action::kResume))),
              ElementsAre(EventKind::kMeetingResumed));
  EXPECT_EQ(timer.state(), SpeakingTimer::State::kPaused);
  MustApply(cmd::Timer{F(), cmd::TimerAction::kResume});
  clock_.Advance(absl::Seconds(5));
  // Adjourning pauses it too.
  EXPECT_THAT(
      Kinds(MustApply(Change(kPlenary, Action::kAdjourn))),
      ElementsAre(EventKind::kMeetingAdjourned, EventKind::kTimerPaused));
  EXPECT_EQ(list(kPlenary, kItemF).current()->timer.accumulated(),
            absl::Seconds(80));
}

TEST_F(MeetingTest, CallingAndStartingTheClockNeedTheMeetingInSession) {
  MustApply(InscribeCmd(kPlenary, kItemF, "AUT"));
  MustApply(InscribeCmd(kPlenary, kItemF, "BRA"));
  ExpectRefused(cmd::CallNext{F(), std::nullopt},
                absl::StatusCode::kFailedPrecondition,
                "the meeting \"Plenary\" is not started; open it first");
  Open();
  MustApply(cmd::CallNext{F(), std::nullopt});
  MustApply(cmd::Timer{F(), cmd::TimerAction::kStart});
  MustApply(Change(kPlenary, Action::kSuspend));  // pauses the clock
  const std::string suspended =
      "the meeting \"Plenary\" is suspended; resume it first";
  ExpectRefused(cmd::CallNext{F(), std::nullopt},
                absl::StatusCode::kFailedPrecondition, suspended);
  ExpectRefused(cmd::Timer{F(), cmd::TimerAction::kResume},
                absl::StatusCode::kFailedPrecondition, suspended);
  // Resetting a clock is fine while suspended.
  MustApply(cmd::Timer{F(), cmd::TimerAction::kReset});
  ExpectRefused(cmd::Timer{F(), cmd::TimerAction::kStart},
                absl::StatusCode::kFailedPrecondition, suspended);
  MustApply(Change(kPlenary, Action::kAdjourn));
  ExpectRefused(cmd::CallNext{F(), std::nullopt},
                absl::StatusCode::kFailedPrecondition,
                "the meeting \"Plenary\" is adjourned; open it first");
  // Inscriptions do not need the meeting in session.
  MustApply(InscribeCmd(kPlenary, kItemF, "CHN"));
}

TEST_F(MeetingTest, VersionsGrowByOnePerAcceptedCommand) {
  uint64_t expected = 0;
  const auto accepted = [&](const Command& c) {
    const CommandResult r = MustApply(c);
    ++expected;
    EXPECT_EQ(r.version, expected) << KindName(c);
    EXPECT_EQ(plenary().version(), expected);
    for (const Event& e : r.events) EXPECT_EQ(e.version, expected);
  };
  const auto refused = [&](const Command& c) {
    EXPECT_FALSE(Apply(c).ok()) << KindName(c);
    EXPECT_EQ(plenary().version(), expected) << KindName(c);
  };
  refused(cmd::CallNext{F(), std::nullopt});
  accepted(Change(kPlenary, Action::kOpen));
  accepted(InscribeCmd(kPlenary, kItemF, "AUT"));
  refused(InscribeCmd(kPlenary, kItemF, "AUT"));
  accepted(InscribeCmd(kPlenary, kItemF, "BRA"));
  refused(cmd::Move{F(), "BRA", 2});
  accepted(cmd::Move{F(), "BRA", 1});
  accepted(cmd::CallNext{F(), std::nullopt});
  refused(cmd::Timer{F(), cmd::TimerAction::kPause});
  accepted(cmd::Timer{F(), cmd::TimerAction::kStart});
  accepted(cmd::CallNext{
      F(), std::string("BRA")});  // finished + called: one version
  refused(cmd::CallNext{F(), std::string("BRA")});
  accepted(cmd::SetCurrentItem{"plenary", "2"});
  refused(cmd::SetCurrentItem{"plenary", "2"});
  EXPECT_EQ(meeting("experts").version(), 0u);
}

TEST_F(MeetingTest, EventsSayWhatHappened) {
  Open();
  const absl::Time t = clock_.Now();
  CommandResult r =
      MustApply(InscribeCmd(kPlenary, kItemF, "AUT"), "AUT-console");
  ASSERT_EQ(r.events.size(), 1u);
  const Event& inscribed = r.events[0];
  EXPECT_EQ(inscribed.kind, EventKind::kInscribed);
  EXPECT_EQ(inscribed.version, 2u);
  EXPECT_EQ(inscribed.at, t);
  EXPECT_EQ(inscribed.actor, "AUT-console");
  EXPECT_EQ(inscribed.meeting, "plenary");
  EXPECT_EQ(inscribed.item, "1 (f)");
  EXPECT_EQ(inscribed.delegation, "AUT");
  EXPECT_EQ(inscribed.receipt, (Receipt{1, t}));
  EXPECT_EQ(inscribed.position, 1);
  EXPECT_EQ(inscribed.summary, "Austria inscribed (receipt 1)");
  ASSERT_TRUE(r.entry.has_value());
  EXPECT_EQ(r.entry->delegation, "AUT");

  clock_.Advance(absl::Minutes(1));
  cmd::Inscribe by_chair =
      InscribeCmd(kPlenary, kItemF, "BRA", Rank::kMinister);
  by_chair.by_chair = true;
  r = MustApply(by_chair);
  EXPECT_EQ(r.events[0].summary, "Brazil added by the chair (receipt 2)");
  EXPECT_EQ(r.events[0].position, 1);
  EXPECT_EQ(r.events[0].at, t + absl::Minutes(1));
  EXPECT_TRUE(r.entry->added_by_chair);

  r = MustApply(cmd::CallNext{F(), std::nullopt});
  ASSERT_THAT(Kinds(r), ElementsAre(EventKind::kCalled));
  EXPECT_EQ(r.events[0].summary, "Brazil has the floor");
  EXPECT_EQ(r.events[0].duration, absl::Minutes(5));
  EXPECT_EQ(r.entry->delegation, "BRA");
  MustApply(cmd::Timer{F(), cmd::TimerAction::kStart});
  clock_.Advance(absl::Seconds(65));
  r = MustApply(cmd::CallNext{F(), std::string("BRA")});
  ASSERT_THAT(Kinds(r), ElementsAre(EventKind::kFinished, EventKind::kCalled));
  EXPECT_EQ(r.events[0].delegation, "BRA");
  EXPECT_EQ(r.events[0].summary, "Brazil finished after 1:05");
  EXPECT_EQ(r.events[0].duration, absl::Seconds(65));
  EXPECT_EQ(r.events[1].summary, "Austria has the floor");
  EXPECT_EQ(r.events[0].version, r.events[1].version);

  r = MustApply(cmd::Timer{F(), cmd::TimerAction::kStart});
  EXPECT_EQ(r.events[0].kind, EventKind::kTimerStarted);
  EXPECT_EQ(r.events[0].summary, "Austria: clock started");
  r = MustApply(cmd::AddTime{F(), absl::Minutes(1)});
  EXPECT_EQ(r.events[0].kind, EventKind::kTimeAdded);
  EXPECT_EQ(r.events[0].summary, "Austria: 1:00 added, limit now 6:00");
  EXPECT_EQ(r.events[0].duration, absl::Minutes(1));
  r = MustApply(cmd::SetTimeLimit{F(), "AUT", absl::Minutes(3)});
  EXPECT_EQ(r.events[0].kind, EventKind::kTimeLimitSet);
  EXPECT_EQ(r.events[0].summary, "Austria speaking time set to 3:00");
  EXPECT_EQ(r.events[0].duration, absl::Minutes(3));
  r = MustApply(cmd::SetTimeLimit{F(), "AUT", std::nullopt});
  EXPECT_EQ(r.events[0].summary,
            "Austria speaking time back to the list default");
  EXPECT_EQ(r.events[0].duration, std::nullopt);

  for (const char* code : {"CHN", "EGY", "FRA"})
    MustApply(InscribeCmd(kPlenary, kItemF, code));
  r = MustApply(cmd::Move{F(), "FRA", 1});
  EXPECT_EQ(r.events[0].kind, EventKind::kMoved);
  EXPECT_EQ(r.events[0].summary, "France moved to position 1");
  EXPECT_EQ(r.events[0].position, 1);
  r = MustApply(cmd::Swap{F(), "CHN", "EGY"});
  EXPECT_EQ(r.events[0].kind, EventKind::kSwapped);
  EXPECT_EQ(r.events[0].delegation, "CHN");
  EXPECT_EQ(r.events[0].other_delegation, "EGY");
  EXPECT_EQ(r.events[0].summary, "China exchanged places with Egypt");
  EXPECT_EQ(Waiting(kPlenary, kItemF),
            (std::vector<std::string>{"FRA", "EGY", "CHN"}));
  r = MustApply(cmd::MarkAbsent{F(), "FRA"});
  EXPECT_EQ(r.events[0].kind, EventKind::kMarkedAbsent);
  EXPECT_EQ(r.events[0].summary, "France absent, moved to the end of its tier");
  EXPECT_EQ(r.events[0].position, 3);
  r = MustApply(
      cmd::UpdateSpeaker{F(), "EGY", MakeSpeaker(Rank::kMinister), ""});
  EXPECT_EQ(r.events[0].kind, EventKind::kSpeakerUpdated);
  EXPECT_EQ(r.events[0].summary, "Egypt speaker changed");
  r = MustApply(cmd::Withdraw{F(), "EGY"});
  EXPECT_EQ(r.events[0].summary, "Egypt withdrew");
  r = MustApply(cmd::Remove{F(), "CHN"});
  EXPECT_EQ(r.events[0].kind, EventKind::kRemoved);
  EXPECT_EQ(r.events[0].summary, "China removed by the chair");
  // A removal undone: China back where it stood, with its receipt.
  r = MustApply(cmd::Reinstate{F(), "CHN"});
  EXPECT_EQ(r.events[0].kind, EventKind::kReinstated);
  EXPECT_EQ(r.events[0].delegation, "CHN");
  EXPECT_EQ(r.events[0].position, 1);
  ASSERT_TRUE(r.events[0].receipt.has_value());
  EXPECT_EQ(r.events[0].summary,
            absl::StrCat("China put back on the list at position 1 (receipt ",
                         r.events[0].receipt->number, ")"));
  ExpectRefused(cmd::Reinstate{F(), "CHN"},
                absl::StatusCode::kFailedPrecondition,
                "the chair has taken no entry of China off the list for item "
                "1 (f) that could be put back");
  MustApply(cmd::Remove{F(), "CHN"});
  MustApply(cmd::CallNext{F(), std::nullopt});  // Austria done, France called
  r = MustApply(cmd::ReaddLast{F()});
  EXPECT_EQ(r.events[0].kind, EventKind::kReadded);
  EXPECT_EQ(r.events[0].delegation, "AUT");
  EXPECT_EQ(r.events[0].position, 1);
  EXPECT_EQ(r.events[0].summary, "Austria put back on the list, next in line");
  ExpectRefused(cmd::ReaddLast{F()}, absl::StatusCode::kAlreadyExists,
                "Austria is already on the list for item 1 (f)");
  r = MustApply(cmd::CloseList{F()});
  EXPECT_EQ(r.events[0].kind, EventKind::kListClosed);
  EXPECT_EQ(r.events[0].summary, "item 1 (f): list closed");
  EXPECT_EQ(r.events[0].delegation, "");
  r = MustApply(cmd::OpenList{F()});
  EXPECT_EQ(r.events[0].summary, "item 1 (f): list opened");
  ListSettings drop = list(kPlenary, kItemF).settings();
  drop.absent = AbsentAction::kDrop;
  r = MustApply(cmd::ConfigureList{F(), drop});
  EXPECT_EQ(r.events[0].kind, EventKind::kListConfigured);
  EXPECT_EQ(r.events[0].summary, "item 1 (f): list settings changed");
  r = MustApply(cmd::MarkAbsent{F(), "AUT"});
  EXPECT_EQ(r.events[0].kind, EventKind::kDropped);
  EXPECT_EQ(r.events[0].summary, "Austria absent, dropped from the list");
  EXPECT_EQ(r.events[0].position, 0);
  r = MustApply(cmd::SetCurrentItem{"plenary", "2"});
  EXPECT_EQ(r.events[0].kind, EventKind::kItemChanged);
  EXPECT_EQ(r.events[0].item, "2");
  EXPECT_EQ(r.events[0].summary,
            "now considering item 2: Review of implementation");
  EXPECT_EQ(plenary().current_item(), "2");
}

}  // namespace
}  // namespace speakers
