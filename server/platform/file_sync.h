#ifndef SPEAKERS_SERVER_PLATFORM_FILE_SYNC_H_
#define SPEAKERS_SERVER_PLATFORM_FILE_SYNC_H_

#include <string>

#include "absl/status/status.h"

namespace speakers {

// Flushes the file at `path` to disk (fsync). UNAVAILABLE naming the file
// and the system error when it cannot.
absl::Status SyncFile(const std::string& path);

// Flushes the directory holding `path` ("." for a bare name), so that a file
// just created there survives a crash. UNAVAILABLE when it cannot.
absl::Status SyncDirectoryOf(const std::string& path);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_PLATFORM_FILE_SYNC_H_
