#include "tests/client/fake_speakers_service.h"

#include <optional>
#include <utility>

#include "absl/time/clock.h"

namespace speakers::testing {

void FakeSpeakersService::FailNext(int count, grpc::Status status) {
  absl::MutexLock lock(&mu_);
  for (int i = 0; i < count; ++i) failures_.push_back(status);
}

void FakeSpeakersService::AddStream(ScriptedStream stream) {
  absl::MutexLock lock(&mu_);
  streams_.push_back(std::move(stream));
}

std::vector<RecordedCall> FakeSpeakersService::calls() const {
  absl::MutexLock lock(&mu_);
  return calls_;
}

std::vector<uint64_t> FakeSpeakersService::watch_versions() const {
  absl::MutexLock lock(&mu_);
  return watch_versions_;
}

grpc::Status FakeSpeakersService::Record(
    absl::string_view method, grpc::ServerContext* context,
    const google::protobuf::Message& request) {
  RecordedCall call;
  call.method = std::string(method);
  call.request.reset(request.New());
  call.request->CopyFrom(request);
  auto it = context->client_metadata().find("authorization");
  if (it != context->client_metadata().end()) {
    call.authorization = std::string(it->second.data(), it->second.size());
  }
  const absl::Time deadline = absl::FromChrono(context->deadline());
  call.deadline_left = deadline == absl::InfiniteFuture() ||
                               deadline > absl::Now() + absl::Hours(24 * 365)
                           ? absl::InfiniteDuration()
                           : deadline - absl::Now();
  absl::MutexLock lock(&mu_);
  calls_.push_back(std::move(call));
  if (failures_.empty()) return grpc::Status::OK;
  grpc::Status failure = failures_.front();
  failures_.pop_front();
  return failure;
}

template <typename T>
grpc::Status FakeSpeakersService::Answer(
    absl::string_view method, grpc::ServerContext* context,
    const google::protobuf::Message& request, const T& reply, T* out) {
  grpc::Status status = Record(method, context, request);
  if (status.ok()) *out = reply;
  return status;
}

grpc::Status FakeSpeakersService::GetSession(grpc::ServerContext* c,
                                             const v1::GetSessionRequest* r,
                                             v1::SessionInfo* out) {
  return Answer("GetSession", c, *r, session, out);
}
grpc::Status FakeSpeakersService::WhoAmI(grpc::ServerContext* c,
                                         const v1::WhoAmIRequest* r,
                                         v1::Caller* out) {
  return Answer("WhoAmI", c, *r, caller, out);
}
grpc::Status FakeSpeakersService::GetMeeting(grpc::ServerContext* c,
                                             const v1::MeetingRef* r,
                                             v1::MeetingSnapshot* out) {
  return Answer("GetMeeting", c, *r, meeting, out);
}
grpc::Status FakeSpeakersService::GetList(grpc::ServerContext* c,
                                          const v1::ListRef* r,
                                          v1::ListState* out) {
  return Answer("GetList", c, *r, list, out);
}
grpc::Status FakeSpeakersService::GetPosition(grpc::ServerContext* c,
                                              const v1::DelegationOnList* r,
                                              v1::Position* out) {
  return Answer("GetPosition", c, *r, position, out);
}
grpc::Status FakeSpeakersService::GetSpeakingTime(grpc::ServerContext* c,
                                                  const v1::MeetingRef* r,
                                                  v1::SpeakingTimeReport* out) {
  return Answer("GetSpeakingTime", c, *r, report, out);
}
grpc::Status FakeSpeakersService::OpenList(grpc::ServerContext* c,
                                           const v1::ListCommand* r,
                                           v1::CommandReply* out) {
  return Answer("OpenList", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::CloseList(grpc::ServerContext* c,
                                            const v1::ListCommand* r,
                                            v1::CommandReply* out) {
  return Answer("CloseList", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::ConfigureList(
    grpc::ServerContext* c, const v1::ConfigureListRequest* r,
    v1::CommandReply* out) {
  return Answer("ConfigureList", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::CallNext(grpc::ServerContext* c,
                                           const v1::CallNextRequest* r,
                                           v1::CommandReply* out) {
  return Answer("CallNext", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::MarkAbsent(grpc::ServerContext* c,
                                             const v1::DelegationCommand* r,
                                             v1::CommandReply* out) {
  return Answer("MarkAbsent", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::Move(grpc::ServerContext* c,
                                       const v1::MoveRequest* r,
                                       v1::CommandReply* out) {
  return Answer("Move", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::Swap(grpc::ServerContext* c,
                                       const v1::SwapRequest* r,
                                       v1::CommandReply* out) {
  return Answer("Swap", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::Remove(grpc::ServerContext* c,
                                         const v1::DelegationCommand* r,
                                         v1::CommandReply* out) {
  return Answer("Remove", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::AddSpeaker(grpc::ServerContext* c,
                                             const v1::InscribeRequest* r,
                                             v1::CommandReply* out) {
  return Answer("AddSpeaker", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::Reinstate(grpc::ServerContext* c,
                                            const v1::DelegationCommand* r,
                                            v1::CommandReply* out) {
  return Answer("Reinstate", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::ReaddLast(grpc::ServerContext* c,
                                            const v1::ListCommand* r,
                                            v1::CommandReply* out) {
  return Answer("ReaddLast", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::SetTimeLimit(grpc::ServerContext* c,
                                               const v1::SetTimeLimitRequest* r,
                                               v1::CommandReply* out) {
  return Answer("SetTimeLimit", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::Timer(grpc::ServerContext* c,
                                        const v1::TimerRequest* r,
                                        v1::CommandReply* out) {
  return Answer("Timer", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::AddTime(grpc::ServerContext* c,
                                          const v1::AddTimeRequest* r,
                                          v1::CommandReply* out) {
  return Answer("AddTime", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::SetCurrentItem(
    grpc::ServerContext* c, const v1::SetCurrentItemRequest* r,
    v1::CommandReply* out) {
  return Answer("SetCurrentItem", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::EndStatement(grpc::ServerContext* c,
                                               const v1::ListCommand* r,
                                               v1::CommandReply* out) {
  return Answer("EndStatement", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::UndoNext(grpc::ServerContext* c,
                                           const v1::ListCommand* r,
                                           v1::CommandReply* out) {
  return Answer("UndoNext", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::GrantPoint(grpc::ServerContext* c,
                                             const v1::PointRequest* r,
                                             v1::CommandReply* out) {
  return Answer("GrantPoint", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::DismissPoint(grpc::ServerContext* c,
                                               const v1::PointRequest* r,
                                               v1::CommandReply* out) {
  return Answer("DismissPoint", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::EndPoint(grpc::ServerContext* c,
                                           const v1::PointRequest* r,
                                           v1::CommandReply* out) {
  return Answer("EndPoint", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::RaisePoint(grpc::ServerContext* c,
                                             const v1::PointRequest* r,
                                             v1::CommandReply* out) {
  return Answer("RaisePoint", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::WithdrawPoint(grpc::ServerContext* c,
                                                const v1::PointRequest* r,
                                                v1::CommandReply* out) {
  return Answer("WithdrawPoint", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::AddReply(grpc::ServerContext* c,
                                           const v1::RequestReplyRequest* r,
                                           v1::CommandReply* out) {
  return Answer("AddReply", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::ChangeMeeting(
    grpc::ServerContext* c, const v1::ChangeMeetingRequest* r,
    v1::CommandReply* out) {
  return Answer("ChangeMeeting", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::Inscribe(grpc::ServerContext* c,
                                           const v1::InscribeRequest* r,
                                           v1::CommandReply* out) {
  return Answer("Inscribe", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::UpdateSpeaker(
    grpc::ServerContext* c, const v1::UpdateSpeakerRequest* r,
    v1::CommandReply* out) {
  return Answer("UpdateSpeaker", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::Withdraw(grpc::ServerContext* c,
                                           const v1::DelegationCommand* r,
                                           v1::CommandReply* out) {
  return Answer("Withdraw", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::RequestReply(grpc::ServerContext* c,
                                               const v1::RequestReplyRequest* r,
                                               v1::CommandReply* out) {
  return Answer("RequestReply", c, *r, reply, out);
}
grpc::Status FakeSpeakersService::ExportAudit(grpc::ServerContext* c,
                                              const v1::AuditRequest* r,
                                              v1::AuditExport* out) {
  return Answer("ExportAudit", c, *r, audit, out);
}
grpc::Status FakeSpeakersService::Backup(grpc::ServerContext* c,
                                         const v1::BackupRequest* r,
                                         v1::BackupReply* out) {
  return Answer("Backup", c, *r, backup, out);
}

grpc::Status FakeSpeakersService::ListTokens(grpc::ServerContext* c,
                                             const v1::ListTokensRequest* r,
                                             v1::TokenList* out) {
  return Answer("ListTokens", c, *r, tokens, out);
}

grpc::Status FakeSpeakersService::IssueToken(grpc::ServerContext* c,
                                             const v1::IssueTokenRequest* r,
                                             v1::IssuedToken* out) {
  return Answer("IssueToken", c, *r, issued, out);
}

grpc::Status FakeSpeakersService::RevokeToken(grpc::ServerContext* c,
                                              const v1::TokenRef* r,
                                              v1::TokenInfo* out) {
  return Answer("RevokeToken", c, *r, revoked, out);
}

grpc::Status FakeSpeakersService::RotateToken(grpc::ServerContext* c,
                                              const v1::TokenRef* r,
                                              v1::IssuedToken* out) {
  return Answer("RotateToken", c, *r, issued, out);
}

grpc::Status FakeSpeakersService::Watch(
    grpc::ServerContext* c, const v1::WatchRequest* r,
    grpc::ServerWriter<v1::Update>* writer) {
  grpc::Status status = Record("Watch", c, *r);
  if (!status.ok()) return status;
  std::optional<ScriptedStream> stream;
  {
    absl::MutexLock lock(&mu_);
    watch_versions_.push_back(r->since_version());
    if (!streams_.empty()) {
      stream = std::move(streams_.front());
      streams_.pop_front();
    }
  }
  if (!stream.has_value()) {
    while (!c->IsCancelled()) absl::SleepFor(absl::Milliseconds(5));
    return grpc::Status::CANCELLED;
  }
  for (const v1::Update& update : stream->updates) {
    if (!writer->Write(update)) return grpc::Status::CANCELLED;
  }
  return stream->end;
}

FakeServer::FakeServer() {
  grpc::ServerBuilder builder;
  builder.RegisterService(&service_);
  server_ = builder.BuildAndStart();
}

FakeServer::~FakeServer() {
  server_->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(1)));
}

std::shared_ptr<grpc::Channel> FakeServer::channel() {
  return server_->InProcessChannel(grpc::ChannelArguments());
}

}  // namespace speakers::testing
