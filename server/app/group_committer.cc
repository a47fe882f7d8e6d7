#include "server/app/group_committer.h"

#include <iostream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/app/internal_detail.h"

namespace speakers {
namespace {

// Whether the log's error says that nothing was appended (CommandLog): the
// same records may be tried again. Otherwise the outcome is not known, or
// the file is damaged.
bool NothingAppended(absl::StatusCode code) {
  return code != absl::StatusCode::kUnknown &&
         code != absl::StatusCode::kDataLoss &&
         code != absl::StatusCode::kInternal;
}

}  // namespace

GroupCommitter::GroupCommitter(CommandLog* log)
    : log_(log), thread_([this] { Run(); }) {}

GroupCommitter::~GroupCommitter() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void GroupCommitter::Enqueue(LoggedCommand record, OnCommit on_commit) {
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
    }
    // The meetings' last records in the batch, before Write moves them.
    std::vector<bool> last(batch.size(), false);
    {
      absl::flat_hash_map<std::string, size_t> last_of;
      for (size_t i = 0; i < batch.size(); ++i)
        last_of[batch[i].record.meeting] = i;
      for (const auto& [meeting, i] : last_of) last[i] = true;
    }
    std::vector<absl::Status> outcomes = Write(batch);
    for (size_t i = 0; i < batch.size(); ++i)
      batch[i].on_commit(outcomes[i], last[i]);
  }
}

std::vector<absl::Status> GroupCommitter::Write(std::vector<Pending>& batch) {
  std::vector<absl::Status> outcomes(batch.size());
  {
    absl::MutexLock lock(&mu_);
    if (!failed_.ok()) {
      for (absl::Status& s : outcomes) s = failed_;
      return outcomes;
    }
  }
  // Per meeting, versions must follow the log's last one: a record applied
  // on top of one that was not written is refused without a write.
  std::vector<LoggedCommand> records;
  std::vector<size_t> written;  // batch indexes of `records`
  absl::flat_hash_map<std::string, uint64_t> next = next_version_;
  for (size_t i = 0; i < batch.size(); ++i) {
    const LoggedCommand& r = batch[i].record;
    auto it = next.find(r.meeting);
    if (it != next.end() && it->second != r.version) {
      outcomes[i] = absl::UnavailableError(absl::StrCat(
          "the command was not recorded and nothing of it was kept: the "
          "command before it on meeting \"",
          r.meeting, "\" (version ", it->second,
          ") could not be written; retry"));
      continue;
    }
    next[r.meeting] = r.version + 1;
    written.push_back(i);
    records.push_back(std::move(batch[i].record));
  }
  absl::Status status = log_->Append(absl::MakeSpan(records));
  if (status.ok()) {
    next_version_ = std::move(next);
    absl::MutexLock lock(&mu_);
    ++transactions_;
    records_ += records.size();
  } else if (NothingAppended(status.code())) {
    // Nothing was appended: each meeting's next record is its first here.
    for (const LoggedCommand& r : records)
      next_version_.try_emplace(r.meeting, r.version);
    std::cerr << "speakers-server: the log could not be written (nothing "
                 "of it was kept): "
              << status.message() << std::endl;
    status = WithCause(absl::StatusCode::kUnavailable,
                       "the command was not recorded and nothing of it was "
                       "kept: the server could not write its log; retry (the "
                       "secretariat sees the cause)",
                       status.message());
  } else {
    std::cerr << "speakers-server: the log may or may not hold the last "
                 "commit; no more changes until a restart: "
              << status.message() << std::endl;
    absl::MutexLock lock(&mu_);
    failed_ = WithCause(
        status.code(),
        "the server could not make its log durable and takes no more changes "
        "until it is restarted, when it rebuilds from the log what was kept "
        "(retry then with the same request id: a command that was recorded "
        "is not applied twice)",
        status.message());
    status = failed_;
  }
  for (size_t i = 0; i < written.size(); ++i) {
    outcomes[written[i]] = status;
    batch[written[i]].record = std::move(records[i]);  // with its sequence
  }
  return outcomes;
}

}  // namespace speakers
