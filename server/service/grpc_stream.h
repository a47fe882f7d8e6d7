#ifndef SPEAKERS_SERVER_SERVICE_GRPC_STREAM_H_
#define SPEAKERS_SERVER_SERVICE_GRPC_STREAM_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/support/byte_buffer.h"
#include "server/app/app.h"
#include "server/app/metrics.h"
#include "server/app/subscription.h"

namespace speakers {

// A gRPC server stream of one app-layer subscription (Watch,
// WatchDelegation): it writes what the Subscription hands it, the shared
// serialized bytes of each message, one write at a time; the slow-reader
// policy is the subscription's. Deletes itself when the RPC is done.
class GrpcStream : public grpc::ServerWriteReactor<grpc::ByteBuffer>,
                   public StreamWriter {
 public:
  using Subscribe = std::function<absl::StatusOr<App::Watching>(StreamWriter*)>;

  // Subscribes with `subscribe` and starts writing; a refusal ends the
  // call with its status. `metrics` (may be null) counts the stream as a
  // watcher of `kind`.
  static GrpcStream* Start(grpc::CallbackServerContext* context,
                           const Subscribe& subscribe, Metrics* metrics,
                           Metrics::Watcher kind);

  // StreamWriter.
  void Wake() override;
  void Abort() override;

  // grpc::ServerWriteReactor.
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  GrpcStream(grpc::CallbackServerContext* context, Metrics* metrics,
             Metrics::Watcher kind);
  ~GrpcStream() override;

  // Carries out the subscription's next step.
  void Do(Subscription::Step step);

  grpc::CallbackServerContext* const context_;
  Metrics* const metrics_;
  const Metrics::Watcher kind_;
  App::Watching watching_;
  grpc::ByteBuffer buffer_;  // the message being written
};

// A stream that fails at once with `status` (bad request).
class FailedStream : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  explicit FailedStream(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_GRPC_STREAM_H_
