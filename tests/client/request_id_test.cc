#include "client/request_id.h"

#include <set>

#include "gtest/gtest.h"

namespace speakers::client {
namespace {

TEST(RequestIdTest, FormatsAll128BitsAsZeroPaddedHex) {
  EXPECT_EQ(FormatRequestId(absl::uint128(0)),
            "00000000000000000000000000000000");
  EXPECT_EQ(FormatRequestId(absl::uint128(42)),
            "0000000000000000000000000000002a");
  EXPECT_EQ(FormatRequestId(absl::MakeUint128(0x0123456789abcdefULL,
                                              0xfedcba9876543210ULL)),
            "0123456789abcdeffedcba9876543210");
  EXPECT_EQ(FormatRequestId(absl::Uint128Max()),
            "ffffffffffffffffffffffffffffffff");
}

TEST(RequestIdTest, NewIdsAre32LowercaseHexDigits) {
  const std::string id = NewRequestId();
  ASSERT_EQ(id.size(), 32u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
}

TEST(RequestIdTest, NewIdsDiffer) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.insert(NewRequestId());
  EXPECT_EQ(ids.size(), 1000u);
}

}  // namespace
}  // namespace speakers::client
