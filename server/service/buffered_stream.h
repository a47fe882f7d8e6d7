#ifndef SPEAKERS_SERVER_SERVICE_BUFFERED_STREAM_H_
#define SPEAKERS_SERVER_SERVICE_BUFFERED_STREAM_H_

#include <chrono>
#include <cstdint>
#include <deque>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/support/byte_buffer.h"
#include "server/service/update_sink.h"

namespace speakers {

// A server stream of pre-serialized messages that protects the server from
// slow readers: one write in flight, at most kMaxQueued waiting; past that
// the queue is dropped and, once the stream drains, the reader gets one
// fresh full message (Resync) instead of the backlog. A write stuck past
// the hub's stall deadline cancels the stream, so the client reconnects.
//
// Subclasses provide Resync and Unsubscribe; the object deletes itself in
// OnDone, after Unsubscribe.
class BufferedStream : public grpc::ServerWriteReactor<grpc::ByteBuffer>, public UpdateSink {
 public:
  static constexpr size_t kMaxQueued = 64;

  explicit BufferedStream(grpc::CallbackServerContext* context) : context_(context) {}

  // UpdateSink (called under the hub's lock).
  void Close(const grpc::Status& status) override;
  void DropIfStalled(std::chrono::steady_clock::time_point deadline) override;

  // grpc::ServerWriteReactor.
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 protected:
  using Instant = std::chrono::steady_clock::time_point;

  // Queues `wire` (a message of `version`; 0 if it has none), published at
  // `published_at`, for writing. Thread-safe; never blocks.
  void Enqueue(const grpc::Slice& wire, uint64_t version, Instant published_at);

  // A full message that replaces a dropped backlog, and its version.
  // Called without locks held.
  virtual std::pair<grpc::Slice, uint64_t> Resync() = 0;

  // Stops the hub from calling this sink. Called once, from OnDone.
  virtual void Unsubscribe() = 0;

 private:
  // Starts the next write, or finishes if asked to. Called without mu_.
  void Next();

  grpc::CallbackServerContext* context_;
  absl::Mutex mu_;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  bool resync_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<grpc::Status> close_ ABSL_GUARDED_BY(mu_);
  struct Queued {
    grpc::Slice wire;
    uint64_t version;
    Instant published_at;
  };
  // Starts writing `q` (mu_ held); the caller then calls StartWrite.
  void BeginLocked(const Queued& q) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  std::deque<Queued> queue_ ABSL_GUARDED_BY(mu_);
  Instant writing_published_at_ ABSL_GUARDED_BY(mu_);
  uint64_t sent_version_ ABSL_GUARDED_BY(mu_) = 0;
  std::chrono::steady_clock::time_point write_started_ ABSL_GUARDED_BY(mu_);
  grpc::ByteBuffer buffer_;  // the message being written
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_BUFFERED_STREAM_H_
