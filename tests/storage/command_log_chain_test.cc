// The log's checksum chain: every record's link follows from the one before
// it; a changed byte, a missing record or a reordered one is DATA_LOSS
// naming the first record concerned; a log of schema 1 gets its chain when
// opened; and an operator can drop the records after a chosen one.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/storage/record_chain.h"
#include "server/storage/sqlite_command_log.h"
#include "tests/storage/storage_test_util.h"

namespace speakers {
namespace {

using ::speakers::testing::MakeRecord;
using ::speakers::testing::RawExecute;
using ::speakers::testing::RawQuery;
using ::speakers::testing::ReadAllRecords;
using ::speakers::testing::ReadRecordsAfter;
using ::speakers::testing::TempDir;

std::unique_ptr<SqliteCommandLog> OpenOrDie(const std::string& path) {
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  EXPECT_TRUE(log.ok()) << log.status();
  return log.ok() ? *std::move(log) : nullptr;
}

// Appends versions [from, to] of "plenary", one transaction each.
void AppendVersions(SqliteCommandLog& log, uint64_t from, uint64_t to) {
  for (uint64_t v = from; v <= to; ++v) {
    LoggedCommand record = MakeRecord("plenary", v);
    ASSERT_TRUE(log.Append(absl::MakeSpan(&record, 1)).ok());
  }
}

// The sequences ReadAll visits before it stops, and how it stops.
std::pair<std::vector<uint64_t>, absl::Status> Visit(
    const SqliteCommandLog& log) {
  std::vector<uint64_t> seen;
  absl::Status status = log.ReadAll([&](const LoggedCommand& r) {
    seen.push_back(r.sequence);
    return absl::OkStatus();
  });
  return {seen, status};
}

TEST(CommandLogChainTest, EveryRecordsLinkFollowsFromTheOneBeforeIt) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->log_id().size(), 32u);
  EXPECT_EQ(log->head(), RecordChain::Genesis(log->log_id()));
  std::vector<LoggedCommand> records = {MakeRecord("plenary", 1),
                                        MakeRecord("plenary", 2)};
  ASSERT_TRUE(log->Append(absl::MakeSpan(records)).ok());
  LoggedCommand expected = MakeRecord("plenary", 1);
  expected.sequence = 1;
  const std::string first =
      RecordChain::Next(RecordChain::Genesis(log->log_id()), expected);
  EXPECT_EQ(records[0].chain, first);
  expected = MakeRecord("plenary", 2);
  expected.sequence = 2;
  EXPECT_EQ(records[1].chain, RecordChain::Next(first, expected));
  EXPECT_EQ(log->head(), records[1].chain);
  EXPECT_EQ(ReadAllRecords(*log), records);  // read back with their links
  EXPECT_EQ(RecordChain::Hex(log->head()).size(), 64u);

  // Another log has another identity, so other links for the same records.
  std::unique_ptr<SqliteCommandLog> other = OpenOrDie(dir.File("other.db"));
  ASSERT_NE(other, nullptr);
  EXPECT_NE(other->log_id(), log->log_id());
  // A reopened log continues its chain.
  const std::string path = dir.File("log.db");
  log.reset();
  log = OpenOrDie(path);
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->head(), records[1].chain);
  AppendVersions(*log, 3, 3);
  EXPECT_EQ(ReadAllRecords(*log).size(), 3u);
  EXPECT_EQ(ReadRecordsAfter(*log, 2).size(), 1u);
}

TEST(CommandLogChainTest, AChangedByteIsDataLossNamingItsRecord) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  {
    std::unique_ptr<SqliteCommandLog> log = OpenOrDie(path);
    ASSERT_NE(log, nullptr);
    AppendVersions(*log, 1, 5);
  }
  // One byte of record 3's payload, changed behind the server's back (the
  // file stays a valid SQLite database: only the chain can tell).
  ASSERT_TRUE(RawExecute(path,
                         "UPDATE commands SET payload = "
                         "CAST('X' || substr(payload, 2) AS BLOB) "
                         "WHERE sequence = 3")
                  .ok());
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(path);
  ASSERT_NE(log, nullptr);
  auto [seen, status] = Visit(*log);
  EXPECT_EQ(seen, (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(status.message()),
            absl::StrCat("the database file ", path,
                         " is damaged (record 3 (inscribe on plenary, version "
                         "3) does not match its checksum: it or the record "
                         "before it was changed; if you decide to drop it and "
                         "every later record, start the server with "
                         "--recover-until=2); restore it from a backup "
                         "(speakers backup) or move it away to start empty — "
                         "it is never reset silently"));
}

TEST(CommandLogChainTest, RecordsInAnotherOrderAreDataLoss) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  {
    std::unique_ptr<SqliteCommandLog> log = OpenOrDie(path);
    ASSERT_NE(log, nullptr);
    AppendVersions(*log, 1, 4);
  }
  // Records 2 and 3 swap places (their links go with them).
  ASSERT_TRUE(
      RawExecute(path,
                 "UPDATE commands SET sequence = 1000 WHERE sequence = 2;"
                 "UPDATE commands SET sequence = 2 WHERE sequence = 3;"
                 "UPDATE commands SET sequence = 3 WHERE sequence = 1000")
          .ok());
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(path);
  ASSERT_NE(log, nullptr);
  auto [seen, status] = Visit(*log);
  EXPECT_EQ(seen, std::vector<uint64_t>{1});
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_TRUE(absl::StrContains(status.message(), "record 2 (")) << status;
}

TEST(CommandLogChainTest, ALogOfSchema1GetsItsChainWhenOpened) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  {
    std::unique_ptr<SqliteCommandLog> log = OpenOrDie(path);
    ASSERT_NE(log, nullptr);
    AppendVersions(*log, 1, 3);
  }
  // Back to schema 1, as speakers 0.1 wrote it: no chain, no identity.
  ASSERT_TRUE(RawExecute(path,
                         "ALTER TABLE commands DROP COLUMN chain;"
                         "DELETE FROM meta WHERE key = 'log_id';"
                         "UPDATE meta SET value = '1' WHERE key = "
                         "'schema_version'; PRAGMA user_version = 1")
                  .ok());
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(path);
  ASSERT_NE(log, nullptr);
  auto [seen, status] = Visit(*log);
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(seen, (std::vector<uint64_t>{1, 2, 3}));
  AppendVersions(*log, 4, 4);
  log.reset();
  EXPECT_EQ(RawQuery(path, "PRAGMA user_version"), "2");
  EXPECT_EQ(RawQuery(path,
                     "SELECT value FROM meta WHERE key = "
                     "'schema_version'"),
            "2");
  log = OpenOrDie(path);
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(Visit(*log).first, (std::vector<uint64_t>{1, 2, 3, 4}));
}

TEST(CommandLogChainTest, DropAfterKeepsACopyAndContinuesTheChain) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(path);
  ASSERT_NE(log, nullptr);
  AppendVersions(*log, 1, 5);
  const std::string third = ReadAllRecords(*log)[2].chain;

  EXPECT_EQ(log->DropAfter(9, dir.File("keep.db")).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<uint64_t> dropped = log->DropAfter(3, dir.File("keep.db"));
  ASSERT_TRUE(dropped.ok()) << dropped.status();
  EXPECT_EQ(*dropped, 2u);
  EXPECT_EQ(log->Count(), 3u);
  EXPECT_EQ(log->head(), third);
  // The copy holds all five.
  EXPECT_EQ(RawQuery(dir.File("keep.db"), "SELECT count(*) FROM commands"),
            "5");
  // Never over an existing copy.
  EXPECT_EQ(log->DropAfter(1, dir.File("keep.db")).status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(log->Count(), 3u);
  // Versions 4 and 5 can be written again, and the chain holds.
  AppendVersions(*log, 4, 5);
  log.reset();
  log = OpenOrDie(path);
  ASSERT_NE(log, nullptr);
  auto [seen, status] = Visit(*log);
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(seen, (std::vector<uint64_t>{1, 2, 3, 4, 5}));
}

}  // namespace
}  // namespace speakers
