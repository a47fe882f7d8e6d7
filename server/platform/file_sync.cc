#include "server/platform/file_sync.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace speakers {
namespace {

// fsync of whatever `path` names; the errno on failure, 0 on success.
int Sync(const std::string& path, int flags) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | flags);
  if (fd < 0) return errno;
  const int error = fsync(fd) == 0 ? 0 : errno;
  close(fd);
  return error;
}

}  // namespace

absl::Status SyncFile(const std::string& path) {
  const int error = Sync(path, 0);
  if (error == 0) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat("cannot sync ", path, " to disk (",
                                             std::strerror(error), ")"));
}

absl::Status SyncDirectoryOf(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = std::filesystem::path(".");
  const int error = Sync(dir.string(), O_DIRECTORY);
  if (error == 0) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat("cannot sync the directory ",
                                             dir.string(), " of ", path, " (",
                                             std::strerror(error), ")"));
}

}  // namespace speakers
