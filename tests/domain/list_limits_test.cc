// Limits by category and by kind of statement (issue 11): observers and
// statements on behalf of a group may have limits of their own; an entry's
// own limit still wins; the clock of the speaker called takes the limit
// that applies.
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/domain/meeting.h"
#include "tests/domain/test_session.h"

namespace speakers {
namespace {

using ::speakers::testing::kItemF;
using ::speakers::testing::kPlenary;
using ::speakers::testing::SittingPlenaryFixture;

class ListLimitsTest : public SittingPlenaryFixture {
 protected:
  ListTarget F() const { return Target(kPlenary, kItemF); }
  const SpeakersList& L() { return list(kPlenary, kItemF); }
  // 5:00 for States parties, 3:00 for observers, 7:00 for groups.
  void Configure() {
    ListSettings s = L().settings();
    s.observer_time = absl::Minutes(3);
    s.group_time = absl::Minutes(7);
    MustApply(cmd::ConfigureList{F(), s});
  }
  absl::Duration LimitOf(absl::string_view code) {
    for (const Entry& e : L().waiting()) {
      if (e.delegation == code) return L().LimitOf(e);
    }
    ADD_FAILURE() << code << " is not waiting";
    return absl::ZeroDuration();
  }
};

TEST_F(ListLimitsTest, EachKindOfStatementHasItsLimit) {
  Configure();
  MustApply(InscribeCmd(kPlenary, kItemF, "AUT"));  // State party
  MustApply(InscribeCmd(kPlenary, kItemF, "BTN"));  // signatory: an observer
  MustApply(InscribeCmd(kPlenary, kItemF, "EU"));   // intergovernmental
  MustApply(InscribeCmd(kPlenary, kItemF, "TI"));   // NGO
  cmd::Inscribe group = InscribeCmd(kPlenary, kItemF, "EGY");
  group.on_behalf_of = "the Group of African States";
  MustApply(group);
  cmd::Inscribe own = InscribeCmd(kPlenary, kItemF, "ERI");
  own.by_chair = true;
  own.time_limit = absl::Minutes(2);
  MustApply(own);
  EXPECT_EQ(LimitOf("AUT"), absl::Minutes(5));
  EXPECT_EQ(LimitOf("BTN"), absl::Minutes(3));
  EXPECT_EQ(LimitOf("EU"), absl::Minutes(3));
  EXPECT_EQ(LimitOf("TI"), absl::Minutes(3));
  EXPECT_EQ(LimitOf("EGY"), absl::Minutes(7));
  EXPECT_EQ(LimitOf("ERI"), absl::Minutes(2)) << "its own limit wins";
  // The clock of the one called has the limit that applies.
  MustApply(cmd::Move{F(), "TI", 1});
  MustApply(cmd::CallNext{F(), std::nullopt});
  EXPECT_EQ(L().current()->timer.limit(), absl::Minutes(3));
  // The expected waits add up the limits that apply.
  const std::vector<absl::Duration> waits = L().ExpectedWaits(clock_.Now());
  ASSERT_GE(waits.size(), 2u);
  EXPECT_EQ(waits[1] - waits[0], L().LimitOf(L().waiting()[0]));
}

TEST_F(ListLimitsTest, WithoutThemEveryoneHasTheSpeakingTime) {
  MustApply(InscribeCmd(kPlenary, kItemF, "BTN"));
  cmd::Inscribe group = InscribeCmd(kPlenary, kItemF, "EGY");
  group.on_behalf_of = "the Group of African States";
  MustApply(group);
  EXPECT_EQ(LimitOf("BTN"), absl::Minutes(5));
  EXPECT_EQ(LimitOf("EGY"), absl::Minutes(5));
}

TEST_F(ListLimitsTest, ALimitOutOfRangeIsRefused) {
  ListSettings s = L().settings();
  s.observer_time = absl::Seconds(5);
  ExpectRefused(cmd::ConfigureList{F(), s}, absl::StatusCode::kInvalidArgument);
  s.observer_time.reset();
  s.group_time = absl::Hours(3);
  ExpectRefused(cmd::ConfigureList{F(), s}, absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace speakers
