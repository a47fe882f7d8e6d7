#include "server/storage/online_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/platform/file_sync.h"
#include "server/storage/sqlite_status.h"

namespace speakers {
namespace {

// Pages copied per step, between which the source's owner may write.
constexpr int kPagesPerStep = 256;
// How often a step that found a lock is retried (5 ms apart) before giving up.
constexpr int kBusyRetries = 200;

// Copies `source` into the empty file `destination`.
absl::StatusOr<BackupResult> CopyInto(const sqlite::Database& source,
                                      absl::Mutex* mu,
                                      const std::string& destination) {
  absl::StatusOr<std::unique_ptr<sqlite::Database>> copy =
      sqlite::Database::Open(destination, sqlite::Database::Mode::kReadWrite);
  if (!copy.ok()) return copy.status();
  absl::Status status = (*copy)->Execute("PRAGMA synchronous = FULL");
  if (!status.ok()) return status;
  sqlite3_backup* backup = nullptr;
  {
    absl::MutexLock lock(mu);
    backup =
        sqlite3_backup_init((*copy)->handle(), "main", source.handle(), "main");
  }
  if (backup == nullptr) {
    return (*copy)->Error((*copy)->last_error_code(), "starting the backup");
  }
  BackupResult copied;
  int rc = SQLITE_OK;
  for (int busy = 0; busy <= kBusyRetries;) {
    {
      absl::MutexLock lock(mu);
      rc = sqlite3_backup_step(backup, kPagesPerStep);
      copied.pages = sqlite3_backup_pagecount(backup);
    }
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      ++busy;
      absl::SleepFor(absl::Milliseconds(5));
    } else if (rc != SQLITE_OK) {
      break;
    }
  }
  int finished;
  {
    absl::MutexLock lock(mu);
    finished = sqlite3_backup_finish(backup);
  }
  if (rc != SQLITE_DONE) {
    // The step's error names the file at fault: the source when it is damaged.
    const int primary = rc & 0xff;
    const bool source_damaged =
        primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
    return sqlite::ErrorStatus(
        rc, "", 0, source_damaged ? source.path() : destination,
        absl::StrCat("backing up ", source.path(), " to ", destination));
  }
  if (finished != SQLITE_OK) {
    return (*copy)->Error(
        finished, absl::StrCat("finishing the backup of ", source.path()));
  }
  absl::StatusOr<int64_t> page_size = (*copy)->QueryInt("PRAGMA page_size");
  if (!page_size.ok()) return page_size.status();
  copied.bytes = copied.pages * *page_size;
  return copied;
}

}  // namespace

absl::StatusOr<BackupResult> OnlineBackup(const sqlite::Database& source,
                                          absl::Mutex* mu,
                                          const std::string& destination) {
  // O_EXCL: the check and the creation are one step, so nothing is overwritten.
  const int fd =
      open(destination.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int error = errno;
    if (error == EEXIST) {
      return absl::AlreadyExistsError(
          absl::StrCat("the backup destination ", destination,
                       " already exists; a backup never overwrites a file: "
                       "choose a new name"));
    }
    return absl::UnavailableError(absl::StrCat("cannot create the backup ",
                                               destination, " (",
                                               std::strerror(error), ")"));
  }
  close(fd);

  absl::StatusOr<BackupResult> result = CopyInto(source, mu, destination);
  absl::Status status = result.status();
  if (status.ok()) status = SyncFile(destination);
  if (status.ok()) status = SyncDirectoryOf(destination);
  if (!status.ok()) {
    std::error_code ignored;
    std::filesystem::remove(destination, ignored);
    std::filesystem::remove(destination + "-journal", ignored);
    return status;
  }
  return result;
}

}  // namespace speakers
