#ifndef SPEAKERS_SERVER_APP_GROUP_COMMITTER_H_
#define SPEAKERS_SERVER_APP_GROUP_COMMITTER_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "server/domain/command_log.h"

namespace speakers {

// Makes accepted commands durable before anyone hears of them. Commands
// that arrive while a commit is running are written together in the next
// transaction (group commit), in arrival order. Each command's `on_commit`
// runs after its transaction is durable (OK) or failed (the error), on the
// committer's thread, in arrival order.
//
// After a failed commit the committer refuses everything (UNAVAILABLE): the
// server's memory holds changes the log does not, so it must restart and
// rebuild from the log.
class GroupCommitter {
 public:
  // `log` must outlive the committer. Starts the writer thread.
  explicit GroupCommitter(CommandLog* log);
  // Commits what is queued, then stops.
  ~GroupCommitter();

  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Queues a record. Never blocks on I/O.
  void Enqueue(LoggedCommand record,
               std::function<void(const absl::Status&)> on_commit);

  // The log it writes to.
  CommandLog* log() const { return log_; }

  // Statistics: transactions and records written so far.
  size_t transactions() const;
  size_t records() const;

 private:
  struct Pending {
    LoggedCommand record;
    std::function<void(const absl::Status&)> on_commit;
  };
  void Run();

  CommandLog* log_;
  mutable absl::Mutex mu_;
  std::deque<Pending> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status failed_ ABSL_GUARDED_BY(mu_);
  size_t transactions_ ABSL_GUARDED_BY(mu_) = 0;
  size_t records_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_GROUP_COMMITTER_H_
