// SpeakersList: the current speaker's clock, the expected waits and the
// time used.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/domain/speakers_list.h"
#include "tests/domain/test_session.h"
#include "text/time_text.h"

namespace speakers {
namespace {

using ::speakers::testing::ListFixture;

class SpeakersListClockTest : public ListFixture {
 protected:
  void TearDown() override {
    EXPECT_TRUE(list_.CheckInvariants().ok()) << list_.CheckInvariants();
  }

  // AUT, BRA, CHN, EGY: heads of delegation of States parties, in that order.
  void AddFour() {
    for (const char* code : {"AUT", "BRA", "CHN", "EGY"}) Add(code);
  }
};

TEST_F(SpeakersListClockTest, TimerCommandsNeedASpeaker) {
  const std::string nobody =
      "nobody has the floor on item 1 (f); call the next speaker first";
  EXPECT_EQ(list_.StartTimer(clock_.Now()).message(), nobody);
  EXPECT_EQ(list_.PauseTimer(clock_.Now()).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(list_.ResumeTimer(clock_.Now()).message(), nobody);
  EXPECT_EQ(list_.ResetTimer().message(), nobody);
  EXPECT_EQ(list_.AddTime(absl::Minutes(1)).message(), nobody);
  Add("AUT");
  CallNext();
  EXPECT_EQ(list_.PauseTimer(clock_.Now()).message(),
            "the speaker's clock is ready, not running");
  for (absl::Duration bad :
       {absl::ZeroDuration(), absl::Hours(1) + absl::Seconds(1),
        -absl::Hours(1) - absl::Seconds(1)}) {
    absl::Status s = list_.AddTime(bad);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(s.message()),
              "add between -1:00:00 and 1:00:00 (not zero); " +
                  FormatClock(bad) + " was given");
  }
  EXPECT_EQ(list_.AddTime(-absl::Minutes(5)).code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(list_.AddTime(absl::Hours(1)).ok());
  EXPECT_EQ(list_.current()->timer.limit(), absl::Minutes(65));
  ASSERT_TRUE(list_.StartTimer(clock_.Now()).ok());
  clock_.Advance(absl::Minutes(2));
  ASSERT_TRUE(list_.ResetTimer().ok());
  EXPECT_EQ(list_.current()->timer.state(), SpeakingTimer::State::kReady);
  EXPECT_EQ(list_.current()->timer.limit(), absl::Minutes(65));
}

TEST_F(SpeakersListClockTest, ExpectationsWithARunningClock) {
  AddFour();
  ASSERT_TRUE(list_.SetTimeLimit("CHN", absl::Minutes(3)).ok());
  // Nobody has the floor yet: Austria is next with no wait.
  EXPECT_EQ(
      list_.ExpectedWaits(clock_.Now()),
      (std::vector<absl::Duration>{absl::ZeroDuration(), absl::Minutes(5),
                                   absl::Minutes(10), absl::Minutes(13)}));
  CallNext();
  const absl::Time start = clock_.Now();
  ASSERT_TRUE(list_.StartTimer(start).ok());
  const absl::Time now = start + absl::Seconds(70);  // Austria has 3:50 left
  EXPECT_EQ(list_.ExpectedWaits(now),
            (std::vector<absl::Duration>{absl::Seconds(230), absl::Seconds(530),
                                         absl::Seconds(710)}));
  absl::StatusOr<Expectation> egy = list_.ExpectationOf("EGY", now);
  ASSERT_TRUE(egy.ok()) << egy.status();
  EXPECT_EQ(egy->position, 3u);
  EXPECT_EQ(egy->wait, absl::Seconds(710));
  EXPECT_EQ(egy->at, now + absl::Seconds(710));
  absl::StatusOr<Expectation> aut = list_.ExpectationOf("AUT", now);
  ASSERT_TRUE(aut.ok());
  EXPECT_EQ(aut->position, 0u);
  EXPECT_EQ(aut->wait, absl::ZeroDuration());
  EXPECT_EQ(aut->at, now);
  absl::StatusOr<Expectation> ken = list_.ExpectationOf("KEN", now);
  EXPECT_EQ(ken.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ken.status().message(), "Kenya is not on the list for item 1 (f)");
  // In overrun the current speaker adds nothing.
  EXPECT_EQ(list_.ExpectationOf("BRA", start + absl::Minutes(7))->wait,
            absl::ZeroDuration());
  // A paused clock freezes the wait.
  ASSERT_TRUE(list_.PauseTimer(start + absl::Minutes(1)).ok());
  EXPECT_EQ(list_.ExpectationOf("BRA", start + absl::Hours(1))->wait,
            absl::Minutes(4));
}

TEST_F(SpeakersListClockTest, TimeUsedByAddsEveryStatement) {
  Add("AUT");
  Add("BRA");
  CallNext();
  ASSERT_TRUE(list_.StartTimer(clock_.Now()).ok());
  clock_.Advance(absl::Minutes(3));
  CallNext();  // Austria spoke 3:00; Brazil has the floor.
  ASSERT_TRUE(list_.StartTimer(clock_.Now()).ok());
  clock_.Advance(absl::Minutes(2));
  EXPECT_EQ(list_.TimeUsedBy("BRA"), absl::ZeroDuration());  // still speaking
  CallNext();  // Brazil spoke 2:00; nobody waits.
  EXPECT_EQ(list_.TimeUsedBy("BRA"), absl::Minutes(2));
  ASSERT_TRUE(list_.PutBack(list_.spoken().back().entry, 1).ok());  // Brazil
  CallNext();
  ASSERT_TRUE(list_.StartTimer(clock_.Now()).ok());
  clock_.Advance(absl::Seconds(45));
  CallNext();
  EXPECT_EQ(list_.TimeUsedBy("BRA"), absl::Seconds(165));
  EXPECT_EQ(list_.TimeUsedBy("AUT"), absl::Minutes(3));
  EXPECT_EQ(list_.TimeUsedBy("CHN"), absl::ZeroDuration());
}

}  // namespace
}  // namespace speakers
