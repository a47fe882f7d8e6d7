// WatchDelegation: a delegation's positions and expected starts after each
// change, with a notice as its turn comes closer.
#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "tests/service/service_fixture.h"

namespace speakers::service_test {
namespace {

using Stub = v1::Speakers::Stub;

class DelegationStreamTest : public ServiceTest {
 protected:
  // Reads the update of `version`.
  std::optional<v1::DelegationUpdate> Next(DelegationReader& reader,
                                           uint64_t version) {
    std::optional<v1::DelegationUpdate> update = reader.Next();
    if (update) {
      EXPECT_EQ(update->version(), version);
    }
    return update;
  }
};

TEST_F(DelegationStreamTest, NoticesCountDownToTheFloor) {
  std::unique_ptr<DelegationReader> mine = WatchDelegation("AUT");
  std::optional<v1::DelegationUpdate> update = Next(*mine, 0);
  ASSERT_TRUE(update);
  EXPECT_EQ(update->positions_size(), 0);
  EXPECT_EQ(update->notice(), "");
  EXPECT_EQ(ToTime(update->server_time()), StartTime());

  Command(&Stub::ChangeMeeting, kChairPlenary,
          ChangeMeetingOf(v1::MEETING_OPEN));
  InscribeAll(kItemF, {"FRA", "USA", "KEN", "AUT"});
  for (uint64_t version = 1; version <= 4; ++version) {
    update = Next(*mine, version);
    ASSERT_TRUE(update);
    EXPECT_EQ(update->positions_size(), 0);
  }
  update = Next(*mine, 5);
  ASSERT_TRUE(update);
  ASSERT_EQ(update->positions_size(), 1);
  const v1::Position& fourth = update->positions(0);
  EXPECT_EQ(fourth.meeting(), "plenary");
  EXPECT_EQ(fourth.item(), "1 (f)");
  EXPECT_EQ(fourth.delegation(), "AUT");
  EXPECT_EQ(fourth.position(), 4);
  EXPECT_EQ(ToDuration(fourth.expected_wait()), absl::Minutes(15));
  EXPECT_EQ(ToTime(fourth.expected_start()), StartTime() + absl::Minutes(15));
  EXPECT_EQ(fourth.receipt().number(), 4u);
  EXPECT_EQ(fourth.version(), 5u);
  EXPECT_EQ(update->notice(), "");  // 4 places away; notices start at 3

  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));  // France
  update = Next(*mine, 6);
  ASSERT_TRUE(update);
  ASSERT_EQ(update->positions_size(), 1);
  EXPECT_EQ(update->positions(0).position(), 3);
  // France's 5:00 (clock not started), then the United States and Kenya.
  EXPECT_EQ(ToDuration(update->positions(0).expected_wait()),
            absl::Minutes(15));
  EXPECT_EQ(update->notice(), "2 speakers before you on item 1 (f)");

  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));  // United States
  update = Next(*mine, 7);
  ASSERT_TRUE(update);
  EXPECT_EQ(update->positions(0).position(), 2);
  EXPECT_EQ(update->notice(), "1 speaker before you on item 1 (f)");

  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));  // Kenya
  Command(&Stub::Timer, kChairPlenary, TimerOf(kItemF, v1::TIMER_START));
  update = Next(*mine, 8);
  ASSERT_TRUE(update);
  EXPECT_EQ(update->positions(0).position(), 1);
  EXPECT_EQ(update->notice(), "You are next on item 1 (f)");
  update = Next(*mine, 9);
  ASSERT_TRUE(update);
  EXPECT_EQ(update->notice(), "You are next on item 1 (f)");

  clock_.Advance(absl::Minutes(2));
  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));  // Austria
  update = Next(*mine, 10);
  ASSERT_TRUE(update);
  ASSERT_EQ(update->positions_size(), 1);
  EXPECT_EQ(update->positions(0).position(), 0);
  EXPECT_EQ(ToDuration(update->positions(0).expected_wait()),
            absl::ZeroDuration());
  EXPECT_EQ(ToTime(update->positions(0).expected_start()),
            StartTime() + absl::Minutes(2));
  EXPECT_EQ(update->notice(), "You have the floor on item 1 (f)");

  Command(&Stub::CallNext, kChairPlenary,
          CallNextOf(kItemF));  // Austria is done
  update = Next(*mine, 11);
  ASSERT_TRUE(update);
  EXPECT_EQ(update->positions_size(), 0);
  EXPECT_EQ(update->notice(), "");
}

TEST_F(DelegationStreamTest, TheNoticeIsForTheClosestTurn) {
  InscribeAll(kItemF, {"FRA", "USA", "AUT"});
  InscribeAll(kItem2, {"KEN", "AUT"});
  std::unique_ptr<DelegationReader> mine = WatchDelegation("AUT");
  std::optional<v1::DelegationUpdate> update = Next(*mine, 5);
  ASSERT_TRUE(update);
  ASSERT_EQ(update->positions_size(), 2);  // in agenda order
  EXPECT_EQ(update->positions(0).item(), "1 (f)");
  EXPECT_EQ(update->positions(0).position(), 3);
  EXPECT_EQ(update->positions(1).item(), "2");
  EXPECT_EQ(update->positions(1).position(), 2);
  EXPECT_EQ(update->notice(), "1 speaker before you on item 2");
}

TEST_F(DelegationStreamTest, NotifyWithinSetsHowCloseANoticeStarts) {
  InscribeAll(kItem2, {"KEN", "FRA", "AUT"});
  std::unique_ptr<DelegationReader> near =
      WatchDelegation("AUT", /*notify_within=*/2);
  std::optional<v1::DelegationUpdate> update = Next(*near, 3);
  ASSERT_TRUE(update);
  EXPECT_EQ(update->positions(0).position(), 3);
  EXPECT_EQ(update->notice(), "");
  std::unique_ptr<DelegationReader> far =
      WatchDelegation("AUT", /*notify_within=*/50);
  update = Next(*far, 3);
  ASSERT_TRUE(update);
  EXPECT_EQ(update->notice(), "2 speakers before you on item 2");

  std::unique_ptr<DelegationReader> wrong =
      WatchDelegation("AUT", /*notify_within=*/51);
  v1::DelegationUpdate ignored;
  EXPECT_FALSE(wrong->Read(&ignored));
  EXPECT_TRUE(HasStatus(wrong->Finish(), grpc::StatusCode::INVALID_ARGUMENT,
                        "notify_within must be between 0 and 50"));
}

}  // namespace
}  // namespace speakers::service_test
