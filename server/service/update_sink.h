#ifndef SPEAKERS_SERVER_SERVICE_UPDATE_SINK_H_
#define SPEAKERS_SERVER_SERVICE_UPDATE_SINK_H_

#include <chrono>
#include <cstdint>
#include <memory>

#include "grpcpp/support/slice.h"
#include "grpcpp/support/status.h"
#include "server/domain/meeting.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {

// One update of a meeting, built and serialized once and shared by every
// stream that carries it.
struct PublishedUpdate {
  uint64_t version = 0;
  v1::Update message;  // for encoders of other formats (browser JSON)
  grpc::Slice wire;    // message, serialized
  // When it was handed to the streams (for the fan-out latency metric).
  std::chrono::steady_clock::time_point published_at;
};
using UpdatePtr = std::shared_ptr<const PublishedUpdate>;

// Builds a PublishedUpdate from a message (serializing it once).
UpdatePtr Publish(v1::Update message);

// A receiver of a meeting's updates: a Watch stream, a delegation's stream,
// a browser stream. The hub calls every method with its lock held, in
// version order; implementations must not block and must not call back
// into the hub.
class UpdateSink {
 public:
  virtual ~UpdateSink() = default;

  // A new update; `meeting` is the state right after it (read-only, valid
  // only during the call).
  virtual void Push(const UpdatePtr& update, const Meeting& meeting) = 0;

  // Ends the stream with `status` (server shutdown).
  virtual void Close(const grpc::Status& status) = 0;

  // Ends the stream if a write has been pending since before `deadline`:
  // a stalled reader is dropped so that it reconnects and resyncs.
  virtual void DropIfStalled(std::chrono::steady_clock::time_point deadline) = 0;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_UPDATE_SINK_H_
