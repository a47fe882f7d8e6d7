// Points of order (issue 11): raised by the delegations the session allows,
// in arrival order; granted, the raiser has the floor and the current
// speaker's clock pauses; ended, the interrupted speaker has the floor
// again with exactly the time already used. Dismissed, withdrawn, lapsed
// at an adjournment; questions to the speaker where the meeting takes them.
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/domain/engine.h"
#include "server/domain/meeting.h"
#include "tests/domain/test_session.h"

namespace speakers {
namespace {

using ::speakers::testing::kItemF;
using ::speakers::testing::kPlenary;
using ::speakers::testing::SittingPlenaryFixture;
using Action = cmd::MeetingAction;
using Point = cmd::PointAction;

std::vector<std::string> Raisers(const Meeting& m) {
  std::vector<std::string> out;
  for (const RaisedPoint& p : m.points().waiting()) out.push_back(p.delegation);
  return out;
}

class PointsTest : public SittingPlenaryFixture {
 protected:
  static cmd::PointOfOrder P(Point action, absl::string_view code = "",
                             PointKind kind = PointKind::kOrder) {
    return cmd::PointOfOrder{std::string(kPlenary), action, std::string(code),
                             kind};
  }
  ListTarget F() const { return Target(kPlenary, kItemF); }
  // AUT has the floor on item 1 (f) and has spoken 1:54, its clock running.
  void AustriaSpeaks() {
    MustApply(InscribeCmd(kPlenary, kItemF, "AUT"));
    MustApply(InscribeCmd(kPlenary, kItemF, "BRA"));
    MustApply(cmd::CallNext{F(), std::nullopt});
    MustApply(cmd::Timer{F(), cmd::TimerAction::kStart});
    clock_.Advance(absl::Seconds(114));
  }
  const CurrentSpeaker& Current() { return *list(kPlenary, kItemF).current(); }
};

TEST_F(PointsTest, PointsWaitInOrderOfArrival) {
  const CommandResult raised = MustApply(P(Point::kRaise, "FRA"), "FRA");
  ASSERT_EQ(raised.events.size(), 1u);
  EXPECT_EQ(raised.events[0].kind, EventKind::kPointRaised);
  EXPECT_EQ(raised.events[0].delegation, "FRA");
  EXPECT_EQ(raised.events[0].summary,
            "France raised a point of order (number 1)");
  EXPECT_TRUE(raised.points);
  clock_.Advance(absl::Seconds(3));
  MustApply(P(Point::kRaise, "KEN"), "KEN");
  MustApply(P(Point::kRaise, "MEX"), "MEX");
  EXPECT_EQ(Raisers(meeting(kPlenary)),
            (std::vector<std::string>{"FRA", "KEN", "MEX"}));
  // Signatories may not raise one by default.
  ExpectRefused(P(Point::kRaise, "BTN"), absl::StatusCode::kPermissionDenied,
                "Bhutan (signatory State (rule 14)) cannot raise a point of "
                "order: under the session's rules only State party may");
}

TEST_F(PointsTest, OnlyTheSessionsCategoriesMayRaiseOne) {
  ExpectRefused(P(Point::kRaise, "TI"), absl::StatusCode::kPermissionDenied,
                "Transparency International (non-governmental organization "
                "(rule 17)) cannot raise a point of order: under the "
                "session's rules only State party may");
  ExpectRefused(P(Point::kRaise, "EU"), absl::StatusCode::kPermissionDenied);
  ExpectRefused(P(Point::kRaise, "XYZ"), absl::StatusCode::kNotFound);
}

TEST_F(PointsTest, OnePointWaitsPerDelegation) {
  MustApply(P(Point::kRaise, "FRA"));
  ExpectRefused(P(Point::kRaise, "FRA"), absl::StatusCode::kAlreadyExists,
                "France has already raised a point of order; it is waiting "
                "for the chair (number 1)");
  MustApply(P(Point::kGrant));
  ExpectRefused(P(Point::kRaise, "FRA"), absl::StatusCode::kAlreadyExists,
                "France has the floor on a point of order already");
}

TEST_F(PointsTest, APointIsRaisedOnlyWhileTheMeetingSits) {
  MustApply(Change(kPlenary, Action::kSuspend));
  ExpectRefused(P(Point::kRaise, "FRA"), absl::StatusCode::kFailedPrecondition,
                "the meeting \"Plenary\" is suspended; resume it first");
}

TEST_F(PointsTest, GrantingPausesTheSpeakerAndEndingGivesTheTimeBack) {
  AustriaSpeaks();
  MustApply(P(Point::kRaise, "FRA"));
  const CommandResult granted = MustApply(P(Point::kGrant));
  ASSERT_EQ(granted.events.size(), 2u);
  EXPECT_EQ(granted.events[0].kind, EventKind::kTimerPaused);
  EXPECT_EQ(granted.events[0].summary,
            "Austria: clock paused for a point of order");
  EXPECT_EQ(granted.events[1].kind, EventKind::kPointGranted);
  EXPECT_EQ(granted.events[1].summary,
            "France has the floor on a point of order, interrupting Austria");
  EXPECT_EQ(granted.events[1].other_delegation, "AUT");
  EXPECT_EQ(Current().timer.state(), SpeakingTimer::State::kPaused);
  EXPECT_EQ(Current().timer.accumulated(), absl::Seconds(114));
  const std::optional<HeardPoint>& heard = meeting(kPlenary).points().heard();
  ASSERT_TRUE(heard.has_value());
  EXPECT_EQ(heard->point.delegation, "FRA");
  EXPECT_EQ(heard->interrupted_item, kItemF);
  EXPECT_EQ(heard->limit, std::nullopt) << "no limit by default";
  EXPECT_TRUE(meeting(kPlenary).points().waiting().empty());

  // Nobody else gets the floor, no clock runs, until the point ends.
  clock_.Advance(absl::Seconds(45));
  const std::string busy =
      "France has the floor on a point of order; end it first (\"End "
      "point\" on the console, or speakers end-point)";
  ExpectRefused(cmd::CallNext{F(), std::nullopt},
                absl::StatusCode::kFailedPrecondition, busy);
  ExpectRefused(cmd::Timer{F(), cmd::TimerAction::kResume},
                absl::StatusCode::kFailedPrecondition, busy);
  MustApply(P(Point::kRaise, "KEN"));
  ExpectRefused(P(Point::kGrant), absl::StatusCode::kFailedPrecondition, busy);

  const CommandResult ended = MustApply(P(Point::kEnd));
  ASSERT_EQ(ended.events.size(), 2u);
  EXPECT_EQ(ended.events[0].kind, EventKind::kPointEnded);
  EXPECT_EQ(ended.events[0].summary,
            "France's point of order ended after 0:45");
  EXPECT_EQ(ended.events[0].duration, absl::Seconds(45));
  EXPECT_EQ(ended.events[1].kind, EventKind::kTimerResumed);
  EXPECT_EQ(ended.events[1].summary,
            "Austria has the floor again: clock resumed");
  EXPECT_EQ(Current().timer.state(), SpeakingTimer::State::kRunning);
  EXPECT_EQ(Current().timer.Elapsed(clock_.Now()), absl::Seconds(114));
  clock_.Advance(absl::Seconds(10));
  EXPECT_EQ(Current().timer.Elapsed(clock_.Now()), absl::Seconds(124));
  EXPECT_FALSE(meeting(kPlenary).points().heard().has_value());
  EXPECT_EQ(Raisers(meeting(kPlenary)), (std::vector<std::string>{"KEN"}));
}

TEST_F(PointsTest, APausedClockStaysPausedAfterThePoint) {
  AustriaSpeaks();
  MustApply(cmd::Timer{F(), cmd::TimerAction::kPause});
  MustApply(P(Point::kRaise, "FRA"));
  const CommandResult granted = MustApply(P(Point::kGrant, "FRA"));
  ASSERT_EQ(granted.events.size(), 1u) << "nothing to pause";
  clock_.Advance(absl::Seconds(30));
  const CommandResult ended = MustApply(P(Point::kEnd));
  ASSERT_EQ(ended.events.size(), 1u) << "nothing to resume";
  EXPECT_EQ(Current().timer.state(), SpeakingTimer::State::kPaused);
  EXPECT_EQ(Current().timer.accumulated(), absl::Seconds(114));
}

TEST_F(PointsTest, TheChairGrantsANamedPointOrTheFirst) {
  MustApply(P(Point::kRaise, "FRA"));
  MustApply(P(Point::kRaise, "KEN"));
  MustApply(P(Point::kGrant, "KEN"));
  EXPECT_EQ(meeting(kPlenary).points().heard()->point.delegation, "KEN");
  EXPECT_EQ(meeting(kPlenary).points().heard()->interrupted_item, "");
  MustApply(P(Point::kEnd));
  MustApply(P(Point::kGrant));
  EXPECT_EQ(meeting(kPlenary).points().heard()->point.delegation, "FRA");
  MustApply(P(Point::kEnd));
  ExpectRefused(P(Point::kGrant), absl::StatusCode::kNotFound,
                "no point of order is waiting");
  ExpectRefused(P(Point::kGrant, "MEX"), absl::StatusCode::kNotFound,
                "Mexico has no point of order waiting");
  ExpectRefused(P(Point::kEnd), absl::StatusCode::kFailedPrecondition,
                "no point of order is being heard");
}

TEST_F(PointsTest, GrantingNeedsTheMeetingInSession) {
  MustApply(P(Point::kRaise, "FRA"));
  MustApply(Change(kPlenary, Action::kSuspend));
  ExpectRefused(P(Point::kGrant), absl::StatusCode::kFailedPrecondition,
                "the meeting \"Plenary\" is suspended; resume it first");
}

TEST_F(PointsTest, DismissAndWithdrawTakeAWaitingPointOff) {
  MustApply(P(Point::kRaise, "FRA"));
  MustApply(P(Point::kRaise, "KEN"));
  const CommandResult dismissed = MustApply(P(Point::kDismiss, "FRA"));
  ASSERT_EQ(dismissed.events.size(), 1u);
  EXPECT_EQ(dismissed.events[0].kind, EventKind::kPointDismissed);
  EXPECT_EQ(dismissed.events[0].summary,
            "France's point of order dismissed by the chair");
  const CommandResult withdrawn = MustApply(P(Point::kWithdraw, "KEN"), "KEN");
  EXPECT_EQ(withdrawn.events[0].kind, EventKind::kPointWithdrawn);
  EXPECT_EQ(withdrawn.events[0].summary, "Kenya's point of order withdrawn");
  EXPECT_TRUE(meeting(kPlenary).points().waiting().empty());
  ExpectRefused(P(Point::kDismiss, "FRA"), absl::StatusCode::kNotFound,
                "France has no point of order waiting");
  ExpectRefused(P(Point::kDismiss, ""), absl::StatusCode::kInvalidArgument,
                "name the delegation whose point of order it is");
}

TEST_F(PointsTest, AStatementEndedDuringThePointIsNotResumed) {
  AustriaSpeaks();
  MustApply(P(Point::kRaise, "FRA"));
  MustApply(P(Point::kGrant));
  // The chair rules the speaker out of order: the statement ends.
  MustApply(cmd::EndStatement{F()});
  const CommandResult ended = MustApply(P(Point::kEnd));
  ASSERT_EQ(ended.events.size(), 1u);
  EXPECT_FALSE(list(kPlenary, kItemF).current().has_value());
  // Then the next speaker may be called.
  MustApply(cmd::CallNext{F(), std::nullopt});
  EXPECT_EQ(Current().entry.delegation, "BRA");
}

TEST_F(PointsTest, AdjourningLapsesThePoints) {
  AustriaSpeaks();
  MustApply(P(Point::kRaise, "FRA"));
  MustApply(P(Point::kRaise, "KEN"));
  MustApply(P(Point::kGrant));
  const CommandResult adjourned = MustApply(Change(kPlenary, Action::kAdjourn));
  std::vector<EventKind> kinds;
  for (const Event& e : adjourned.events) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<EventKind>{EventKind::kMeetingAdjourned,
                                           EventKind::kPointEnded,
                                           EventKind::kPointLapsed}));
  EXPECT_EQ(adjourned.events[2].summary,
            "Kenya's point of order lapsed: the meeting adjourned");
  EXPECT_FALSE(meeting(kPlenary).points().heard().has_value());
  EXPECT_TRUE(meeting(kPlenary).points().waiting().empty());
  EXPECT_EQ(Current().timer.state(), SpeakingTimer::State::kPaused);
}

TEST_F(PointsTest, QuestionsAreRefusedWhereTheMeetingTakesNone) {
  AustriaSpeaks();
  ExpectRefused(P(Point::kRaise, "FRA", PointKind::kQuestion),
                absl::StatusCode::kFailedPrecondition,
                "questions to the speaker are not taken in \"Plenary\"; raise "
                "a point of order");
}

// A parliament: the plenary takes questions, and a point has a limit.
class QuestionsTest : public ::testing::Test {
 protected:
  QuestionsTest() : clock_(testing::SessionStart()) {
    SessionConfig config = testing::MakeSessionConfig();
    config.meetings[0].questions = true;
    config.points.time_limit = absl::Minutes(1);
    config.points.categories = {Category::kStateParty, Category::kSignatory};
    absl::StatusOr<Session> session = Session::Create(std::move(config));
    EXPECT_TRUE(session.ok()) << session.status();
    engine_ = std::make_unique<Engine>(
        std::make_shared<const Session>(*std::move(session)), &clock_);
  }
  absl::StatusOr<CommandResult> Do(const Command& c) {
    return engine_->Apply(c, "chair");
  }
  static cmd::PointOfOrder Question(absl::string_view code) {
    return {std::string(kPlenary), Point::kRaise, std::string(code),
            PointKind::kQuestion};
  }
  testing::FakeClock clock_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(QuestionsTest, AQuestionIsPutToTheSpeakerWhoHasTheFloor) {
  const ListTarget f{std::string(kPlenary), std::string(kItemF)};
  ASSERT_TRUE(
      Do(cmd::ChangeMeeting{std::string(kPlenary), Action::kOpen}).ok());
  EXPECT_EQ(Do(Question("FRA")).status().message(),
            "nobody has the floor to put a question to");
  cmd::Inscribe aut{f, "AUT", testing::MakeSpeaker(), "", false, std::nullopt};
  ASSERT_TRUE(Do(aut).ok());
  ASSERT_TRUE(Do(cmd::CallNext{f, std::nullopt}).ok());
  EXPECT_EQ(Do(Question("AUT")).status().message(),
            "Austria has the floor and cannot put a question to itself");
  absl::StatusOr<CommandResult> asked = Do(Question("BTN"));
  ASSERT_TRUE(asked.ok()) << asked.status();
  EXPECT_EQ(asked->events[0].summary, "Bhutan raised a question (number 1)");
  absl::StatusOr<CommandResult> granted =
      Do(cmd::PointOfOrder{std::string(kPlenary), Point::kGrant, "", {}});
  ASSERT_TRUE(granted.ok()) << granted.status();
  EXPECT_EQ(granted->events.back().summary,
            "Bhutan has the floor on a question, interrupting Austria");
  EXPECT_EQ(granted->events.back().duration, absl::Minutes(1));
  const Meeting& m = **engine_->FindMeeting(kPlenary);
  EXPECT_EQ(m.points().heard()->limit, absl::Minutes(1));
  EXPECT_EQ(m.points().heard()->point.kind, PointKind::kQuestion);
}

TEST(PointRulesTest, ALimitOfZeroIsRefused) {
  SessionConfig config = testing::MakeSessionConfig();
  config.points.time_limit = absl::ZeroDuration();
  absl::StatusOr<Session> session = Session::Create(std::move(config));
  ASSERT_EQ(session.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(session.status().GetPayload(kFieldPathPayload)->Flatten(),
            "points.time_limit");
}

}  // namespace
}  // namespace speakers
