#include "client/value_parsers.h"

#include "gtest/gtest.h"

namespace speakers::cli {
namespace {

TEST(ValueParsersTest, ParsesEveryRank) {
  EXPECT_EQ(*ParseRank("head-of-state"), v1::RANK_HEAD_OF_STATE);
  EXPECT_EQ(*ParseRank("deputy-head-of-state"), v1::RANK_DEPUTY_HEAD_OF_STATE);
  EXPECT_EQ(*ParseRank("crown-prince"), v1::RANK_DEPUTY_HEAD_OF_STATE);
  EXPECT_EQ(*ParseRank("head-of-government"), v1::RANK_HEAD_OF_GOVERNMENT);
  EXPECT_EQ(*ParseRank("minister"), v1::RANK_MINISTER);
  EXPECT_EQ(*ParseRank("vice-minister"), v1::RANK_VICE_MINISTER);
  EXPECT_EQ(*ParseRank("head-of-delegation"), v1::RANK_HEAD_OF_DELEGATION);
  EXPECT_EQ(*ParseRank("other"), v1::RANK_OTHER);
}

TEST(ValueParsersTest, RankSpellingsAreForgiving) {
  EXPECT_EQ(*ParseRank("Head_Of_State"), v1::RANK_HEAD_OF_STATE);
  EXPECT_EQ(*ParseRank("VICE MINISTER"), v1::RANK_VICE_MINISTER);
  EXPECT_EQ(*ParseRank(" minister "), v1::RANK_MINISTER);
}

TEST(ValueParsersTest, UnknownRankListsTheRanks) {
  const absl::StatusOr<v1::Rank> rank = ParseRank("ambassador");
  EXPECT_EQ(rank.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      rank.status().message(),
      "unknown rank \"ambassador\"; use head-of-state, deputy-head-of-state "
      "(crown-prince), head-of-government, minister, vice-minister, "
      "head-of-delegation or other");
  EXPECT_FALSE(ParseRank("").ok());
  EXPECT_FALSE(ParseRank("head-of").ok());
}

TEST(ValueParsersTest, RankLabels) {
  EXPECT_EQ(RankLabel(v1::RANK_HEAD_OF_STATE), "head of State");
  EXPECT_EQ(RankLabel(v1::RANK_DEPUTY_HEAD_OF_STATE), "deputy head of State");
  EXPECT_EQ(RankLabel(v1::RANK_HEAD_OF_GOVERNMENT), "head of Government");
  EXPECT_EQ(RankLabel(v1::RANK_MINISTER), "minister");
  EXPECT_EQ(RankLabel(v1::RANK_VICE_MINISTER), "vice-minister");
  EXPECT_EQ(RankLabel(v1::RANK_HEAD_OF_DELEGATION), "head of delegation");
  EXPECT_EQ(RankLabel(v1::RANK_UNSPECIFIED), "head of delegation");
  EXPECT_EQ(RankLabel(v1::RANK_OTHER), "other");
}

TEST(ValueParsersTest, ParsesDurations) {
  // Ninety seconds, as a chair may type them.
  for (const char* ninety :
       {"90", "90s", "1m30s", "1:30", "0:01:30", " 90 ", "1M30S"}) {
    absl::StatusOr<absl::Duration> d = ParseDuration(ninety);
    ASSERT_TRUE(d.ok()) << ninety << ": " << d.status();
    EXPECT_EQ(*d, absl::Seconds(90)) << ninety;
  }
  EXPECT_EQ(*ParseDuration("2m"), absl::Minutes(2));
  EXPECT_EQ(*ParseDuration("5:00"), absl::Minutes(5));
  EXPECT_EQ(*ParseDuration("0:30"), absl::Seconds(30));
  EXPECT_EQ(*ParseDuration("12:05"), absl::Seconds(725));
  EXPECT_EQ(*ParseDuration("1:00:00"), absl::Hours(1));
  EXPECT_EQ(*ParseDuration("1h"), absl::Hours(1));
  EXPECT_EQ(*ParseDuration("1h30m"), absl::Minutes(90));
  EXPECT_EQ(*ParseDuration("1h0m5s"), absl::Seconds(3605));
  EXPECT_EQ(*ParseDuration("0"), absl::ZeroDuration());
  EXPECT_EQ(*ParseDuration("3"), absl::Seconds(3));
  for (const char* bad :
       {"",    " ",       "5:0",  "5:60",  "-1:00", "1:00:",     "m:ss",
        "m",   "5x",      "1m30", "30s1m", "1m1m",  "1.5m",      "2 m",
        "1,5", "1234567", "5min", "-30",   "+30",   "1:00:00:00"}) {
    EXPECT_EQ(ParseDuration(bad).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
  EXPECT_EQ(ParseDuration("5min").status().message(),
            "\"5min\" is not a duration; write seconds (90 or 90s), minutes "
            "(2m, 1m30s) or M:SS (1:30)");
}

TEST(ValueParsersTest, ATimeLimitOfABareFewSecondsIsASlipForMinutes) {
  EXPECT_EQ(*ParseTimeLimit("3:00"), absl::Minutes(3));
  EXPECT_EQ(*ParseTimeLimit("3m"), absl::Minutes(3));
  EXPECT_EQ(*ParseTimeLimit("180"), absl::Minutes(3));
  EXPECT_EQ(*ParseTimeLimit("60"), absl::Minutes(1));
  EXPECT_EQ(*ParseTimeLimit("45s"), absl::Seconds(45));
  EXPECT_EQ(*ParseTimeLimit("0"), absl::ZeroDuration());
  EXPECT_EQ(*ParseTimeLimit("0:00"), absl::ZeroDuration());
  EXPECT_EQ(ParseTimeLimit("3").status().message(),
            "\"3\" would be 3 seconds, too short for a speaking time; write 3m "
            "or 3:00 for 3 minutes (3s if seconds are meant)");
  EXPECT_EQ(ParseTimeLimit("59").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseTimeLimit("five").status().message(),
            "\"five\" is not a duration; write seconds (90 or 90s), minutes "
            "(2m, 1m30s) or M:SS (1:30)");
}

TEST(ValueParsersTest, ParsesSignedDurations) {
  EXPECT_EQ(*ParseSignedDuration("1:00"), absl::Minutes(1));
  EXPECT_EQ(*ParseSignedDuration("+1:00"), absl::Minutes(1));
  EXPECT_EQ(*ParseSignedDuration("60"), absl::Minutes(1));
  EXPECT_EQ(*ParseSignedDuration("+1m"), absl::Minutes(1));
  EXPECT_EQ(*ParseSignedDuration("-0:30"), absl::Seconds(-30));
  EXPECT_EQ(*ParseSignedDuration("-30"), absl::Seconds(-30));
  EXPECT_EQ(*ParseSignedDuration("-30s"), absl::Seconds(-30));
  EXPECT_EQ(*ParseSignedDuration("-1:00:00"), absl::Hours(-1));
  for (const char* bad : {"-", "+", "--0:30", "+-1:00", "- 30", "-x"}) {
    EXPECT_EQ(ParseSignedDuration(bad).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
  EXPECT_EQ(ParseSignedDuration("--0:30").status().message(),
            "\"--0:30\" is not a duration; write seconds (90 or 90s), minutes "
            "(2m, 1m30s) or M:SS (1:30)");
}

TEST(ValueParsersTest, ParsesPoliciesAndAbsentRules) {
  EXPECT_EQ(*ParsePolicy("ministerial"), v1::POLICY_MINISTERIAL_FIRST);
  EXPECT_EQ(*ParsePolicy("protocol"), v1::POLICY_PROTOCOL);
  EXPECT_EQ(*ParsePolicy("category"), v1::POLICY_CATEGORY_ONLY);
  EXPECT_EQ(*ParsePolicy("FCFS"), v1::POLICY_FIRST_COME_FIRST_SERVED);
  EXPECT_FALSE(ParsePolicy("first-come").ok());
  EXPECT_EQ(*ParseAbsent("end"), v1::ABSENT_MOVE_TO_END_OF_TIER);
  EXPECT_EQ(*ParseAbsent("drop"), v1::ABSENT_DROP);
  EXPECT_FALSE(ParseAbsent("keep").ok());
  EXPECT_EQ(PolicyLabel(v1::POLICY_KIND_UNSPECIFIED), "ministerial");
  EXPECT_EQ(PolicyLabel(v1::POLICY_FIRST_COME_FIRST_SERVED), "fcfs");
}

TEST(ValueParsersTest, ParsesPositions) {
  EXPECT_EQ(*ParsePosition("1"), 1);
  EXPECT_EQ(*ParsePosition("12"), 12);
  for (const char* bad : {"", "0", "-1", "+2", "two", "1.5", "99999999999"}) {
    EXPECT_EQ(ParsePosition(bad).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST(ValueParsersTest, StatusLabels) {
  EXPECT_EQ(MeetingStatusLabel(v1::MEETING_NOT_STARTED), "not started");
  EXPECT_EQ(MeetingStatusLabel(v1::MEETING_IN_SESSION), "in session");
  EXPECT_EQ(MeetingStatusLabel(v1::MEETING_SUSPENDED), "suspended");
  EXPECT_EQ(MeetingStatusLabel(v1::MEETING_ADJOURNED), "adjourned");
  EXPECT_EQ(ListStatusLabel(v1::LIST_NOT_YET_OPEN), "not yet open");
  EXPECT_EQ(ListStatusLabel(v1::LIST_OPEN), "open");
  EXPECT_EQ(ListStatusLabel(v1::LIST_CLOSED), "closed");
}

}  // namespace
}  // namespace speakers::cli
