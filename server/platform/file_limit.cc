#include "server/platform/file_limit.h"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace speakers {

absl::StatusOr<uint64_t> RaiseOpenFilesLimit() {
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return absl::InternalError(absl::StrCat(
        "cannot read the open files limit: ", std::strerror(errno)));
  }
  if (limit.rlim_cur == limit.rlim_max) return limit.rlim_cur;
  const rlim_t before = limit.rlim_cur;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return absl::InternalError(
        absl::StrCat("cannot raise the open files limit", " from ", before,
                     " to ", limit.rlim_max, ": ", std::strerror(errno)));
  }
  return limit.rlim_cur;
}

}  // namespace speakers
