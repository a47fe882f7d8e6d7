// Failpoints under the log (a VFS that fails SQLite's own writes and
// syncs): after a failed Append the log holds exactly what it held before,
// in this process and after reopening, and says which failures leave the
// outcome unknown (a failed fsync may still have put the commit on disk).

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "server/storage/sqlite_command_log.h"
#include "tests/storage/failing_vfs.h"
#include "tests/storage/storage_test_util.h"

namespace speakers {
namespace {

using ::speakers::testing::FailingVfs;
using ::speakers::testing::MakeRecord;
using ::speakers::testing::TempDir;

std::vector<uint64_t> Versions(const SqliteCommandLog& log) {
  std::vector<uint64_t> out;
  absl::Status status = log.ReadAll([&](const LoggedCommand& r) {
    out.push_back(r.version);
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;  // the chain checks, too
  return out;
}

class CommandLogFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("log.db");
    Reopen();
    for (uint64_t v = 1; v <= 3; ++v) {
      LoggedCommand r = MakeRecord("plenary", v);
      ASSERT_TRUE(log_->Append(absl::MakeSpan(&r, 1)).ok());
    }
  }
  void Reopen() {
    log_.reset();
    absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
        SqliteCommandLog::Open(path_);
    ASSERT_TRUE(log.ok()) << log.status();
    log_ = *std::move(log);
  }
  // Versions 4 and 5 in one transaction, each `payload` bytes.
  absl::Status AppendTwo(size_t payload = 100) {
    std::vector<LoggedCommand> records = {MakeRecord("plenary", 4),
                                          MakeRecord("plenary", 5)};
    for (LoggedCommand& r : records) r.payload = std::string(payload, 'p');
    return log_->Append(absl::MakeSpan(records));
  }

  FailingVfs vfs_;  // before any connection
  TempDir dir_;
  std::string path_;
  std::unique_ptr<SqliteCommandLog> log_;
};

TEST_F(CommandLogFaultTest, AFullDiskAtCommitAppendsNothingAndTheNextTryWorks) {
  vfs_.Arm(FailingVfs::Fault::kFirstWalWrite);
  absl::Status status = AppendTwo();
  EXPECT_TRUE(vfs_.fired());
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "is full")) << status;
  EXPECT_EQ(log_->Count(), 3u);
  EXPECT_EQ(Versions(*log_), (std::vector<uint64_t>{1, 2, 3}));
  // Room again: the same records go in, and the chain goes on.
  vfs_.Arm(FailingVfs::Fault::kNone);
  ASSERT_TRUE(AppendTwo().ok());
  EXPECT_EQ(Versions(*log_), (std::vector<uint64_t>{1, 2, 3, 4, 5}));
  Reopen();
  EXPECT_EQ(Versions(*log_), (std::vector<uint64_t>{1, 2, 3, 4, 5}));
}

TEST_F(CommandLogFaultTest, AFullDiskDuringAnInsertAppendsNothing) {
  // A transaction larger than SQLite's page cache spills frames to the WAL
  // while rows are inserted, before COMMIT.
  std::vector<LoggedCommand> records;
  for (uint64_t v = 4; v < 4 + 600; ++v) {
    records.push_back(MakeRecord("plenary", v));
    records.back().payload = std::string(8192, 'p');
  }
  vfs_.Arm(FailingVfs::Fault::kFirstWalWrite);
  absl::Status status = log_->Append(absl::MakeSpan(records));
  EXPECT_TRUE(vfs_.fired());
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_EQ(log_->Count(), 3u);
  EXPECT_EQ(Versions(*log_), (std::vector<uint64_t>{1, 2, 3}));
  Reopen();
  EXPECT_EQ(Versions(*log_), (std::vector<uint64_t>{1, 2, 3}));
  vfs_.Arm(FailingVfs::Fault::kNone);
  ASSERT_TRUE(AppendTwo().ok());
  EXPECT_EQ(log_->Count(), 5u);
}

TEST_F(CommandLogFaultTest,
       AFailedCommitFrameIsAnUnknownOutcomeThatWasNotKept) {
  vfs_.Arm(FailingVfs::Fault::kCommitFrame);
  absl::Status status = AppendTwo();
  EXPECT_TRUE(vfs_.fired());
  EXPECT_EQ(status.code(), absl::StatusCode::kUnknown) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "may or may not hold it"))
      << status;
  EXPECT_EQ(Versions(*log_), (std::vector<uint64_t>{1, 2, 3}));
  vfs_.Arm(FailingVfs::Fault::kNone);
  Reopen();  // what the file says decides
  EXPECT_EQ(Versions(*log_), (std::vector<uint64_t>{1, 2, 3}));
}

TEST_F(CommandLogFaultTest, AFailedFsyncIsAnUnknownOutcomeThatTheFileMayKeep) {
  vfs_.Arm(FailingVfs::Fault::kWalSync);
  absl::Status status = AppendTwo();
  EXPECT_TRUE(vfs_.fired());
  EXPECT_EQ(status.code(), absl::StatusCode::kUnknown) << status;
  // This connection does not see the transaction...
  EXPECT_EQ(log_->Count(), 3u);
  EXPECT_EQ(Versions(*log_), (std::vector<uint64_t>{1, 2, 3}));
  // ...but its frames reached the file whole (only the fsync "failed"):
  // had the server died now, the next start would find it (a copy taken
  // now is what a crash leaves); closed cleanly, the checkpoint keeps only
  // what this connection committed. Either way the file decides, and the
  // chain checks: that is why the outcome is UNKNOWN and the server takes
  // no more changes until a restart.
  std::filesystem::copy_file(path_, dir_.File("crash.db"));
  std::filesystem::copy_file(path_ + "-wal", dir_.File("crash.db-wal"));
  vfs_.Arm(FailingVfs::Fault::kNone);
  {
    absl::StatusOr<std::unique_ptr<SqliteCommandLog>> crashed =
        SqliteCommandLog::Open(dir_.File("crash.db"));
    ASSERT_TRUE(crashed.ok()) << crashed.status();
    EXPECT_EQ(Versions(**crashed), (std::vector<uint64_t>{1, 2, 3, 4, 5}));
  }
  Reopen();
  EXPECT_EQ(Versions(*log_), (std::vector<uint64_t>{1, 2, 3}));
}

}  // namespace
}  // namespace speakers
