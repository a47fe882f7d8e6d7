#include "tests/storage/storage_test_util.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace speakers::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device random;
  path_ = (fs::temp_directory_path() / absl::StrCat("speakers-storage-test-",
                                                    getpid(), "-", counter++,
                                                    "-", random()))
              .string();
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code error;
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, error);
  fs::remove_all(path_, error);
}

std::string TempDir::File(const std::string& name) const {
  return (fs::path(path_) / name).string();
}

LoggedCommand MakeRecord(const std::string& meeting, uint64_t version) {
  LoggedCommand record;
  record.meeting = meeting;
  record.version = version;
  // Distinct per version, without overflowing for the largest versions.
  record.at = absl::FromUnixNanos(1'750'000'000'123'456'789) +
              absl::Nanoseconds(version % 1'000'000'000);
  record.actor = "chair of " + meeting;
  record.request_id = absl::StrCat("req-", meeting, "-", version);
  record.kind = "inscribe";
  record.payload = std::string("pay\0load ", 9) + std::to_string(version);
  record.reply = std::string("\0\xff reply ", 8) + std::to_string(version);
  return record;
}

std::vector<LoggedCommand> ReadAllRecords(const CommandLog& log) {
  std::vector<LoggedCommand> records;
  EXPECT_TRUE(log.ReadAll([&](const LoggedCommand& record) {
                   records.push_back(record);
                   return absl::OkStatus();
                 })
                  .ok());
  return records;
}

std::vector<LoggedCommand> ReadMeetingRecords(const CommandLog& log,
                                              const std::string& meeting,
                                              uint64_t from, uint64_t to) {
  std::vector<LoggedCommand> records;
  EXPECT_TRUE(log.ReadMeeting(meeting, from, to,
                              [&](const LoggedCommand& record) {
                                records.push_back(record);
                                return absl::OkStatus();
                              })
                  .ok());
  return records;
}

std::vector<LoggedCommand> ReadRecordsAfter(const SqliteCommandLog& log,
                                            uint64_t sequence) {
  std::vector<LoggedCommand> records;
  EXPECT_TRUE(log.ReadAfter(sequence,
                            [&](const LoggedCommand& record) {
                              records.push_back(record);
                              return absl::OkStatus();
                            })
                  .ok());
  return records;
}

absl::Status RawExecute(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  absl::Status status = rc == SQLITE_OK
                            ? absl::OkStatus()
                            : absl::UnknownError(absl::StrCat(
                                  "sqlite ", rc, ": ", sqlite3_errmsg(db)));
  sqlite3_close_v2(db);
  return status;
}

std::string RawQuery(const std::string& path, const std::string& sql,
                     int column) {
  sqlite3* db = nullptr;
  std::string result = "<error>";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, column);
      result = text == nullptr ? "" : reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close_v2(db);
  return result;
}

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void WriteFileBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace speakers::testing
