#include "server/service/buffered_stream.h"

#include <algorithm>
#include <utility>

#include "server/service/metrics.h"

namespace speakers {

void BufferedStream::BeginLocked(const Queued& q) {
  writing_ = true;
  write_started_ = std::chrono::steady_clock::now();
  writing_published_at_ = q.published_at;
  if (q.version > sent_version_) sent_version_ = q.version;
  buffer_ = grpc::ByteBuffer(&q.wire, 1);
}

void BufferedStream::Enqueue(const grpc::Slice& wire, uint64_t version, Instant published_at) {
  {
    absl::MutexLock lock(&mu_);
    if (finished_ || close_) return;
    if (writing_) {
      if (resync_) {
        // Kept if newer than the coming resync; bounded all the same.
        if (queue_.size() >= kMaxQueued) queue_.pop_front();
        queue_.push_back({wire, version, published_at});
      } else if (queue_.size() >= kMaxQueued) {
        queue_.clear();
        resync_ = true;
      } else {
        queue_.push_back({wire, version, published_at});
      }
      return;
    }
    BeginLocked({wire, version, published_at});
  }
  StartWrite(&buffer_);
}

void BufferedStream::OnWriteDone(bool ok) {
  {
    absl::MutexLock lock(&mu_);
    if (ok) {
      Metrics::Global().FanOut(
          absl::FromChrono(std::chrono::steady_clock::now() - writing_published_at_));
    } else {
      writing_ = false;
      if (!close_) close_ = grpc::Status(grpc::StatusCode::CANCELLED, "the client went away");
    }
  }
  Next();
}

void BufferedStream::Next() {
  bool resync = false;
  {
    absl::MutexLock lock(&mu_);
    resync = resync_ && !close_;
  }
  std::pair<grpc::Slice, uint64_t> fresh;
  if (resync) fresh = Resync();
  std::optional<grpc::Status> finish;
  {
    absl::MutexLock lock(&mu_);
    if (finished_) return;
    if (close_) {
      finished_ = true;
      writing_ = false;
      queue_.clear();
      finish = *close_;
    } else {
      if (resync) {
        resync_ = false;
        queue_.erase(std::remove_if(queue_.begin(), queue_.end(),
                                    [&](const Queued& q) {
                                      return q.version != 0 && q.version <= fresh.second;
                                    }),
                     queue_.end());
        queue_.push_front({std::move(fresh.first), fresh.second, std::chrono::steady_clock::now()});
      }
      if (queue_.empty()) {
        writing_ = false;
        buffer_.Clear();  // an idle stream holds no message
        return;
      }
      BeginLocked(queue_.front());
      queue_.pop_front();
    }
  }
  if (finish) {
    Finish(*finish);
  } else {
    StartWrite(&buffer_);
  }
}

void BufferedStream::Close(const grpc::Status& status) {
  bool idle = false;
  {
    absl::MutexLock lock(&mu_);
    if (finished_ || close_) return;
    close_ = status;
    idle = !writing_;
    if (idle) writing_ = true;  // Next() finishes; no write may start meanwhile
  }
  if (idle) Next();
}

void BufferedStream::DropIfStalled(std::chrono::steady_clock::time_point deadline) {
  {
    absl::MutexLock lock(&mu_);
    if (finished_ || !writing_ || write_started_ >= deadline) return;
    if (!close_) {
      close_ = grpc::Status(grpc::StatusCode::UNAVAILABLE,
                            "the stream fell too far behind; reconnect with your last version");
    }
  }
  context_->TryCancel();
}

void BufferedStream::OnCancel() {
  Close(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"));
}

void BufferedStream::OnDone() {
  Unsubscribe();
  delete this;
}

}  // namespace speakers
