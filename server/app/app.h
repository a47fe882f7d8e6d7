#ifndef SPEAKERS_SERVER_APP_APP_H_
#define SPEAKERS_SERVER_APP_APP_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "server/app/access_policy.h"
#include "server/app/admission.h"
#include "server/app/broadcaster.h"
#include "server/app/group_committer.h"
#include "server/app/meeting_runner.h"
#include "server/app/metrics.h"
#include "server/app/monotonic_clock.h"
#include "server/app/queries.h"
#include "server/app/recovery.h"
#include "server/app/scheduler.h"
#include "server/app/token_registry.h"
#include "server/app/token_store.h"
#include "server/domain/command_log.h"
#include "server/domain/engine.h"
#include "server/platform/replay_clock.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {

struct AppOptions {
  // What a caller without a token may read.
  AnonymousReads anonymous_reads = AnonymousReads::kPublic;
  // A stream whose write has not completed for this long is dropped.
  std::chrono::milliseconds stall_timeout{30000};
  MeetingRunner::Options runner;
  // Caps on streams and on a delegation's command rate.
  Admission::Options admission;
  // The one directory Backup writes into; empty: Backup is refused.
  std::string backup_dir;
};

// The application layer: the one command path of the server, owned by
// main and free of gRPC and HTTP. It recovers the engine from the log,
// runs one MeetingRunner per meeting (ledger, apply, group commit,
// deadlines, broadcast), and serves every unary method of the API by name
// (commands through the command table, queries through the query table)
// and the two streams, with one access policy. The gRPC service and the
// browser gateway are thin adapters over it.
class App {
 public:
  // Replays `log` into `engine` (fresh, built on `clock`) and the token
  // changes of its administration stream over `tokens` (the tokens file),
  // then starts the group committer and the runners. Everything must outlive
  // the app; `metrics` may be null. DATA_LOSS when the log does not replay.
  static absl::StatusOr<std::unique_ptr<App>> Start(
      Engine* engine, ReplayClock* clock, CommandLog* log,
      const TokenStore* tokens, Scheduler* scheduler,
      const MonotonicClock* monotonic, Metrics* metrics, AppOptions options);
  // Shutdown(), then commits what is queued.
  ~App();

  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // The request type of unary method `method` of the Speakers service
  // ("Inscribe", "GetList"), or nullptr when there is no such method (or
  // it is a stream).
  const google::protobuf::Descriptor* RequestType(
      absl::string_view method) const;

  using Reply = absl::StatusOr<std::unique_ptr<google::protobuf::Message>>;
  using ReplyDone = std::function<void(Reply)>;
  // Calls `method` with `request` (of RequestType(method)) for the caller
  // who sent `authorization` ("Bearer TOKEN"; empty: anonymous). `done`
  // runs once, on this thread or (commands) on the committer's thread once
  // durable. Errors: UNAUTHENTICATED / PERMISSION_DENIED (see
  // AccessPolicy), RESOURCE_EXHAUSTED when a delegation exceeds its command
  // rate (Admission), NOT_FOUND for an unknown method, meeting, item or
  // delegation, INVALID_ARGUMENT for a bad request (a request_id over 128
  // characters, or reused for a different request), and the domain's own.
  void Call(absl::string_view method, absl::string_view authorization,
            const google::protobuf::Message& request, ReplyDone done);

  // A stream of one broadcaster: unsubscribe with the broadcaster. Holds
  // the stream's place (Admission) until destroyed.
  struct Watching {
    std::shared_ptr<Subscription> subscription;
    Broadcaster* broadcaster = nullptr;
    Admission::Ticket ticket;
  };
  // Where a reader resumes: the version it has, in the stream it saw
  // (Update.stream of its snapshot).
  struct Since {
    uint64_t version = 0;
    std::string stream;
  };
  // The updates of `meeting` after `since` (see Broadcaster::Subscribe;
  // a stream other than this run's starts from a snapshot) for `writer`,
  // opened from `address` (the peer's IP address, for the caps on
  // anonymous streams; may be empty). RESOURCE_EXHAUSTED past a cap
  // (Admission).
  absl::StatusOr<Watching> Watch(absl::string_view authorization,
                                 absl::string_view meeting, const Since& since,
                                 StreamWriter* writer,
                                 absl::string_view address = "");
  // This run's stream identity (Update.stream).
  const std::string& stream_id() const { return stream_id_; }
  // A delegation's positions on the lists of a meeting.
  absl::StatusOr<Watching> WatchDelegation(
      absl::string_view authorization,
      const v1::WatchDelegationRequest& request, StreamWriter* writer,
      absl::string_view address = "");

  // Whether `authorization` may read `meeting` (streams of other
  // transports check before they start). OK, or the refusal.
  absl::Status CheckRead(absl::string_view authorization,
                         absl::string_view meeting) const;

  // Whether `authorization` is the secretariat's (the metrics of the
  // browser gateway, to another machine). OK, or the refusal.
  absl::Status CheckSecretariat(absl::string_view authorization) const {
    return Check(authorization, Need::kSecretariat, "", "").status();
  }

  // The runner of `meeting`, or nullptr.
  MeetingRunner* runner(absl::string_view meeting) const;
  std::vector<MeetingRunner*> runners() const;
  const Engine& engine() const { return *engine_; }
  const RecoveryStats& recovered() const { return recovered_; }
  GroupCommitter& committer() { return *committer_; }
  const AccessPolicy& access() const { return access_; }
  const TokenRegistry& tokens() const { return *tokens_; }

  // Ends every stream with UNAVAILABLE ("the server is shutting down") and
  // refuses new ones. Idempotent.
  void Shutdown();

 private:
  App(Engine* engine, CommandLog* log, std::unique_ptr<TokenRegistry> tokens,
      Scheduler* scheduler, const MonotonicClock* monotonic, Metrics* metrics,
      AppOptions options);
  // Whether `authorization` may read `meeting`, and a place for a stream
  // of it from `address`; `*token_hash` gets the hash of the caller's token
  // (empty: none).
  absl::StatusOr<Admission::Ticket> AdmitStream(absl::string_view authorization,
                                                absl::string_view meeting,
                                                absl::string_view address,
                                                std::string* token_hash);
  // Authenticates and checks `need` for (meeting, delegation).
  absl::StatusOr<std::optional<Principal>> Check(
      absl::string_view authorization, Need need, absl::string_view meeting,
      absl::string_view delegation) const;
  // The runner of `meeting`, or INVALID_ARGUMENT / NOT_FOUND naming the
  // session's meetings.
  absl::StatusOr<MeetingRunner*> Runner(absl::string_view meeting) const;
  void CallCommand(const ApiCommand& row, absl::string_view authorization,
                   const google::protobuf::Message& request, ReplyDone done);
  // Drops stalled streams, every second.
  void Sweep();

  Engine* engine_;
  const MonotonicClock* monotonic_;
  Metrics* metrics_;
  const AppOptions options_;
  std::unique_ptr<TokenRegistry> tokens_;
  AccessPolicy access_;
  Admission admission_;
  const std::string stream_id_;
  RecoveryStats recovered_;
  std::unique_ptr<GroupCommitter> committer_;
  std::vector<std::unique_ptr<MeetingRunner>> runners_;
  std::unique_ptr<Queries> queries_;
  std::unique_ptr<Scheduler::Alarm> sweep_;
  bool shut_down_ = false;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_APP_H_
