#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/storage/sqlite_command_log.h"
#include "tests/storage/storage_test_util.h"

namespace speakers {
namespace {

using ::speakers::testing::MakeRecord;
using ::speakers::testing::RawQuery;
using ::speakers::testing::ReadAllRecords;
using ::speakers::testing::ReadMeetingRecords;
using ::speakers::testing::ReadRecordsAfter;
using ::speakers::testing::TempDir;

std::unique_ptr<SqliteCommandLog> OpenOrDie(const std::string& path) {
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  EXPECT_TRUE(log.ok()) << log.status();
  return log.ok() ? *std::move(log) : nullptr;
}

TEST(SqliteCommandLogTest, ANewLogIsEmpty) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->Count(), 0u);
  EXPECT_TRUE(ReadAllRecords(*log).empty());
  EXPECT_EQ(log->path(), dir.File("log.db"));
  EXPECT_TRUE(std::filesystem::exists(dir.File("log.db")));
  EXPECT_TRUE(std::filesystem::exists(dir.File("log.db.lock")));
  EXPECT_TRUE(log->IntegrityCheck().ok());
}

TEST(SqliteCommandLogTest, AnEmptyExistingFileBecomesALog) {
  TempDir dir;
  testing::WriteFileBytes(dir.File("log.db"), "");
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->Count(), 0u);
}

// A database truncated to 0 bytes, or deleted, beside a WAL that still
// holds acknowledged commands: refused, and nothing is touched (before,
// the server started empty and deleted the WAL).
TEST(SqliteCommandLogTest, AMissingOrEmptyDatabaseBesideAWalIsRefused) {
  for (const bool deleted : {false, true}) {
    SCOPED_TRACE(deleted ? "deleted" : "truncated");
    TempDir dir;
    const std::string path = dir.File("log.db");
    {
      std::unique_ptr<SqliteCommandLog> log = OpenOrDie(path);
      ASSERT_NE(log, nullptr);
      std::vector<LoggedCommand> records = {MakeRecord("plenary", 1),
                                            MakeRecord("plenary", 2)};
      ASSERT_TRUE(log->Append(absl::MakeSpan(records)).ok());
      // Keep the commits in the WAL, as after a crash: copy it away while
      // the log is open (closing would checkpoint it into the file).
      std::filesystem::copy_file(path + "-wal", dir.File("saved-wal"));
    }
    const std::string wal_bytes = testing::ReadFileBytes(dir.File("saved-wal"));
    ASSERT_GT(wal_bytes.size(), 0u);
    testing::WriteFileBytes(path + "-wal", wal_bytes);
    if (deleted) {
      std::filesystem::remove(path);
    } else {
      testing::WriteFileBytes(path, "");
    }
    absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
        SqliteCommandLog::Open(path);
    EXPECT_EQ(log.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_EQ(log.status().message(),
              absl::StrCat("the database file ", path,
                           " is missing or empty, but its write-ahead log ",
                           path, "-wal holds ", wal_bytes.size(),
                           " bytes of commands: restore ", path,
                           " from a backup (speakers backup), or move ", path,
                           "-wal away to start empty — it is never reset "
                           "silently"));
    EXPECT_EQ(testing::ReadFileBytes(path + "-wal"), wal_bytes);
    EXPECT_EQ(std::filesystem::exists(path), !deleted);
  }
}

TEST(SqliteCommandLogTest, AppendAndReadRoundTripEveryField) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  std::vector<LoggedCommand> records(4);
  records[0] = MakeRecord("plenary", 1);
  records[1].meeting = "comité – “spécial”";
  records[1].version = 1;
  records[1].at = absl::FromUnixNanos(-1);  // before 1970, to the nanosecond
  records[1].actor = "délégation de la Côte d’Ivoire / 中国代表团 / Россия";
  records[1].request_id = "";  // no retry id
  records[1].kind = "call_next";
  records[1].payload = "";  // empty, not NULL
  records[1].reply = std::string("\0\0\0", 3);
  records[2] = MakeRecord("plenary", 2);
  records[2].payload = std::string(100000, '\0') + "end";
  records[2].actor = std::string("nul\0inside", 10);
  records[3] = MakeRecord("plenary", std::numeric_limits<int64_t>::max());
  records[3].at = absl::FromUnixNanos(std::numeric_limits<int64_t>::max());
  records[3].sequence = 99;  // overwritten

  ASSERT_TRUE(log->Append(absl::MakeSpan(records)).ok());
  std::vector<LoggedCommand> expected = records;
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].sequence, i + 1);
    expected[i].sequence = i + 1;
  }
  EXPECT_EQ(ReadAllRecords(*log), expected);
  EXPECT_EQ(log->Count(), 4u);
  EXPECT_EQ(ReadAllRecords(*log)[2].payload.size(), 100003u);
}

TEST(SqliteCommandLogTest, SequencesAreConsecutiveAcrossCalls) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  uint64_t version = 0;
  for (int batch : {3, 1, 2}) {
    std::vector<LoggedCommand> records;
    for (int i = 0; i < batch; ++i)
      records.push_back(MakeRecord("plenary", ++version));
    ASSERT_TRUE(log->Append(absl::MakeSpan(records)).ok());
  }
  std::vector<LoggedCommand> all = ReadAllRecords(*log);
  ASSERT_EQ(all.size(), 6u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].sequence, i + 1);
    EXPECT_EQ(all[i].version, i + 1);
  }
  EXPECT_EQ(log->Count(), 6u);
}

TEST(SqliteCommandLogTest, AnEmptyAppendIsANoOp) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  EXPECT_TRUE(log->Append({}).ok());
  EXPECT_EQ(log->Count(), 0u);
}

TEST(SqliteCommandLogTest, ADuplicateVersionRefusesTheWholeBatch) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  std::vector<LoggedCommand> first = {MakeRecord("plenary", 1),
                                      MakeRecord("plenary", 2)};
  ASSERT_TRUE(log->Append(absl::MakeSpan(first)).ok());

  std::vector<LoggedCommand> batch = {MakeRecord("plenary", 3),
                                      MakeRecord("plenary", 2),
                                      MakeRecord("plenary", 4)};
  absl::Status status = log->Append(absl::MakeSpan(batch));
  ASSERT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(std::string(status.message()),
            "meeting \"plenary\" version 2 is already in the log " +
                dir.File("log.db") +
                " (record 2 of 3 to append); nothing was appended");
  for (const LoggedCommand& record : batch) EXPECT_EQ(record.sequence, 0u);
  EXPECT_EQ(log->Count(), 2u);
  EXPECT_EQ(ReadAllRecords(*log), first);

  // No gap: the next append continues at 3.
  std::vector<LoggedCommand> next = {MakeRecord("plenary", 3)};
  ASSERT_TRUE(log->Append(absl::MakeSpan(next)).ok());
  EXPECT_EQ(next[0].sequence, 3u);
  EXPECT_EQ(ReadAllRecords(*log).size(), 3u);
}

TEST(SqliteCommandLogTest, ADuplicateInsideOneBatchIsRefused) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  std::vector<LoggedCommand> batch = {MakeRecord("plenary", 1),
                                      MakeRecord("plenary", 1)};
  EXPECT_EQ(log->Append(absl::MakeSpan(batch)).code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(log->Count(), 0u);
  EXPECT_TRUE(ReadAllRecords(*log).empty());
}

TEST(SqliteCommandLogTest, UnstorableValuesAreRefusedBeforeWriting) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  std::vector<LoggedCommand> batch = {MakeRecord("plenary", 1),
                                      MakeRecord("plenary", 2)};
  batch[1].version = uint64_t{1} << 63;
  absl::Status status = log->Append(absl::MakeSpan(batch));
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(status.message()),
            "meeting \"plenary\" version 9223372036854775808 is beyond the "
            "largest storable "
            "(2^63-1)");

  batch[1] = MakeRecord("plenary", 2);
  batch[1].at = absl::InfiniteFuture();
  status = log->Append(absl::MakeSpan(batch));
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(status.message()),
            "the time of meeting \"plenary\" version 2 (infinite-future) "
            "cannot be stored to "
            "the nanosecond");

  batch[1].at = absl::UnixEpoch() + absl::Nanoseconds(1) / 4;
  EXPECT_EQ(log->Append(absl::MakeSpan(batch)).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(log->Count(), 0u);
}

TEST(SqliteCommandLogTest, ReadMeetingReturnsTheVersionRangeInOrder) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  std::vector<LoggedCommand> records;
  for (uint64_t v = 1; v <= 5; ++v) {
    records.push_back(MakeRecord("plenary", v));
    records.push_back(MakeRecord("committee", v));
  }
  ASSERT_TRUE(log->Append(absl::MakeSpan(records)).ok());

  std::vector<LoggedCommand> range = ReadMeetingRecords(*log, "plenary", 2, 4);
  ASSERT_EQ(range.size(), 3u);
  EXPECT_EQ(range[0], records[2]);  // plenary v2, sequence 3
  EXPECT_EQ(range[1], records[4]);
  EXPECT_EQ(range[2], records[6]);
  EXPECT_EQ(range[2].sequence, 7u);

  std::vector<LoggedCommand> all = ReadMeetingRecords(
      *log, "committee", 0, std::numeric_limits<uint64_t>::max());
  ASSERT_EQ(all.size(), 5u);
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], records[2 * i + 1]);

  EXPECT_EQ(ReadMeetingRecords(*log, "plenary", 5, 100).size(), 1u);
  EXPECT_TRUE(ReadMeetingRecords(*log, "plenary", 4, 2).empty());
  EXPECT_TRUE(ReadMeetingRecords(*log, "plenary", 6, 9).empty());
  EXPECT_TRUE(ReadMeetingRecords(*log, "Plenary", 0, 9).empty());
}

TEST(SqliteCommandLogTest, AVisitErrorStopsTheReadAndIsReturned) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  std::vector<LoggedCommand> records;
  for (uint64_t v = 1; v <= 5; ++v) records.push_back(MakeRecord("plenary", v));
  ASSERT_TRUE(log->Append(absl::MakeSpan(records)).ok());
  int visited = 0;
  auto visit = [&](const LoggedCommand&) {
    return ++visited == 2 ? absl::CancelledError("enough") : absl::OkStatus();
  };
  EXPECT_EQ(log->ReadAll(visit), absl::CancelledError("enough"));
  EXPECT_EQ(visited, 2);
  visited = 0;
  EXPECT_EQ(log->ReadMeeting("plenary", 1, 5, visit),
            absl::CancelledError("enough"));
  EXPECT_EQ(visited, 2);
  // The log is still usable: the reads ended.
  std::vector<LoggedCommand> more = {MakeRecord("plenary", 6)};
  EXPECT_TRUE(log->Append(absl::MakeSpan(more)).ok());
}

TEST(SqliteCommandLogTest, ReadAfterReturnsTheRecordsFollowingASequence) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  std::vector<LoggedCommand> records;
  for (uint64_t v = 1; v <= 5; ++v) records.push_back(MakeRecord("plenary", v));
  ASSERT_TRUE(log->Append(absl::MakeSpan(records)).ok());
  EXPECT_EQ(ReadRecordsAfter(*log, 0), records);
  EXPECT_EQ(ReadRecordsAfter(*log, 3),
            std::vector<LoggedCommand>(records.begin() + 3, records.end()));
  EXPECT_TRUE(ReadRecordsAfter(*log, 5).empty());
  EXPECT_TRUE(
      ReadRecordsAfter(*log, std::numeric_limits<uint64_t>::max()).empty());
}

TEST(SqliteCommandLogTest,
     FindByRequestIdFindsTheFirstMatchOfMeetingActorAndId) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  std::vector<LoggedCommand> records = {
      MakeRecord("plenary", 1), MakeRecord("committee", 1),
      MakeRecord("plenary", 2), MakeRecord("plenary", 3)};
  records[0].request_id = "r-1";
  records[1].request_id = "r-1";  // same id, other meeting
  records[1].actor = records[0].actor;
  records[2].request_id = "r-1";  // same id and meeting, other actor
  records[2].actor = "Austria";
  records[3].request_id = "";
  ASSERT_TRUE(log->Append(absl::MakeSpan(records)).ok());

  absl::StatusOr<std::optional<LoggedCommand>> found =
      log->FindByRequestId("plenary", records[0].actor, "r-1");
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, records[0]);

  found = log->FindByRequestId("plenary", "Austria", "r-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->sequence, 3u);
  found = log->FindByRequestId("committee", records[0].actor, "r-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->sequence, 2u);

  EXPECT_FALSE(log->FindByRequestId("plenary", "Austria", "r-2")->has_value());
  EXPECT_FALSE(log->FindByRequestId("plenary", "Brazil", "r-1")->has_value());
  EXPECT_FALSE(log->FindByRequestId("assembly", "Austria", "r-1")->has_value());
  EXPECT_FALSE(
      log->FindByRequestId("plenary", records[3].actor, "")->has_value());

  // Across a restart.
  log.reset();
  log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  found = log->FindByRequestId("plenary", records[0].actor, "r-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ(**found, records[0]);
}

TEST(SqliteCommandLogTest, FindByRequestIdUsesTheIndex) {
  TempDir dir;
  { ASSERT_NE(OpenOrDie(dir.File("log.db")), nullptr); }
  // The statement FindByRequestId runs; column 3 of the plan is its text.
  EXPECT_EQ(
      RawQuery(
          dir.File("log.db"),
          "EXPLAIN QUERY PLAN SELECT * FROM commands WHERE meeting = 'p' AND "
          "request_id = 'r' AND actor = 'a' AND request_id <> '' "
          "ORDER BY sequence LIMIT 1",
          3),
      "SEARCH commands USING INDEX commands_by_request_id (meeting=? AND "
      "request_id=?)");
}

TEST(SqliteCommandLogTest, ReopeningKeepsEverything) {
  TempDir dir;
  std::vector<LoggedCommand> records;
  {
    std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
    ASSERT_NE(log, nullptr);
    for (uint64_t v = 1; v <= 50; ++v)
      records.push_back(MakeRecord("plenary", v));
    ASSERT_TRUE(log->Append(absl::MakeSpan(records)).ok());
  }
  EXPECT_FALSE(std::filesystem::exists(
      dir.File("log.db-wal")));  // checkpointed at close
  EXPECT_FALSE(std::filesystem::exists(
      dir.File("log.db-shm")));  // never made: exclusive
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->Count(), 50u);
  EXPECT_EQ(ReadAllRecords(*log), records);
  std::vector<LoggedCommand> next = {MakeRecord("plenary", 51)};
  ASSERT_TRUE(log->Append(absl::MakeSpan(next)).ok());
  EXPECT_EQ(next[0].sequence, 51u);
}

TEST(SqliteCommandLogTest, ReopeningAfterACrashKeepsEverythingInTheWal) {
  TempDir dir;
  std::vector<LoggedCommand> records;
  for (uint64_t v = 1; v <= 20; ++v)
    records.push_back(MakeRecord("plenary", v));
  {
    std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
    ASSERT_NE(log, nullptr);
    ASSERT_TRUE(log->Append(absl::MakeSpan(records)).ok());
    // "Crash": copy the files as they are on disk while the log is open.
    std::filesystem::copy_file(dir.File("log.db"), dir.File("crash.db"));
    ASSERT_TRUE(std::filesystem::exists(dir.File("log.db-wal")));
    std::filesystem::copy_file(dir.File("log.db-wal"),
                               dir.File("crash.db-wal"));
  }
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("crash.db"));
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(ReadAllRecords(*log), records);
}

TEST(SqliteCommandLogTest, WalAndFullSyncAreInEffect) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  absl::StatusOr<StorageSettings> settings = log->Settings();
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->journal_mode, "wal");
  EXPECT_EQ(settings->synchronous, 2);  // FULL
  EXPECT_TRUE(settings->foreign_keys);
  EXPECT_EQ(settings->locking_mode, "exclusive");
  EXPECT_EQ(settings->schema_version, 2);
  EXPECT_EQ(settings->application_id, 0x53504b52);
  EXPECT_EQ(settings->page_size, 4096);
  log.reset();
  // What the file itself says.
  EXPECT_EQ(RawQuery(dir.File("log.db"), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(RawQuery(dir.File("log.db"), "PRAGMA user_version"), "2");
  EXPECT_EQ(RawQuery(dir.File("log.db"), "PRAGMA application_id"),
            "1397771090");
  EXPECT_EQ(RawQuery(dir.File("log.db"),
                     "SELECT group_concat(key || '=' || value, ', ') FROM meta "
                     "WHERE key NOT IN ('content', 'log_id')"),
            "application=speakers, schema_version=2");
  EXPECT_EQ(RawQuery(dir.File("log.db"),
                     "SELECT length(value) FROM meta WHERE key = 'log_id'"),
            "32");
}

TEST(SqliteCommandLogTest, AppendsAndReadsFromSeveralThreads) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  constexpr int kPerWriter = 60;
  std::vector<std::thread> threads;
  for (const std::string meeting : {"plenary", "committee"}) {
    threads.emplace_back([&log, meeting] {
      for (uint64_t v = 1; v <= kPerWriter; ++v) {
        std::vector<LoggedCommand> one = {MakeRecord(meeting, v)};
        EXPECT_TRUE(log->Append(absl::MakeSpan(one)).ok());
      }
    });
  }
  threads.emplace_back([&log] {
    for (int i = 0; i < 20; ++i) {
      uint64_t previous = 0;
      EXPECT_TRUE(log->ReadAll([&](const LoggedCommand& record) {
                       EXPECT_EQ(record.sequence, previous + 1);
                       previous = record.sequence;
                       return absl::OkStatus();
                     })
                      .ok());
    }
  });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(log->Count(), 2u * kPerWriter);
  EXPECT_EQ(ReadMeetingRecords(*log, "plenary", 1, kPerWriter).size(),
            size_t{kPerWriter});
  EXPECT_EQ(ReadMeetingRecords(*log, "committee", 1, kPerWriter).size(),
            size_t{kPerWriter});
}

}  // namespace
}  // namespace speakers
