#include "server/platform/file_mode.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace speakers {

absl::Status MakePrivate(const std::string& path, mode_t mode) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot read the mode of ", path,
                                               ": ", std::strerror(errno)));
  }
  if ((info.st_mode & 07777) == mode) return absl::OkStatus();
  if (::chmod(path.c_str(), mode) != 0) {
    char octal[8];
    std::snprintf(octal, sizeof(octal), "%04o", static_cast<unsigned>(mode));
    return absl::UnavailableError(absl::StrCat(
        "cannot make ", path, " private (mode ", octal,
        "): ", std::strerror(errno), "; it must belong to the server's user"));
  }
  return absl::OkStatus();
}

}  // namespace speakers
