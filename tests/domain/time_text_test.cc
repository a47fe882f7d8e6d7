#include "text/time_text.h"

#include "gtest/gtest.h"

namespace speakers {
namespace {

TEST(TimeTextTest, ZoneLabelIsTheCity) {
  EXPECT_EQ(ZoneLabel("Europe/Vienna"), "Vienna");
  EXPECT_EQ(ZoneLabel("America/New_York"), "New York");
  EXPECT_EQ(ZoneLabel("UTC"), "UTC");
}

TEST(TimeTextTest, FormatsLocalTimeInTheSessionZone) {
  absl::TimeZone vienna;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Vienna", &vienna));
  // Noon in Vienna on 6 November 2017 is 11:00 UTC (CET, UTC+1).
  const absl::Time noon = absl::FromCivil(absl::CivilMinute(2017, 11, 6, 11, 0),
                                          absl::UTCTimeZone());
  EXPECT_EQ(FormatLocalTime(noon, vienna),
            "12:00 on 6 November 2017, Vienna time");
}

TEST(TimeTextTest, FormatClock) {
  EXPECT_EQ(FormatClock(absl::Minutes(5)), "5:00");
  EXPECT_EQ(FormatClock(absl::Seconds(62)), "1:02");
  EXPECT_EQ(FormatClock(absl::Seconds(3723)), "1:02:03");
  EXPECT_EQ(FormatClock(absl::Seconds(-12)), "-0:12");
  EXPECT_EQ(FormatClock(absl::Milliseconds(999)), "0:00");
}

TEST(TimeTextTest, ParseClock) {
  EXPECT_EQ(*ParseClock("5:00"), absl::Minutes(5));
  EXPECT_EQ(*ParseClock("0:30"), absl::Seconds(30));
  EXPECT_EQ(*ParseClock("1:00:00"), absl::Hours(1));
  for (const char* bad :
       {"", "5", "5:0", "5:60", "a:00", "1:2:03", "-1:00", "1:00:00:00"}) {
    EXPECT_EQ(ParseClock(bad).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

}  // namespace
}  // namespace speakers
