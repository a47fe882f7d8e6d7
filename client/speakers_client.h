#ifndef SPEAKERS_CLIENT_SPEAKERS_CLIENT_H_
#define SPEAKERS_CLIENT_SPEAKERS_CLIENT_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/retry_policy.h"
#include "client/watcher.h"
#include "speakers/v1/speakers.grpc.pb.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::client {

// How a SpeakersClient talks to the server.
struct ClientOptions {
  // Sent as "authorization: Bearer <token>" on every call; empty sends no
  // authorization (enough for Watch where the session allows it).
  std::string token;
  // The deadline of each attempt of a unary call.
  absl::Duration deadline = absl::Seconds(5);
  // Retries on UNAVAILABLE: 5 attempts, 50 ms .. 1 s apart.
  RetryPolicy retry;
  // Waits between attempts. Default: absl::SleepFor.
  Sleeper sleep;
  // Makes request ids for commands that have none. Default: NewRequestId.
  std::function<std::string()> new_request_id;
};

// The speakers API over one gRPC channel: one method per RPC, each
// returning the reply or the server's error as an absl::Status with the
// same code and message.
//
// Every command (mutating call) gets a fresh random request_id when the
// caller left it empty; a call that fails with UNAVAILABLE is tried again
// (see RetryPolicy) with the very same request, request_id included, so the
// server applies it at most once. Queries are retried the same way.
//
// Thread-safe: calls may run concurrently from several threads.
class SpeakersClient {
 public:
  // A client on `channel`.
  SpeakersClient(std::shared_ptr<grpc::ChannelInterface> channel,
                 ClientOptions options);
  // A client on an insecure channel to "HOST:PORT". Connects lazily.
  static std::unique_ptr<SpeakersClient> Connect(const std::string& address,
                                                 ClientOptions options);

  // ---- Queries ----
  // The session: name, time zone, delegations, meetings, server time.
  absl::StatusOr<v1::SessionInfo> GetSession();
  // A meeting's snapshot: status, current item, version, every list.
  absl::StatusOr<v1::MeetingSnapshot> GetMeeting(const v1::MeetingRef& ref);
  // One list of speakers in full.
  absl::StatusOr<v1::ListState> GetList(const v1::ListRef& ref);
  // A delegation's place, expected wait and start on one list.
  absl::StatusOr<v1::Position> GetPosition(const v1::DelegationOnList& ref);
  // Speaking time used per delegation in a meeting, most first.
  absl::StatusOr<v1::SpeakingTimeReport> GetSpeakingTime(
      const v1::MeetingRef& ref);

  // ---- Records ----
  // The record of a meeting or list, from the command log.
  absl::StatusOr<v1::AuditExport> ExportAudit(const v1::AuditRequest& request);
  // An online copy of the server's database to a new file on the server.
  absl::StatusOr<v1::BackupReply> Backup(const v1::BackupRequest& request);

  // ---- Commands of the chair and the secretariat ----
  // Opens the list for inscriptions.
  absl::StatusOr<v1::CommandReply> OpenList(v1::ListCommand request);
  // Closes the list to inscriptions.
  absl::StatusOr<v1::CommandReply> CloseList(v1::ListCommand request);
  // Replaces the list's settings (unset durations keep theirs).
  absl::StatusOr<v1::CommandReply> ConfigureList(
      v1::ConfigureListRequest request);
  // Gives the floor to the next speaker, guarded by expected_current when set.
  absl::StatusOr<v1::CommandReply> CallNext(v1::CallNextRequest request);
  // Marks a speaker absent (to the end of the tier, or dropped).
  absl::StatusOr<v1::CommandReply> MarkAbsent(v1::DelegationCommand request);
  // Moves a waiting speaker to a place (1 = next).
  absl::StatusOr<v1::CommandReply> Move(v1::MoveRequest request);
  // Exchanges the places of two waiting speakers.
  absl::StatusOr<v1::CommandReply> Swap(v1::SwapRequest request);
  // Takes a speaker off the list.
  absl::StatusOr<v1::CommandReply> Remove(v1::DelegationCommand request);
  // Adds a speaker on the chair's authority (time_limit honoured).
  absl::StatusOr<v1::CommandReply> AddSpeaker(v1::InscribeRequest request);
  // Puts the last speaker back on the list, next in line.
  absl::StatusOr<v1::CommandReply> ReaddLast(v1::ListCommand request);
  // Sets one speaker's limit, or (limit unset) returns it to the default.
  absl::StatusOr<v1::CommandReply> SetTimeLimit(
      v1::SetTimeLimitRequest request);
  // Starts, pauses, resumes or resets the speaker's clock.
  absl::StatusOr<v1::CommandReply> Timer(v1::TimerRequest request);
  // Adds (or, negative, removes) time on the speaker's clock.
  absl::StatusOr<v1::CommandReply> AddTime(v1::AddTimeRequest request);
  // Makes an agenda item the meeting's current item.
  absl::StatusOr<v1::CommandReply> SetCurrentItem(
      v1::SetCurrentItemRequest request);
  // Opens, suspends, resumes or adjourns the meeting.
  absl::StatusOr<v1::CommandReply> ChangeMeeting(
      v1::ChangeMeetingRequest request);

  // ---- Commands of a delegation (and the chair, the secretariat) ----
  // Inscribes a speaker; the reply carries the entry and its receipt.
  absl::StatusOr<v1::CommandReply> Inscribe(v1::InscribeRequest request);
  // Replaces the speaker of an inscription.
  absl::StatusOr<v1::CommandReply> UpdateSpeaker(
      v1::UpdateSpeakerRequest request);
  // Withdraws an inscription.
  absl::StatusOr<v1::CommandReply> Withdraw(v1::DelegationCommand request);
  // Asks for the right of reply on an item.
  absl::StatusOr<v1::CommandReply> RequestReply(
      v1::RequestReplyRequest request);

  // ---- Streams ----

  // Watches `request.meeting()`, calling `on_update` for each Update and
  // reconnecting by version after a broken stream (see Watcher). Returns
  // when the callback returns false (OK) or the watch fails for good.
  absl::Status Watch(const v1::WatchRequest& request,
                     const Watcher::Callback& on_update,
                     WatchOptions options = {});

  // A Watcher on this client's channel and token, for callers that need to
  // Stop() it from another thread. The client must outlive it.
  std::unique_ptr<Watcher> NewWatcher(WatchOptions options = {});

 private:
  // Adds the authorization metadata and, if `with_deadline`, the deadline.
  void Prepare(grpc::ClientContext* context, bool with_deadline) const;

  // One unary call with retries.
  template <typename Request, typename Reply>
  absl::StatusOr<Reply> Call(
      grpc::Status (v1::Speakers::StubInterface::*method)(grpc::ClientContext*,
                                                          const Request&,
                                                          Reply*),
      const Request& request);

  // A command: fills in the request id, then Call.
  template <typename Request>
  absl::StatusOr<v1::CommandReply> Command(
      grpc::Status (v1::Speakers::StubInterface::*method)(grpc::ClientContext*,
                                                          const Request&,
                                                          v1::CommandReply*),
      Request request);

  std::unique_ptr<v1::Speakers::StubInterface> stub_;
  ClientOptions options_;
};

}  // namespace speakers::client

#endif  // SPEAKERS_CLIENT_SPEAKERS_CLIENT_H_
