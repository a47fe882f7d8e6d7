#include "server/service/buffered_stream.h"

#include <utility>

namespace speakers {

void BufferedStream::Enqueue(const grpc::Slice& wire, uint64_t version) {
  {
    absl::MutexLock lock(&mu_);
    if (finished_ || close_) return;
    if (writing_) {
      if (resync_) {
        queue_.emplace_back(wire, version);  // kept only if newer than the resync
      } else if (queue_.size() >= kMaxQueued) {
        queue_.clear();
        resync_ = true;
      } else {
        queue_.emplace_back(wire, version);
      }
      return;
    }
    writing_ = true;
    write_started_ = std::chrono::steady_clock::now();
    if (version > sent_version_) sent_version_ = version;
    buffer_ = grpc::ByteBuffer(&wire, 1);
  }
  StartWrite(&buffer_);
}

void BufferedStream::OnWriteDone(bool ok) {
  if (!ok) {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!close_) close_ = grpc::Status(grpc::StatusCode::CANCELLED, "the client went away");
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
                                    [&](const auto& q) {
                                      return q.second != 0 && q.second <= fresh.second;
                                    }),
                     queue_.end());
        queue_.emplace_front(std::move(fresh));
      }
      if (queue_.empty()) {
        writing_ = false;
        return;
      }
      writing_ = true;
      write_started_ = std::chrono::steady_clock::now();
      if (queue_.front().second > sent_version_) sent_version_ = queue_.front().second;
      buffer_ = grpc::ByteBuffer(&queue_.front().first, 1);
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
