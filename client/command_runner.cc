#include "client/command_runner.h"

#include <fstream>

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "client/output_format.h"
#include "client/watch_view.h"

namespace speakers::cli {
namespace {

template <typename T>
const T& As(const google::protobuf::Message& message) {
  return *google::protobuf::DynamicCastToGenerated<T>(&message);
}

// The list reference inside `request`, or null (RequestReplyRequest has
// its meeting and item at the top).
v1::ListRef* MutableListRef(google::protobuf::Message& request) {
  if (auto* ref =
          google::protobuf::DynamicCastToGenerated<v1::ListRef>(&request)) {
    return ref;
  }
  const google::protobuf::FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("list");
  if (field == nullptr || field->message_type() != v1::ListRef::descriptor()) {
    return nullptr;
  }
  return static_cast<v1::ListRef*>(
      request.GetReflection()->MutableMessage(&request, field));
}

}  // namespace

CommandRunner::CommandRunner(client::SpeakersClient* client, std::ostream* out,
                             std::function<FrameStyle()> frame_style)
    : client_(client), out_(out), frame_style_(std::move(frame_style)) {}

absl::Status CommandRunner::ResolveItem(google::protobuf::Message& request) {
  // The request names its meeting and item either in a ListRef or in
  // fields of its own (RequestReplyRequest, AuditRequest).
  v1::ListRef* ref = MutableListRef(request);
  std::string* meeting_field = nullptr;
  std::string* item_field = nullptr;
  if (ref != nullptr) {
    meeting_field = ref->mutable_meeting();
    item_field = ref->mutable_item();
  } else if (auto* reply =
                 google::protobuf::DynamicCastToGenerated<v1::RequestReplyRequest>(&request)) {
    meeting_field = reply->mutable_meeting();
    item_field = reply->mutable_item();
  } else if (auto* audit =
                 google::protobuf::DynamicCastToGenerated<v1::AuditRequest>(&request)) {
    meeting_field = audit->mutable_meeting();
    item_field = audit->mutable_item();
  } else {
    return absl::InternalError("this command names no list");
  }
  v1::MeetingRef meeting;
  meeting.set_meeting(*meeting_field);
  absl::StatusOr<v1::MeetingSnapshot> snapshot = client_->GetMeeting(meeting);
  if (!snapshot.ok()) return snapshot.status();
  if (snapshot->current_item().empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("meeting \"", meeting.meeting(),
                     "\" has no current item; name the item with --item=ITEM"));
  }
  *item_field = snapshot->current_item();
  return absl::OkStatus();
}

absl::TimeZone CommandRunner::Zone() {
  if (!zone_.has_value()) {
    absl::TimeZone zone = absl::UTCTimeZone();
    absl::StatusOr<v1::SessionInfo> session = client_->GetSession();
    if (session.ok() && !absl::LoadTimeZone(session->time_zone(), &zone)) {
      zone = absl::UTCTimeZone();
    }
    zone_ = zone;
  }
  return *zone_;
}

template <typename T>
absl::Status CommandRunner::Print(const absl::StatusOr<T>& reply) {
  if (!reply.ok()) return reply.status();
  if (json_) {
    absl::StatusOr<std::string> json = ToJsonLine(*reply);
    if (!json.ok()) return json.status();
    *out_ << *json << "\n";
  } else {
    *out_ << Text(*reply);
  }
  out_->flush();
  return absl::OkStatus();
}

std::string CommandRunner::Text(const v1::SessionInfo& reply) {
  return TextFormatter(absl::UTCTimeZone()).Session(reply);
}
std::string CommandRunner::Text(const v1::MeetingSnapshot& reply) {
  return TextFormatter(absl::UTCTimeZone()).Meeting(reply);
}
std::string CommandRunner::Text(const v1::ListState& reply) {
  return TextFormatter(Zone()).List(reply);
}
std::string CommandRunner::Text(const v1::Position& reply) {
  return TextFormatter(Zone()).Position(reply);
}
std::string CommandRunner::Text(const v1::SpeakingTimeReport& reply) {
  return TextFormatter(absl::UTCTimeZone()).SpeakingTime(reply);
}
std::string CommandRunner::Text(const v1::CommandReply& reply) {
  // Only a receipt needs the session's zone: do not ask for it otherwise.
  const bool has_receipt = reply.entry().receipt().number() > 0;
  return TextFormatter(has_receipt ? Zone() : absl::UTCTimeZone()).Reply(reply);
}

std::string CommandRunner::Text(const v1::BackupReply& reply) {
  return absl::StrCat("Backup written to ", reply.path(), " (", reply.bytes(), " bytes, ",
                      reply.records(), " commands)\n");
}

absl::Status CommandRunner::Audit(const v1::AuditRequest& request, const std::string& output) {
  absl::StatusOr<v1::AuditExport> audit = client_->ExportAudit(request);
  if (!audit.ok()) return audit.status();
  if (output.empty()) {
    *out_ << audit->content();
    out_->flush();
    return absl::OkStatus();
  }
  std::ofstream file(output, std::ios::binary | std::ios::trunc);
  file << audit->content();
  file.close();
  if (!file) {
    return absl::UnavailableError(absl::StrCat("cannot write ", output));
  }
  *out_ << "Wrote " << audit->rows() << " rows (to version " << audit->version() << ") to "
        << output << "\n";
  return absl::OkStatus();
}

absl::Status CommandRunner::Configure(v1::ConfigureListRequest request) {
  // The server replaces all settings: start from the list's own.
  absl::StatusOr<v1::ListState> list = client_->GetList(request.list());
  if (!list.ok()) return list.status();
  v1::ListSettings settings = list->settings();
  const v1::ListSettings& given = request.settings();
  if (given.has_speaking_time())
    *settings.mutable_speaking_time() = given.speaking_time();
  if (given.has_warning()) *settings.mutable_warning() = given.warning();
  if (given.policy() != v1::POLICY_KIND_UNSPECIFIED)
    settings.set_policy(given.policy());
  if (given.absent() != v1::ABSENT_UNSPECIFIED)
    settings.set_absent(given.absent());
  *request.mutable_settings() = settings;
  return Print(client_->ConfigureList(std::move(request)));
}

absl::Status CommandRunner::Run(const ParsedCommand& command) {
  json_ = command.global.json;
  std::unique_ptr<google::protobuf::Message> owned(command.request->New());
  owned->CopyFrom(*command.request);
  google::protobuf::Message& request = *owned;
  if (command.resolve_item) {
    absl::Status resolved = ResolveItem(request);
    if (!resolved.ok()) return resolved;
  }
  switch (command.command) {
    case Command::kNext:
      return Print(client_->CallNext(As<v1::CallNextRequest>(request)));
    case Command::kOpen:
      return Print(client_->OpenList(As<v1::ListCommand>(request)));
    case Command::kClose:
      return Print(client_->CloseList(As<v1::ListCommand>(request)));
    case Command::kTimer:
      return Print(client_->Timer(As<v1::TimerRequest>(request)));
    case Command::kAddTime:
      return Print(client_->AddTime(As<v1::AddTimeRequest>(request)));
    case Command::kMove:
      return Print(client_->Move(As<v1::MoveRequest>(request)));
    case Command::kSwap:
      return Print(client_->Swap(As<v1::SwapRequest>(request)));
    case Command::kRemove:
      return Print(client_->Remove(As<v1::DelegationCommand>(request)));
    case Command::kAbsent:
      return Print(client_->MarkAbsent(As<v1::DelegationCommand>(request)));
    case Command::kAdd:
      return Print(client_->AddSpeaker(As<v1::InscribeRequest>(request)));
    case Command::kReadd:
      return Print(client_->ReaddLast(As<v1::ListCommand>(request)));
    case Command::kLimit:
      return Print(client_->SetTimeLimit(As<v1::SetTimeLimitRequest>(request)));
    case Command::kItem:
      return Print(
          client_->SetCurrentItem(As<v1::SetCurrentItemRequest>(request)));
    case Command::kMeeting:
      return Print(
          client_->ChangeMeeting(As<v1::ChangeMeetingRequest>(request)));
    case Command::kConfigure:
      return Configure(As<v1::ConfigureListRequest>(request));
    case Command::kInscribe:
      return Print(client_->Inscribe(As<v1::InscribeRequest>(request)));
    case Command::kUpdate:
      return Print(
          client_->UpdateSpeaker(As<v1::UpdateSpeakerRequest>(request)));
    case Command::kWithdraw:
      return Print(client_->Withdraw(As<v1::DelegationCommand>(request)));
    case Command::kPosition:
      return Print(client_->GetPosition(As<v1::DelegationOnList>(request)));
    case Command::kReply:
      return Print(client_->RequestReply(As<v1::RequestReplyRequest>(request)));
    case Command::kSession:
      return Print(client_->GetSession());
    case Command::kList:
      return Print(client_->GetList(As<v1::ListRef>(request)));
    case Command::kMeetingInfo:
      return Print(client_->GetMeeting(As<v1::MeetingRef>(request)));
    case Command::kTimeUsed:
      return Print(client_->GetSpeakingTime(As<v1::MeetingRef>(request)));
    case Command::kAudit:
      return Audit(As<v1::AuditRequest>(request), command.output);
    case Command::kBackup:
      return Print(client_->Backup(As<v1::BackupRequest>(request)));
    case Command::kWatch: {
      WatchView view(client_, out_, frame_style_);
      const auto& watch = As<v1::WatchRequest>(request);
      return command.once ? view.RunOnce(watch, json_)
                          : view.RunLive(watch, json_);
    }
  }
  return absl::InternalError("unknown command");
}

}  // namespace speakers::cli
