#ifndef SPEAKERS_SERVER_GATEWAY_SSE_FRAME_H_
#define SPEAKERS_SERVER_GATEWAY_SSE_FRAME_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/service/update_sink.h"

namespace speakers {

// One Server-Sent Events message, encoded once and shared (read-only) by
// every browser stream that carries it.
struct SseFrame {
  enum class Kind {
    kSnapshot,  // a v1::Update with a snapshot
    kChange,    // a v1::Update with a change
    kSignal,    // a v1::Update with a timer signal
    kControl,   // gateway frames: the server's clock, retry hints
  };
  Kind kind = Kind::kControl;
  // The meeting version the frame brings the reader to (its SSE id).
  uint64_t version = 0;
  // The fan-out's order of publication (0 for control frames).
  uint64_t seq = 0;
  std::string bytes;  // "id: 7\ndata: {...}\n\n"
  // When the hub published the update (fan-out latency is measured from it).
  std::chrono::steady_clock::time_point published_at;
};
using FramePtr = std::shared_ptr<const SseFrame>;

// Encodes `update` as one SSE message: "id: <id>\ndata: <v1::Update as
// protobuf JSON>\n\n" (JSON has no raw newlines). `id` is the update's
// version for snapshots and changes, and for a signal the last change
// version the reader has (signals are not replayed on resume). INTERNAL if
// the message cannot be printed as JSON.
absl::StatusOr<FramePtr> EncodeUpdateFrame(const PublishedUpdate& update, uint64_t id,
                                           uint64_t seq);

// "event: clock\ndata: {"serverTime":"2017-11-06T09:00:00.000Z"}\n\n": the
// server's time, for browsers that estimate their clock offset.
FramePtr ClockFrame(absl::Time now);

// The HTTP response head that starts an event stream, followed by a
// "retry:" field asking browsers to reconnect after `retry`.
std::string EventStreamHead(std::chrono::milliseconds retry);

// RFC 3339 in UTC with milliseconds, as protobuf JSON prints timestamps.
std::string Rfc3339(absl::Time t);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_SSE_FRAME_H_
