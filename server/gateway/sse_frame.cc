#include "server/gateway/sse_frame.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"

namespace speakers {

absl::StatusOr<FramePtr> EncodeUpdateFrame(const PublishedUpdate& update, uint64_t id,
                                           uint64_t seq) {
  auto frame = std::make_shared<SseFrame>();
  if (update.message.has_snapshot()) {
    frame->kind = SseFrame::Kind::kSnapshot;
  } else if (update.message.has_change()) {
    frame->kind = SseFrame::Kind::kChange;
  } else {
    frame->kind = SseFrame::Kind::kSignal;
  }
  frame->version = id;
  frame->seq = seq;
  frame->published_at = update.published_at;
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  auto status = google::protobuf::util::MessageToJsonString(update.message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("cannot print the update as JSON: ",
                                            std::string(status.message())));
  }
  frame->bytes.reserve(json.size() + 32);
  absl::StrAppend(&frame->bytes, "id: ", id, "\ndata: ", json, "\n\n");
  return FramePtr(std::move(frame));
}

std::string Rfc3339(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d%ET%H:%M:%E3SZ", t, absl::UTCTimeZone());
}

FramePtr ClockFrame(absl::Time now) {
  auto frame = std::make_shared<SseFrame>();
  frame->kind = SseFrame::Kind::kControl;
  frame->published_at = std::chrono::steady_clock::now();
  frame->bytes = absl::StrCat("event: clock\ndata: {\"serverTime\":\"", Rfc3339(now), "\"}\n\n");
  return frame;
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
