#ifndef SPEAKERS_SERVER_GATEWAY_SSE_FRAME_H_
#define SPEAKERS_SERVER_GATEWAY_SSE_FRAME_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace speakers {

// The Server-Sent Events wire format of the browser streams. An update is
// "id: <id>\ndata: <v1::Update as protobuf JSON>\n\n" (JSON has no raw
// newlines): the prefix is per stream, the JSON is the Published's own
// encoding (made once, shared by every stream), kFrameEnd closes it. The
// id is "<version>.<stream>": the update's version for snapshots and
// changes (for a timer signal the last version the reader has: signals
// are not replayed on resume), and the identity of the server run that
// numbered it (App::stream_id), so that a browser resuming with
// Last-Event-ID against another run, or a restored backup, gets a
// snapshot instead of a silent gap (see ParseEventId).

// Sets `*out` to "id: <version>.<stream>\ndata: " (keeping its capacity: a
// stream reuses one string for every update).
void UpdateFramePrefix(uint64_t version, absl::string_view stream,
                       std::string* out);

// The resume point an event id names: its version and stream. A bare
// version (a page of speakers 0.3 or earlier) names no stream. False when
// `id` is neither.
bool ParseEventId(absl::string_view id, uint64_t* version, std::string* stream);

// What ends every message.
inline constexpr absl::string_view kFrameEnd = "\n\n";

// "event: clock\ndata: {"serverTime":"2017-11-06T09:00:00.000Z"}\n\n": the
// server's time, for browsers that estimate their clock offset.
std::string ClockFrame(absl::Time now);

// The HTTP response head that starts an event stream, followed by a
// "retry:" field asking browsers to reconnect after `retry`.
std::string EventStreamHead(std::chrono::milliseconds retry);

// RFC 3339 in UTC with milliseconds, as protobuf JSON prints timestamps.
std::string Rfc3339(absl::Time t);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_SSE_FRAME_H_
