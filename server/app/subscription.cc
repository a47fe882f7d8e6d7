#include "server/app/subscription.h"

#include <algorithm>
#include <utility>

namespace speakers {

Subscription::Subscription(StreamWriter* writer,
                           std::function<PublishedPtr()> snapshot,
                           size_t max_queued, const MonotonicClock* clock,
                           Metrics* metrics)
    : writer_(writer),
      snapshot_(std::move(snapshot)),
      max_queued_(max_queued),
      clock_(clock),
      metrics_(metrics) {}

void Subscription::Begin(std::vector<PublishedPtr> items, bool from_snapshot) {
  absl::MutexLock lock(&mu_);
  queue_ = PublishedQueue(std::move(items));
  resync_ = from_snapshot;
}

Subscription::Step Subscription::Next(bool delivered) {
  bool resync = false;
  {
    absl::MutexLock lock(&mu_);
    if (in_flight_ != nullptr && delivered && metrics_ != nullptr) {
      metrics_->FanOut(
          absl::FromChrono(clock_->Now() - in_flight_->published_at()));
    }
    in_flight_ = nullptr;
    if (finished_) return {};
    if (!delivered && !end_) {
      end_ = absl::CancelledError("the reader went away");
    }
    if (end_) {
      finished_ = true;
      writing_ = false;
      queue_.clear();
      return {nullptr, *end_};
    }
    resync = resync_;
    resync_ = false;
  }
  for (;;) {
    PublishedPtr fresh = resync ? snapshot_() : nullptr;
    absl::MutexLock lock(&mu_);
    if (fresh != nullptr) {
      queue_.erase_if([&](const PublishedPtr& p) {
        return p->version() <= fresh->version();
      });
      in_flight_ = std::move(fresh);
    } else {
      // What a snapshot already covers is not sent again (signals carry the
      // version they were raised at: they pass).
      while (!queue_.empty() && queue_.front()->resumable() &&
             queue_.front()->version() <= sent_version_) {
        queue_.pop_front();
      }
      if (queue_.empty()) {
        writing_ = false;
        return {};
      }
      if (queue_.front()->resumable() &&
          queue_.front()->base_version() < sent_version_) {
        // Partly covered by what was sent: the reader could not apply it
        // (never expected: groups are published whole). A fresh snapshot.
        queue_.clear();
        resync = true;
        continue;
      }
      in_flight_ = queue_.pop_front();
    }
    sent_version_ = std::max(sent_version_, in_flight_->version());
    writing_ = true;
    write_started_ = clock_->Now();
    return {in_flight_, std::nullopt};
  }
}

void Subscription::Detach() {
  absl::MutexLock lock(&mu_);
  writer_ = nullptr;
  // A Wake() or Abort() under way finishes before the writer may go.
  mu_.Await(absl::Condition(
      +[](int* calls) { return *calls == 0; }, &calls_));
  finished_ = true;
  queue_.clear();
}

void Subscription::Push(const PublishedPtr& item) {
  StreamWriter* wake = nullptr;
  {
    absl::MutexLock lock(&mu_);
    if (finished_ || end_) return;
    if (writing_) {
      if (resync_) {
        // Kept if newer than the coming snapshot; bounded all the same.
        if (queue_.size() >= max_queued_) queue_.pop_front();
        queue_.push_back(item);
      } else if (queue_.size() >= max_queued_) {
        queue_.clear();
        resync_ = true;
      } else {
        queue_.push_back(item);
      }
      return;
    }
    queue_.push_back(item);
    writing_ = true;  // the Wake below starts the write
    wake = writer_;
    if (wake != nullptr) ++calls_;
  }
  if (wake != nullptr) Call(wake, &StreamWriter::Wake);
}

void Subscription::End(const absl::Status& status) {
  StreamWriter* wake = nullptr;
  {
    absl::MutexLock lock(&mu_);
    if (finished_ || end_) return;
    end_ = status;
    if (!writing_) {
      writing_ = true;
      wake = writer_;
      if (wake != nullptr) ++calls_;
    }
  }
  if (wake != nullptr) Call(wake, &StreamWriter::Wake);
}

bool Subscription::DropIfStalled(MonotonicClock::Instant deadline) {
  StreamWriter* abort = nullptr;
  {
    absl::MutexLock lock(&mu_);
    if (finished_ || in_flight_ == nullptr || write_started_ >= deadline)
      return false;
    if (!end_) {
      end_ = absl::UnavailableError(
          "the stream fell too far behind; reconnect with your last version");
    }
    abort = writer_;
    if (abort != nullptr) ++calls_;
  }
  if (abort != nullptr) Call(abort, &StreamWriter::Abort);
  return true;
}

void Subscription::Call(StreamWriter* writer, void (StreamWriter::*method)()) {
  (writer->*method)();
  absl::MutexLock lock(&mu_);
  --calls_;
}

size_t Subscription::queued() const {
  absl::MutexLock lock(&mu_);
  return queue_.size();
}

}  // namespace speakers
