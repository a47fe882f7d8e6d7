// SpeakersList::Reinstate: the chair's undo of a mistaken removal. An entry
// the chair took off (removed, or dropped as absent) comes back where it
// stood, with its receipt, once; what the delegation withdrew itself does
// not.
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/domain/speakers_list.h"
#include "tests/domain/test_session.h"

namespace speakers {
namespace {

using ::speakers::testing::ListFixture;
using ::testing::ElementsAre;

class ReinstateTest : public ListFixture {
 protected:
  void TearDown() override {
    EXPECT_TRUE(list_.CheckInvariants().ok()) << list_.CheckInvariants();
  }
  // AUT, BRA, CHN, EGY: heads of delegation of States parties, in that order
  // (receipts 1 to 4).
  void AddFour() {
    for (const char* code : {"AUT", "BRA", "CHN", "EGY"}) Add(code);
  }
  void Drop() {
    ListSettings settings = list_.settings();
    settings.absent = AbsentAction::kDrop;
    ASSERT_TRUE(list_.Configure(settings).ok());
  }
};

TEST_F(ReinstateTest, ARemovedEntryComesBackWhereItStoodWithItsReceipt) {
  AddFour();
  const Entry china = list_.waiting()[2];
  ASSERT_TRUE(list_.Remove("CHN").ok());
  list_.TakeChanges();
  absl::StatusOr<std::pair<Entry, int>> back = list_.Reinstate("CHN");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->second, 3);
  EXPECT_EQ(back->first.receipt, china.receipt);
  EXPECT_EQ(back->first.speaker, china.speaker);
  EXPECT_TRUE(back->first.placed_by_chair);
  EXPECT_NE(back->first.id, china.id);
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "BRA", "CHN", "EGY"));
  EXPECT_EQ(list_.waiting()[2].receipt.number, 3u);
  // What a stream carries: one insert at the third place.
  const ListChanges changes = list_.TakeChanges();
  ASSERT_EQ(changes.waiting.size(), 1u);
  EXPECT_EQ(changes.waiting[0].kind, WaitingOp::Kind::kInsert);
  EXPECT_EQ(changes.waiting[0].index, 2u);
  // Once only.
  back = list_.Reinstate("CHN");
  EXPECT_EQ(back.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(back.status().message(),
            "the chair has taken no entry of China off the list for item 1 "
            "(f) that could be put back");
}

TEST_F(ReinstateTest, AWithdrawalIsNotTheChairsToUndo) {
  AddFour();
  ASSERT_TRUE(list_.Withdraw("BRA").ok());
  EXPECT_EQ(list_.Reinstate("BRA").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(list_.Reinstate("XYZ").status().message(),
            "the chair has taken no entry of XYZ off the list for item 1 (f) "
            "that could be put back");
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "CHN", "EGY"));
}

TEST_F(ReinstateTest, OnAShorterListItComesBackLast) {
  AddFour();
  ASSERT_TRUE(list_.Remove("EGY").ok());  // from the fourth place
  ASSERT_TRUE(list_.Remove("AUT").ok());
  ASSERT_TRUE(list_.Remove("BRA").ok());
  absl::StatusOr<std::pair<Entry, int>> back = list_.Reinstate("EGY");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->second, 2);
  EXPECT_THAT(Waiting(), ElementsAre("CHN", "EGY"));
  // The others may still be put back, in any order.
  ASSERT_TRUE(list_.Reinstate("AUT").ok());
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "CHN", "EGY"));
}

TEST_F(ReinstateTest, NotWhileTheDelegationIsOnTheListAgain) {
  AddFour();
  ASSERT_TRUE(list_.Remove("AUT").ok());
  EXPECT_EQ(Add("AUT").receipt.number, 5u);
  absl::StatusOr<std::pair<Entry, int>> back = list_.Reinstate("AUT");
  EXPECT_EQ(back.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(back.status().message(),
            "Austria is already on the list for item 1 (f)");
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "CHN", "EGY", "AUT"));
  EXPECT_EQ(list_.waiting()[3].receipt.number, 5u);
}

TEST_F(ReinstateTest, ASpeakerDroppedAsAbsentComesBack) {
  Drop();
  AddFour();
  CallNext();  // Austria has the floor
  ASSERT_EQ(list_.MarkAbsent("AUT").value(), AbsentAction::kDrop);
  ASSERT_EQ(list_.MarkAbsent("CHN").value(), AbsentAction::kDrop);
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "EGY"));
  // The one who had the floor comes back first; the one waiting, at its
  // place.
  absl::StatusOr<std::pair<Entry, int>> back = list_.Reinstate("AUT");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->second, 1);
  EXPECT_EQ(back->first.receipt.number, 1u);
  back = list_.Reinstate("CHN");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->second, 2);
  EXPECT_EQ(back->first.receipt.number, 3u);
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "CHN", "BRA", "EGY"));
  EXPECT_FALSE(list_.current().has_value());
}

TEST_F(ReinstateTest, AnAbsentSpeakerMovedInLineWasNotTakenOff) {
  AddFour();
  ASSERT_EQ(list_.MarkAbsent("AUT").value(), AbsentAction::kMoveToEndOfTier);
  EXPECT_EQ(list_.Reinstate("AUT").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "CHN", "EGY", "AUT"));
}

TEST_F(ReinstateTest, OnlyTheLatestRemovalOfADelegationIsKept) {
  AddFour();
  ASSERT_TRUE(list_.Remove("AUT").ok());
  Add("AUT");  // receipt 5, at the end
  ASSERT_TRUE(list_.Remove("AUT").ok());
  absl::StatusOr<std::pair<Entry, int>> back = list_.Reinstate("AUT");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->first.receipt.number, 5u);
  EXPECT_EQ(back->second, 4);
  EXPECT_EQ(list_.Reinstate("AUT").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace speakers
