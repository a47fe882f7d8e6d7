#include "client/text_table.h"

#include "gtest/gtest.h"

namespace speakers::cli {
namespace {

constexpr char kUk[] = "United Kingdom of Great Britain and Northern Ireland";

TEST(TextTableTest, DisplayWidthCountsCodePoints) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("France"), 6);
  EXPECT_EQ(DisplayWidth("C\u00f4te d\u2019Ivoire"),
            13);  // ô and ’ are multi-byte
  EXPECT_EQ(DisplayWidth(kUk), 52);
}

TEST(TextTableTest, TruncatesWithAnEllipsis) {
  EXPECT_EQ(TruncateToWidth(kUk, 52), kUk);
  EXPECT_EQ(TruncateToWidth(kUk, 80), kUk);
  EXPECT_EQ(TruncateToWidth(kUk, 30), "United Kingdom of Great Brita\u2026");
  EXPECT_EQ(DisplayWidth(TruncateToWidth(kUk, 30)), 30);
  EXPECT_EQ(TruncateToWidth(kUk, 1), "\u2026");
  EXPECT_EQ(TruncateToWidth(kUk, 0), "");
}

TEST(TextTableTest, NeverSplitsAMultiByteCharacter) {
  EXPECT_EQ(TruncateToWidth("T\u00fcrkiye", 3), "T\u00fc\u2026");
  EXPECT_EQ(TruncateToWidth("C\u00f4te d\u2019Ivoire", 8),
            "C\u00f4te d\u2019\u2026");
}

TEST(TextTableTest, PadsToWidth) {
  EXPECT_EQ(PadToWidth("ab", 4), "ab  ");
  EXPECT_EQ(PadToWidth("T\u00fcrkiye", 9), "T\u00fcrkiye  ");
  EXPECT_EQ(PadToWidth("abcdef", 3), "abcdef");
}

TEST(TextTableTest, AlignsColumns) {
  TextTable table({"#", "Code", "Delegation"});
  table.AddRow({"1", "FRA", "France"});
  table.AddRow({"10", "T\u00dcR", "T\u00fcrkiye"});
  table.AddRow({"11", "GBR"});
  EXPECT_EQ(table.size(), 3);
  EXPECT_EQ(table.Render("  "),
            "  #   Code  Delegation\n"
            "  1   FRA   France\n"
            "  10  T\u00dcR   T\u00fcrkiye\n"
            "  11  GBR\n");
}

TEST(TextTableTest, WithoutHeadings) {
  TextTable table({});
  table.AddRow({"Venue:", "Vienna"});
  table.AddRow({"Time zone:", "Europe/Vienna"});
  EXPECT_EQ(table.Render(),
            "Venue:      Vienna\n"
            "Time zone:  Europe/Vienna\n");
}

}  // namespace
}  // namespace speakers::cli
