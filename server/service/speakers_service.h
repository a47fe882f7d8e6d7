#ifndef SPEAKERS_SERVER_SERVICE_SPEAKERS_SERVICE_H_
#define SPEAKERS_SERVER_SERVICE_SPEAKERS_SERVICE_H_

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/command_log.h"
#include "server/domain/engine.h"
#include "server/service/access_policy.h"
#include "server/service/meeting_hub.h"
#include "speakers/v1/speakers.grpc.pb.h"

namespace speakers {

// The gRPC callback-API handlers: authenticate, authorize, convert the
// request to a domain command (command_from_proto), run it through the
// meeting's hub, convert the reply (state_to_proto). No rule lives here.
// Watch and WatchDelegation are raw methods: every update is serialized
// once by the hub and the same bytes go to every stream.
class SpeakersService
    : public v1::Speakers::WithRawCallbackMethod_Watch<
          v1::Speakers::WithRawCallbackMethod_WatchDelegation<v1::Speakers::CallbackService>> {
 public:
  // Everything must outlive the service. `log` may be null (no database:
  // ExportAudit and Backup answer FAILED_PRECONDITION).
  SpeakersService(Engine* engine, std::vector<MeetingHub*> hubs, const AccessPolicy* access,
                  const CommandLog* log);

  using Reactor = grpc::ServerUnaryReactor;
  using Ctx = grpc::CallbackServerContext;

  Reactor* GetSession(Ctx* c, const v1::GetSessionRequest* r, v1::SessionInfo* out) override;
  Reactor* GetMeeting(Ctx* c, const v1::MeetingRef* r, v1::MeetingSnapshot* out) override;
  Reactor* GetList(Ctx* c, const v1::ListRef* r, v1::ListState* out) override;
  Reactor* GetPosition(Ctx* c, const v1::DelegationOnList* r, v1::Position* out) override;
  Reactor* GetSpeakingTime(Ctx* c, const v1::MeetingRef* r, v1::SpeakingTimeReport* out) override;

  Reactor* OpenList(Ctx* c, const v1::ListCommand* r, v1::CommandReply* out) override;
  Reactor* CloseList(Ctx* c, const v1::ListCommand* r, v1::CommandReply* out) override;
  Reactor* ConfigureList(Ctx* c, const v1::ConfigureListRequest* r, v1::CommandReply* out) override;
  Reactor* CallNext(Ctx* c, const v1::CallNextRequest* r, v1::CommandReply* out) override;
  Reactor* MarkAbsent(Ctx* c, const v1::DelegationCommand* r, v1::CommandReply* out) override;
  Reactor* Move(Ctx* c, const v1::MoveRequest* r, v1::CommandReply* out) override;
  Reactor* Swap(Ctx* c, const v1::SwapRequest* r, v1::CommandReply* out) override;
  Reactor* Remove(Ctx* c, const v1::DelegationCommand* r, v1::CommandReply* out) override;
  Reactor* AddSpeaker(Ctx* c, const v1::InscribeRequest* r, v1::CommandReply* out) override;
  Reactor* ReaddLast(Ctx* c, const v1::ListCommand* r, v1::CommandReply* out) override;
  Reactor* SetTimeLimit(Ctx* c, const v1::SetTimeLimitRequest* r, v1::CommandReply* out) override;
  Reactor* Timer(Ctx* c, const v1::TimerRequest* r, v1::CommandReply* out) override;
  Reactor* AddTime(Ctx* c, const v1::AddTimeRequest* r, v1::CommandReply* out) override;
  Reactor* SetCurrentItem(Ctx* c, const v1::SetCurrentItemRequest* r,
                          v1::CommandReply* out) override;
  Reactor* ChangeMeeting(Ctx* c, const v1::ChangeMeetingRequest* r,
                         v1::CommandReply* out) override;

  Reactor* Inscribe(Ctx* c, const v1::InscribeRequest* r, v1::CommandReply* out) override;
  Reactor* UpdateSpeaker(Ctx* c, const v1::UpdateSpeakerRequest* r,
                         v1::CommandReply* out) override;
  Reactor* Withdraw(Ctx* c, const v1::DelegationCommand* r, v1::CommandReply* out) override;
  Reactor* RequestReply(Ctx* c, const v1::RequestReplyRequest* r, v1::CommandReply* out) override;

  Reactor* ExportAudit(Ctx* c, const v1::AuditRequest* r, v1::AuditExport* out) override;
  Reactor* Backup(Ctx* c, const v1::BackupRequest* r, v1::BackupReply* out) override;

  grpc::ServerWriteReactor<grpc::ByteBuffer>* Watch(Ctx* c, const grpc::ByteBuffer* r) override;
  grpc::ServerWriteReactor<grpc::ByteBuffer>* WatchDelegation(Ctx* c,
                                                              const grpc::ByteBuffer* r) override;

 private:
  enum class Need { kRead, kChair, kDelegation, kSecretariat };

  // Authenticates the call and checks `need` for (meeting, delegation).
  absl::StatusOr<std::optional<Principal>> Check(Ctx* c, Need need, absl::string_view meeting,
                                                 absl::string_view delegation) const;
  absl::StatusOr<MeetingHub*> Hub(absl::string_view meeting) const;
  // The common path of the queries: checks read access, then runs `read`
  // on the meeting under its hub's lock and finishes with its status.
  Reactor* ReadMeeting(Ctx* c, absl::string_view meeting,
                       const std::function<absl::Status(const Meeting&)>& read);
  // The common path of every command RPC.
  // `name` labels the command in the metrics ("call_next").
  Reactor* RunCommand(Ctx* c, absl::string_view name, Need need, absl::string_view meeting,
                      absl::string_view delegation, absl::string_view request_id,
                      const absl::StatusOr<Command>& command, v1::CommandReply* out);
  static Reactor* Done(Ctx* c, const absl::Status& status);

  Engine* engine_;
  std::vector<MeetingHub*> hubs_;
  const AccessPolicy* access_;
  const CommandLog* log_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_SPEAKERS_SERVICE_H_
