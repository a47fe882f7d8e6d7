#include "client/table_width.h"

#include "gtest/gtest.h"

namespace speakers::cli {
namespace {

TEST(TableWidthTest, ColumnsThenTheTerminalThenOneHundred) {
  EXPECT_EQ(TableWidthFor(std::nullopt, std::nullopt), 100);
  EXPECT_EQ(TableWidthFor(std::nullopt, 132), 132);
  EXPECT_EQ(TableWidthFor("120", 80), 120);
  EXPECT_EQ(TableWidthFor("120", std::nullopt), 120);
  // $COLUMNS that is not a width is ignored.
  EXPECT_EQ(TableWidthFor("", 80), 80);
  EXPECT_EQ(TableWidthFor("wide", std::nullopt), 100);
  EXPECT_EQ(TableWidthFor("0", std::nullopt), 100);
  EXPECT_EQ(TableWidthFor("-5", 90), 90);
  // Never narrower than 40.
  EXPECT_EQ(TableWidthFor("20", std::nullopt), 40);
  EXPECT_EQ(TableWidthFor(std::nullopt, 30), 40);
}

}  // namespace
}  // namespace speakers::cli
