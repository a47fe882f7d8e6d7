#ifndef SPEAKERS_SERVER_APP_TOKEN_REGISTRY_H_
#define SPEAKERS_SERVER_APP_TOKEN_REGISTRY_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/message.h"
#include "server/app/group_committer.h"
#include "server/app/subscription.h"
#include "server/app/token_store.h"
#include "server/domain/clock.h"
#include "server/domain/command_log.h"
#include "server/domain/session.h"
#include "speakers/v1/stored_command.pb.h"

namespace speakers {

// The tokens the server accepts, changed at runtime by the secretariat
// through durable commands: IssueToken, RevokeToken and RotateToken are
// records of the log's administration stream (LoggedCommand.meeting
// empty, kind "token_change", payload v1::StoredTokenChange) on top of the
// tokens file. A change is applied in memory when taken (so that the next
// one is checked against it), answered once durable, and undone (the
// registry rebuilt from the file and the log) when its write fails. The
// log keeps hashes only: a token is shown once, in the reply that made it.
//
// It also knows the open streams of each token: a revoked token's streams
// end at once, and an expired one's within a second (EndExpiredStreams).
//
// Thread-safe.
class TokenRegistry {
 public:
  // The administration stream's name in LoggedCommand.meeting.
  static constexpr absl::string_view kStream = "";

  // Over the tokens of the tokens file; `session` and `clock` (the
  // engine's) must outlive the registry.
  TokenRegistry(const TokenStore& file, const Session* session,
                const Clock* clock);

  // Recovery: applies `record` of the administration stream as it was
  // first applied, and remembers its request id. DATA_LOSS naming what
  // does not apply.
  absl::Status Replay(const LoggedCommand& record);

  // Changes go to `committer` from now on; `log` is read back to rebuild
  // after a failed write. Both must outlive the registry.
  void Serve(GroupCommitter* committer, const CommandLog* log);

  // A copy of the entry of `token` (whatever its state), or nullopt.
  std::optional<TokenEntry> Find(absl::string_view token) const;
  // A copy of the entry whose token hashes to `hash` (TokenHash), or
  // nullopt.
  std::optional<TokenEntry> FindHash(absl::string_view hash) const;
  // The session's time zone (times in messages).
  const absl::TimeZone& zone() const { return session_->zone(); }

  // The request type of token method `method` ("IssueToken", "ListTokens",
  // ...), or nullptr when it is none.
  static const google::protobuf::Descriptor* RequestType(
      absl::string_view method);

  using Reply = absl::StatusOr<std::unique_ptr<google::protobuf::Message>>;
  using Done = std::function<void(Reply)>;
  // Runs token method `method` for `actor` (the caller is the secretariat:
  // the app checked). ListTokens answers at once; the changes once durable.
  // INVALID_ARGUMENT for an unknown role, a scope the role does not take
  // or the session does not have, an expiry that is past, a name over 200
  // characters, a request_id reused for another request; NOT_FOUND for an
  // unknown token id; FAILED_PRECONDITION for a token revoked already, or
  // the last valid secretariat token; UNAVAILABLE when the write failed
  // (nothing kept).
  void Call(absl::string_view method, const google::protobuf::Message& request,
            absl::string_view actor, Done done);

  // Streams: `subscription` reads with the token of `hash`; it is ended
  // with UNAUTHENTICATED when the token is revoked or expires.
  void Track(const std::string& hash, std::weak_ptr<Subscription> subscription);
  // Ends the streams of every token that expired by `now` (the app's sweep).
  void EndExpiredStreams(absl::Time now);

 private:
  struct Answered {
    uint64_t digest = 0;
    std::string reply;  // serialized; an IssuedToken carries no token
  };
  // The change `method` of `request` would make, checked against the
  // current state; `*token` gets a new token when it issues one.
  absl::StatusOr<v1::StoredTokenChange> Prepare(
      absl::string_view method, const google::protobuf::Message& request,
      std::string* token) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The reply of a change, as stored (no token).
  std::string StoredReply(absl::string_view method,
                          const v1::StoredTokenChange& change) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The reply of `method` from its stored form, with `token` (may be empty).
  static Reply ReplyOf(absl::string_view method, const std::string& stored,
                       const std::string& token);
  // After a failed write: the file's tokens and the log's changes again.
  void Rebuild();
  // Ends the streams of `hash` with `status`.
  void EndStreams(const std::string& hash, const absl::Status& status);

  const TokenStore file_;
  const Session* const session_;
  const Clock* const clock_;
  GroupCommitter* committer_ = nullptr;
  const CommandLog* log_ = nullptr;

  mutable absl::Mutex mu_;
  TokenStore store_ ABSL_GUARDED_BY(mu_);
  uint64_t version_ ABSL_GUARDED_BY(mu_) = 0;  // of the stream, taken
  // (actor, request id) -> what was answered.
  absl::flat_hash_map<std::string, Answered> answered_ ABSL_GUARDED_BY(mu_);

  absl::Mutex streams_mu_;
  absl::flat_hash_map<std::string, std::vector<std::weak_ptr<Subscription>>>
      streams_ ABSL_GUARDED_BY(streams_mu_);
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_TOKEN_REGISTRY_H_
