#include "server/platform/durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "server/platform/file_sync.h"

namespace speakers {
namespace {

absl::Status Failed(const std::string& what, const std::string& path,
                    int error) {
  return absl::UnavailableError(absl::StrCat("cannot ", what, " ", path, " (",
                                             std::strerror(error), ")"));
}

}  // namespace

absl::Status WriteFileDurably(const std::string& path, absl::string_view bytes,
                              mode_t mode) {
  const std::string temporary = path + ".new";
  // A leftover of a write cut short: never renamed, so never in use.
  (void)unlink(temporary.c_str());
  const int fd =
      open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return Failed("create", temporary, errno);
  absl::Status status;
  size_t written = 0;
  while (status.ok() && written < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      status = Failed("write", temporary, n < 0 ? errno : ENOSPC);
    } else {
      written += static_cast<size_t>(n);
    }
  }
  if (status.ok() && fsync(fd) != 0)
    status = Failed("sync to disk", temporary, errno);
  if (close(fd) != 0 && status.ok()) status = Failed("close", temporary, errno);
  if (status.ok() && rename(temporary.c_str(), path.c_str()) != 0)
    status = Failed(absl::StrCat("rename ", temporary, " to"), path, errno);
  if (!status.ok()) {
    (void)unlink(temporary.c_str());
    return status;
  }
  return SyncDirectoryOf(path);
}

}  // namespace speakers
