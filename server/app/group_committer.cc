#include "server/app/group_committer.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace speakers {

GroupCommitter::GroupCommitter(CommandLog* log)
    : log_(log), thread_([this] { Run(); }) {}

GroupCommitter::~GroupCommitter() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void GroupCommitter::Enqueue(
    LoggedCommand record, std::function<void(const absl::Status&)> on_commit) {
  absl::MutexLock lock(&mu_);
  queue_.push_back({std::move(record), std::move(on_commit)});
}

size_t GroupCommitter::transactions() const {
  absl::MutexLock lock(&mu_);
  return transactions_;
}

size_t GroupCommitter::records() const {
  absl::MutexLock lock(&mu_);
  return records_;
}

void GroupCommitter::Run() {
  for (;;) {
    std::vector<Pending> batch;
    absl::Status failed;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](GroupCommitter* c) ABSL_EXCLUSIVE_LOCKS_REQUIRED(c->mu_) {
            return c->stopping_ || !c->queue_.empty();
          },
          this));
      if (queue_.empty()) return;  // stopping, nothing left
      batch.reserve(queue_.size());
      while (!queue_.empty()) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      failed = failed_;
    }
    absl::Status status = failed;
    if (status.ok()) {
      std::vector<LoggedCommand> records;
      records.reserve(batch.size());
      for (Pending& p : batch) records.push_back(std::move(p.record));
      status = log_->Append(absl::MakeSpan(records));
      absl::MutexLock lock(&mu_);
      if (status.ok()) {
        ++transactions_;
        records_ += records.size();
      } else {
        failed_ = absl::UnavailableError(absl::StrCat(
            "the command log could not be written (", status.message(),
            "); the server refuses changes until it is restarted"));
        status = failed_;
      }
    }
    for (Pending& p : batch) p.on_commit(status);
  }
}

}  // namespace speakers
