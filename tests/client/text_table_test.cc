#include "client/text_table.h"

#include "client/display_width.h"
#include "gtest/gtest.h"

namespace speakers::cli {
namespace {

constexpr char kUk[] = "United Kingdom of Great Britain and Northern Ireland";
// "People's Republic of China", 7 wide characters.
constexpr char kPrc[] = "中华人民共和国";
// "José María" with both accents as combining marks (U+0301).
constexpr char kJose[] = "Jose\u0301 Mari\u0301a";
// "Muhammad" with its vowel signs (damma, fatha, shadda + fatha).
constexpr char kMuhammad[] = "\u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f";

TEST(TextTableTest, CodePointWidths) {
  EXPECT_EQ(CodePointWidth(U'A'), 1);
  EXPECT_EQ(CodePointWidth(U'\u00e9'), 1);      // é, precomposed
  EXPECT_EQ(CodePointWidth(U'\u0301'), 0);      // combining acute accent
  EXPECT_EQ(CodePointWidth(U'\u064e'), 0);      // Arabic fatha
  EXPECT_EQ(CodePointWidth(U'\u200d'), 0);      // zero width joiner
  EXPECT_EQ(CodePointWidth(U'\u0645'), 1);      // Arabic meem
  EXPECT_EQ(CodePointWidth(U'\u4e2d'), 2);      // 中
  EXPECT_EQ(CodePointWidth(U'\u3001'), 2);      // ideographic comma
  EXPECT_EQ(CodePointWidth(U'\uac00'), 2);      // 가
  EXPECT_EQ(CodePointWidth(U'\u30ab'), 2);      // カ
  EXPECT_EQ(CodePointWidth(U'\uff21'), 2);      // fullwidth A
  EXPECT_EQ(CodePointWidth(U'\U00020000'), 2);  // CJK extension B
  EXPECT_EQ(CodePointWidth(U'\u2026'), 1);      // …
  EXPECT_EQ(CodePointWidth(U'\u00ad'), 1);      // soft hyphen
}

TEST(TextTableTest, DisplayWidthCountsColumns) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("France"), 6);
  EXPECT_EQ(DisplayWidth("C\u00f4te d\u2019Ivoire"), 13);
  EXPECT_EQ(DisplayWidth(kUk), 52);
  EXPECT_EQ(DisplayWidth(kPrc), 14);
  EXPECT_EQ(DisplayWidth("王毅, 外交部长"), 14);  // the comma and space: 1 each
  EXPECT_EQ(DisplayWidth(kJose), 10);
  EXPECT_EQ(DisplayWidth(kMuhammad), 4);
  EXPECT_EQ(DisplayWidth("سامح شكري"), 9);
  EXPECT_EQ(DisplayWidth("\xff\xfe"), 2);  // not UTF-8: one column a byte
  EXPECT_EQ(DisplayWidth("\xe4\xb8"), 2);  // a cut sequence
  EXPECT_EQ(DisplayWidth("\xc0\xaf"), 2);  // an overlong "/"
}

TEST(TextTableTest, TruncatesWithAnEllipsis) {
  EXPECT_EQ(TruncateToWidth(kUk, 52), kUk);
  EXPECT_EQ(TruncateToWidth(kUk, 80), kUk);
  EXPECT_EQ(TruncateToWidth(kUk, 30), "United Kingdom of Great Brita\u2026");
  EXPECT_EQ(DisplayWidth(TruncateToWidth(kUk, 30)), 30);
  EXPECT_EQ(TruncateToWidth(kUk, 1), "\u2026");
  EXPECT_EQ(TruncateToWidth(kUk, 0), "");
}

TEST(TextTableTest, TruncatesWideCharactersWhole) {
  EXPECT_EQ(TruncateToWidth(kPrc, 14), kPrc);
  EXPECT_EQ(TruncateToWidth(kPrc, 7), "中华人\u2026");
  EXPECT_EQ(DisplayWidth(TruncateToWidth(kPrc, 7)), 7);
  // 人 would end at column 6, past the 5 left before "…": one column short.
  EXPECT_EQ(TruncateToWidth(kPrc, 6), "中华\u2026");
  EXPECT_EQ(DisplayWidth(TruncateToWidth(kPrc, 6)), 5);
  EXPECT_EQ(TruncateToWidth(kPrc, 2), "\u2026");
}

TEST(TextTableTest, TruncationKeepsCombiningMarksWithTheirLetter) {
  EXPECT_EQ(TruncateToWidth(kJose, 5), "Jose\u0301\u2026");
  EXPECT_EQ(TruncateToWidth(kJose, 10), kJose);
  EXPECT_EQ(TruncateToWidth(kJose, 9), "Jose\u0301 Mar\u2026");
  EXPECT_EQ(TruncateToWidth(kMuhammad, 4), kMuhammad);
  EXPECT_EQ(TruncateToWidth(kMuhammad, 3),
            "\u0645\u064f\u062d\u064e\u2026");  // مُحَ…
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
  EXPECT_EQ(PadToWidth("中国", 6), "中国  ");
  EXPECT_EQ(PadToWidth("Jose\u0301", 6), "Jose\u0301  ");
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

TEST(TextTableTest, AlignsChineseArabicAndCombiningAccents) {
  TextTable table({"Code", "Delegation", "Speaker", "Rank"});
  table.AddRow({"CHN", "中国", "王毅, 外交部长", "minister"});
  table.AddRow({"EGY", "مصر", kMuhammad, "other"});
  table.AddRow({"ESP", "Espan\u0303a", kJose, "minister"});
  EXPECT_EQ(table.Render(),
            "Code  Delegation  Speaker         Rank\n"
            "CHN   中国        王毅, 外交部长  minister\n"
            "EGY   مصر         " +
                std::string(kMuhammad) +
                "            other\n"
                "ESP   Espan\u0303a      " +
                std::string(kJose) + "      minister\n");
}

TEST(TextTableTest, WithoutHeadings) {
  TextTable table({});
  table.AddRow({"Venue:", "Vienna"});
  table.AddRow({"Time zone:", "Europe/Vienna"});
  EXPECT_EQ(table.Render(),
            "Venue:      Vienna\n"
            "Time zone:  Europe/Vienna\n");
}

// # (never cut), Delegation (cut to 10), Tier (left out first), Notes (cut
// to 6).
TextTable FittingTable() {
  TextTable table = TextTable::Fitting({
      {.heading = "#"},
      {.heading = "Delegation", .min_width = 10},
      {.heading = "Tier", .drop_order = 1},
      {.heading = "Notes", .min_width = 6},
  });
  table.AddRow({"1", kUk, "other rank, State party", "added by the chair"});
  table.AddRow(
      {"2", kPrc, "ministerial rank, State party", "for the Group of 77"});
  return table;
}

TEST(TextTableTest, FullWidthWithoutAWidth) {
  EXPECT_EQ(FittingTable().Render(),
            "#  Delegation                                            Tier     "
            "                      Notes\n"
            "1  United Kingdom of Great Britain and Northern Ireland  other "
            "rank, State party        added by the chair\n"
            "2  中华人民共和国                                        "
            "ministerial rank, State party  for the Group of 77\n");
}

TEST(TextTableTest, FitsAWidthByCuttingTheWidestColumnsFirst) {
  // All columns fit once cut: 1 + 12 + 29 + 12 + 3 separators = 60.
  const std::string fitted = FittingTable().Render("", 60);
  EXPECT_EQ(fitted,
            "#  Delegation    Tier                           Notes\n"
            "1  United King\u2026  other rank, State party        added by "
            "th\u2026\n"
            "2  中华人民共\u2026   ministerial rank, State party  for the "
            "Gro\u2026\n");
}

TEST(TextTableTest, LeavesOutAColumnWhenCuttingIsNotEnough) {
  // With the Tier even the minimums take 54 columns: it is left out, and
  // Delegation (16) and Notes (17) share the rest, the widest cut first.
  EXPECT_EQ(FittingTable().Render("  ", 40),
            "  #  Delegation        Notes\n"
            "  1  United Kingdom \u2026  added by the cha\u2026\n"
            "  2  中华人民共和国    for the Group of\u2026\n");
  // Narrower than the minimums: printed at its smallest.
  EXPECT_EQ(FittingTable().Render("", 10),
            "#  Delegation  Notes\n"
            "1  United Ki\u2026  added\u2026\n"
            "2  中华人民\u2026   for t\u2026\n");
}

}  // namespace
}  // namespace speakers::cli
