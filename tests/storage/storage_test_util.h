#ifndef SPEAKERS_TESTS_STORAGE_STORAGE_TEST_UTIL_H_
#define SPEAKERS_TESTS_STORAGE_STORAGE_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "server/domain/command_log.h"
#include "server/storage/sqlite_command_log.h"

namespace speakers::testing {

// A fresh directory under the system temp directory, removed with all it
// holds (permissions restored first) when destroyed.
class TempDir {
 public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }
  // path()/name.
  std::string File(const std::string& name) const;

 private:
  std::string path_;
};

// A record with every field set; payload and reply hold NUL bytes.
LoggedCommand MakeRecord(const std::string& meeting, uint64_t version);

// All records, via ReadAll / ReadMeeting / ReadAfter; the status must be OK
// (checked with EXPECT).
std::vector<LoggedCommand> ReadAllRecords(const CommandLog& log);
std::vector<LoggedCommand> ReadMeetingRecords(const CommandLog& log,
                                              const std::string& meeting,
                                              uint64_t from, uint64_t to);
std::vector<LoggedCommand> ReadRecordsAfter(const SqliteCommandLog& log,
                                            uint64_t sequence);

// Runs SQL on the file with a plain SQLite connection (to tamper with it).
absl::Status RawExecute(const std::string& path, const std::string& sql);
// Column `column` of the first row, as text; "<error>" when there is none.
std::string RawQuery(const std::string& path, const std::string& sql,
                     int column = 0);

std::string ReadFileBytes(const std::string& path);
void WriteFileBytes(const std::string& path, const std::string& bytes);

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_STORAGE_STORAGE_TEST_UTIL_H_
