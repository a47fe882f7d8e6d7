#ifndef SPEAKERS_SERVER_PLATFORM_DURABLE_FILE_H_
#define SPEAKERS_SERVER_PLATFORM_DURABLE_FILE_H_

#include <sys/types.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace speakers {

// Writes `bytes` to `path` so that a crash at any moment leaves either no
// file (or the old one) or the whole new one, on disk: the bytes go to
// PATH.new (created with `mode`, replacing a leftover), are synced, renamed
// over `path`, and the directory is synced. UNAVAILABLE naming the file and
// the system error when a step fails; PATH.new is then removed, and `path`
// is as it was.
absl::Status WriteFileDurably(const std::string& path, absl::string_view bytes,
                              mode_t mode);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_PLATFORM_DURABLE_FILE_H_
