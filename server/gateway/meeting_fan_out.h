#ifndef SPEAKERS_SERVER_GATEWAY_MEETING_FAN_OUT_H_
#define SPEAKERS_SERVER_GATEWAY_MEETING_FAN_OUT_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "server/gateway/io_pool.h"
#include "server/gateway/sse_frame.h"
#include "server/service/meeting_hub.h"
#include "server/service/update_sink.h"

namespace speakers {

class SseStream;

// The browser side of one meeting: ONE sink on the meeting's hub, however
// many browsers watch. Each update is encoded to JSON once (an SseFrame)
// and the same bytes are handed to every browser stream of the meeting.
//
// Streams live on the IoPool's shards; the fan-out keeps one list per
// shard, touched only on that shard's thread, and reaches a shard with one
// post per update (not one per stream). It also keeps the last `history`
// change frames, so that a browser that reconnects with its last version
// gets only what it missed, and a snapshot frame cached by version, so that
// many browsers (re)connecting at once cost one snapshot, not one each.
//
// Thread rules: Push, Close and DropIfStalled are called by the hub (under
// its lock); Attach, Detach, Broadcast and CloseShard on the shard's thread;
// Snapshot on any thread that holds no hub lock.
class MeetingFanOut : public UpdateSink {
 public:
  // `hub` and `pool` must outlive the fan-out, and the pool's threads must
  // be stopped before it is destroyed.
  MeetingFanOut(MeetingHub* hub, IoPool* pool, size_t history);
  ~MeetingFanOut() override;

  MeetingFanOut(const MeetingFanOut&) = delete;
  MeetingFanOut& operator=(const MeetingFanOut&) = delete;

  // Subscribes to the hub (once); Stop unsubscribes. Both idempotent.
  void Start();
  void Stop();

  const std::string& meeting() const { return hub_->id(); }

  // UpdateSink. Push encodes once and posts the frame to each shard; Close
  // (server shutdown) closes every browser stream; DropIfStalled (the
  // gRPC server's sweep, with its stall_timeout: the same policy as the
  // gRPC streams) drops the browser streams whose write is stuck.
  void Push(const UpdatePtr& update, const Meeting& meeting) override;
  void Close(const grpc::Status& status) override;
  void DropIfStalled(std::chrono::steady_clock::time_point deadline) override;

  // What a new stream sends first, and where it stands.
  struct Backlog {
    std::vector<FramePtr> frames;  // a snapshot and/or the changes missed
    uint64_t seq = 0;              // delivered frames up to this are included
    uint64_t version = 0;          // the version the frames bring it to
  };
  // Adds `stream` to `shard`'s list. With `since` > 0 and every change after
  // it still kept, the backlog is those changes; otherwise a snapshot and
  // the changes published after it. Shard thread.
  Backlog Attach(int shard, const std::shared_ptr<SseStream>& stream, uint64_t since);
  // Removes a stream (after it closed). Shard thread.
  void Detach(int shard, SseStream* stream);

  // A snapshot frame at least as new as every change published so far
  // (cached by version; built with the hub's SnapshotUpdate when stale).
  // nullptr only if it cannot be encoded. Must not be called under a hub
  // lock.
  FramePtr Snapshot();

  // Hands a gateway frame (the clock) to every stream of `shard`; closes
  // every stream of `shard`. Shard thread.
  void Broadcast(int shard, const FramePtr& frame);
  void CloseShard(int shard);

  // Counters for tests and metrics.
  uint64_t encodes() const { return encodes_.load(); }  // JSON encodings
  int64_t streams() const { return streams_.load(); }   // open browser streams
  uint64_t resyncs() const { return resyncs_.load(); }  // backlogs replaced by a snapshot
  uint64_t drops() const { return drops_.load(); }      // stalled streams dropped
  void CountResync() { ++resyncs_; }
  void CountDrop() { ++drops_; }

 private:
  // Whether every change after `since` is in the ring (or nothing is missed).
  bool CanResumeLocked(uint64_t since) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The ring's frames after `version`, appended to `out`.
  void AppendAfterLocked(uint64_t version, std::vector<FramePtr>* out) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Delivers a published frame to every stream of `shard`. Shard thread.
  void DeliverOnShard(int shard, const FramePtr& frame);
  void PostToShards(std::function<void(int)> task);

  MeetingHub* const hub_;
  IoPool* const pool_;
  const size_t history_size_;
  bool subscribed_ = false;

  mutable absl::Mutex mu_;
  std::deque<FramePtr> ring_ ABSL_GUARDED_BY(mu_);  // change frames, oldest first
  FramePtr snapshot_ ABSL_GUARDED_BY(mu_);
  uint64_t seq_ ABSL_GUARDED_BY(mu_) = 0;             // last published frame
  uint64_t latest_version_ ABSL_GUARDED_BY(mu_) = 0;  // last published version

  // Per shard, the streams on it; each list is touched only on its shard.
  std::vector<std::vector<std::shared_ptr<SseStream>>> shards_;

  std::atomic<uint64_t> encodes_{0};
  std::atomic<int64_t> streams_{0};
  std::atomic<uint64_t> resyncs_{0};
  std::atomic<uint64_t> drops_{0};
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_MEETING_FAN_OUT_H_
