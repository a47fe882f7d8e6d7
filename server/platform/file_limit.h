#ifndef SPEAKERS_SERVER_PLATFORM_FILE_LIMIT_H_
#define SPEAKERS_SERVER_PLATFORM_FILE_LIMIT_H_

#include <cstdint>

#include "absl/status/statusor.h"

namespace speakers {

// Raises this process's soft limit on open files to its hard limit: every
// display, phone and console holds a connection, and Debian's default soft
// limit (1,024) is below what one conference room opens. Returns the soft
// limit in effect afterwards; INTERNAL (with the system's reason) when the
// limit cannot be read or set, in which case it is unchanged.
absl::StatusOr<uint64_t> RaiseOpenFilesLimit();

}  // namespace speakers

#endif  // SPEAKERS_SERVER_PLATFORM_FILE_LIMIT_H_
