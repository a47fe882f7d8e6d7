#include "server/gateway/meeting_fan_out.h"

#include <utility>

#include "boost/asio/post.hpp"
#include "server/gateway/sse_stream.h"

namespace speakers {

MeetingFanOut::MeetingFanOut(MeetingHub* hub, IoPool* pool, size_t history)
    : hub_(hub), pool_(pool), history_size_(history < 1 ? 1 : history), shards_(pool->size()) {}

MeetingFanOut::~MeetingFanOut() { Stop(); }

void MeetingFanOut::Start() {
  if (subscribed_) return;
  subscribed_ = true;
  hub_->Subscribe(this, 0);  // a snapshot first: the cache and the baseline version
}

void MeetingFanOut::Stop() {
  if (!subscribed_) return;
  subscribed_ = false;
  hub_->Unsubscribe(this);
}

void MeetingFanOut::Push(const UpdatePtr& update, const Meeting&) {
  // Called under the hub's lock, in version order: the only writer of
  // seq_, latest_version_ and the ring, so reading them first is safe.
  uint64_t id = update->version;
  uint64_t seq = 0;
  {
    absl::MutexLock lock(&mu_);
    if (update->message.has_signal()) id = latest_version_;
    seq = seq_ + 1;
  }
  absl::StatusOr<FramePtr> frame = EncodeUpdateFrame(*update, id, seq);
  ++encodes_;
  if (!frame.ok()) return;  // cannot happen for a valid message; nothing to send
  {
    absl::MutexLock lock(&mu_);
    if ((*frame)->kind == SseFrame::Kind::kSnapshot) {
      // The subscription's snapshot: nothing is delivered, it seeds the cache.
      if (snapshot_ == nullptr || snapshot_->version <= (*frame)->version) snapshot_ = *frame;
      if ((*frame)->version > latest_version_) latest_version_ = (*frame)->version;
      return;
    }
    seq_ = seq;
    if ((*frame)->kind == SseFrame::Kind::kChange) {
      ring_.push_back(*frame);
      if (ring_.size() > history_size_) ring_.pop_front();
      latest_version_ = (*frame)->version;
    }
  }
  FramePtr shared = *std::move(frame);
  PostToShards([this, shared](int shard) { DeliverOnShard(shard, shared); });
}

void MeetingFanOut::PostToShards(std::function<void(int)> task) {
  for (int shard = 0; shard < pool_->size(); ++shard) {
    boost::asio::post(pool_->context(shard), [task, shard] { task(shard); });
  }
}

void MeetingFanOut::DeliverOnShard(int shard, const FramePtr& frame) {
  // Deliver never closes a stream synchronously, so the list is stable.
  for (const std::shared_ptr<SseStream>& stream : shards_[shard]) stream->Deliver(frame);
}

void MeetingFanOut::Close(const grpc::Status&) {
  PostToShards([this](int shard) { CloseShard(shard); });
}

void MeetingFanOut::DropIfStalled(std::chrono::steady_clock::time_point deadline) {
  PostToShards([this, deadline](int shard) {
    std::vector<std::shared_ptr<SseStream>>& streams = shards_[shard];
    // Backwards: a dropped stream is replaced by the (already seen) last one.
    for (size_t i = streams.size(); i-- > 0;) {
      if (i < streams.size()) streams[i]->DropIfStalled(deadline);
    }
  });
}

bool MeetingFanOut::CanResumeLocked(uint64_t since) const {
  if (since == 0 || since > latest_version_) return false;
  if (since == latest_version_) return true;
  return !ring_.empty() && ring_.front()->version <= since + 1;
}

void MeetingFanOut::AppendAfterLocked(uint64_t version, std::vector<FramePtr>* out) const {
  for (const FramePtr& frame : ring_) {
    if (frame->version > version) out->push_back(frame);
  }
}

MeetingFanOut::Backlog MeetingFanOut::Attach(int shard, const std::shared_ptr<SseStream>& stream,
                                             uint64_t since) {
  Backlog backlog;
  bool done = false;
  {
    absl::MutexLock lock(&mu_);
    if (CanResumeLocked(since)) {
      AppendAfterLocked(since, &backlog.frames);
      backlog.seq = seq_;
      backlog.version = latest_version_;
      done = true;
    }
  }
  // A snapshot, then the changes published since it was taken. Retried in
  // the unlikely case that more changes than the ring holds came between.
  for (int attempt = 0; !done; ++attempt) {
    FramePtr snapshot = Snapshot();
    absl::MutexLock lock(&mu_);
    if (snapshot == nullptr) {
      backlog.seq = seq_;
      backlog.version = latest_version_;
      break;
    }
    const uint64_t at = snapshot->version;
    if (at >= latest_version_ || (!ring_.empty() && ring_.front()->version <= at + 1) ||
        attempt >= 3) {
      backlog.frames.push_back(snapshot);
      AppendAfterLocked(at, &backlog.frames);
      backlog.seq = seq_;
      backlog.version = std::max(at, latest_version_);
      done = true;
    }
  }
  std::vector<std::shared_ptr<SseStream>>& streams = shards_[shard];
  stream->set_slot(streams.size());
  streams.push_back(stream);
  ++streams_;
  return backlog;
}

void MeetingFanOut::Detach(int shard, SseStream* stream) {
  std::vector<std::shared_ptr<SseStream>>& streams = shards_[shard];
  const size_t slot = stream->slot();
  if (slot >= streams.size() || streams[slot].get() != stream) return;
  if (slot + 1 != streams.size()) {
    streams[slot] = std::move(streams.back());
    streams[slot]->set_slot(slot);
  }
  streams.pop_back();
  --streams_;
}

FramePtr MeetingFanOut::Snapshot() {
  {
    absl::MutexLock lock(&mu_);
    if (snapshot_ != nullptr && snapshot_->version >= latest_version_) return snapshot_;
  }
  UpdatePtr update = hub_->SnapshotUpdate();
  absl::StatusOr<FramePtr> frame = EncodeUpdateFrame(*update, update->version, 0);
  ++encodes_;
  if (!frame.ok()) return nullptr;
  absl::MutexLock lock(&mu_);
  if (snapshot_ == nullptr || snapshot_->version <= (*frame)->version) snapshot_ = *frame;
  return *frame;
}

void MeetingFanOut::Broadcast(int shard, const FramePtr& frame) {
  for (const std::shared_ptr<SseStream>& stream : shards_[shard]) stream->Deliver(frame);
}

void MeetingFanOut::CloseShard(int shard) {
  std::vector<std::shared_ptr<SseStream>> streams;
  streams.swap(shards_[shard]);
  streams_ -= static_cast<int64_t>(streams.size());
  for (const std::shared_ptr<SseStream>& stream : streams) {
    stream->set_slot(static_cast<size_t>(-1));  // already detached
    stream->Close();
  }
}

}  // namespace speakers
