#include "server/app/broadcaster.h"

#include <algorithm>
#include <utility>

namespace speakers {

Broadcaster::Broadcaster(std::function<PublishedPtr()> snapshot,
                         const MonotonicClock* clock, Metrics* metrics,
                         Options options)
    : snapshot_(std::move(snapshot)),
      clock_(clock),
      metrics_(metrics),
      options_(options) {}

std::shared_ptr<Subscription> Broadcaster::Subscribe(StreamWriter* writer,
                                                     uint64_t since_version) {
  auto reader = std::make_shared<Subscription>(
      writer, snapshot_, options_.max_queued, clock_, metrics_);
  absl::MutexLock lock(&mu_);
  if (closed_) {
    reader->End(*closed_);
    return reader;
  }
  // A resume continues from the kept message that starts at since_version
  // (a group of commands is resumed as a whole, never from its middle).
  bool can_resume = since_version > 0 && since_version <= latest_version_;
  std::vector<PublishedPtr> backlog;
  if (can_resume && since_version < latest_version_) {
    for (const PublishedPtr& p : history_) {
      if (p->version() > since_version) backlog.push_back(p);
    }
    can_resume =
        !backlog.empty() && backlog.front()->base_version() == since_version;
    if (!can_resume) backlog.clear();
  }
  reader->Begin(std::move(backlog), /*from_snapshot=*/!can_resume);
  readers_.push_back(reader);
  return reader;
}

void Broadcaster::Unsubscribe(const Subscription* subscription) {
  absl::MutexLock lock(&mu_);
  readers_.erase(
      std::remove_if(readers_.begin(), readers_.end(),
                     [&](const auto& r) { return r.get() == subscription; }),
      readers_.end());
}

void Broadcaster::Publish(PublishedPtr item) {
  absl::MutexLock lock(&mu_);
  latest_version_ = std::max(latest_version_, item->version());
  if (item->resumable() && options_.history > 0) {
    history_bytes_ += item->bytes();
    history_.push_back(item);
    while (history_.size() > options_.history ||
           (history_.size() > 1 && history_bytes_ > options_.history_bytes)) {
      history_bytes_ -= history_.front()->bytes();
      history_.pop_front();
    }
  }
  for (const auto& reader : readers_) reader->Push(item);
}

int Broadcaster::DropStalled(MonotonicClock::Instant deadline) {
  std::vector<std::shared_ptr<Subscription>> readers;
  {
    absl::MutexLock lock(&mu_);
    readers = readers_;
  }
  int dropped = 0;
  for (const auto& reader : readers) dropped += reader->DropIfStalled(deadline);
  return dropped;
}

void Broadcaster::CloseAll(const absl::Status& status) {
  std::vector<std::shared_ptr<Subscription>> readers;
  {
    absl::MutexLock lock(&mu_);
    closed_ = status;
    readers = readers_;
  }
  for (const auto& reader : readers) reader->End(status);
}

uint64_t Broadcaster::latest_version() const {
  absl::MutexLock lock(&mu_);
  return latest_version_;
}

size_t Broadcaster::readers() const {
  absl::MutexLock lock(&mu_);
  return readers_.size();
}

size_t Broadcaster::history_bytes() const {
  absl::MutexLock lock(&mu_);
  return history_bytes_;
}

size_t Broadcaster::history_size() const {
  absl::MutexLock lock(&mu_);
  return history_.size();
}

}  // namespace speakers
