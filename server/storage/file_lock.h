#ifndef SPEAKERS_SERVER_STORAGE_FILE_LOCK_H_
#define SPEAKERS_SERVER_STORAGE_FILE_LOCK_H_

#include <string>
#include <utility>

#include "absl/status/statusor.h"

namespace speakers {

// An exclusive advisory lock (flock) on a lock file, held until destroyed,
// that tells one server from a second one on the same data: it conflicts
// with any other FileLock on the same file, in another process or in this
// one. The lock file holds the owner's process id, for messages; it is
// left in place when the lock is released (removing it would race).
class FileLock {
 public:
  // Locks `lock_path` (created if missing) on behalf of `guarded` (the file
  // the lock protects, named in messages). FAILED_PRECONDITION "another
  // speakers server (pid N) is using GUARDED" when already locked;
  // UNAVAILABLE when the lock file cannot be created (read-only or missing
  // directory, ...).
  static absl::StatusOr<FileLock> Acquire(const std::string& lock_path,
                                          const std::string& guarded);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  // Releases the lock.
  ~FileLock();

  const std::string& path() const { return path_; }

 private:
  FileLock(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::string path_;
  int fd_;  // -1 once moved from
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_STORAGE_FILE_LOCK_H_
