// The write-ahead log as a crash leaves it: SQLite applies the committed
// transactions and drops an unfinished one, which the scan reports; a frame
// damaged after the fact, with committed frames after it, or a damaged
// header, is refused with DATA_LOSS instead of silently dropping commands.

#include "server/storage/wal_scan.h"

#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "server/storage/sqlite_command_log.h"
#include "tests/storage/storage_test_util.h"

namespace speakers {
namespace {

namespace fs = std::filesystem;
using ::speakers::testing::MakeRecord;
using ::speakers::testing::ReadFileBytes;
using ::speakers::testing::TempDir;
using ::speakers::testing::WriteFileBytes;

constexpr uint64_t kFrameBytes = 24 + 4096;

// A copy of a log of `count` one-record transactions taken while it is
// open (as a kill -9 leaves it: everything in the WAL, nothing
// checkpointed). Returns the copy's path.
std::string CrashCopy(const TempDir& dir, int count) {
  const std::string path = dir.File("live.db");
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  EXPECT_TRUE(log.ok()) << log.status();
  for (int v = 1; v <= count; ++v) {
    LoggedCommand record = MakeRecord("plenary", v);
    EXPECT_TRUE((*log)->Append(absl::MakeSpan(&record, 1)).ok());
  }
  const std::string copy = dir.File("copy.db");
  fs::copy_file(path, copy);
  fs::copy_file(path + "-wal", copy + "-wal");
  return copy;
}

uint64_t Records(const std::string& path, WalScan* scan = nullptr) {
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  EXPECT_TRUE(log.ok()) << log.status();
  if (!log.ok()) return 0;
  if (scan != nullptr) *scan = (*log)->wal_at_open();
  return (*log)->Count();
}

TEST(WalScanTest, AnIntactWalIsAppliedWhole) {
  TempDir dir;
  const std::string copy = CrashCopy(dir, 10);
  absl::StatusOr<WalScan> scan = ScanWal(copy + "-wal");
  ASSERT_TRUE(scan.ok()) << scan.status();
  EXPECT_EQ(scan->commits, 10u);
  EXPECT_GE(scan->frames, 10u);
  EXPECT_EQ(scan->discarded_bytes, 0u);
  EXPECT_EQ(scan->bytes, 32 + scan->frames * kFrameBytes);
  EXPECT_EQ(Records(copy), 10u);
}

TEST(WalScanTest, AMissingOrEmptyWalIsNothing) {
  TempDir dir;
  absl::StatusOr<WalScan> scan = ScanWal(dir.File("none-wal"));
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->bytes, 0u);
  WriteFileBytes(dir.File("empty-wal"), "");
  scan = ScanWal(dir.File("empty-wal"));
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->frames, 0u);
}

TEST(WalScanTest, AnUnfinishedLastTransactionIsDiscardedAndReported) {
  TempDir dir;
  const std::string copy = CrashCopy(dir, 10);
  // The last frame cut short: the process died writing the last commit
  // (which was therefore never acknowledged).
  const std::string wal = ReadFileBytes(copy + "-wal");
  WriteFileBytes(copy + "-wal", wal.substr(0, wal.size() - 1000));
  WalScan scan;
  EXPECT_EQ(Records(copy, &scan), 9u);
  EXPECT_EQ(scan.commits, 9u);
  EXPECT_GT(scan.discarded_bytes, 0u);
  EXPECT_EQ(32 + scan.frames * kFrameBytes + scan.discarded_bytes,
            wal.size() - 1000);
}

TEST(WalScanTest, AChangedByteBeforeCommittedFramesIsDataLoss) {
  TempDir dir;
  const std::string copy = CrashCopy(dir, 10);
  std::string wal = ReadFileBytes(copy + "-wal");
  const size_t byte = 32 + 1 * kFrameBytes + 24 + 100;  // frame 2's page
  wal[byte] = static_cast<char>(wal[byte] ^ 0x01);
  WriteFileBytes(copy + "-wal", wal);
  const std::string before = ReadFileBytes(copy);

  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(copy);
  ASSERT_EQ(log.status().code(), absl::StatusCode::kDataLoss) << log.status();
  EXPECT_TRUE(absl::StrContains(
      log.status().message(),
      absl::StrCat("the write-ahead log ", copy,
                   "-wal is damaged at frame 2 (byte 4152): it does not "
                   "check, but committed frames follow it")))
      << log.status();
  // Left as it was, WAL included.
  EXPECT_EQ(ReadFileBytes(copy + "-wal"), wal);
  EXPECT_EQ(ReadFileBytes(copy), before);
}

TEST(WalScanTest, ADamagedHeaderBeforeFramesIsDataLoss) {
  TempDir dir;
  const std::string copy = CrashCopy(dir, 3);
  std::string wal = ReadFileBytes(copy + "-wal");
  wal[17] = static_cast<char>(wal[17] ^ 0x40);  // salt 1
  WriteFileBytes(copy + "-wal", wal);
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(copy);
  ASSERT_EQ(log.status().code(), absl::StatusCode::kDataLoss) << log.status();
  EXPECT_TRUE(
      absl::StrContains(log.status().message(), "its header does not check"))
      << log.status();
}

}  // namespace
}  // namespace speakers
