#include "tests/durability/data_dir_fixture.h"

#include <sys/wait.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "tests/durability/crash_env.h"
#include "tests/durability/durability_util.h"
#include "tests/testing/server_process.h"

namespace speakers::durability {

using ::speakers::testing::DescribeWaitStatus;
using ::speakers::testing::MakeTempDir;
using ::speakers::testing::ReadFile;
using ::speakers::testing::RemoveTree;
using ::speakers::testing::ServerProcess;
using ::speakers::testing::WriteFile;

size_t DataDirTest::PageSize(const std::string& db) {
  if (db.size() < 100) return 0;
  return static_cast<size_t>(static_cast<unsigned char>(db[16])) << 8 |
         static_cast<unsigned char>(db[17]);
}

void DataDirTest::SetUp() {
  absl::StatusOr<std::string> dir = MakeTempDir("speakers-datadir");
  ASSERT_TRUE(dir.ok()) << dir.status();
  work_ = *dir;
}

void DataDirTest::TearDown() {
  if (!work_.empty() && !KeepDirs()) RemoveTree(work_);
}

const std::string& DataDirTest::ValidDatabase() {
  static const std::string bytes = [] {
    absl::StatusOr<std::string> dir = MakeTempDir("speakers-valid-db");
    if (!dir.ok()) return std::string();
    const std::string path = *dir + "/speakers.db";
    absl::StatusOr<GeneratedLog> log = GenerateLog(path, 3000, /*seed=*/7);
    std::string out = log.ok() ? ReadFile(path) : std::string();
    RemoveTree(*dir);
    return out;
  }();
  return bytes;
}

std::string DataDirTest::DataDirWith(const std::string& name,
                                     const std::string& bytes) {
  const std::string dir = work_ + "/" + name;
  std::filesystem::create_directories(dir);
  EXPECT_TRUE(WriteFile(dir + "/speakers.db", bytes));
  return dir;
}

void DataDirTest::ExpectRefused(const std::string& dir, const std::string& what,
                                const std::string& why) {
  SCOPED_TRACE(what);
  const std::string db = dir + "/speakers.db";
  const std::string before = ReadFile(db);
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(ServerArgv(dir));
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<std::string> listening =
      (*server)->WaitListening(kStartTimeout);
  if (listening.ok()) {
    (*server)->Kill();
    ADD_FAILURE() << "the server started on a database " << what
                  << (why.empty() ? "" : "; ") << why << "; stdout:\n"
                  << (*server)->out();
    return;
  }
  absl::StatusOr<int> status = (*server)->WaitExit(absl::Seconds(60));
  ASSERT_TRUE(status.ok()) << "the server did not exit on " << what
                           << "; stdout:\n"
                           << (*server)->out();
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) != 0)
      << DescribeWaitStatus(*status);
  const std::string err = (*server)->err();
  // The code name (DATA_LOSS) or the words of sqlite::DamagedDatabase.
  EXPECT_TRUE(absl::StrContains(err, "DATA_LOSS") ||
              absl::StrContains(err, "is damaged"))
      << "stderr: " << err;
  EXPECT_TRUE(absl::StrContains(err, "never reset silently"))
      << "stderr: " << err;
  EXPECT_TRUE(ReadFile(db) == before) << "the refused file was changed";
  EXPECT_FALSE(std::filesystem::exists(db + "-wal"))
      << "the refused file got a WAL";
  EXPECT_FALSE(std::filesystem::exists(db + "-shm"))
      << "the refused file got a -shm";
  std::cout << "  " << what << ": " << DescribeWaitStatus(*status)
            << ", stderr: " << err;
}

}  // namespace speakers::durability
