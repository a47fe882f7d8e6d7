#ifndef SPEAKERS_SERVER_GATEWAY_HTTP_ERRORS_H_
#define SPEAKERS_SERVER_GATEWAY_HTTP_ERRORS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace speakers {

// The HTTP status for a gRPC status code: INVALID_ARGUMENT and OUT_OF_RANGE
// 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND 404,
// ALREADY_EXISTS, FAILED_PRECONDITION and ABORTED 409, RESOURCE_EXHAUSTED
// 429, UNIMPLEMENTED 501, UNAVAILABLE and CANCELLED 503, DEADLINE_EXCEEDED
// 504, anything else 500. OK is 200.
int HttpStatusFor(grpc::StatusCode code);

// The canonical name of a gRPC status code: "FAILED_PRECONDITION".
std::string StatusCodeName(grpc::StatusCode code);

// {"code":"FAILED_PRECONDITION","message":"..."} (message JSON-escaped).
std::string ErrorJson(grpc::StatusCode code, absl::string_view message);

// `text` as a JSON string literal, quotes included.
std::string JsonQuote(absl::string_view text);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_HTTP_ERRORS_H_
