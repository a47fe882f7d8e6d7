#ifndef SPEAKERS_SERVER_APP_GROUP_COMMITTER_H_
#define SPEAKERS_SERVER_APP_GROUP_COMMITTER_H_

#include <deque>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "server/domain/command_log.h"

namespace speakers {

// Makes accepted commands durable before anyone hears of them. Commands
// that arrive while a commit is running are written together in the next
// transaction (group commit), in arrival order. Each command's `on_commit`
// runs after its transaction is durable (OK) or failed (the error), on the
// committer's thread, in arrival order; its `last_of_meeting` says that no
// later record of the same meeting is in that transaction (the end of the
// meeting's group: its updates go out together).
//
// A failed write is handled by what the log says of it:
//  - UNAVAILABLE (disk full, cannot begin, ...): nothing was appended. The
//    batch's records get the error and the committer goes on: the next
//    batch is a fresh attempt, so the server takes commands again as soon
//    as the disk does. Records queued behind a failed one of the same
//    meeting are refused without a write (the error says so): they were
//    applied on top of it, and their meeting's writer rebuilds its memory
//    from the log on the failure. Per meeting, versions reach the log
//    consecutively, or not at all.
//  - any other error (UNKNOWN: the commit failed while being made durable,
//    so it may be on disk or not; DATA_LOSS: the file is damaged): the
//    committer refuses every record from then on, with an error that says
//    so. Only a restart, rebuilding from the log, knows what was kept.
class GroupCommitter {
 public:
  // `log` must outlive the committer. Starts the writer thread.
  explicit GroupCommitter(CommandLog* log);
  // Commits what is queued, then stops.
  ~GroupCommitter();

  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Queues a record. Never blocks on I/O.
  using OnCommit =
      std::function<void(const absl::Status&, bool last_of_meeting)>;
  void Enqueue(LoggedCommand record, OnCommit on_commit);

  // The log it writes to.
  CommandLog* log() const { return log_; }

  // Statistics: transactions and records written so far.
  size_t transactions() const;
  size_t records() const;

 private:
  struct Pending {
    LoggedCommand record;
    OnCommit on_commit;
  };
  void Run();
  // Writes `batch` (on the writer thread): each record's outcome, in order.
  std::vector<absl::Status> Write(std::vector<Pending>& batch);

  CommandLog* log_;
  mutable absl::Mutex mu_;
  std::deque<Pending> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status failed_ ABSL_GUARDED_BY(mu_);  // sticky: outcome unknown
  // Per meeting, the version its next record must carry (known once a
  // record of it was written or refused). Writer thread only.
  absl::flat_hash_map<std::string, uint64_t> next_version_;
  size_t transactions_ ABSL_GUARDED_BY(mu_) = 0;
  size_t records_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_GROUP_COMMITTER_H_
