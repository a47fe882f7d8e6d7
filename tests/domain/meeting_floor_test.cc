// The floor of a meeting (issue 11): one floor across the meeting's lists,
// explicit end of a statement, resume after an adjournment, names that
// cannot disguise themselves, the States-parties-first policy and the
// rules of the right of reply.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/domain/meeting.h"
#include "tests/domain/test_session.h"
#include "text/time_text.h"

namespace speakers {
namespace {

using ::speakers::testing::kItem2;
using ::speakers::testing::kItemF;
using ::speakers::testing::kPlenary;
using ::speakers::testing::MakeSpeaker;
using ::speakers::testing::SittingPlenaryFixture;
using ::testing::ElementsAre;
using Action = cmd::MeetingAction;

class FloorTest : public SittingPlenaryFixture {
 protected:
  ListTarget F() const { return Target(kPlenary, kItemF); }
  ListTarget Two() const { return Target(kPlenary, kItem2); }
  ListTarget Replies() const { return Target(kPlenary, kReplyListItem); }
  cmd::RequestReply Reply(absl::string_view code, absl::string_view item,
                          bool by_chair = false) {
    return cmd::RequestReply{std::string(kPlenary), std::string(item),
                             std::string(code), MakeSpeaker(), by_chair};
  }
  // AUT has the floor on item 1 (f), its clock running since 10:00.
  void AustriaSpeaks() {
    MustApply(InscribeCmd(kPlenary, kItemF, "AUT"));
    MustApply(cmd::CallNext{F(), std::nullopt});
    MustApply(cmd::Timer{F(), cmd::TimerAction::kStart});
  }
};

TEST_F(FloorTest, CallingAnotherListWhileSomeoneSpeaksIsRefused) {
  AustriaSpeaks();
  MustApply(InscribeCmd(kPlenary, kItem2, "BRA"));
  ExpectRefused(cmd::CallNext{Two(), std::nullopt},
                absl::StatusCode::kFailedPrecondition,
                "Austria has the floor on item 1 (f); end that statement "
                "first (\"End statement\" on the console, or speakers end "
                "--item=\"1 (f)\")");
  // The reply list shares the one floor.
  clock_.Advance(absl::Minutes(1));
  MustApply(Reply("FRA", kItemF));
  ExpectRefused(cmd::CallNext{Replies(), std::nullopt},
                absl::StatusCode::kFailedPrecondition);
}

TEST_F(FloorTest, EndStatementFreesTheFloorWithTheTimeSpoken) {
  AustriaSpeaks();
  MustApply(InscribeCmd(kPlenary, kItem2, "BRA"));
  clock_.Advance(absl::Seconds(114));
  const CommandResult ended = MustApply(cmd::EndStatement{F()});
  ASSERT_EQ(ended.events.size(), 1u);
  EXPECT_EQ(ended.events[0].kind, EventKind::kFinished);
  EXPECT_EQ(ended.events[0].summary, "Austria finished after 1:54");
  EXPECT_EQ(ended.events[0].duration, absl::Seconds(114));
  EXPECT_FALSE(list(kPlenary, kItemF).current().has_value());
  ASSERT_EQ(list(kPlenary, kItemF).spoken().size(), 1u);
  EXPECT_EQ(list(kPlenary, kItemF).spoken()[0].spoken, absl::Seconds(114));
  // Now item 2 may be called.
  const CommandResult called = MustApply(cmd::CallNext{Two(), std::nullopt});
  EXPECT_EQ(list(kPlenary, kItem2).current()->entry.delegation, "BRA");
  EXPECT_EQ(called.events.back().kind, EventKind::kCalled);
}

TEST_F(FloorTest, EndStatementWithNobodySpeakingIsRefused) {
  ExpectRefused(cmd::EndStatement{F()}, absl::StatusCode::kFailedPrecondition,
                "nobody has the floor on item 1 (f)");
}

TEST_F(FloorTest, CallNextOnTheListWithTheFloorStillMovesOn) {
  AustriaSpeaks();
  MustApply(InscribeCmd(kPlenary, kItemF, "BRA"));
  MustApply(cmd::CallNext{F(), std::nullopt});
  EXPECT_EQ(list(kPlenary, kItemF).current()->entry.delegation, "BRA");
}

TEST_F(FloorTest, AnAdjournedMeetingResumesAsTheNextMeeting) {
  MustApply(Change(kPlenary, Action::kAdjourn));
  const CommandResult resumed = MustApply(Change(kPlenary, Action::kResume));
  EXPECT_EQ(meeting(kPlenary).state(), MeetingState::kInSession);
  ASSERT_EQ(resumed.events.size(), 1u);
  EXPECT_EQ(resumed.events[0].kind, EventKind::kMeetingOpened);
  // Resume from "in session" is still refused.
  ExpectRefused(Change(kPlenary, Action::kResume),
                absl::StatusCode::kFailedPrecondition);
}

// ---- Names ----

TEST_F(FloorTest, NamesWithLineBreaksOrBidiControlsAreRefused) {
  struct Case {
    std::string name;
    std::string message;
  };
  const Case cases[] = {
      {"H.E. Ms. Jane\nDoe",
       "the speaker's name contains a line break (U+000A), which would change "
       "how it reads on the displays; remove "
       "it"},
      {"Jane \xE2\x80\xAE"
       "eoD",
       "the speaker's name contains a right-to-left override (U+202E), "
       "which would change how it reads on the displays; remove it"},
      {"Jane \xE2\x81\xA6"
       "Doe",
       "the speaker's name contains a left-to-right isolate (U+2066), "
       "which would change how it reads on the displays; remove it"},
      {"Jane\tDoe",
       "the speaker's name contains a tab (U+0009), which would change how "
       "it reads on the displays; remove it"},
      {"Jane\x7F"
       "Doe",
       "the speaker's name contains a control character (U+007F), which "
       "would change how it reads on the displays; remove it"},
  };
  for (const Case& c : cases) {
    cmd::Inscribe inscribe = InscribeCmd(kPlenary, kItemF, "AUT");
    inscribe.speaker.name = c.name;
    ExpectRefused(inscribe, absl::StatusCode::kInvalidArgument, c.message);
  }
  cmd::Inscribe titled = InscribeCmd(kPlenary, kItemF, "AUT");
  titled.speaker.title = "Minister\r\nof Justice";
  ExpectRefused(titled, absl::StatusCode::kInvalidArgument);
  cmd::Inscribe grouped = InscribeCmd(kPlenary, kItemF, "AUT");
  grouped.on_behalf_of =
      "\xE2\x80\xAB"
      "Group of 77";
  ExpectRefused(grouped, absl::StatusCode::kInvalidArgument);
}

TEST_F(FloorTest, NamesAreTrimmedAndTheirSpacesCollapsed) {
  cmd::Inscribe inscribe = InscribeCmd(kPlenary, kItemF, "AUT");
  inscribe.speaker.name = "  H.E.   Ms.  Jane Doe ";
  inscribe.speaker.title = " Minister  of Justice";
  inscribe.on_behalf_of = "Group of   77 and China ";
  const CommandResult r = MustApply(inscribe);
  EXPECT_EQ(r.entry->speaker.name, "H.E. Ms. Jane Doe");
  EXPECT_EQ(r.entry->speaker.title, "Minister of Justice");
  EXPECT_EQ(r.entry->on_behalf_of, "Group of 77 and China");
  cmd::UpdateSpeaker update{F(), "AUT", MakeSpeaker(), ""};
  update.speaker.name = "Mr.   John  Roe";
  MustApply(update);
  EXPECT_EQ(list(kPlenary, kItemF).waiting()[0].speaker.name, "Mr. John Roe");
  // Arabic and Chinese names are names, not controls.
  cmd::Inscribe arabic = InscribeCmd(kPlenary, kItemF, "EGY");
  arabic.speaker.name =
      "\xD8\xB3\xD8\xA7\xD9\x85\xD8\xAD \xD8\xB4\xD9\x83\xD8\xB1\xD9\x8A";
  MustApply(arabic);
}

// ---- States parties before observers ----

TEST_F(FloorTest, StatesPartiesBeforeObserversThenRankThenArrival) {
  ListSettings settings = list(kPlenary, kItem2).settings();
  settings.policy = PriorityPolicy{PolicyKind::kStatesPartiesFirst, false};
  MustApply(cmd::ConfigureList{Two(), settings});
  MustApply(InscribeCmd(kPlenary, kItem2, "UNODC", Rank::kMinister));
  MustApply(InscribeCmd(kPlenary, kItem2, "SYR", Rank::kMinister));
  MustApply(InscribeCmd(kPlenary, kItem2, "AUT"));
  MustApply(InscribeCmd(kPlenary, kItem2, "TI"));
  MustApply(InscribeCmd(kPlenary, kItem2, "BRA", Rank::kMinister));
  MustApply(InscribeCmd(kPlenary, kItem2, "BTN"));
  MustApply(InscribeCmd(kPlenary, kItem2, "FRA"));
  // States parties: ministers, then the rest, by arrival; then observers:
  // ministers (signatory before IGO), then the rest by category.
  EXPECT_THAT(Waiting(kPlenary, kItem2),
              ElementsAre("BRA", "AUT", "FRA", "SYR", "UNODC", "BTN", "TI"));
  const PriorityPolicy& p = list(kPlenary, kItem2).settings().policy;
  EXPECT_EQ(p.DescribeTier(list(kPlenary, kItem2).waiting()[4].tier),
            "ministerial rank, intergovernmental organization (rule 16)");
  EXPECT_EQ(PolicyKindName(PolicyKind::kStatesPartiesFirst),
            "States parties before observers, then rank");
  // Under ministerial-first a minister of an IGO comes before AUT.
  settings.policy = PriorityPolicy{PolicyKind::kMinisterialFirst, false};
  MustApply(cmd::ConfigureList{Two(), settings});
  EXPECT_THAT(Waiting(kPlenary, kItem2),
              ElementsAre("BRA", "SYR", "UNODC", "AUT", "FRA", "BTN", "TI"));
}

// ---- Right of reply ----

TEST_F(FloorTest, OnlyStatesMayReply) {
  AustriaSpeaks();
  ExpectRefused(Reply("UNODC", kItemF), absl::StatusCode::kPermissionDenied,
                "United Nations Office on Drugs and Crime (intergovernmental "
                "organization (rule 16)) cannot reply: under the session's "
                "rules only State party, signatory State (rule 14), "
                "non-signatory State (rule 15) may exercise a right of reply");
  ExpectRefused(Reply("TI", kItemF), absl::StatusCode::kPermissionDenied);
  MustApply(Reply("SYR", kItemF));  // a signatory State
  MustApply(Reply("ERI", kItemF));  // a non-signatory State
}

TEST_F(FloorTest, ReplyOnlyOnAnItemWithStatements) {
  ExpectRefused(Reply("FRA", kItem2), absl::StatusCode::kFailedPrecondition,
                "no statement has been made on item 2; a right of reply "
                "answers a statement");
  AustriaSpeaks();  // a statement under way on 1 (f) counts
  MustApply(Reply("FRA", kItemF));
  ExpectRefused(Reply("FRA", kItem2), absl::StatusCode::kFailedPrecondition);
}

TEST_F(FloorTest, RepliesOnSeveralItemsMayWaitOnePerItem) {
  AustriaSpeaks();
  clock_.Advance(absl::Minutes(2));
  MustApply(cmd::EndStatement{F()});
  MustApply(InscribeCmd(kPlenary, kItem2, "BRA"));
  MustApply(cmd::CallNext{Two(), std::nullopt});
  MustApply(Reply("FRA", kItemF));
  MustApply(Reply("FRA", kItem2));  // was ALREADY_EXISTS
  ExpectRefused(Reply("FRA", kItemF), absl::StatusCode::kAlreadyExists,
                "France already has a right of reply waiting on item 1 (f) "
                "(receipt 1, position 1)");
  const SpeakersList& replies = list(kPlenary, kReplyListItem);
  ASSERT_EQ(replies.waiting().size(), 2u);
  EXPECT_EQ(replies.waiting()[0].reply_item, "1 (f)");
  EXPECT_EQ(replies.waiting()[1].reply_item, "2");
  EXPECT_EQ(replies.LimitOf(replies.waiting()[0]), absl::Minutes(10));
}

TEST_F(FloorTest, WhoAskedForTheReplyIsRecorded) {
  AustriaSpeaks();
  const CommandResult asked = MustApply(Reply("FRA", kItemF));
  EXPECT_FALSE(asked.entry->added_by_chair);
  EXPECT_EQ(asked.events[0].summary,
            "France asked for right of reply 1 on item 1 (f) (10:00)");
  const CommandResult given = MustApply(Reply("BRA", kItemF, true));
  EXPECT_TRUE(given.entry->added_by_chair);
  EXPECT_EQ(given.events[0].summary,
            "Brazil given right of reply 1 on item 1 (f) (10:00)");
}

TEST_F(FloorTest, TheReplyListShowsTheFirstReplysLimit) {
  EXPECT_EQ(list(kPlenary, kReplyListItem).settings().speaking_time,
            absl::Minutes(10));
}

// ---- The window in messages ----

TEST(FormatLocalTimeTest, SecondsOnlyWhenNotOnAWholeMinute) {
  const absl::TimeZone vienna = [] {
    absl::TimeZone z;
    EXPECT_TRUE(absl::LoadTimeZone("Europe/Vienna", &z));
    return z;
  }();
  EXPECT_EQ(FormatLocalTime(testing::Vienna(2017, 11, 6, 12, 0), vienna),
            "12:00 on 6 November 2017, Vienna time");
  EXPECT_EQ(FormatLocalTime(testing::Vienna(2017, 11, 6, 12, 0, 30), vienna),
            "12:00:30 on 6 November 2017, Vienna time");
}

}  // namespace
}  // namespace speakers
