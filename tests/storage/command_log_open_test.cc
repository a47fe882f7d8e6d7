// Opening: what is refused (damaged, foreign, newer, in use, unwritable),
// with which code and message, and that a refused file is left unchanged.

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
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
using ::speakers::testing::RawExecute;
using ::speakers::testing::ReadAllRecords;
using ::speakers::testing::ReadFileBytes;
using ::speakers::testing::TempDir;
using ::speakers::testing::WriteFileBytes;

constexpr char kNeverReset[] =
    "restore it from a backup (speakers backup) or move it away to start empty "
    "— it is never "
    "reset silently";

// Makes a closed log at `path` with `count` records of `payload_size` bytes.
void MakeLog(const std::string& path, int count, size_t payload_size = 100) {
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  ASSERT_TRUE(log.ok()) << log.status();
  std::vector<LoggedCommand> records;
  for (int v = 1; v <= count; ++v) {
    records.push_back(MakeRecord("plenary", v));
    records.back().payload =
        std::string(payload_size, static_cast<char>('a' + v % 26));
  }
  ASSERT_TRUE((*log)->Append(absl::MakeSpan(records)).ok());
}

// What a child process saw: its status code and message.
struct ChildResult {
  int code = -1;
  std::string message;
};

// Runs `body` in a forked child and returns the status it produced (the
// child writes the message to a pipe and exits with the code).
template <typename Body>
ChildResult RunInChild(Body body) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    absl::Status status = body();
    const std::string message(status.message());
    (void)!write(fds[1], message.data(), message.size());
    close(fds[1]);
    _exit(static_cast<int>(status.code()));
  }
  close(fds[1]);
  ChildResult result;
  char buffer[1024];
  ssize_t n;
  while ((n = read(fds[0], buffer, sizeof(buffer))) > 0)
    result.message.append(buffer, n);
  close(fds[0]);
  int wait_status = 0;
  waitpid(pid, &wait_status, 0);
  if (WIFEXITED(wait_status)) result.code = WEXITSTATUS(wait_status);
  return result;
}

TEST(SqliteCommandLogOpenTest, ANewFileHasTheSchemaOnDiskAtOnce) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(dir.File("log.db"));
  ASSERT_TRUE(log.ok()) << log.status();
  // Switching to WAL writes the header to the file itself. It must: SQLite
  // deletes the WAL of an empty database file when it opens one, and with
  // it, after a crash, every command not yet checkpointed.
  EXPECT_GE(fs::file_size(dir.File("log.db")), 4096u);
}

TEST(SqliteCommandLogOpenTest, ANewerSchemaIsRefusedAndLeftAsItIs) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  MakeLog(path, 3);
  ASSERT_TRUE(RawExecute(path, "PRAGMA user_version = 3").ok());
  const std::string before = ReadFileBytes(path);

  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  ASSERT_EQ(log.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(log.status().message()),
            path +
                " was written by a newer speakers (schema 3 > 2); upgrade the "
                "server — the "
                "file is left as it is");
  EXPECT_EQ(ReadFileBytes(path), before);
  EXPECT_FALSE(fs::exists(path + "-wal"));
}

TEST(SqliteCommandLogOpenTest, ATruncatedFileIsDataLossAndLeftAsItIs) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  MakeLog(path, 300, 1000);
  ASSERT_FALSE(fs::exists(path + "-wal"));  // checkpointed at close
  const uintmax_t size = fs::file_size(path);
  ASSERT_GT(size, 300u * 1000u);
  fs::resize_file(path, size / 2);
  const std::string before = ReadFileBytes(path);

  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  ASSERT_EQ(log.status().code(), absl::StatusCode::kDataLoss) << log.status();
  EXPECT_EQ(
      std::string(log.status().message()),
      absl::StrCat(
          "the database file ", path,
          " is damaged (its schema cannot be read: database disk image is "
          "malformed); ",
          kNeverReset));
  EXPECT_EQ(ReadFileBytes(path), before);
  EXPECT_FALSE(fs::exists(path + "-wal"));
}

TEST(SqliteCommandLogOpenTest, ADamagedPageInsideIsFoundByTheCheckAtOpen) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  MakeLog(path, 300, 1000);
  std::string bytes = ReadFileBytes(path);
  const size_t page = bytes.size() / 4096 / 2;  // a page of the commands table
  for (size_t i = page * 4096; i < (page + 1) * 4096; ++i) bytes[i] = '\x55';
  WriteFileBytes(path, bytes);

  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  ASSERT_EQ(log.status().code(), absl::StatusCode::kDataLoss) << log.status();
  const std::string message(log.status().message());
  EXPECT_EQ(message.rfind(
                "the database file " + path + " is damaged (quick_check: ", 0),
            0u)
      << message;
  EXPECT_NE(message.find(kNeverReset), std::string::npos) << message;
  EXPECT_EQ(ReadFileBytes(path), bytes);
}

TEST(SqliteCommandLogOpenTest, AFileOfRandomBytesIsDataLoss) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  std::string bytes(64 * 1024, '\0');
  uint64_t x = 88172645463325252u;  // xorshift
  for (char& c : bytes) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x);
  }
  WriteFileBytes(path, bytes);

  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  ASSERT_EQ(log.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(
      std::string(log.status().message()),
      absl::StrCat(
          "the database file ", path,
          " is damaged (it does not start with an SQLite header: file is not a "
          "database); ",
          kNeverReset));
  EXPECT_EQ(ReadFileBytes(path), bytes);
}

TEST(SqliteCommandLogOpenTest, AnotherProgramsDatabaseIsRefusedAndLeftAsItIs) {
  TempDir dir;
  const std::string path = dir.File("budget.db");
  ASSERT_TRUE(
      RawExecute(
          path,
          "PRAGMA journal_mode = WAL; CREATE TABLE votes(x); CREATE TABLE "
          "budget(y); INSERT INTO votes VALUES(1)")
          .ok());
  const std::string before = ReadFileBytes(path);

  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  ASSERT_EQ(log.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(log.status().message()),
            path +
                " is not a speakers database (it is an SQLite database of "
                "another program, "
                "application id 0, with tables budget, votes); give the server "
                "its own data "
                "file, or move this one away — it is never reset or changed");
  EXPECT_EQ(ReadFileBytes(path), before);
}

TEST(SqliteCommandLogOpenTest, ASpeakersMarkWithoutItsTablesIsDamaged) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  ASSERT_TRUE(
      RawExecute(path,
                 "CREATE TABLE other(x); PRAGMA application_id = 1397771090; "
                 "PRAGMA user_version = 1")
          .ok());
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  ASSERT_EQ(log.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(
      std::string(log.status().message()),
      absl::StrCat(
          "the database file ", path,
          " is damaged (its meta table is missing or does not name speakers); ",
          kNeverReset));
}

TEST(SqliteCommandLogOpenTest, MissingCommandsAreDataLoss) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  MakeLog(path, 5);
  ASSERT_TRUE(RawExecute(path, "DELETE FROM commands WHERE sequence = 3").ok());
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  ASSERT_EQ(log.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(log.status().message()),
            absl::StrCat(
                "the database file ", path,
                " is damaged (it holds 4 commands but the last has sequence 5: "
                "commands are missing); ",
                kNeverReset));
}

TEST(SqliteCommandLogOpenTest, ASecondOpenInTheSameProcessIsRefused) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> first =
      SqliteCommandLog::Open(path);
  ASSERT_TRUE(first.ok()) << first.status();

  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> second =
      SqliteCommandLog::Open(path);
  ASSERT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(second.status().message()),
            absl::StrCat(
                "another speakers server (pid ", getpid(), ") is using ", path,
                "; stop it first, or give this server another data directory"));
  // The first one is unaffected.
  std::vector<LoggedCommand> one = {MakeRecord("plenary", 1)};
  EXPECT_TRUE((*first)->Append(absl::MakeSpan(one)).ok());

  first->reset();
  EXPECT_TRUE(SqliteCommandLog::Open(path).ok());
}

TEST(SqliteCommandLogOpenTest, AnOpenFromAnotherProcessIsRefused) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> first =
      SqliteCommandLog::Open(path);
  ASSERT_TRUE(first.ok()) << first.status();

  ChildResult child =
      RunInChild([&] { return SqliteCommandLog::Open(path).status(); });
  EXPECT_EQ(child.code,
            static_cast<int>(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(child.message,
            absl::StrCat(
                "another speakers server (pid ", getpid(), ") is using ", path,
                "; stop it first, or give this server another data directory"));

  first->reset();  // releases the lock: now another process may open it
  child = RunInChild([&] { return SqliteCommandLog::Open(path).status(); });
  EXPECT_EQ(child.code, 0) << child.message;
}

TEST(SqliteCommandLogOpenTest, OtherSqliteConnectionsAreLockedOut) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  ASSERT_TRUE(log.ok()) << log.status();
  std::vector<LoggedCommand> one = {MakeRecord("plenary", 1)};
  ASSERT_TRUE((*log)->Append(absl::MakeSpan(one)).ok());

  // Without the lock file: SQLite's own lock, held since Open.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr),
            SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(raw, "SELECT count(*) FROM commands", nullptr, nullptr,
                         nullptr),
            SQLITE_BUSY);
  EXPECT_EQ(sqlite3_exec(raw, "INSERT INTO commands(meeting) VALUES('x')",
                         nullptr, nullptr, nullptr),
            SQLITE_BUSY);
  sqlite3_close_v2(raw);
  // Closing that connection's file descriptor did not drop the log's POSIX
  // locks (SQLite defers the close): still locked out, and the log works.
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(raw, "SELECT count(*) FROM commands", nullptr, nullptr,
                         nullptr),
            SQLITE_BUSY);
  sqlite3_close_v2(raw);
  std::vector<LoggedCommand> two = {MakeRecord("plenary", 2)};
  EXPECT_TRUE((*log)->Append(absl::MakeSpan(two)).ok());
  EXPECT_EQ((*log)->Count(), 2u);
}

TEST(SqliteCommandLogOpenTest, AFileLockedByAnotherSqliteProgramIsRefused) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  MakeLog(path, 2);
  // A program that ignores the lock file but holds SQLite's lock.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr),
            SQLITE_OK);

  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  ASSERT_EQ(log.status().code(), absl::StatusCode::kFailedPrecondition)
      << log.status();
  EXPECT_EQ(std::string(log.status().message()),
            "another speakers server or program is using " + path +
                " (it is locked); stop it first, or give this server another "
                "data file");

  sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close_v2(raw);
  log = SqliteCommandLog::Open(path);
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ((*log)->Count(), 2u);
}

TEST(SqliteCommandLogOpenTest, AMissingDirectoryIsUnavailable) {
  TempDir dir;
  const std::string path = dir.File("no/such/dir/log.db");
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  ASSERT_EQ(log.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(std::string(log.status().message()),
            "cannot create the lock file " + path +
                ".lock (No such file or directory); the " + "directory of " +
                path + " must exist and be writable by the server");
}

TEST(SqliteCommandLogOpenTest, AReadOnlyDirectoryIsUnavailable) {
  TempDir dir;
  const std::string ro = dir.File("ro");
  fs::create_directory(ro);
  fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec |
                          fs::perms::group_read | fs::perms::group_exec |
                          fs::perms::others_read | fs::perms::others_exec);
  const std::string path = ro + "/log.db";
  auto open = [&] { return SqliteCommandLog::Open(path).status(); };
  ChildResult result;
  if (geteuid() != 0) {
    absl::Status status = open();
    result = {static_cast<int>(status.code()), std::string(status.message())};
  } else {
    // Root ignores directory permissions: try as "nobody" in a child.
    constexpr int kCannotDropRoot = 100;
    result = RunInChild([&] {
      if (setgid(65534) != 0 || setuid(65534) != 0) {
        _exit(kCannotDropRoot);
      }
      return open();
    });
    if (result.code == kCannotDropRoot) {
      GTEST_SKIP() << "running as root, which may write to a read-only "
                      "directory, and cannot "
                      "switch to user nobody to test it";
    }
  }
  EXPECT_EQ(result.code, static_cast<int>(absl::StatusCode::kUnavailable));
  EXPECT_EQ(result.message, "cannot create the lock file " + path +
                                ".lock (Permission denied); the directory of " +
                                path +
                                " must exist and be writable by the server");
  EXPECT_FALSE(fs::exists(path));
}

}  // namespace
}  // namespace speakers
