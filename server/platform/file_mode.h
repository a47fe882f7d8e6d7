#ifndef SPEAKERS_SERVER_PLATFORM_FILE_MODE_H_
#define SPEAKERS_SERVER_PLATFORM_FILE_MODE_H_

#include <sys/types.h>

#include <string>

#include "absl/status/status.h"

namespace speakers {

// Sets the permission bits of `path` (a file or a directory the server
// owns) to `mode`, e.g. 0700 for the data directory, 0600 for the
// database. UNAVAILABLE naming the path and the reason when it cannot
// (another user's file, a read-only file system).
absl::Status MakePrivate(const std::string& path, mode_t mode);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_PLATFORM_FILE_MODE_H_
