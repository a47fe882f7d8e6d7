#include "server/gateway/sse_frame.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace speakers {

void UpdateFramePrefix(uint64_t version, absl::string_view stream,
                       std::string* out) {
  out->clear();
  absl::StrAppend(out, "id: ", version, ".", stream, "\ndata: ");
}

bool ParseEventId(absl::string_view id, uint64_t* version,
                  std::string* stream) {
  const size_t dot = id.find('.');
  const absl::string_view number = id.substr(0, dot);
  const absl::string_view name =
      dot == absl::string_view::npos ? "" : id.substr(dot + 1);
  if (!absl::SimpleAtoi(number, version)) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c)) return false;
  }
  *stream = std::string(name);
  return true;
}

std::string Rfc3339(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d%ET%H:%M:%E3SZ", t, absl::UTCTimeZone());
}

std::string ClockFrame(absl::Time now) {
  return absl::StrCat("event: clock\ndata: {\"serverTime\":\"", Rfc3339(now),
                      "\"}\n\n");
}

std::string EventStreamHead(std::chrono::milliseconds retry) {
  return absl::StrCat(
      "HTTP/1.1 200 OK\r\n"
      "Content-Type: text/event-stream; charset=utf-8\r\n"
      "Cache-Control: no-cache, no-store\r\n"
      "X-Accel-Buffering: no\r\n"
      "Connection: keep-alive\r\n"
      "\r\n"
      "retry: ",
      retry.count(), "\n\n");
}

}  // namespace speakers
