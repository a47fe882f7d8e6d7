// SpeakersList: calling speakers, the chair's edits and withdrawals. The
// speaker's clock and expected waits are in speakers_list_clock_test.cc.
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/domain/speakers_list.h"
#include "tests/domain/test_session.h"

namespace speakers {
namespace {

using ::speakers::testing::ListFixture;
using ::testing::ElementsAre;

class SpeakersListEditsTest : public ListFixture {
 protected:
  void TearDown() override {
    EXPECT_TRUE(list_.CheckInvariants().ok()) << list_.CheckInvariants();
  }

  // AUT, BRA, CHN, EGY: heads of delegation of States parties, in that order.
  void AddFour() {
    for (const char* code : {"AUT", "BRA", "CHN", "EGY"}) Add(code);
  }
};

TEST_F(SpeakersListEditsTest, CallNextRecordsTheTimeTheClockRan) {
  absl::StatusOr<SpeakersList::Call> call =
      list_.CallNext(clock_.Now(), std::nullopt);
  EXPECT_EQ(call.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(call.status().message(),
            "nobody is waiting on the list for item 1 (f)");

  Add("AUT");
  Add("BRA");
  const absl::Time t0 = clock_.Now();
  call = list_.CallNext(t0, std::nullopt);
  ASSERT_TRUE(call.ok()) << call.status();
  EXPECT_FALSE(call->finished.has_value());
  ASSERT_TRUE(call->called.has_value());
  EXPECT_EQ(call->called->delegation, "AUT");
  ASSERT_TRUE(list_.current().has_value());
  EXPECT_EQ(list_.current()->entry.delegation, "AUT");
  EXPECT_EQ(list_.current()->called_at, t0);
  EXPECT_EQ(list_.current()->timer.state(), SpeakingTimer::State::kReady);
  EXPECT_EQ(list_.current()->timer.limit(), absl::Minutes(5));
  EXPECT_THAT(Waiting(), ElementsAre("BRA"));

  clock_.Advance(absl::Seconds(10));
  ASSERT_TRUE(list_.StartTimer(clock_.Now()).ok());
  clock_.Advance(absl::Minutes(2));
  ASSERT_TRUE(list_.PauseTimer(clock_.Now()).ok());
  clock_.Advance(absl::Minutes(1));  // not counted
  ASSERT_TRUE(list_.ResumeTimer(clock_.Now()).ok());
  clock_.Advance(absl::Seconds(61));
  call = list_.CallNext(clock_.Now(), std::nullopt);
  ASSERT_TRUE(call.ok()) << call.status();
  ASSERT_TRUE(call->finished.has_value());
  EXPECT_EQ(call->finished->entry.delegation, "AUT");
  EXPECT_EQ(call->finished->spoken, absl::Seconds(181));
  EXPECT_EQ(call->finished->called_at, t0);
  EXPECT_EQ(call->finished->finished_at, t0 + absl::Seconds(251));
  EXPECT_EQ(call->called->delegation, "BRA");
  ASSERT_EQ(list_.spoken().size(), 1u);
  EXPECT_EQ(list_.spoken()[0], *call->finished);
  EXPECT_TRUE(list_.waiting().empty());

  // The last speaker finishes; nobody is left (a clock never started: 0:00).
  call = list_.CallNext(clock_.Now() + absl::Minutes(1), std::nullopt);
  ASSERT_TRUE(call.ok()) << call.status();
  EXPECT_EQ(call->finished->entry.delegation, "BRA");
  EXPECT_EQ(call->finished->spoken, absl::ZeroDuration());
  EXPECT_FALSE(call->called.has_value());
  EXPECT_FALSE(list_.current().has_value());
  EXPECT_EQ(list_.spoken().size(), 2u);
  EXPECT_EQ(list_.TimeUsedBy("AUT"), absl::Seconds(181));
}

TEST_F(SpeakersListEditsTest, ExpectedCurrentGuardsAgainstADoubleAdvance) {
  AddFour();
  absl::StatusOr<SpeakersList::Call> call = list_.CallNext(clock_.Now(), "AUT");
  EXPECT_EQ(call.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      call.status().message(),
      "the floor has already moved on: nobody has the floor on item 1 (f); "
      "refresh and call again if needed");
  ASSERT_TRUE(list_.CallNext(clock_.Now(), "").ok());
  ASSERT_TRUE(list_.CallNext(clock_.Now(), "AUT").ok());
  // A second console clicks "next" believing Austria still has the floor.
  call = list_.CallNext(clock_.Now(), "AUT");
  EXPECT_EQ(call.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      call.status().message(),
      "the floor has already moved on: Brazil has the floor on item 1 (f); "
      "refresh and call again if needed");
  EXPECT_EQ(list_.current()->entry.delegation, "BRA");
  EXPECT_THAT(Waiting(), ElementsAre("CHN", "EGY"));
  EXPECT_EQ(list_.spoken().size(), 1u);
  EXPECT_EQ(list_.CallNext(clock_.Now(), "").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(SpeakersListEditsTest, AbsentSpeakersGoToTheEndOfTheirTier) {
  AddFour();
  Add("TI");
  CallNext();  // Austria is called but absent.
  absl::StatusOr<AbsentAction> action = list_.MarkAbsent("AUT");
  ASSERT_TRUE(action.ok()) << action.status();
  EXPECT_EQ(*action, AbsentAction::kMoveToEndOfTier);
  EXPECT_FALSE(list_.current().has_value());
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "CHN", "EGY", "AUT", "TI"));
  EXPECT_TRUE(list_.waiting()[3].placed_by_chair);
  EXPECT_EQ(list_.waiting()[3].receipt.number, 1u);
  EXPECT_TRUE(list_.spoken().empty());
  // A waiting delegation found absent.
  ASSERT_TRUE(list_.MarkAbsent("BRA").ok());
  EXPECT_THAT(Waiting(), ElementsAre("CHN", "EGY", "AUT", "BRA", "TI"));
  // A later inscription of the same tier comes after them.
  Add("MEX");
  EXPECT_THAT(Waiting(), ElementsAre("CHN", "EGY", "AUT", "BRA", "MEX", "TI"));
  absl::StatusOr<AbsentAction> unknown = list_.MarkAbsent("KEN");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().message(),
            "Kenya is not on the list for item 1 (f)");
}

TEST_F(SpeakersListEditsTest, AbsentSpeakersDroppedWhenTheSettingsSaySo) {
  ListSettings settings = list_.settings();
  settings.absent = AbsentAction::kDrop;
  ASSERT_TRUE(list_.Configure(settings).ok());
  AddFour();
  CallNext();
  ASSERT_EQ(list_.MarkAbsent("AUT").value(), AbsentAction::kDrop);
  EXPECT_FALSE(list_.current().has_value());
  ASSERT_EQ(list_.MarkAbsent("CHN").value(), AbsentAction::kDrop);
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "EGY"));
  EXPECT_TRUE(list_.spoken().empty());
}

TEST_F(SpeakersListEditsTest, AnAbsentSpeakerIsNotPutBehindALaterTier) {
  Add("AUT");
  Add("BRA");
  Add("TI");
  Add("MEX", Rank::kMinister);             // MEX AUT BRA TI
  ASSERT_TRUE(list_.Move("MEX", 4).ok());  // AUT BRA TI MEX
  ASSERT_TRUE(list_.MarkAbsent("AUT").ok());
  // "Behind everyone of its tier": after Brazil, still before the NGO.
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "AUT", "TI", "MEX"))
      << "BUG: EndOfTierIndex counts entries of earlier tiers the chair placed "
         "later";
}

TEST_F(SpeakersListEditsTest, Move) {
  AddFour();
  ASSERT_TRUE(list_.Move("EGY", 1).ok());
  EXPECT_THAT(Waiting(), ElementsAre("EGY", "AUT", "BRA", "CHN"));
  EXPECT_TRUE(list_.waiting()[0].placed_by_chair);
  EXPECT_FALSE(list_.waiting()[1].placed_by_chair);
  ASSERT_TRUE(list_.Move("AUT", 4).ok());
  EXPECT_THAT(Waiting(), ElementsAre("EGY", "BRA", "CHN", "AUT"));

  for (int bad : {0, 5, -1}) {
    absl::Status s = list_.Move("BRA", bad);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(
        std::string(s.message()),
        "position " + std::to_string(bad) +
            " does not exist; the list for item 1 (f) has 4 waiting speakers");
  }
  absl::Status s = list_.Move("BRA", 2);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "Brazil is already at position 2");
  EXPECT_FALSE(list_.waiting()[1].placed_by_chair);
  s = list_.Move("KEN", 1);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "Kenya is not waiting on the list for item 1 (f)");
  CallNext();  // Egypt has the floor.
  s = list_.Move("EGY", 1);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "Egypt has the floor on item 1 (f); call the next speaker to end "
            "the statement");
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "CHN", "AUT"));
}

TEST_F(SpeakersListEditsTest, MoveMessageForASingleSpeaker) {
  Add("AUT");
  EXPECT_EQ(list_.Move("AUT", 2).message(),
            "position 2 does not exist; the list for item 1 (f) has 1 waiting "
            "speaker");
}

TEST_F(SpeakersListEditsTest, Swap) {
  AddFour();
  ASSERT_TRUE(list_.Swap("AUT", "CHN").ok());
  EXPECT_THAT(Waiting(), ElementsAre("CHN", "BRA", "AUT", "EGY"));
  EXPECT_TRUE(list_.waiting()[0].placed_by_chair);
  EXPECT_TRUE(list_.waiting()[2].placed_by_chair);
  EXPECT_FALSE(list_.waiting()[1].placed_by_chair);

  absl::Status s = list_.Swap("BRA", "BRA");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "name two different delegations to exchange places");
  s = list_.Swap("BRA", "KEN");
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "Kenya is not waiting on the list for item 1 (f)");
  s = list_.Swap("KEN", "BRA");
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(Waiting(), ElementsAre("CHN", "BRA", "AUT", "EGY"));
  EXPECT_FALSE(list_.waiting()[1].placed_by_chair);
}

TEST_F(SpeakersListEditsTest, ManualEditsStayWhenLaterInscriptionsArrive) {
  AddFour();
  ASSERT_TRUE(list_.Move("EGY", 1).ok());      // EGY AUT BRA CHN
  ASSERT_TRUE(list_.Swap("AUT", "CHN").ok());  // EGY CHN BRA AUT
  Add("TI", Rank::kMinister);  // a ministerial tier: ahead of every unplaced
                               // head of delegation
  EXPECT_THAT(Waiting(), ElementsAre("EGY", "CHN", "TI", "BRA", "AUT"));
  Add("MEX");  // behind the unplaced heads of delegation of States parties
  Add("SYR");
  Add("KEN", Rank::kMinister);
  EXPECT_THAT(Waiting(), ElementsAre("EGY", "CHN", "KEN", "TI", "BRA", "AUT",
                                     "MEX", "SYR"));
}

TEST_F(SpeakersListEditsTest, RemoveAndWithdraw) {
  AddFour();
  ASSERT_TRUE(list_.Withdraw("BRA").ok());
  ASSERT_TRUE(list_.Remove("EGY").ok());
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "CHN"));
  CallNext();
  absl::Status s = list_.Withdraw("AUT");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "Austria has the floor on item 1 (f); call the next speaker to end "
            "the statement");
  EXPECT_EQ(list_.Remove("AUT").code(), absl::StatusCode::kFailedPrecondition);
  s = list_.Withdraw("BRA");
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "Brazil is not waiting on the list for item 1 (f)");
  // A code the session does not know is named as given.
  EXPECT_EQ(list_.Remove("XYZ").message(),
            "XYZ is not waiting on the list for item 1 (f)");
  EXPECT_EQ(list_.current()->entry.delegation, "AUT");
  EXPECT_THAT(Waiting(), ElementsAre("CHN"));
  // A withdrawn delegation may inscribe again, with a new receipt.
  EXPECT_EQ(Add("BRA").receipt.number, 5u);
}

TEST_F(SpeakersListEditsTest, PutBackPlacesAFormerEntryWithANewId) {
  AddFour();
  CallNext();
  CallNext();  // Austria has spoken; Brazil has the floor.
  const Entry austria = list_.spoken()[0].entry;
  absl::StatusOr<Entry> back = list_.PutBack(austria, 0);
  EXPECT_EQ(back.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(back.status().message(),
            "position 0 does not exist; the list for item 1 (f) has 2 "
            "waiting speakers");
  back = list_.PutBack(austria, 4);
  EXPECT_EQ(back.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Waiting(), ElementsAre("CHN", "EGY"));
  back = list_.PutBack(austria, 3);  // one past the end: last
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->delegation, "AUT");
  EXPECT_EQ(back->receipt.number, 1u);
  EXPECT_TRUE(back->placed_by_chair);
  EXPECT_NE(back->id, austria.id);
  EXPECT_THAT(Waiting(), ElementsAre("CHN", "EGY", "AUT"));
  back = list_.PutBack(austria, 1);
  EXPECT_EQ(back.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(back.status().message(),
            "Austria is already on the list for item 1 (f)");
  back = list_.PutBack(list_.current()->entry, 1);
  EXPECT_EQ(back.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(back.status().message(),
            "Brazil is already on the list for item 1 (f)");
  EXPECT_THAT(Waiting(), ElementsAre("CHN", "EGY", "AUT"));
}

TEST_F(SpeakersListEditsTest, PutBackAfterAPolicyChangeUsesTheNewTier) {
  Add("AUT");
  CallNext();
  CallNext();  // Austria has spoken under "ministerial rank first".
  ListSettings settings = list_.settings();
  settings.policy.kind = PolicyKind::kProtocol;
  ASSERT_TRUE(list_.Configure(settings).ok());
  Add("BRA", Rank::kMinister);
  Add("CHN");
  absl::StatusOr<Entry> back = list_.PutBack(list_.spoken().back().entry, 1);
  ASSERT_TRUE(back.ok()) << back.status();
  const int tier = settings.policy.TierOf(Rank::kHeadOfDelegation,
                                          Category::kStateParty, false);
  EXPECT_EQ(back->tier, tier);
  EXPECT_TRUE(list_.CheckInvariants().ok()) << list_.CheckInvariants();
  // Absent, Austria goes to the end of its (new) tier: behind China.
  ASSERT_TRUE(list_.MarkAbsent("AUT").ok());
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "CHN", "AUT"));
}

TEST_F(SpeakersListEditsTest, SetTimeLimitOfWaitingAndCurrentSpeakers) {
  AddFour();
  ASSERT_TRUE(list_.SetTimeLimit("BRA", absl::Minutes(3)).ok());
  EXPECT_EQ(list_.waiting()[1].time_limit, absl::Minutes(3));
  EXPECT_EQ(list_.LimitOf(list_.waiting()[1]), absl::Minutes(3));
  CallNext();
  ASSERT_TRUE(list_.StartTimer(clock_.Now()).ok());
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(list_.SetTimeLimit("AUT", absl::Minutes(2)).ok());
  EXPECT_EQ(list_.current()->entry.time_limit, absl::Minutes(2));
  EXPECT_EQ(list_.current()->timer.limit(), absl::Minutes(2));
  EXPECT_EQ(list_.current()->timer.Remaining(clock_.Now()), absl::Minutes(1));
  EXPECT_EQ(list_.current()->timer.state(), SpeakingTimer::State::kRunning);
  ASSERT_TRUE(list_.SetTimeLimit("AUT", std::nullopt).ok());
  EXPECT_EQ(list_.current()->entry.time_limit, std::nullopt);
  EXPECT_EQ(list_.current()->timer.limit(), absl::Minutes(5));

  absl::Status s = list_.SetTimeLimit("CHN", absl::Seconds(9));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      s.message(),
      "speaking time 0:09 is out of range; give between 0:10 and 2:00:00");
  EXPECT_EQ(list_.waiting()[1].time_limit, std::nullopt);
  s = list_.SetTimeLimit("KEN", absl::Minutes(3));
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "Kenya is not on the list for item 1 (f)");
  // Brazil, called next, gets its own limit on its clock.
  CallNext();
  EXPECT_EQ(list_.current()->timer.limit(), absl::Minutes(3));
}

}  // namespace
}  // namespace speakers
