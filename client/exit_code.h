#ifndef SPEAKERS_CLIENT_EXIT_CODE_H_
#define SPEAKERS_CLIENT_EXIT_CODE_H_

#include <string>

#include "absl/status/status.h"

namespace speakers::cli {

// Exit status of the CLI when everything went well.
inline constexpr int kExitOk = 0;
// A local failure that is no gRPC error (e.g. a reply that cannot be
// printed as JSON).
inline constexpr int kExitLocalFailure = 1;
// The command line is wrong.
inline constexpr int kExitUsage = 2;
// Errors with a status code exit with kExitStatusBase + the code.
inline constexpr int kExitStatusBase = 3;

// The exit status for `status`: 0 when OK, else 3 + its canonical code
// (6 INVALID_ARGUMENT, 8 NOT_FOUND, 12 FAILED_PRECONDITION, 17 UNAVAILABLE,
// 19 UNAUTHENTICATED, ...).
int ExitCodeFor(const absl::Status& status);

// The line printed on stderr for a failed command:
// "speakers: NOT_FOUND: no delegation XYZ" (no newline).
std::string ErrorLine(const absl::Status& status);

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_EXIT_CODE_H_
