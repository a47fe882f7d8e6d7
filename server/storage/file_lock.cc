#include "server/storage/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace speakers {
namespace {

// The process id written in the lock file, or "" when unreadable.
std::string ReadOwner(int fd) {
  char buffer[32] = {};
  const ssize_t n = pread(fd, buffer, sizeof(buffer) - 1, 0);
  if (n <= 0) return std::string();
  return std::string(absl::StripAsciiWhitespace(absl::string_view(buffer, n)));
}

}  // namespace

absl::StatusOr<FileLock> FileLock::Acquire(const std::string& lock_path,
                                           const std::string& guarded) {
  const int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int error = errno;
    return absl::UnavailableError(
        absl::StrCat("cannot create the lock file ", lock_path, " (",
                     std::strerror(error), "); the directory of ", guarded,
                     " must exist and be writable by the server"));
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EWOULDBLOCK) {
      const std::string owner = ReadOwner(fd);
      close(fd);
      return absl::FailedPreconditionError(absl::StrCat(
          "another speakers server",
          owner.empty() ? "" : absl::StrCat(" (pid ", owner, ")"), " is using ",
          guarded,
          "; stop it first, or give this server another data directory"));
    }
    close(fd);
    return absl::UnavailableError(absl::StrCat("cannot lock ", lock_path, " (",
                                               std::strerror(error), ")"));
  }
  // Best effort: the pid only improves the message a second server prints.
  const std::string pid = absl::StrCat(getpid(), "\n");
  if (ftruncate(fd, 0) == 0) {
    (void)!pwrite(fd, pid.data(), pid.size(), 0);
  }
  return FileLock(lock_path, fd);
}

FileLock::FileLock(FileLock&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) close(fd_);  // closing the only descriptor releases the flock
}

}  // namespace speakers
