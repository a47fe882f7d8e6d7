#ifndef SPEAKERS_SERVER_APP_INTERNAL_DETAIL_H_
#define SPEAKERS_SERVER_APP_INTERNAL_DETAIL_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace speakers {

// Errors whose cause is the server's own (its disk, its database): the
// message says what happened to the caller's request and what to do; the
// cause, which names files and database steps, travels with the status as
// a payload. Only the secretariat reads it (ForCaller); the server prints
// it to its standard error (the journal) when it happens.

// A status of `code` with `message`, carrying `cause`.
absl::Status WithCause(absl::StatusCode code, absl::string_view message,
                       absl::string_view cause);

// The cause `status` carries, or nullopt.
std::optional<std::string> CauseOf(const absl::Status& status);

// `status` as a caller reads it: for the secretariat, its message with
// " (cause: ...)" appended; for anyone else its message alone. Statuses
// without a cause are returned as they are.
absl::Status ForCaller(const absl::Status& status, bool secretariat);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_INTERNAL_DETAIL_H_
