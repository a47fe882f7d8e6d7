#ifndef SPEAKERS_SERVER_SERVICE_MEETING_HUB_H_
#define SPEAKERS_SERVER_SERVICE_MEETING_HUB_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "boost/asio/io_context.hpp"
#include "boost/asio/steady_timer.hpp"
#include "server/domain/command.h"
#include "server/domain/meeting.h"
#include "server/service/group_committer.h"
#include "server/service/update_sink.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {

// The single writer of one meeting and the fan-out of its updates.
//
// Commands run one at a time under the hub's lock; reads take the same lock
// and so wait for at most one command. After each accepted command the hub
// builds one Update (the events and the lists they touched), serializes it
// once and hands it to every sink in version order. It keeps the last
// `history` updates so that a client that reconnects with its last version
// continues without a gap, and it raises TimerSignal updates when a running
// clock reaches its warning threshold or its limit, on a Boost.Asio steady
// timer of `io`.
class MeetingHub {
 public:
  // `meeting`, `io` and `committer` must outlive the hub; `io` runs on some
  // thread. Without a committer, commands are acknowledged at once (tests,
  // benchmarks of the in-memory path).
  MeetingHub(Meeting* meeting, boost::asio::io_context* io, GroupCommitter* committer = nullptr,
             size_t history = 4096);
  ~MeetingHub();

  MeetingHub(const MeetingHub&) = delete;
  MeetingHub& operator=(const MeetingHub&) = delete;

  const std::string& id() const { return id_; }

  // Applies `command` (see Meeting::Apply), publishes the update and
  // returns the reply. A non-empty `request_id` makes the command
  // idempotent: a retry with the same id (from the same actor) gets the
  // first reply again and changes nothing.
  absl::StatusOr<v1::CommandReply> Execute(const Command& command, absl::string_view actor,
                                           absl::string_view request_id = "");

  // The same without waiting: `done` runs once the command is durable (on
  // the committer's thread) or refused (at once, on the caller's thread).
  // Watchers get the update only after it is durable, in version order.
  using Done = std::function<void(absl::StatusOr<v1::CommandReply>)>;
  void Submit(const Command& command, absl::string_view actor, absl::string_view request_id,
              Done done);

  // Recovery: remembers the reply of a logged command so that a client's
  // retry with the same request id after a restart gets it again.
  void RememberReply(absl::string_view actor, absl::string_view request_id,
                     v1::CommandReply reply);
  // Recovery: remembers only that the request was made; a retry gets its
  // reply from the log.
  void RememberRequestId(absl::string_view actor, absl::string_view request_id);

  // Runs `read(const Meeting&)` under the lock and returns its result.
  template <typename F>
  auto Read(F&& read) const {
    absl::MutexLock lock(&mu_);
    return read(static_cast<const Meeting&>(*meeting_));
  }

  // Adds a sink. With since_version 0, or when the history no longer holds
  // every update after since_version, the sink first gets a snapshot;
  // otherwise it gets the updates it missed. Both happen under the lock,
  // so nothing is lost or doubled before the live updates.
  void Subscribe(UpdateSink* sink, uint64_t since_version);
  // Removes a sink; after it returns the hub no longer calls the sink.
  void Unsubscribe(UpdateSink* sink);

  // A snapshot update of the current state (for a sink that must resync).
  UpdatePtr SnapshotUpdate() const;

  // Re-evaluates the clock deadlines now (after the clock jumped, e.g. a
  // test's fake clock). Thread-safe.
  void CheckDeadlines();

  // Drops sinks whose writes have been stuck since before `deadline`.
  void DropStalled(std::chrono::steady_clock::time_point deadline);

  // Ends every stream with `status` (shutdown).
  void CloseAll(const grpc::Status& status);

  size_t sink_count() const;

 private:
  UpdatePtr SnapshotLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void PublishLocked(UpdatePtr update) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // On the io thread: signals due deadlines, arms the timer for the next.
  void OnTimer();
  void ArmSoon();

  struct Deadline {
    absl::Time at;
    v1::TimerSignal::Kind kind;
    std::string item;
    std::string delegation;
    std::string key;  // identifies the signal, so it is sent once
  };
  std::vector<Deadline> DeadlinesLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // Replies to recent request ids ("actor|id"), oldest first. A reply not
  // yet durable collects the retries that wait for it.
  static constexpr size_t kRememberedRequests = 10000;
  struct Remembered {
    v1::CommandReply reply;
    bool durable = false;
    std::vector<Done> waiting;
  };
  void RememberLocked(const std::string& key, Remembered remembered)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The reply of a request the cache forgot, from the log.
  absl::StatusOr<v1::CommandReply> LoggedReply(absl::string_view actor,
                                               absl::string_view request_id) const;
  void OnCommitted(const std::string& key, v1::Update update, v1::CommandReply reply,
                   const absl::Status& status, Done done);

  const std::string id_;
  boost::asio::io_context* io_;
  GroupCommitter* committer_;
  const size_t history_size_;
  mutable absl::Mutex mu_;
  // Set after a failed commit: memory is ahead of the log.
  absl::Status broken_ ABSL_GUARDED_BY(mu_);
  Meeting* meeting_ ABSL_GUARDED_BY(mu_);
  std::deque<UpdatePtr> history_ ABSL_GUARDED_BY(mu_);
  std::vector<UpdateSink*> sinks_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_set<std::string> signaled_ ABSL_GUARDED_BY(mu_);
  // The latest snapshot, shared by watchers that connect at the same
  // version within kSnapshotReuse.
  static constexpr absl::Duration kSnapshotReuse = absl::Milliseconds(100);
  mutable UpdatePtr snapshot_ ABSL_GUARDED_BY(mu_);
  mutable absl::Time snapshot_at_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, Remembered> replies_ ABSL_GUARDED_BY(mu_);
  // Every durable request id ever seen; those no longer in replies_ are
  // answered from the log.
  absl::flat_hash_set<std::string> durable_ids_ ABSL_GUARDED_BY(mu_);
  std::deque<std::string> reply_order_ ABSL_GUARDED_BY(mu_);
  boost::asio::steady_timer timer_;  // used on the io thread only
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_MEETING_HUB_H_
