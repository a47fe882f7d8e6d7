#ifndef SPEAKERS_SERVER_APP_MEETING_RUNNER_H_
#define SPEAKERS_SERVER_APP_MEETING_RUNNER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/message.h"
#include "server/app/broadcaster.h"
#include "server/app/command_table.h"
#include "server/app/group_committer.h"
#include "server/app/monotonic_clock.h"
#include "server/app/request_ledger.h"
#include "server/app/scheduler.h"
#include "server/app/update_group.h"
#include "server/domain/command.h"
#include "server/domain/meeting.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {

// The single writer of one meeting. A command runs under the runner's
// lock: the request ledger is asked first (a retry gets its first reply; a
// request id reused for another request is INVALID_ARGUMENT), the request
// becomes a domain command against the current state, the meeting applies
// it, and the record goes to the group committer in version order. Once
// durable, the reply is sent; the commands of one transaction go to the
// meeting's broadcaster as ONE update (a Delta of what they changed), and,
// once nothing else is pending, the positions to each watched
// delegation's.
//
// Nobody sees what is not durable: reads and snapshots wait until every
// command applied so far is in the log (new commands wait behind a waiting
// reader, so a reader waits for one commit at most). When a write fails,
// the meeting is rebuilt from the log (RebuildMeeting): the refused command
// leaves no trace in memory, in the version, or on any stream, and the
// next command is a fresh attempt. When the log cannot say whether the
// write was kept (UNKNOWN) or is damaged, every later command is refused
// until a restart.
//
// The runner also raises TimerSignal updates when a running clock reaches
// its warning threshold or its limit, on an alarm of the scheduler.
class MeetingRunner {
 public:
  using Done = std::function<void(absl::StatusOr<v1::CommandReply>)>;

  struct Options {
    Broadcaster::Options stream;  // the meeting's update stream
    size_t remembered_replies = 10000;
    // The identity of this run's stream of versions, carried by snapshots
    // (Update.stream); App sets a fresh one at every start.
    std::string stream_id;
    // Delegations' positions go out at most this often (the first change
    // after a quiet spell at once, later ones together at the end of the
    // interval, always the latest state): with thousands of delegation
    // streams, a burst of commands costs one fan-out per interval, not one
    // per command. Zero: after every change.
    absl::Duration positions_interval = absl::Milliseconds(250);
    // With an interval, a fan-out goes out this many delegations at a time,
    // with a pause between turns of the scheduler: the writes to thousands
    // of delegation streams are spread out instead of taking both cores
    // from the chair's next command at once. A later fan-out replaces what
    // is left of an earlier one (positions are a state: the latest wins).
    size_t positions_batch = 4;
    absl::Duration positions_pause = absl::Milliseconds(1);
  };

  // Everything must outlive the runner; `metrics` may be null.
  MeetingRunner(Meeting* meeting, GroupCommitter* committer,
                Scheduler* scheduler, const MonotonicClock* clock,
                Metrics* metrics, Options options);
  ~MeetingRunner();

  MeetingRunner(const MeetingRunner&) = delete;
  MeetingRunner& operator=(const MeetingRunner&) = delete;

  const std::string& id() const { return id_; }

  // Runs the API command `row` with `request` (of type row.request) for
  // `actor`. `done` runs once: at once on this thread when refused, on the
  // committer's thread once durable.
  void Submit(const ApiCommand& row, const google::protobuf::Message& request,
              absl::string_view actor, Done done);

  // Answers `request` of `actor` from the request ledger if it was seen
  // before (its first reply, or INVALID_ARGUMENT for a reused id), and
  // returns true having moved `*done`; false (and `*done` untouched) for a
  // request never seen. Applies nothing: a retry of an acknowledged command
  // is answered even when a new command of the caller would be refused
  // (e.g. past its rate, see Admission).
  bool AnswerRetry(const ApiCommand& row,
                   const google::protobuf::Message& request,
                   absl::string_view actor, Done* done);

  // Runs a domain command directly (recovery tools, benchmarks, tests),
  // with `request_id` (may be empty) and `digest` (0: none) for the ledger.
  void SubmitCommand(const Command& command, absl::string_view actor,
                     absl::string_view request_id, uint64_t digest, Done done);
  // The same, waiting for the outcome.
  absl::StatusOr<v1::CommandReply> Execute(const Command& command,
                                           absl::string_view actor,
                                           absl::string_view request_id = "");

  // Recovery: a request of the log, with its digest and stored reply
  // (nullopt: older than the replies remembered, see RequestLedger).
  void Recovered(absl::string_view actor, absl::string_view request_id,
                 uint64_t digest, std::optional<v1::CommandReply> reply);

  // Runs `read(const Meeting&)` under the lock, on durable state only, and
  // returns its result.
  template <typename F>
  auto Read(F&& read) const {
    absl::MutexLock lock(&mu_);
    AwaitDurableLocked();
    return read(static_cast<const Meeting&>(*meeting_));
  }

  // The meeting's updates (Watch, browsers).
  Broadcaster& updates() { return updates_; }
  // The positions of `delegation` with notices up to `notify_within`.
  Broadcaster& delegation(const std::string& code, int notify_within);
  // Every broadcaster of this meeting (sweeps, shutdown).
  std::vector<Broadcaster*> broadcasters();

  // A snapshot of the current state, shared by readers that connect at
  // the same version within 100 ms.
  PublishedPtr Snapshot() const;

  // Readers waiting for a commit in flight (tests).
  int readers_waiting() const {
    absl::MutexLock lock(&mu_);
    return readers_waiting_;
  }

  // Re-evaluates the clock deadlines now (after the clock jumped, e.g. a
  // test's fake clock). Thread-safe.
  void CheckDeadlines();

 private:
  // The common path of Submit and SubmitCommand, under the lock.
  // `to_command` converts against the state; ledger first.
  void Run(
      const std::function<absl::StatusOr<Command>(const Meeting&)>& to_command,
      absl::string_view actor, absl::string_view request_id, uint64_t digest,
      Done done);
  // The ledger's part of Run: when `key` was seen, answers it (at once,
  // releasing `lock`, or once its commit is done) and returns true.
  bool AnswerFromLedgerLocked(const std::string& key, uint64_t digest,
                              absl::string_view actor,
                              absl::string_view request_id,
                              absl::ReleasableMutexLock& lock, Done* done)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  PublishedPtr SnapshotLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Waits (releasing the lock) until every applied command is durable or
  // refused; commands wait meanwhile (see Run).
  void AwaitDurableLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // After a failed write of `version`: memory again holds what the log
  // holds (nothing when an earlier failure already did it).
  void RollBackLocked(uint64_t version) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void OnCommitted(const std::string& key, std::shared_ptr<v1::Update> update,
                   v1::CommandReply reply, const absl::Status& status,
                   bool last_of_meeting, Done done);
  // Publishes the updates grouped so far as one (nothing when none).
  void PublishGroupLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The positions changed: they go out on the scheduler's thread, at once
  // or at the end of the interval (Options::positions_interval).
  void PositionsChangedLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // On the scheduler: publishes each watched delegation's positions when
  // due, outside the lock.
  void OnPositionsAlarm();
  // How long until the interval since the last positions ends (0: over).
  absl::Duration PositionsWaitLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The positions of every watched delegation with readers, each with where
  // it goes.
  struct Positions {
    Broadcaster* to;
    v1::DelegationUpdate update;
  };
  std::vector<Positions> PositionsLocked() const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void PublishPositions(std::vector<Positions> positions) const;
  PublishedPtr PositionsLocked(const std::string& code, int notify_within) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The reply of a request the ledger no longer holds, from the log.
  absl::StatusOr<v1::CommandReply> LoggedReply(
      absl::string_view actor, absl::string_view request_id) const;
  // On the scheduler: signals due deadlines, arms the alarm for the next.
  void OnAlarm();

  const std::string id_;
  GroupCommitter* const committer_;
  const MonotonicClock* const clock_;
  Metrics* const metrics_;
  const Options options_;
  mutable absl::Mutex mu_;
  Meeting* meeting_ ABSL_GUARDED_BY(mu_);
  // Set when the log's outcome is unknown or it is damaged: no more
  // commands until a restart.
  absl::Status broken_ ABSL_GUARDED_BY(mu_);
  // The last version known to be in the log.
  uint64_t durable_version_ ABSL_GUARDED_BY(mu_);
  // Readers waiting for durable state (commands wait for none).
  mutable int readers_waiting_ ABSL_GUARDED_BY(mu_) = 0;
  RequestLedger ledger_ ABSL_GUARDED_BY(mu_);
  Broadcaster updates_;
  // The durable updates of the transaction being acknowledged.
  UpdateGroup group_ ABSL_GUARDED_BY(mu_);
  struct Watched {
    std::string code;
    int notify_within;
    std::unique_ptr<Broadcaster> positions;
  };
  std::vector<std::unique_ptr<Watched>> watched_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_set<std::string> signaled_ ABSL_GUARDED_BY(mu_);
  static constexpr absl::Duration kSnapshotReuse = absl::Milliseconds(100);
  mutable PublishedPtr snapshot_ ABSL_GUARDED_BY(mu_);
  mutable absl::Time snapshot_at_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<Scheduler::Alarm> alarm_;
  MonotonicClock::Instant positions_at_ ABSL_GUARDED_BY(mu_){};
  bool positions_due_ ABSL_GUARDED_BY(mu_) = false;
  // What is left of the fan-out in progress (Options::positions_batch).
  std::vector<Positions> positions_left_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<Scheduler::Alarm> positions_alarm_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_MEETING_RUNNER_H_
