#include "server/gateway/http_errors.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "boost/beast/http/status.hpp"

namespace speakers {

int HttpStatusFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kCancelled:
      return 503;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    default:
      return 500;
  }
}

std::string StatusCodeName(absl::StatusCode code) {
  return absl::StatusCodeToString(code);
}

std::string JsonQuote(absl::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned char>(c));
        } else {
          out += c;  // UTF-8 passes through
        }
    }
  }
  out += '"';
  return out;
}

std::string ErrorJson(absl::StatusCode code, absl::string_view message) {
  return absl::StrCat("{\"code\":", JsonQuote(StatusCodeName(code)),
                      ",\"message\":", JsonQuote(message), "}");
}

std::string ErrorJson(const absl::Status& status) {
  return ErrorJson(status.code(), status.message());
}

std::string RefusalResponse(const absl::Status& status) {
  const int code = HttpStatusFor(status.code());
  const std::string body = ErrorJson(status);
  const bool retry = status.code() == absl::StatusCode::kResourceExhausted ||
                     status.code() == absl::StatusCode::kUnavailable;
  const boost::beast::string_view reason = boost::beast::http::obsolete_reason(
      boost::beast::http::int_to_status(static_cast<unsigned>(code)));
  return absl::StrCat("HTTP/1.1 ", code, " ",
                      absl::string_view(reason.data(), reason.size()),
                      "\r\nContent-Type: application/json; charset=utf-8\r\n",
                      retry ? "Retry-After: 5\r\n" : "",
                      "Cache-Control: no-store\r\nConnection: close\r\n"
                      "Content-Length: ",
                      body.size(), "\r\n\r\n", body);
}

}  // namespace speakers
