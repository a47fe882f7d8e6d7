// Undo of the last "next" (issue 11): the previous speaker gets the floor
// back with the time used and the clock as they were; the one called goes
// back to its place with its receipt; no empty statement is recorded.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/domain/meeting.h"
#include "tests/domain/test_session.h"

namespace speakers {
namespace {

using ::speakers::testing::kItem2;
using ::speakers::testing::kItemF;
using ::speakers::testing::kPlenary;
using ::speakers::testing::SittingPlenaryFixture;
using Action = cmd::MeetingAction;

class UndoNextTest : public SittingPlenaryFixture {
 protected:
  ListTarget F() const { return Target(kPlenary, kItemF); }
  const SpeakersList& L() { return list(kPlenary, kItemF); }
  void Next() { MustApply(cmd::CallNext{F(), std::nullopt}); }
  void Start() { MustApply(cmd::Timer{F(), cmd::TimerAction::kStart}); }
  // AUT, BRA and CHN inscribed; AUT has spoken 1:54, its clock running.
  void AustriaSpeaks() {
    MustApply(InscribeCmd(kPlenary, kItemF, "AUT"));
    MustApply(InscribeCmd(kPlenary, kItemF, "BRA"));
    MustApply(InscribeCmd(kPlenary, kItemF, "CHN"));
    Next();
    Start();
    clock_.Advance(absl::Seconds(114));
  }
};

// The report: next, readd, next recorded a 0:00 statement for the
// delegation called by mistake and gave the re-added speaker a fresh 5:00.
TEST_F(UndoNextTest, AMistakenNextIsUndoneWithTheTimeUsed) {
  AustriaSpeaks();
  const uint64_t bra_receipt = L().waiting()[0].receipt.number;
  Next();  // by mistake: Austria had not finished
  Start();
  clock_.Advance(absl::Seconds(20));  // Brazil began before anyone noticed
  const CommandResult undone = MustApply(cmd::UndoNext{F()});
  ASSERT_EQ(undone.events.size(), 1u);
  const Event& e = undone.events[0];
  EXPECT_EQ(e.kind, EventKind::kNextUndone);
  EXPECT_EQ(e.delegation, "BRA");
  EXPECT_EQ(e.other_delegation, "AUT");
  EXPECT_EQ(e.position, 1);
  EXPECT_EQ(e.summary,
            "call of Brazil undone, back at position 1; Austria has the floor "
            "again (1:54 used)");
  // Austria speaks on with its 1:54, the clock running from now.
  ASSERT_TRUE(L().current().has_value());
  EXPECT_EQ(L().current()->entry.delegation, "AUT");
  EXPECT_EQ(L().current()->timer.state(), SpeakingTimer::State::kRunning);
  EXPECT_EQ(L().current()->timer.Elapsed(clock_.Now()), absl::Seconds(114));
  clock_.Advance(absl::Seconds(6));
  EXPECT_EQ(L().current()->timer.Elapsed(clock_.Now()), absl::Seconds(120));
  // Brazil is next again with its receipt; no statement was recorded.
  EXPECT_EQ(Waiting(kPlenary, kItemF),
            (std::vector<std::string>{"BRA", "CHN"}));
  EXPECT_EQ(L().waiting()[0].receipt.number, bra_receipt);
  EXPECT_TRUE(L().spoken().empty());
  EXPECT_EQ(meeting(kPlenary).TimeUsedBy("BRA"), absl::ZeroDuration());
  // Called again, Brazil starts with a full, ready clock.
  Next();
  EXPECT_EQ(L().current()->entry.delegation, "BRA");
  EXPECT_EQ(L().current()->timer.state(), SpeakingTimer::State::kReady);
  ASSERT_EQ(L().spoken().size(), 1u);
  EXPECT_EQ(L().spoken()[0].entry.delegation, "AUT");
  EXPECT_EQ(L().spoken()[0].spoken, absl::Seconds(120));
}

TEST_F(UndoNextTest, APausedClockComesBackPaused) {
  AustriaSpeaks();
  MustApply(cmd::Timer{F(), cmd::TimerAction::kPause});
  Next();
  clock_.Advance(absl::Seconds(30));
  MustApply(cmd::UndoNext{F()});
  EXPECT_EQ(L().current()->timer.state(), SpeakingTimer::State::kPaused);
  EXPECT_EQ(L().current()->timer.accumulated(), absl::Seconds(114));
}

TEST_F(UndoNextTest, TheFirstCallUndoneLeavesTheFloorEmpty) {
  MustApply(InscribeCmd(kPlenary, kItemF, "AUT"));
  Next();
  const CommandResult undone = MustApply(cmd::UndoNext{F()});
  EXPECT_EQ(undone.events[0].summary,
            "call of Austria undone, back at position 1");
  EXPECT_FALSE(L().current().has_value());
  EXPECT_EQ(Waiting(kPlenary, kItemF), (std::vector<std::string>{"AUT"}));
}

TEST_F(UndoNextTest, TheOneCalledGoesBackToItsTiersPlace) {
  AustriaSpeaks();
  Next();  // BRA
  // A minister inscribed meanwhile stands ahead of Brazil by the policy.
  MustApply(InscribeCmd(kPlenary, kItemF, "KEN", Rank::kMinister));
  MustApply(cmd::UndoNext{F()});
  EXPECT_EQ(Waiting(kPlenary, kItemF),
            (std::vector<std::string>{"KEN", "BRA", "CHN"}));
}

TEST_F(UndoNextTest, OnePlacedByTheChairGoesBackFirst) {
  AustriaSpeaks();
  MustApply(cmd::Move{F(), "CHN", 1});
  Next();  // CHN, placed by the chair
  MustApply(InscribeCmd(kPlenary, kItemF, "KEN", Rank::kMinister));
  MustApply(cmd::UndoNext{F()});
  EXPECT_EQ(Waiting(kPlenary, kItemF),
            (std::vector<std::string>{"CHN", "KEN", "BRA"}));
}

TEST_F(UndoNextTest, ThereIsNothingToUndoOnceTheFloorMovedOn) {
  const std::string none =
      "there is no call to undo on item 1 (f): nobody has been called, or "
      "the floor has changed since";
  ExpectRefused(cmd::UndoNext{F()}, absl::StatusCode::kFailedPrecondition,
                none);
  AustriaSpeaks();
  Next();
  MustApply(cmd::UndoNext{F()});
  ExpectRefused(cmd::UndoNext{F()}, absl::StatusCode::kFailedPrecondition,
                none);
  MustApply(cmd::EndStatement{F()});
  ExpectRefused(cmd::UndoNext{F()}, absl::StatusCode::kFailedPrecondition,
                none);
  Next();
  MustApply(cmd::ReaddLast{F()});  // Austria back on the list
  ExpectRefused(cmd::UndoNext{F()}, absl::StatusCode::kFailedPrecondition,
                none);
  Next();
  MustApply(cmd::MarkAbsent{F(), L().current()->entry.delegation});
  ExpectRefused(cmd::UndoNext{F()}, absl::StatusCode::kFailedPrecondition,
                none);
}

TEST_F(UndoNextTest, ThePreviousSpeakerOnTheListAgainIsRefused) {
  AustriaSpeaks();
  Next();
  MustApply(cmd::Inscribe{F(), "AUT", testing::MakeSpeaker(), "", true,
                          std::nullopt});
  ExpectRefused(cmd::UndoNext{F()}, absl::StatusCode::kFailedPrecondition,
                "Austria is on the list for item 1 (f) again; take that entry "
                "off before undoing the call");
}

TEST_F(UndoNextTest, UndoingMayNotMakeASecondFloor) {
  MustApply(InscribeCmd(kPlenary, kItemF, "AUT"));
  MustApply(InscribeCmd(kPlenary, kItem2, "BRA"));
  Next();  // AUT
  Next();  // AUT finished, nobody waiting: the floor is free
  MustApply(cmd::CallNext{Target(kPlenary, kItem2), std::nullopt});
  ExpectRefused(cmd::UndoNext{F()}, absl::StatusCode::kFailedPrecondition,
                "Brazil has the floor on item 2; end that statement first "
                "(\"End statement\" on the console, or speakers end "
                "--item=\"2\")");
}

TEST_F(UndoNextTest, UndoWaitsWhileAPointOfOrderIsHeard) {
  AustriaSpeaks();
  Next();
  MustApply(cmd::PointOfOrder{std::string(kPlenary), cmd::PointAction::kRaise,
                              "FRA", PointKind::kOrder});
  MustApply(cmd::PointOfOrder{std::string(kPlenary), cmd::PointAction::kGrant,
                              "", PointKind::kOrder});
  ExpectRefused(cmd::UndoNext{F()}, absl::StatusCode::kFailedPrecondition);
}

TEST_F(UndoNextTest, InASuspendedMeetingTheClockComesBackPaused) {
  AustriaSpeaks();
  Next();
  MustApply(Change(kPlenary, Action::kSuspend));
  MustApply(cmd::UndoNext{F()});
  EXPECT_EQ(L().current()->timer.state(), SpeakingTimer::State::kPaused);
  EXPECT_EQ(L().current()->timer.accumulated(), absl::Seconds(114));
}

TEST_F(UndoNextTest, TheListSaysWhetherACallCanBeUndone) {
  EXPECT_FALSE(L().can_undo_next());
  AustriaSpeaks();
  EXPECT_TRUE(L().can_undo_next());
  const CommandResult undone = MustApply(cmd::UndoNext{F()});
  EXPECT_FALSE(L().can_undo_next());
  ASSERT_EQ(undone.lists.size(), 1u);
  EXPECT_TRUE(undone.lists[0].undo);
  EXPECT_FALSE(undone.lists[0].unspoken) << "the first call finished nobody";
}

}  // namespace
}  // namespace speakers
