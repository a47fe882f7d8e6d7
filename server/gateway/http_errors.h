#ifndef SPEAKERS_SERVER_GATEWAY_HTTP_ERRORS_H_
#define SPEAKERS_SERVER_GATEWAY_HTTP_ERRORS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace speakers {

// The HTTP status for a status code of the app layer: INVALID_ARGUMENT and
// OUT_OF_RANGE 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND
// 404, ALREADY_EXISTS, FAILED_PRECONDITION and ABORTED 409,
// RESOURCE_EXHAUSTED 429, UNIMPLEMENTED 501, UNAVAILABLE and CANCELLED 503,
// DEADLINE_EXCEEDED 504, anything else 500. OK is 200.
int HttpStatusFor(absl::StatusCode code);

// The canonical name of a status code: "FAILED_PRECONDITION".
std::string StatusCodeName(absl::StatusCode code);

// {"code":"FAILED_PRECONDITION","message":"..."} (message JSON-escaped).
std::string ErrorJson(absl::StatusCode code, absl::string_view message);
// The same for `status` (its code and message).
std::string ErrorJson(const absl::Status& status);

// The whole HTTP/1.1 answer that refuses a connection with `status`
// before any response was sent: its HttpStatusFor status line, ErrorJson
// body, "Connection: close", and "Retry-After: 5" for RESOURCE_EXHAUSTED
// and UNAVAILABLE (a cap that frees up). Written as is on the raw socket.
std::string RefusalResponse(const absl::Status& status);

// `text` as a JSON string literal, quotes included.
std::string JsonQuote(absl::string_view text);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_HTTP_ERRORS_H_
