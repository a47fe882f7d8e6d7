// The API -> domain conversions shared by the command table: every enum
// value maps explicitly, unset fields mean what the API says, and what the
// API does not define is INVALID_ARGUMENT naming it.
#include "server/app/request_fields.h"

#include "gtest/gtest.h"
#include "server/app/state_to_proto.h"

namespace speakers {
namespace {

TEST(RequestFieldsTest, EveryApiRankMapsToItsDomainRankAndBack) {
  const std::pair<v1::Rank, Rank> kRanks[] = {
      {v1::RANK_HEAD_OF_STATE, Rank::kHeadOfState},
      {v1::RANK_DEPUTY_HEAD_OF_STATE, Rank::kDeputyHeadOfState},
      {v1::RANK_HEAD_OF_GOVERNMENT, Rank::kHeadOfGovernment},
      {v1::RANK_MINISTER, Rank::kMinister},
      {v1::RANK_VICE_MINISTER, Rank::kViceMinister},
      {v1::RANK_HEAD_OF_DELEGATION, Rank::kHeadOfDelegation},
      {v1::RANK_OTHER, Rank::kOther}};
  for (const auto& [api, domain] : kRanks) {
    v1::Speaker s;
    s.set_name("H.E. Ms. A");
    s.set_rank(api);
    absl::StatusOr<Speaker> speaker = SpeakerFrom(s);
    ASSERT_TRUE(speaker.ok()) << speaker.status();
    EXPECT_EQ(speaker->rank, domain) << api;
    EXPECT_EQ(RankToProto(domain), api);
  }
  v1::Speaker unspecified;
  EXPECT_EQ(SpeakerFrom(unspecified)->rank, Rank::kHeadOfDelegation);
  v1::Speaker unknown;
  unknown.set_rank(static_cast<v1::Rank>(8));
  EXPECT_EQ(SpeakerFrom(unknown).status(),
            absl::InvalidArgumentError("unknown rank 8"));
}

TEST(RequestFieldsTest,
     SettingsKeepWhatTheRequestLeavesUnsetButReplaceTheWindow) {
  ListSettings current;
  current.opens_at = absl::FromUnixSeconds(1000);
  current.closes_at = absl::FromUnixSeconds(2000);
  current.speaking_time = absl::Minutes(7);
  current.warning = absl::Seconds(45);
  current.policy.kind = PolicyKind::kProtocol;
  current.absent = AbsentAction::kDrop;
  absl::StatusOr<ListSettings> same = SettingsFrom(v1::ListSettings(), current);
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_EQ(same->opens_at, std::nullopt);  // the window is taken as given
  EXPECT_EQ(same->closes_at, std::nullopt);
  EXPECT_EQ(same->speaking_time, absl::Minutes(7));
  EXPECT_EQ(same->warning, absl::Seconds(45));
  EXPECT_EQ(same->policy.kind, PolicyKind::kProtocol);
  EXPECT_EQ(same->absent, AbsentAction::kDrop);

  v1::ListSettings request;
  request.mutable_speaking_time()->set_seconds(180);
  request.set_policy(v1::POLICY_FIRST_COME_FIRST_SERVED);
  request.set_absent(v1::ABSENT_MOVE_TO_END_OF_TIER);
  request.mutable_closes_at()->set_seconds(3000);
  absl::StatusOr<ListSettings> changed = SettingsFrom(request, current);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->speaking_time, absl::Minutes(3));
  EXPECT_EQ(changed->policy.kind, PolicyKind::kFirstComeFirstServed);
  EXPECT_EQ(changed->absent, AbsentAction::kMoveToEndOfTier);
  EXPECT_EQ(changed->closes_at, absl::FromUnixSeconds(3000));

  request.set_policy(static_cast<v1::PolicyKind>(9));
  EXPECT_EQ(SettingsFrom(request, current).status(),
            absl::InvalidArgumentError("unknown policy 9"));
}

TEST(RequestFieldsTest, ActionsMustBeNamed) {
  EXPECT_EQ(*TimerActionFrom(v1::TIMER_PAUSE), cmd::TimerAction::kPause);
  EXPECT_EQ(*TimerActionFrom(v1::TIMER_RESET), cmd::TimerAction::kReset);
  EXPECT_EQ(TimerActionFrom(v1::TIMER_ACTION_UNSPECIFIED).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(*MeetingActionFrom(v1::MEETING_ADJOURN),
            cmd::MeetingAction::kAdjourn);
  EXPECT_EQ(
      MeetingActionFrom(v1::MEETING_ACTION_UNSPECIFIED).status(),
      absl::InvalidArgumentError(
          "say what the meeting should do: open, suspend, resume or adjourn"));
}

TEST(RequestFieldsTest, AListNeedsItsMeetingAndACommandItsDelegation) {
  v1::ListRef ref;
  ref.set_item("1 (f)");
  EXPECT_EQ(ListFrom(ref).status(),
            absl::InvalidArgumentError("name the meeting, e.g. \"plenary\""));
  ref.set_meeting("plenary");
  EXPECT_EQ(*ListFrom(ref), (ListTarget{"plenary", "1 (f)"}));
  EXPECT_EQ(RequireDelegation("", "first"),
            absl::InvalidArgumentError(
                "give the delegation's code in first, e.g. \"AUT\""));
  EXPECT_TRUE(RequireDelegation("AUT", "first").ok());
}

}  // namespace
}  // namespace speakers
