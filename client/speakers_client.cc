#include "client/speakers_client.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "client/grpc_status.h"
#include "client/request_id.h"

namespace speakers::client {

using Stub = v1::Speakers::StubInterface;

SpeakersClient::SpeakersClient(std::shared_ptr<grpc::ChannelInterface> channel,
                               ClientOptions options)
    : stub_(v1::Speakers::NewStub(channel)), options_(std::move(options)) {
  if (!options_.sleep)
    options_.sleep = [](absl::Duration d) { absl::SleepFor(d); };
  if (!options_.new_request_id) options_.new_request_id = NewRequestId;
}

std::unique_ptr<SpeakersClient> SpeakersClient::Connect(
    const std::string& address, ClientOptions options) {
  return std::make_unique<SpeakersClient>(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()),
      std::move(options));
}

void SpeakersClient::Prepare(grpc::ClientContext* context,
                             bool with_deadline) const {
  if (!options_.token.empty()) {
    context->AddMetadata("authorization",
                         absl::StrCat("Bearer ", options_.token));
  }
  if (with_deadline) {
    context->set_deadline(absl::ToChronoTime(absl::Now() + options_.deadline));
  }
}

template <typename Request, typename Reply>
absl::StatusOr<Reply> SpeakersClient::Call(
    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Reply*),
    const Request& request) {
  const std::function<absl::StatusOr<Reply>()> attempt =
      [&]() -> absl::StatusOr<Reply> {
    // A context serves one call only: a fresh one per attempt.
    grpc::ClientContext context;
    Prepare(&context, /*with_deadline=*/true);
    Reply reply;
    grpc::Status status = (stub_.get()->*method)(&context, request, &reply);
    if (!status.ok()) return ToAbslStatus(status);
    return reply;
  };
  return options_.retry.Run(attempt, options_.sleep);
}

template <typename Request>
absl::StatusOr<v1::CommandReply> SpeakersClient::Command(
    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                 v1::CommandReply*),
    Request request) {
  if (request.request_id().empty()) {
    request.set_request_id(options_.new_request_id());
  }
  return Call(method, request);
}

absl::StatusOr<v1::SessionInfo> SpeakersClient::GetSession() {
  return Call(&Stub::GetSession, v1::GetSessionRequest());
}
absl::StatusOr<v1::MeetingSnapshot> SpeakersClient::GetMeeting(
    const v1::MeetingRef& ref) {
  return Call(&Stub::GetMeeting, ref);
}
absl::StatusOr<v1::ListState> SpeakersClient::GetList(const v1::ListRef& ref) {
  return Call(&Stub::GetList, ref);
}
absl::StatusOr<v1::Position> SpeakersClient::GetPosition(
    const v1::DelegationOnList& ref) {
  return Call(&Stub::GetPosition, ref);
}
absl::StatusOr<v1::SpeakingTimeReport> SpeakersClient::GetSpeakingTime(
    const v1::MeetingRef& ref) {
  return Call(&Stub::GetSpeakingTime, ref);
}

absl::StatusOr<v1::AuditExport> SpeakersClient::ExportAudit(
    const v1::AuditRequest& request) {
  return Call(&Stub::ExportAudit, request);
}
absl::StatusOr<v1::BackupReply> SpeakersClient::Backup(
    const v1::BackupRequest& request) {
  return Call(&Stub::Backup, request);
}

absl::StatusOr<v1::CommandReply> SpeakersClient::OpenList(
    v1::ListCommand request) {
  return Command(&Stub::OpenList, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::CloseList(
    v1::ListCommand request) {
  return Command(&Stub::CloseList, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::ConfigureList(
    v1::ConfigureListRequest request) {
  return Command(&Stub::ConfigureList, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::CallNext(
    v1::CallNextRequest request) {
  return Command(&Stub::CallNext, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::MarkAbsent(
    v1::DelegationCommand request) {
  return Command(&Stub::MarkAbsent, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::Move(v1::MoveRequest request) {
  return Command(&Stub::Move, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::Swap(v1::SwapRequest request) {
  return Command(&Stub::Swap, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::Remove(
    v1::DelegationCommand request) {
  return Command(&Stub::Remove, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::AddSpeaker(
    v1::InscribeRequest request) {
  return Command(&Stub::AddSpeaker, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::ReaddLast(
    v1::ListCommand request) {
  return Command(&Stub::ReaddLast, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::SetTimeLimit(
    v1::SetTimeLimitRequest request) {
  return Command(&Stub::SetTimeLimit, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::Timer(
    v1::TimerRequest request) {
  return Command(&Stub::Timer, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::AddTime(
    v1::AddTimeRequest request) {
  return Command(&Stub::AddTime, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::SetCurrentItem(
    v1::SetCurrentItemRequest request) {
  return Command(&Stub::SetCurrentItem, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::ChangeMeeting(
    v1::ChangeMeetingRequest request) {
  return Command(&Stub::ChangeMeeting, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::Inscribe(
    v1::InscribeRequest request) {
  return Command(&Stub::Inscribe, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::UpdateSpeaker(
    v1::UpdateSpeakerRequest request) {
  return Command(&Stub::UpdateSpeaker, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::Withdraw(
    v1::DelegationCommand request) {
  return Command(&Stub::Withdraw, std::move(request));
}
absl::StatusOr<v1::CommandReply> SpeakersClient::RequestReply(
    v1::RequestReplyRequest request) {
  return Command(&Stub::RequestReply, std::move(request));
}

absl::Status SpeakersClient::Watch(const v1::WatchRequest& request,
                                   const Watcher::Callback& on_update,
                                   WatchOptions options) {
  return NewWatcher(std::move(options))->Run(request, on_update);
}

std::unique_ptr<Watcher> SpeakersClient::NewWatcher(WatchOptions options) {
  Watcher::Opener opener = [this](grpc::ClientContext* context,
                                  const v1::WatchRequest& request) {
    Prepare(context, /*with_deadline=*/false);
    return stub_->Watch(context, request);
  };
  return std::make_unique<Watcher>(std::move(opener), std::move(options));
}

}  // namespace speakers::client
