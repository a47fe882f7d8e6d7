// Snapshots, online backup and the integrity check.

#include <atomic>
#include <cstdint>
#include <filesystem>
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

namespace fs = std::filesystem;
using ::speakers::testing::MakeRecord;
using ::speakers::testing::ReadAllRecords;
using ::speakers::testing::ReadFileBytes;
using ::speakers::testing::ReadRecordsAfter;
using ::speakers::testing::TempDir;
using ::speakers::testing::WriteFileBytes;

std::unique_ptr<SqliteCommandLog> OpenOrDie(const std::string& path) {
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  EXPECT_TRUE(log.ok()) << log.status();
  return log.ok() ? *std::move(log) : nullptr;
}

Snapshot MakeSnapshot(const std::string& meeting, uint64_t version,
                      uint64_t sequence) {
  Snapshot snapshot;
  snapshot.meeting = meeting;
  snapshot.version = version;
  snapshot.sequence = sequence;
  snapshot.at = absl::FromUnixNanos(1'750'000'000'000'000'001);
  snapshot.state =
      absl::StrCat(std::string("state\0", 6), meeting, "@", version);
  return snapshot;
}

// plenary v1..v5 and committee v1..v3, interleaved: sequences
// 1 p1, 2 c1, 3 p2, 4 c2, 5 p3, 6 c3, 7 p4, 8 p5.
std::vector<LoggedCommand> AppendSample(SqliteCommandLog& log) {
  std::vector<LoggedCommand> records = {
      MakeRecord("plenary", 1), MakeRecord("committee", 1),
      MakeRecord("plenary", 2), MakeRecord("committee", 2),
      MakeRecord("plenary", 3), MakeRecord("committee", 3),
      MakeRecord("plenary", 4), MakeRecord("plenary", 5)};
  EXPECT_TRUE(log.Append(absl::MakeSpan(records)).ok());
  return records;
}

TEST(SnapshotTest, SaveLatestAndReplayTheRest) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  std::vector<LoggedCommand> records = AppendSample(*log);

  absl::StatusOr<std::optional<Snapshot>> latest =
      log->LatestSnapshot("plenary");
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_FALSE(latest->has_value());

  ASSERT_TRUE(log->SaveSnapshot(MakeSnapshot("plenary", 0, 0))
                  .ok());  // the initial state
  ASSERT_TRUE(log->SaveSnapshot(MakeSnapshot("plenary", 2, 3)).ok());
  ASSERT_TRUE(
      log->SaveSnapshot(MakeSnapshot("plenary", 3, 6)).ok());  // taken later
  ASSERT_TRUE(log->SaveSnapshot(MakeSnapshot("committee", 1, 2)).ok());

  latest = log->LatestSnapshot("plenary");
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ(**latest, MakeSnapshot("plenary", 3, 6));
  latest = log->LatestSnapshot("committee");
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ(**latest, MakeSnapshot("committee", 1, 2));
  EXPECT_FALSE(log->LatestSnapshot("assembly")->has_value());

  // Replaying after the plenary snapshot: p4, p5 (and committee's c3 in
  // between).
  EXPECT_EQ(ReadRecordsAfter(*log, 6),
            std::vector<LoggedCommand>(records.begin() + 6, records.end()));

  // Saving the same meeting and version again replaces it.
  Snapshot again = MakeSnapshot("plenary", 3, 7);
  again.state = "re-taken";
  ASSERT_TRUE(log->SaveSnapshot(again).ok());
  EXPECT_EQ(**log->LatestSnapshot("plenary"), again);

  // Snapshots survive a restart.
  log.reset();
  log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(**log->LatestSnapshot("plenary"), again);
  EXPECT_EQ(**log->LatestSnapshot("committee"),
            MakeSnapshot("committee", 1, 2));
}

TEST(SnapshotTest, ASnapshotClaimingMoreThanTheLogHoldsIsRefused) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  AppendSample(*log);

  absl::Status status = log->SaveSnapshot(MakeSnapshot("plenary", 5, 9));
  ASSERT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(status.message()),
            "a snapshot of meeting \"plenary\" at sequence 9 claims more than "
            "the log holds "
            "(8 commands)");

  status = log->SaveSnapshot(MakeSnapshot("plenary", 6, 8));
  ASSERT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(status.message()),
            "a snapshot of meeting \"plenary\" at version 6 must follow the "
            "command that "
            "produced that version, but the log has no such version");

  status =
      log->SaveSnapshot(MakeSnapshot("plenary", 4, 6));  // p4 is sequence 7
  ASSERT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(status.message()),
            "a snapshot of meeting \"plenary\" at version 4 must follow the "
            "command that "
            "produced that version, but the log has it at sequence 7, after 6");

  Snapshot forever = MakeSnapshot("plenary", 4, 7);
  forever.at = absl::InfiniteFuture();
  EXPECT_EQ(log->SaveSnapshot(forever).code(),
            absl::StatusCode::kInvalidArgument);

  EXPECT_FALSE(log->LatestSnapshot("plenary")->has_value());
}

TEST(BackupTest, ACopyOpensWithTheSameRecordsAndSnapshots) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  std::vector<LoggedCommand> records = AppendSample(*log);
  ASSERT_TRUE(log->SaveSnapshot(MakeSnapshot("plenary", 2, 3)).ok());

  const std::string copy_path = dir.File("backup.db");
  absl::StatusOr<BackupResult> result = log->Backup(copy_path);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_GT(result->pages, 0);
  EXPECT_EQ(result->bytes, result->pages * 4096);
  EXPECT_EQ(fs::file_size(copy_path), static_cast<uintmax_t>(result->bytes));

  // The log goes on, unaffected.
  std::vector<LoggedCommand> more = {MakeRecord("plenary", 6)};
  ASSERT_TRUE(log->Append(absl::MakeSpan(more)).ok());

  std::unique_ptr<SqliteCommandLog> copy = OpenOrDie(copy_path);
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(ReadAllRecords(*copy), records);
  EXPECT_EQ(copy->Count(), 8u);
  EXPECT_EQ(**copy->LatestSnapshot("plenary"), MakeSnapshot("plenary", 2, 3));
  EXPECT_TRUE(copy->IntegrityCheck().ok());
  absl::StatusOr<StorageSettings> settings = copy->Settings();
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->journal_mode, "wal");
}

TEST(BackupTest, AnExistingDestinationIsNeverOverwritten) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  AppendSample(*log);
  const std::string copy_path = dir.File("backup.db");
  WriteFileBytes(copy_path, "precious");

  absl::StatusOr<BackupResult> result = log->Backup(copy_path);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(std::string(result.status().message()),
            "the backup destination " + copy_path +
                " already exists; a backup never overwrites a file: choose a "
                "new name");
  EXPECT_EQ(ReadFileBytes(copy_path), "precious");

  // Not even the log itself.
  EXPECT_EQ(log->Backup(dir.File("log.db")).status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(log->Count(), 8u);
}

TEST(BackupTest, AnUnwritableDestinationIsUnavailable) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  const std::string copy_path = dir.File("missing/backup.db");
  absl::StatusOr<BackupResult> result = log->Backup(copy_path);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(
      std::string(result.status().message()),
      "cannot create the backup " + copy_path + " (No such file or directory)");
}

TEST(BackupTest, WorksWhileTheLogIsBeingWritten) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  // Enough pages for the backup to take many steps.
  std::vector<LoggedCommand> prefill;
  for (uint64_t v = 1; v <= 2000; ++v) {
    prefill.push_back(MakeRecord("plenary", v));
    prefill.back().payload = std::string(2000, 'p');
  }
  ASSERT_TRUE(log->Append(absl::MakeSpan(prefill)).ok());

  std::atomic<bool> done{false};
  std::atomic<int> appended_during{0};
  std::thread writer([&] {
    uint64_t version = 0;
    while (!done.load()) {
      std::vector<LoggedCommand> batch;
      for (int i = 0; i < 10; ++i)
        batch.push_back(MakeRecord("committee", ++version));
      EXPECT_TRUE(log->Append(absl::MakeSpan(batch)).ok());
      ++appended_during;
    }
  });
  absl::StatusOr<BackupResult> result = log->Backup(dir.File("backup.db"));
  done = true;
  writer.join();
  ASSERT_TRUE(result.ok()) << result.status();

  std::unique_ptr<SqliteCommandLog> copy = OpenOrDie(dir.File("backup.db"));
  ASSERT_NE(copy, nullptr);
  EXPECT_TRUE(copy->IntegrityCheck().ok());
  // A consistent prefix of the log: everything before the backup, and
  // exactly the first N records after that.
  std::vector<LoggedCommand> original = ReadAllRecords(*log);
  std::vector<LoggedCommand> copied = ReadAllRecords(*copy);
  ASSERT_GE(copied.size(), prefill.size());
  ASSERT_LE(copied.size(), original.size());
  EXPECT_TRUE(std::equal(copied.begin(), copied.end(), original.begin()));
  EXPECT_EQ(copy->Count(), copied.size());
  RecordProperty("batches_appended_during_backup", appended_during.load());
  RecordProperty("records_in_backup_after_prefill",
                 static_cast<int>(copied.size() - prefill.size()));
}

TEST(IntegrityCheckTest, AHealthyLogPasses) {
  TempDir dir;
  std::unique_ptr<SqliteCommandLog> log = OpenOrDie(dir.File("log.db"));
  ASSERT_NE(log, nullptr);
  AppendSample(*log);
  EXPECT_TRUE(log->IntegrityCheck().ok());
}

}  // namespace
}  // namespace speakers
