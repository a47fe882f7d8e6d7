#include "server/service/speakers_service.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/service/audit_export.h"
#include "server/service/command_from_proto.h"
#include "server/service/delegation_stream.h"
#include "server/service/grpc_status.h"
#include "server/service/metrics.h"
#include "server/service/state_to_proto.h"
#include "server/service/watch_stream.h"

namespace speakers {
namespace {

absl::string_view Authorization(grpc::CallbackServerContext* c) {
  const auto& metadata = c->client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return {};
  return absl::string_view(it->second.data(), it->second.size());
}

template <typename T>
absl::Status ParseRaw(const grpc::ByteBuffer* raw, T* out) {
  std::vector<grpc::Slice> slices;
  if (!raw->Dump(&slices).ok()) return absl::InvalidArgumentError("unreadable request");
  std::string bytes;
  for (const grpc::Slice& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  if (!out->ParseFromString(bytes)) return absl::InvalidArgumentError("malformed request");
  return absl::OkStatus();
}

}  // namespace

SpeakersService::SpeakersService(Engine* engine, std::vector<MeetingHub*> hubs,
                                 const AccessPolicy* access, const CommandLog* log)
    : engine_(engine), hubs_(std::move(hubs)), access_(access), log_(log) {}

grpc::ServerUnaryReactor* SpeakersService::Done(Ctx* c, const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = c->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

absl::StatusOr<std::optional<Principal>> SpeakersService::Check(
    Ctx* c, Need need, absl::string_view meeting, absl::string_view delegation) const {
  absl::StatusOr<std::optional<Principal>> caller = access_->Authenticate(Authorization(c));
  if (!caller.ok()) return caller;
  absl::Status allowed;
  switch (need) {
    case Need::kRead:
      allowed = access_->AllowRead(*caller);
      break;
    case Need::kChair:
      allowed = access_->AllowChair(*caller, meeting);
      break;
    case Need::kDelegation:
      allowed = access_->AllowDelegation(*caller, meeting, delegation);
      break;
    case Need::kSecretariat:
      allowed = access_->AllowSecretariat(*caller);
      break;
  }
  if (!allowed.ok()) return allowed;
  return caller;
}

absl::StatusOr<MeetingHub*> SpeakersService::Hub(absl::string_view meeting) const {
  for (MeetingHub* hub : hubs_) {
    if (hub->id() == meeting) return hub;
  }
  if (absl::Status s = RequireMeeting(std::string(meeting)); !s.ok()) return s;
  return engine_->FindMeeting(meeting).status();  // NOT_FOUND naming the meetings
}

grpc::ServerUnaryReactor* SpeakersService::RunCommand(Ctx* c, absl::string_view name, Need need,
                                                      absl::string_view meeting,
                                                      absl::string_view delegation,
                                                      absl::string_view request_id,
                                                      const absl::StatusOr<Command>& command,
                                                      v1::CommandReply* out) {
  auto refuse = [&](const absl::Status& status) {
    Metrics::Global().CommandDone(name, status.code());
    return Done(c, status);
  };
  absl::StatusOr<std::optional<Principal>> caller = Check(c, need, meeting, delegation);
  if (!caller.ok()) return refuse(caller.status());
  if (!command.ok()) return refuse(command.status());
  absl::StatusOr<MeetingHub*> hub = Hub(meeting);
  if (!hub.ok()) return refuse(hub.status());
  if (request_id.size() > 128) {
    return refuse(absl::InvalidArgumentError("request_id is longer than 128 characters"));
  }
  // Answered once the command is durable (or refused).
  grpc::ServerUnaryReactor* reactor = c->DefaultReactor();
  (*hub)->Submit(*command, (*caller)->Describe(), request_id,
                 [reactor, out, name = std::string(name)](absl::StatusOr<v1::CommandReply> reply) {
                   Metrics::Global().CommandDone(name, reply.status().code());
                   if (reply.ok()) *out = *std::move(reply);
                   reactor->Finish(ToGrpcStatus(reply.status()));
                 });
  return reactor;
}

// ---- Queries ----

grpc::ServerUnaryReactor* SpeakersService::GetSession(Ctx* c, const v1::GetSessionRequest*,
                                                      v1::SessionInfo* out) {
  if (auto caller = Check(c, Need::kRead, "", ""); !caller.ok()) return Done(c, caller.status());
  *out = SessionToProto(engine_->session(), engine_->clock().Now());
  return Done(c, absl::OkStatus());
}

grpc::ServerUnaryReactor* SpeakersService::ReadMeeting(
    Ctx* c, absl::string_view meeting, const std::function<absl::Status(const Meeting&)>& read) {
  if (auto caller = Check(c, Need::kRead, meeting, ""); !caller.ok()) {
    return Done(c, caller.status());
  }
  absl::StatusOr<MeetingHub*> hub = Hub(meeting);
  if (!hub.ok()) return Done(c, hub.status());
  return Done(c, (*hub)->Read(read));
}

grpc::ServerUnaryReactor* SpeakersService::GetMeeting(Ctx* c, const v1::MeetingRef* r,
                                                      v1::MeetingSnapshot* out) {
  return ReadMeeting(c, r->meeting(), [&](const Meeting& m) {
    *out = SnapshotToProto(m, m.Now());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* SpeakersService::GetList(Ctx* c, const v1::ListRef* r,
                                                   v1::ListState* out) {
  return ReadMeeting(c, r->meeting(), [&](const Meeting& m) -> absl::Status {
    absl::StatusOr<const SpeakersList*> list =
        m.FindList(r->item().empty() ? m.current_item() : r->item());
    if (!list.ok()) return list.status();
    *out = ListToProto(m, **list, m.Now());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* SpeakersService::GetPosition(Ctx* c, const v1::DelegationOnList* r,
                                                       v1::Position* out) {
  return ReadMeeting(c, r->list().meeting(), [&](const Meeting& m) -> absl::Status {
    absl::StatusOr<const SpeakersList*> list =
        m.FindList(r->list().item().empty() ? m.current_item() : r->list().item());
    if (!list.ok()) return list.status();
    absl::StatusOr<Expectation> e = (*list)->ExpectationOf(r->delegation(), m.Now());
    if (!e.ok()) return e.status();
    *out = PositionToProto(m, **list, r->delegation(), *e);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* SpeakersService::GetSpeakingTime(Ctx* c, const v1::MeetingRef* r,
                                                           v1::SpeakingTimeReport* out) {
  return ReadMeeting(c, r->meeting(), [&](const Meeting& m) {
    out->set_meeting(m.id());
    out->set_version(m.version());
    for (const Delegation& d : m.session().config().delegations) {
      int statements = 0;
      for (const SpeakersList* list : m.lists()) {
        for (const SpokenEntry& s : list->spoken()) statements += s.entry.delegation == d.code;
      }
      if (statements == 0) continue;
      v1::SpeakingTimeReport::Row* row = out->add_rows();
      row->set_delegation(d.code);
      row->set_delegation_name(d.Name());
      DurationToProto(m.TimeUsedBy(d.code), row->mutable_used());
      row->set_statements(statements);
    }
    std::stable_sort(out->mutable_rows()->begin(), out->mutable_rows()->end(),
              [](const auto& a, const auto& b) {
                return DurationFromProto(a.used()) > DurationFromProto(b.used());
              });
    return absl::OkStatus();
  });
}

// ---- The chair ----

grpc::ServerUnaryReactor* SpeakersService::OpenList(Ctx* c, const v1::ListCommand* r,
                                                    v1::CommandReply* out) {
  return RunCommand(c, "open_list", Need::kChair, r->list().meeting(), "", r->request_id(),
                    OpenListFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::CloseList(Ctx* c, const v1::ListCommand* r,
                                                     v1::CommandReply* out) {
  return RunCommand(c, "close_list", Need::kChair, r->list().meeting(), "", r->request_id(),
                    CloseListFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::ConfigureList(Ctx* c, const v1::ConfigureListRequest* r,
                                                         v1::CommandReply* out) {
  // Unset fields keep the list's current values: read them first.
  absl::StatusOr<Command> command = absl::InvalidArgumentError("name the meeting");
  if (absl::StatusOr<MeetingHub*> hub = Hub(r->list().meeting()); !hub.ok()) {
    command = hub.status();
  } else {
    command = (*hub)->Read([&](const Meeting& m) -> absl::StatusOr<Command> {
      absl::StatusOr<const SpeakersList*> list =
          m.FindList(r->list().item().empty() ? m.current_item() : r->list().item());
      if (!list.ok()) return list.status();
      return ConfigureListFromProto(*r, (*list)->settings());
    });
  }
  return RunCommand(c, "configure_list", Need::kChair, r->list().meeting(), "", r->request_id(),
                    command, out);
}

grpc::ServerUnaryReactor* SpeakersService::CallNext(Ctx* c, const v1::CallNextRequest* r,
                                                    v1::CommandReply* out) {
  return RunCommand(c, "call_next", Need::kChair, r->list().meeting(), "", r->request_id(),
                    CallNextFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::MarkAbsent(Ctx* c, const v1::DelegationCommand* r,
                                                      v1::CommandReply* out) {
  return RunCommand(c, "mark_absent", Need::kChair, r->list().meeting(), "", r->request_id(),
                    MarkAbsentFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::Move(Ctx* c, const v1::MoveRequest* r,
                                                v1::CommandReply* out) {
  return RunCommand(c, "move", Need::kChair, r->list().meeting(), "", r->request_id(), MoveFromProto(*r),
                    out);
}
grpc::ServerUnaryReactor* SpeakersService::Swap(Ctx* c, const v1::SwapRequest* r,
                                                v1::CommandReply* out) {
  return RunCommand(c, "swap", Need::kChair, r->list().meeting(), "", r->request_id(), SwapFromProto(*r),
                    out);
}
grpc::ServerUnaryReactor* SpeakersService::Remove(Ctx* c, const v1::DelegationCommand* r,
                                                  v1::CommandReply* out) {
  return RunCommand(c, "remove", Need::kChair, r->list().meeting(), "", r->request_id(),
                    RemoveFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::AddSpeaker(Ctx* c, const v1::InscribeRequest* r,
                                                      v1::CommandReply* out) {
  return RunCommand(c, "add_speaker", Need::kChair, r->list().meeting(), "", r->request_id(),
                    InscribeFromProto(*r, /*by_chair=*/true), out);
}
grpc::ServerUnaryReactor* SpeakersService::ReaddLast(Ctx* c, const v1::ListCommand* r,
                                                     v1::CommandReply* out) {
  return RunCommand(c, "readd_last", Need::kChair, r->list().meeting(), "", r->request_id(),
                    ReaddLastFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::SetTimeLimit(Ctx* c, const v1::SetTimeLimitRequest* r,
                                                        v1::CommandReply* out) {
  return RunCommand(c, "set_time_limit", Need::kChair, r->list().meeting(), "", r->request_id(),
                    SetTimeLimitFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::Timer(Ctx* c, const v1::TimerRequest* r,
                                                 v1::CommandReply* out) {
  return RunCommand(c, "timer", Need::kChair, r->list().meeting(), "", r->request_id(),
                    TimerFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::AddTime(Ctx* c, const v1::AddTimeRequest* r,
                                                   v1::CommandReply* out) {
  return RunCommand(c, "add_time", Need::kChair, r->list().meeting(), "", r->request_id(),
                    AddTimeFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::SetCurrentItem(Ctx* c,
                                                          const v1::SetCurrentItemRequest* r,
                                                          v1::CommandReply* out) {
  return RunCommand(c, "set_current_item", Need::kChair, r->meeting(), "", r->request_id(),
                    SetCurrentItemFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::ChangeMeeting(Ctx* c, const v1::ChangeMeetingRequest* r,
                                                         v1::CommandReply* out) {
  return RunCommand(c, "change_meeting", Need::kChair, r->meeting(), "", r->request_id(),
                    ChangeMeetingFromProto(*r), out);
}

// ---- Delegations ----

grpc::ServerUnaryReactor* SpeakersService::Inscribe(Ctx* c, const v1::InscribeRequest* r,
                                                    v1::CommandReply* out) {
  return RunCommand(c, "inscribe", Need::kDelegation, r->list().meeting(), r->delegation(), r->request_id(),
                    InscribeFromProto(*r, /*by_chair=*/false), out);
}
grpc::ServerUnaryReactor* SpeakersService::UpdateSpeaker(Ctx* c, const v1::UpdateSpeakerRequest* r,
                                                         v1::CommandReply* out) {
  return RunCommand(c, "update_speaker", Need::kDelegation, r->list().meeting(), r->delegation(), r->request_id(),
                    UpdateSpeakerFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::Withdraw(Ctx* c, const v1::DelegationCommand* r,
                                                    v1::CommandReply* out) {
  return RunCommand(c, "withdraw", Need::kDelegation, r->list().meeting(), r->delegation(), r->request_id(),
                    WithdrawFromProto(*r), out);
}
grpc::ServerUnaryReactor* SpeakersService::RequestReply(Ctx* c, const v1::RequestReplyRequest* r,
                                                        v1::CommandReply* out) {
  return RunCommand(c, "request_reply", Need::kDelegation, r->meeting(), r->delegation(), r->request_id(),
                    RequestReplyFromProto(*r), out);
}

// ---- Record keeping ----

grpc::ServerUnaryReactor* SpeakersService::ExportAudit(Ctx* c, const v1::AuditRequest* r,
                                                       v1::AuditExport* out) {
  if (auto caller = Check(c, Need::kChair, r->meeting(), ""); !caller.ok()) {
    return Done(c, caller.status());
  }
  absl::StatusOr<MeetingHub*> hub = Hub(r->meeting());
  if (!hub.ok()) return Done(c, hub.status());
  if (!r->item().empty()) {
    absl::Status item = (*hub)->Read(
        [&](const Meeting& m) { return m.FindList(r->item()).status(); });
    if (!item.ok()) return Done(c, item);
  }
  if (log_ == nullptr) {
    return Done(c, absl::FailedPreconditionError("this server keeps no database"));
  }
  absl::StatusOr<v1::AuditExport> audit =
      speakers::ExportAudit(*log_, engine_->session(), r->meeting(), r->item(), r->format());
  if (!audit.ok()) return Done(c, audit.status());
  *out = *std::move(audit);
  return Done(c, absl::OkStatus());
}

grpc::ServerUnaryReactor* SpeakersService::Backup(Ctx* c, const v1::BackupRequest* r,
                                                  v1::BackupReply* out) {
  if (auto caller = Check(c, Need::kSecretariat, "", ""); !caller.ok()) {
    return Done(c, caller.status());
  }
  if (r->destination().empty() || r->destination().front() != '/') {
    return Done(c, absl::InvalidArgumentError(
                       "give the backup file as an absolute path on the server, e.g. "
                       "/var/backups/speakers-2017-11-06.db"));
  }
  if (log_ == nullptr) {
    return Done(c, absl::FailedPreconditionError("this server keeps no database"));
  }
  const uint64_t records = log_->Count();
  absl::StatusOr<uint64_t> bytes = log_->BackupTo(r->destination());
  if (!bytes.ok()) return Done(c, bytes.status());
  out->set_path(r->destination());
  out->set_bytes(*bytes);
  out->set_records(records);
  return Done(c, absl::OkStatus());
}

// ---- Streams ----

grpc::ServerWriteReactor<grpc::ByteBuffer>* SpeakersService::Watch(Ctx* c,
                                                                   const grpc::ByteBuffer* raw) {
  v1::WatchRequest request;
  if (absl::Status s = ParseRaw(raw, &request); !s.ok()) {
    return new FailedStream(ToGrpcStatus(s));
  }
  if (auto caller = Check(c, Need::kRead, request.meeting(), ""); !caller.ok()) {
    return new FailedStream(ToGrpcStatus(caller.status()));
  }
  absl::StatusOr<MeetingHub*> hub = Hub(request.meeting());
  if (!hub.ok()) return new FailedStream(ToGrpcStatus(hub.status()));
  return WatchStream::Start(c, *hub, request.since_version());
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* SpeakersService::WatchDelegation(
    Ctx* c, const grpc::ByteBuffer* raw) {
  v1::WatchDelegationRequest request;
  if (absl::Status s = ParseRaw(raw, &request); !s.ok()) {
    return new FailedStream(ToGrpcStatus(s));
  }
  if (auto caller = Check(c, Need::kRead, request.meeting(), ""); !caller.ok()) {
    return new FailedStream(ToGrpcStatus(caller.status()));
  }
  absl::StatusOr<MeetingHub*> hub = Hub(request.meeting());
  if (!hub.ok()) return new FailedStream(ToGrpcStatus(hub.status()));
  if (engine_->session().FindDelegation(request.delegation()) == nullptr) {
    return new FailedStream(ToGrpcStatus(absl::NotFoundError(absl::StrCat(
        "no delegation with code \"", request.delegation(), "\" is accredited to the session"))));
  }
  if (request.notify_within() < 0 || request.notify_within() > 50) {
    return new FailedStream(
        ToGrpcStatus(absl::InvalidArgumentError("notify_within must be between 0 and 50")));
  }
  const int within = request.notify_within() == 0 ? 3 : request.notify_within();
  return DelegationStream::Start(c, *hub, request.delegation(), within);
}

}  // namespace speakers
