#include "server/app/request_ledger.h"

#include <optional>
#include <string>

#include "gtest/gtest.h"

namespace speakers {
namespace {

v1::CommandReply ReplyAt(uint64_t version) {
  v1::CommandReply reply;
  reply.set_version(version);
  return reply;
}

TEST(RequestLedgerTest, ARecoveredRequestWithoutItsReplyKeepsItsDigest) {
  RequestLedger ledger(2);
  ledger.Recovered("chair|a", 11, std::nullopt);  // older than remembered
  RequestLedger::Known* a = ledger.Find("chair|a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->digest, 11u);
  EXPECT_TRUE(a->durable);
  EXPECT_FALSE(a->reply.has_value());  // the runner reads it from the log
  EXPECT_EQ(ledger.Find("chair|b"), nullptr);
}

TEST(RequestLedgerTest, OnlyTheLatestRepliesAreKept) {
  RequestLedger ledger(2);
  ledger.Recovered("chair|a", 1, ReplyAt(1));
  ledger.Recovered("chair|b", 2, ReplyAt(2));
  ledger.Recovered("chair|c", 3, ReplyAt(3));
  EXPECT_EQ(ledger.size(), 3u);
  EXPECT_FALSE(ledger.Find("chair|a")->reply.has_value());
  EXPECT_EQ(ledger.Find("chair|a")->digest, 1u);
  EXPECT_EQ(ledger.Find("chair|b")->reply->version(), 2u);
  EXPECT_EQ(ledger.Find("chair|c")->reply->version(), 3u);
  // A request without its reply does not push a kept one out.
  ledger.Recovered("chair|d", 4, std::nullopt);
  EXPECT_EQ(ledger.Find("chair|b")->reply->version(), 2u);
}

TEST(RequestLedgerTest, APendingReplyStaysUntilItsCommit) {
  RequestLedger ledger(1);
  ledger.Pending("chair|a", 1, ReplyAt(1));
  ledger.Recovered("chair|b", 2, ReplyAt(2));
  EXPECT_EQ(ledger.Find("chair|a")->reply->version(), 1u);  // not durable
  EXPECT_TRUE(ledger.Committed("chair|a", true).empty());
  ledger.Recovered("chair|c", 3, ReplyAt(3));
  EXPECT_FALSE(ledger.Find("chair|a")->reply.has_value());
  // A failed commit forgets the request.
  ledger.Pending("chair|d", 4, ReplyAt(4));
  EXPECT_TRUE(ledger.Committed("chair|d", false).empty());
  EXPECT_EQ(ledger.Find("chair|d"), nullptr);
}

}  // namespace
}  // namespace speakers
