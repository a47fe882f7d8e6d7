// Meeting (through Engine): the right of reply, and the time a delegation
// used across a meeting's lists.
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
using ::speakers::testing::FakeClock;
using ::speakers::testing::kExperts;
using ::speakers::testing::kExpertsItem;
using ::speakers::testing::kItem2;
using ::speakers::testing::kItemF;
using ::speakers::testing::kPlenary;
using ::speakers::testing::MakeSessionConfig;
using ::speakers::testing::MakeSpeaker;
using ::testing::ElementsAre;
using Code = absl::StatusCode;

class MeetingReplyTest : public EngineFixture {
 protected:
  void SetUp() override {
    MustApply(Change(kPlenary, cmd::MeetingAction::kOpen));
    // A right of reply answers a statement: MEX spoke on both items.
    for (absl::string_view item : {kItemF, kItem2}) {
      MustApply(cmd::Inscribe{Target(kPlenary, item), "MEX", MakeSpeaker(), "",
                              /*by_chair=*/true, std::nullopt});
      MustApply(cmd::CallNext{Target(kPlenary, item), std::nullopt});
      MustApply(cmd::EndStatement{Target(kPlenary, item)});
    }
  }
  void TearDown() override {
    for (const Meeting* m : engine_.meetings())
      EXPECT_TRUE(m->CheckInvariants().ok());
  }
  static cmd::RequestReply Reply(absl::string_view code, absl::string_view item,
                                 Rank rank = Rank::kHeadOfDelegation) {
    return cmd::RequestReply{std::string(kPlenary), std::string(item),
                             std::string(code), MakeSpeaker(rank)};
  }
  static ListTarget R() { return Target(kPlenary, "reply"); }
  const SpeakersList& replies() { return meeting(kPlenary).reply_list(); }
  // Calls the next reply, lets it run `spoken`, and ends it.
  void Speak(absl::Duration spoken) {
    MustApply(cmd::CallNext{R(), std::nullopt});
    MustApply(cmd::Timer{R(), cmd::TimerAction::kStart});
    clock_.Advance(spoken);
    MustApply(cmd::CallNext{R(), std::nullopt});
  }
};

TEST_F(MeetingReplyTest, FirstReplyTenMinutesSecondFiveThirdRefused) {
  CommandResult r = MustApply(Reply("AUT", kItemF), "AUT-console");
  ASSERT_TRUE(r.entry.has_value());
  EXPECT_EQ(r.entry->reply_item, "1 (f)");
  EXPECT_EQ(r.entry->reply_number, 1);
  EXPECT_EQ(r.entry->time_limit, absl::Minutes(10));
  EXPECT_FALSE(r.entry->added_by_chair);  // the delegation asked
  ASSERT_EQ(r.events.size(), 1u);
  const Event& e = r.events[0];
  EXPECT_EQ(e.kind, EventKind::kReplyRequested);
  EXPECT_EQ(e.item, "reply");
  EXPECT_EQ(e.delegation, "AUT");
  EXPECT_EQ(e.actor, "AUT-console");
  EXPECT_EQ(e.receipt, (Receipt{1, clock_.Now()}));
  EXPECT_EQ(e.position, 1);
  EXPECT_EQ(e.summary,
            "Austria asked for right of reply 1 on item 1 (f) (10:00)");

  r = MustApply(cmd::CallNext{R(), std::nullopt});
  EXPECT_EQ(r.events[0].kind, EventKind::kCalled);
  EXPECT_EQ(r.events[0].item, "reply");
  EXPECT_EQ(r.events[0].duration, absl::Minutes(10));
  EXPECT_EQ(replies().current()->timer.limit(), absl::Minutes(10));
  ExpectRefused(Reply("AUT", kItemF), Code::kAlreadyExists,
                "Austria is replying on item 1 (f) now");
  MustApply(cmd::CallNext{R(), std::nullopt});

  r = MustApply(Reply("AUT", kItemF));
  EXPECT_EQ(r.entry->reply_number, 2);
  EXPECT_EQ(r.entry->time_limit, absl::Minutes(5));
  EXPECT_EQ(r.events[0].summary,
            "Austria asked for right of reply 2 on item 1 (f) (5:00)");
  const std::string third =
      "Austria has already had 2 rights of reply on item 1 (f); at most 2 are "
      "allowed";
  ExpectRefused(Reply("AUT", kItemF), Code::kFailedPrecondition,
                third);  // second waiting
  Speak(absl::Minutes(1));
  ExpectRefused(Reply("AUT", kItemF), Code::kFailedPrecondition,
                third);  // both made
  EXPECT_EQ(replies().RepliesOn("AUT", "1 (f)"), 2);
  // Rights of reply are counted per item.
  r = MustApply(Reply("AUT", kItem2));
  EXPECT_EQ(r.entry->reply_number, 1);
  EXPECT_EQ(r.entry->time_limit, absl::Minutes(10));
  EXPECT_EQ(replies().RepliesOn("AUT", "2"), 1);
}

TEST_F(MeetingReplyTest, OneReplyWaitingPerItem) {
  MustApply(Reply("AUT", kItemF));
  ExpectRefused(Reply("AUT", kItemF), Code::kAlreadyExists,
                "Austria already has a right of reply waiting on item 1 (f) "
                "(receipt 1, position 1)");
  MustApply(Reply("AUT", kItem2));  // another item: may wait too
  EXPECT_THAT(Waiting(kPlenary, "reply"), ElementsAre("AUT", "AUT"));
}

TEST_F(MeetingReplyTest, RepliesAreFirstComeFirstServed) {
  MustApply(Reply("ERI", kItemF));
  MustApply(Reply("EGY", kItemF, Rank::kHeadOfState));
  MustApply(Reply("SYR", kItem2, Rank::kMinister));
  MustApply(Reply("AUT", kItemF));
  EXPECT_THAT(Waiting(kPlenary, "reply"),
              ElementsAre("ERI", "EGY", "SYR", "AUT"));
  for (const Entry& e : replies().waiting()) EXPECT_EQ(e.tier, 0);
}

TEST_F(MeetingReplyTest, RepliesIgnoreTheWindowOfTheItem) {
  clock_.Set(testing::ListClosesAt() + absl::Hours(1));
  absl::StatusOr<CommandResult> r = Apply(Reply("BRA", kItemF));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_THAT(Waiting(kPlenary, "reply"), ElementsAre("BRA"));
}

TEST_F(MeetingReplyTest, UnknownItemOrDelegation) {
  ExpectRefused(
      Reply("AUT", "9"), Code::kNotFound,
      "no item \"9\" on the agenda of \"Plenary\"; its items are 1 (f), 2");
  ExpectRefused(Reply("AUT", kExpertsItem), Code::kNotFound);
  ExpectRefused(Reply("AUT", "reply"), Code::kNotFound);
  ExpectRefused(Reply("XYZ", kItemF), Code::kNotFound,
                "no delegation with code \"XYZ\" is accredited to the session");
}

TEST_F(MeetingReplyTest, AWithdrawnReplyDoesNotCount) {
  MustApply(Reply("AUT", kItemF));
  MustApply(cmd::Withdraw{R(), "AUT"});
  EXPECT_EQ(replies().RepliesOn("AUT", "1 (f)"), 0);
  const CommandResult r = MustApply(Reply("AUT", kItemF));
  EXPECT_EQ(r.entry->reply_number, 1);
  EXPECT_EQ(r.entry->receipt.number, 2u);
}

TEST_F(MeetingReplyTest, EachMeetingHasItsOwnReplyList) {
  MustApply(Reply("AUT", kItemF));
  const ListTarget experts = Target(kExperts, kExpertsItem);
  MustApply(Change(kExperts, cmd::MeetingAction::kOpen));
  MustApply(
      cmd::Inscribe{experts, "MEX", MakeSpeaker(), "", true, std::nullopt});
  MustApply(cmd::CallNext{experts, std::nullopt});
  const CommandResult r = MustApply(cmd::RequestReply{
      std::string(kExperts), std::string(kExpertsItem), "AUT", MakeSpeaker()});
  EXPECT_EQ(r.events[0].meeting, "experts");
  EXPECT_EQ(r.entry->receipt.number, 1u);
  EXPECT_THAT(Waiting(kExperts, "reply"), ElementsAre("AUT"));
  EXPECT_EQ(meeting(kExperts).version(), 4u);
}

TEST(MeetingReplyRulesTest, TheSessionSetsTheRules) {
  SessionConfig config = MakeSessionConfig();
  config.reply.max_per_item = 1;
  config.reply.limits = {absl::Minutes(3)};
  absl::StatusOr<Session> session = Session::Create(config);
  ASSERT_TRUE(session.ok()) << session.status();
  FakeClock clock(testing::SessionStart());
  Engine engine(std::make_shared<const Session>(*std::move(session)), &clock);
  const ListTarget two{"plenary", "2"};
  for (const Command& c : std::vector<Command>{
           cmd::ChangeMeeting{"plenary", cmd::MeetingAction::kOpen},
           cmd::Inscribe{two, "MEX", MakeSpeaker(), "", true, std::nullopt},
           cmd::CallNext{two, std::nullopt}}) {
    ASSERT_TRUE(engine.Apply(c, "chair").ok());
  }
  const cmd::RequestReply reply{"plenary", "2", "KEN", MakeSpeaker()};
  absl::StatusOr<CommandResult> r = engine.Apply(reply, "chair");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->entry->time_limit, absl::Minutes(3));
  EXPECT_EQ(r->events[0].summary,
            "Kenya asked for right of reply 1 on item 2 (3:00)");
  r = engine.Apply(reply, "chair");
  EXPECT_EQ(r.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(r.status().message(),
            "Kenya has already had 1 right of reply on item 2; at most 1 are "
            "allowed");
}

TEST_F(MeetingReplyTest, TimeUsedByAddsEveryListOfTheMeeting) {
  const auto speak_on = [&](absl::string_view meeting_id,
                            absl::string_view item, absl::string_view code,
                            absl::Duration spoken) {
    MustApply(InscribeCmd(meeting_id, item, code));
    MustApply(cmd::CallNext{Target(meeting_id, item), std::string()});
    MustApply(cmd::Timer{Target(meeting_id, item), cmd::TimerAction::kStart});
    clock_.Advance(spoken);
    MustApply(cmd::CallNext{Target(meeting_id, item), std::string(code)});
  };
  MustApply(Change(kExperts, cmd::MeetingAction::kOpen));
  speak_on(kPlenary, kItemF, "AUT", absl::Minutes(2));
  speak_on(kPlenary, kItem2, "AUT", absl::Minutes(1));
  speak_on(kPlenary, kItem2, "BRA", absl::Seconds(20));
  MustApply(Reply("AUT", kItemF));
  Speak(absl::Seconds(30));
  speak_on(kExperts, kExpertsItem, "AUT", absl::Seconds(45));

  EXPECT_EQ(list(kPlenary, kItemF).TimeUsedBy("AUT"), absl::Minutes(2));
  EXPECT_EQ(list(kPlenary, kItem2).TimeUsedBy("AUT"), absl::Minutes(1));
  EXPECT_EQ(replies().TimeUsedBy("AUT"), absl::Seconds(30));
  EXPECT_EQ(meeting(kPlenary).TimeUsedBy("AUT"), absl::Seconds(210));
  EXPECT_EQ(meeting(kPlenary).TimeUsedBy("BRA"), absl::Seconds(20));
  EXPECT_EQ(meeting(kPlenary).TimeUsedBy("CHN"), absl::ZeroDuration());
  EXPECT_EQ(meeting(kExperts).TimeUsedBy("AUT"), absl::Seconds(45));

  // The speaker who has the floor counts once the statement ends.
  MustApply(InscribeCmd(kPlenary, kItemF, "CHN"));
  MustApply(cmd::CallNext{Target(kPlenary, kItemF), std::nullopt});
  MustApply(cmd::Timer{Target(kPlenary, kItemF), cmd::TimerAction::kStart});
  clock_.Advance(absl::Minutes(4));
  EXPECT_EQ(meeting(kPlenary).TimeUsedBy("CHN"), absl::ZeroDuration());
  MustApply(cmd::CallNext{Target(kPlenary, kItemF), std::nullopt});
  EXPECT_EQ(meeting(kPlenary).TimeUsedBy("CHN"), absl::Minutes(4));
}

}  // namespace
}  // namespace speakers
