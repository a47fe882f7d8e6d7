#ifndef SPEAKERS_SERVER_SERVICE_WATCH_STREAM_H_
#define SPEAKERS_SERVER_SERVICE_WATCH_STREAM_H_

#include <cstdint>

#include "server/service/buffered_stream.h"
#include "server/service/meeting_hub.h"

namespace speakers {

// The Watch stream of one client: every update of one meeting, shared
// bytes, in version order (BufferedStream handles slow readers).
class WatchStream : public BufferedStream {
 public:
  // Subscribes to `hub` from `since_version` (see MeetingHub::Subscribe).
  // The object deletes itself when the RPC is done.
  static WatchStream* Start(grpc::CallbackServerContext* context, MeetingHub* hub,
                            uint64_t since_version);

  void Push(const UpdatePtr& update, const Meeting& meeting) override;
  ~WatchStream() override;

 private:
  WatchStream(grpc::CallbackServerContext* context, MeetingHub* hub);

  std::pair<grpc::Slice, uint64_t> Resync() override;
  void Unsubscribe() override;

  MeetingHub* hub_;
};

// A stream that fails at once with `status` (bad request, no access).
class FailedStream : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  explicit FailedStream(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_WATCH_STREAM_H_
