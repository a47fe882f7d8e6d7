// Meeting (through Engine): unknown names are NOT_FOUND, bad inputs
// INVALID_ARGUMENT, and a refused command changes nothing.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/domain/meeting.h"
#include "tests/domain/test_session.h"

namespace speakers {
namespace {

using ::speakers::testing::EngineFixture;
using ::speakers::testing::kItem2;
using ::speakers::testing::kItemF;
using ::speakers::testing::kPlenary;
using ::speakers::testing::MakeSpeaker;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = absl::StatusCode;

class MeetingRefusalsTest : public EngineFixture {
 protected:
  // Plenary in session; item 1 (f): Austria has the floor (clock running),
  // Brazil, China and Egypt wait; item 2: Kenya waits.
  void SetUp() override {
    MustApply(Change(kPlenary, cmd::MeetingAction::kOpen));
    for (const char* code : {"AUT", "BRA", "CHN", "EGY"}) {
      MustApply(InscribeCmd(kPlenary, kItemF, code));
    }
    MustApply(InscribeCmd(kPlenary, kItem2, "KEN"));
    MustApply(cmd::CallNext{F(), std::nullopt});
    MustApply(cmd::Timer{F(), cmd::TimerAction::kStart});
    clock_.Advance(absl::Seconds(30));
  }
  void TearDown() override {
    EXPECT_THAT(Waiting(kPlenary, kItemF), ElementsAre("BRA", "CHN", "EGY"));
    EXPECT_THAT(Waiting(kPlenary, kItem2), ElementsAre("KEN"));
    EXPECT_EQ(list(kPlenary, kItemF).current()->entry.delegation, "AUT");
    EXPECT_EQ(meeting(kPlenary).version(), expected_version_);
    EXPECT_TRUE(meeting(kPlenary).CheckInvariants().ok());
  }
  static ListTarget F() { return Target(kPlenary, kItemF); }

  uint64_t expected_version_ = 8;  // the eight commands of SetUp
};

TEST_F(MeetingRefusalsTest, UnknownMeeting) {
  ExpectRefused(cmd::OpenList{Target("council", "1")}, Code::kNotFound,
                "no meeting \"council\" in this session; its meetings are "
                "plenary, experts");
  ExpectRefused(cmd::SetCurrentItem{"", "1"}, Code::kNotFound);
  ExpectRefused(Change("Plenary", cmd::MeetingAction::kSuspend),
                Code::kNotFound);
  EXPECT_EQ(engine_.FindMeeting("council").status().code(), Code::kNotFound);
}

TEST_F(MeetingRefusalsTest, ACommandForAnotherMeeting) {
  absl::StatusOr<CommandResult> r =
      meeting(kPlenary).Apply(cmd::OpenList{Target("experts", "1")}, "chair");
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "the command is for meeting \"experts\", not \"plenary\"");
}

TEST_F(MeetingRefusalsTest, UnknownItemForEveryListCommand) {
  const std::string message =
      "no item \"1\" on the agenda of \"Plenary\"; its items are 1 (f), 2";
  const ListTarget t = Target(kPlenary, "1");  // an item of the other meeting
  const std::vector<Command> commands = {
      cmd::OpenList{t},
      cmd::CloseList{t},
      cmd::ConfigureList{t, ListSettings{}},
      InscribeCmd(kPlenary, "1", "AUT"),
      cmd::UpdateSpeaker{t, "BRA", MakeSpeaker(), ""},
      cmd::Withdraw{t, "BRA"},
      cmd::Remove{t, "BRA"},
      cmd::CallNext{t, std::nullopt},
      cmd::MarkAbsent{t, "BRA"},
      cmd::Move{t, "BRA", 1},
      cmd::Swap{t, "BRA", "CHN"},
      cmd::ReaddLast{t},
      cmd::SetTimeLimit{t, "BRA", absl::Minutes(3)},
      cmd::Timer{t, cmd::TimerAction::kPause},
      cmd::AddTime{t, absl::Minutes(1)},
      cmd::RequestReply{"plenary", "1", "BRA", MakeSpeaker()},
      cmd::SetCurrentItem{"plenary", "1"},
  };
  for (const Command& c : commands) ExpectRefused(c, Code::kNotFound, message);
  ExpectRefused(
      cmd::SetCurrentItem{"plenary", "reply"}, Code::kNotFound,
      "no item \"reply\" on the agenda of \"Plenary\"; its items are 1 (f), 2");
  ExpectRefused(cmd::RequestReply{"plenary", "reply", "BRA", MakeSpeaker()},
                Code::kNotFound);
}

TEST_F(MeetingRefusalsTest, UnknownDelegation) {
  ExpectRefused(InscribeCmd(kPlenary, kItemF, "XYZ"), Code::kNotFound,
                "no delegation with code \"XYZ\" is accredited to the session");
  ExpectRefused(InscribeCmd(kPlenary, kItemF, "aut"), Code::kNotFound,
                "no delegation with code \"aut\" is accredited to the session");
  ExpectRefused(cmd::RequestReply{"plenary", "1 (f)", "XYZ", MakeSpeaker()},
                Code::kNotFound,
                "no delegation with code \"XYZ\" is accredited to the session");
  ExpectRefused(cmd::Withdraw{F(), "XYZ"}, Code::kNotFound,
                "XYZ is not waiting on the list for item 1 (f)");
  ExpectRefused(cmd::Remove{F(), "KEN"}, Code::kNotFound,
                "Kenya is not waiting on the list for item 1 (f)");
  ExpectRefused(cmd::UpdateSpeaker{F(), "KEN", MakeSpeaker(), ""},
                Code::kNotFound, "Kenya is not on the list for item 1 (f)");
  ExpectRefused(cmd::MarkAbsent{F(), "KEN"}, Code::kNotFound);
  ExpectRefused(cmd::Move{F(), "KEN", 1}, Code::kNotFound);
  ExpectRefused(cmd::Swap{F(), "BRA", "KEN"}, Code::kNotFound);
  ExpectRefused(cmd::SetTimeLimit{F(), "KEN", absl::Minutes(3)},
                Code::kNotFound);
}

TEST_F(MeetingRefusalsTest, BadSpeakerTexts) {
  const auto inscribe_named = [&](std::string name) {
    cmd::Inscribe c = InscribeCmd(kPlenary, kItemF, "FRA");
    c.speaker.name = std::move(name);
    return c;
  };
  ExpectRefused(inscribe_named(""), Code::kInvalidArgument,
                "give the name of the speaker, e.g. \"H.E. Ms. Jane Doe\"");
  ExpectRefused(
      inscribe_named(std::string(121, 'x')), Code::kInvalidArgument,
      "the speaker's name has 121 characters; at most 120 are accepted");
  ExpectRefused(inscribe_named("M. Fran\xE7ois"), Code::kInvalidArgument,
                "the speaker's name is not valid UTF-8 text");
  cmd::Inscribe group = InscribeCmd(kPlenary, kItemF, "FRA");
  group.on_behalf_of = "\x80";
  ExpectRefused(group, Code::kInvalidArgument,
                "the group name is not valid UTF-8 text");
  ExpectRefused(
      cmd::UpdateSpeaker{F(), "BRA", MakeSpeaker(Rank::kMinister, "\t"), ""},
      Code::kInvalidArgument);
  ExpectRefused(
      cmd::UpdateSpeaker{F(), "AUT", MakeSpeaker(Rank::kMinister, ""), ""},
      Code::kInvalidArgument);
  ExpectRefused(cmd::RequestReply{"plenary", "1 (f)", "FRA",
                                  MakeSpeaker(Rank::kOther, "")},
                Code::kInvalidArgument);
}

TEST_F(MeetingRefusalsTest, AbsurdDurations) {
  for (absl::Duration bad :
       {absl::ZeroDuration(), absl::Seconds(9), -absl::Minutes(1),
        absl::Hours(3), absl::InfiniteDuration()}) {
    cmd::Inscribe c = InscribeCmd(kPlenary, kItemF, "FRA");
    c.time_limit = bad;
    ExpectRefused(c, Code::kInvalidArgument);
    ExpectRefused(cmd::SetTimeLimit{F(), "BRA", bad}, Code::kInvalidArgument);
    ExpectRefused(cmd::SetTimeLimit{F(), "AUT", bad}, Code::kInvalidArgument);
  }
  ExpectRefused(
      cmd::SetTimeLimit{F(), "BRA", absl::Hours(3)}, Code::kInvalidArgument,
      "speaking time 3:00:00 is out of range; give between 0:10 and 2:00:00");
  for (absl::Duration bad : {absl::ZeroDuration(), absl::Hours(2),
                             -absl::Hours(2), absl::InfiniteDuration()}) {
    ExpectRefused(cmd::AddTime{F(), bad}, Code::kInvalidArgument);
  }
  ExpectRefused(cmd::AddTime{F(), -absl::Minutes(5)}, Code::kInvalidArgument,
                "taking 5:00 off a limit of 5:00 would leave no speaking time");
  ExpectRefused(cmd::Move{F(), "BRA", 0}, Code::kInvalidArgument,
                "position 0 does not exist; the list for item 1 (f) has 3 "
                "waiting speakers");
  ExpectRefused(cmd::Move{F(), "BRA", 4}, Code::kInvalidArgument);
  ExpectRefused(cmd::Swap{F(), "CHN", "CHN"}, Code::kInvalidArgument,
                "name two different delegations to exchange places");
}

TEST_F(MeetingRefusalsTest, BadListSettings) {
  const ListSettings good = list(kPlenary, kItemF).settings();
  struct Case {
    void (*tweak)(ListSettings&);
    std::string message;
  };
  const Case cases[] = {
      {[](ListSettings& s) { s.speaking_time = absl::Seconds(5); },
       "speaking time 0:05 is out of range; give between 0:10 and 2:00:00"},
      {[](ListSettings& s) { s.speaking_time = absl::Hours(3); },
       "speaking time 3:00:00 is out of range; give between 0:10 and 2:00:00"},
      {[](ListSettings& s) { s.warning = -absl::Seconds(1); },
       "warning -0:01 must be at least 0:00 and below the speaking time of "
       "5:00"},
      {[](ListSettings& s) { s.warning = absl::Minutes(5); },
       "warning 5:00 must be at least 0:00 and below the speaking time of "
       "5:00"},
      {[](ListSettings& s) { s.closes_at = *s.opens_at - absl::Hours(1); },
       "the list must close after it opens; check opens_at and closes_at"},
      // Accepted before, stored saturated and refused at the next start.
      {[](ListSettings& s) {
         s.opens_at =
             absl::FromCivil(absl::CivilDay(2500, 1, 1), absl::UTCTimeZone());
         s.closes_at =
             absl::FromCivil(absl::CivilDay(3000, 1, 1), absl::UTCTimeZone());
       },
       "the list's opening time (00:00 on 1 January 2500, UTC time) is out "
       "of range; give a date from 1 January 1970 to 31 December 2199"},
      {[](ListSettings& s) { s.closes_at = kLatestInstant; },
       "the list's closing time (00:00 on 1 January 2200, UTC time) is out "
       "of range; give a date from 1 January 1970 to 31 December 2199"},
      {[](ListSettings& s) {
         s.opens_at = absl::UnixEpoch() - absl::Nanoseconds(1);
       },
       "the list's opening time (23:59:59 on 31 December 1969, UTC time) is "
       "out "
       "of range; give a date from 1 January 1970 to 31 December 2199"},
  };
  for (const Case& c : cases) {
    ListSettings bad = good;
    c.tweak(bad);
    ExpectRefused(cmd::ConfigureList{F(), bad}, Code::kInvalidArgument,
                  c.message);
    ExpectRefused(cmd::ConfigureList{Target(kPlenary, "reply"), bad},
                  Code::kInvalidArgument, c.message);
  }
  EXPECT_EQ(list(kPlenary, kItemF).settings(), good);
}

TEST_F(MeetingRefusalsTest, InscribingOnTheReplyListNeedsAReplyRequest) {
  ExpectRefused(
      InscribeCmd(kPlenary, "reply", "FRA"), Code::kInvalidArgument,
      "ask for a right of reply with a reply request, naming the item");
}

TEST_F(MeetingRefusalsTest, RefusalsOfTheFloor) {
  ExpectRefused(cmd::Withdraw{F(), "AUT"}, Code::kFailedPrecondition,
                "Austria has the floor on item 1 (f); call the next speaker to "
                "end the statement");
  ExpectRefused(
      InscribeCmd(kPlenary, kItemF, "BRA"), Code::kAlreadyExists,
      "Brazil is already on the list for item 1 (f) (receipt 2, position 1)");
  ExpectRefused(cmd::CallNext{F(), std::string("BRA")},
                Code::kFailedPrecondition);
  ExpectRefused(cmd::Timer{F(), cmd::TimerAction::kStart},
                Code::kFailedPrecondition,
                "the speaker's clock is already running");
  ExpectRefused(cmd::ReaddLast{F()}, Code::kFailedPrecondition,
                "nobody has spoken yet on item 1 (f)");
  ExpectRefused(cmd::OpenList{Target(kPlenary, "9 (z)")}, Code::kNotFound);
  ExpectRefused(cmd::SetCurrentItem{"plenary", "1 (f)"},
                Code::kFailedPrecondition,
                "item 1 (f) is already under consideration");
  ExpectRefused(cmd::Timer{Target(kPlenary, kItem2), cmd::TimerAction::kReset},
                Code::kFailedPrecondition,
                "nobody has the floor on item 2; call the next speaker first");
  // After the scheduled close, delegations are refused and the chair is not.
  clock_.Set(testing::ListClosesAt());
  cmd::Inscribe fra = InscribeCmd(kPlenary, kItemF, "FRA");
  ExpectRefused(fra, Code::kFailedPrecondition,
                "the list for item 1 (f) closed at 12:00 on 6 November 2017, "
                "Vienna time; "
                "only the chair can add speakers now");
  ASSERT_TRUE(Apply(cmd::CloseList{F()}).ok());
  ++expected_version_;
  ExpectRefused(cmd::CloseList{F()}, Code::kFailedPrecondition,
                "the list for item 1 (f) is already closed");
  fra.by_chair = true;
  absl::StatusOr<CommandResult> added = Apply(fra);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_THAT(added->events[0].summary, HasSubstr("added by the chair"));
  ASSERT_TRUE(Apply(cmd::Remove{F(), "FRA"}).ok());
  expected_version_ += 2;
}

}  // namespace
}  // namespace speakers
