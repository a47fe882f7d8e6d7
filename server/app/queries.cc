#include "server/app/queries.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/app/audit_export.h"
#include "server/app/state_to_proto.h"
#include "server/app/token_change.h"

namespace speakers {
namespace {

using google::protobuf::Message;
using Reply = Queries::Reply;

template <typename R>
const R& As(const Message& m) {
  return static_cast<const R&>(m);
}

template <typename T>
Reply Boxed(T message) {
  return std::unique_ptr<Message>(std::make_unique<T>(std::move(message)));
}

// The list a query names: an empty item is the item under consideration.
absl::StatusOr<const SpeakersList*> ListOf(const Meeting& m,
                                           const std::string& item) {
  return m.FindList(item.empty() ? m.current_item() : item);
}

}  // namespace

Queries::Queries(
    const Engine* engine, const CommandLog* log, const TokenRegistry* tokens,
    std::function<absl::StatusOr<MeetingRunner*>(absl::string_view)>
        find_runner,
    std::string backup_dir)
    : engine_(engine),
      log_(log),
      tokens_(tokens),
      backup_dir_(std::move(backup_dir)),
      find_runner_(std::move(find_runner)) {}

absl::StatusOr<std::string> Queries::BackupPath(absl::string_view name) const {
  if (backup_dir_.empty()) {
    return absl::FailedPreconditionError(
        "backups are off: the server was started without --backup-dir");
  }
  std::string dir = backup_dir_;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  // The backup directory's own path is accepted in front of the name.
  if (absl::StartsWith(name, dir + "/")) name.remove_prefix(dir.size() + 1);
  if (name.empty()) {
    return absl::StrCat(
        dir, "/",
        absl::FormatTime("speakers-%Y%m%d-%H%M%S.db", engine_->clock().Now(),
                         engine_->session().zone()));
  }
  if (absl::StrContains(name, '/') || name.front() == '.' ||
      name.size() > 200) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a backup is written into the backup directory (", dir,
        "): give a file name such as speakers-2017-11-06.db, without '/'"));
  }
  return absl::StrCat(dir, "/", name);
}

absl::Status Queries::ReadMeeting(
    absl::string_view meeting,
    const std::function<absl::Status(const Meeting&)>& read) const {
  absl::StatusOr<MeetingRunner*> runner = find_runner_(meeting);
  if (!runner.ok()) return runner.status();
  return (*runner)->Read(read);
}

const std::vector<Queries::Row>& Queries::All() {
  static const auto* const kRows = new std::vector<Row>(BuildRows());
  return *kRows;
}

const Queries::Row* Queries::Find(absl::string_view method) {
  for (const Row& row : All()) {
    if (row.method == method) return &row;
  }
  return nullptr;
}

std::vector<Queries::Row> Queries::BuildRows() {
  auto no_meeting = [](const Message&) { return std::string(); };
  auto of_ref = [](const Message& m) {
    return As<v1::MeetingRef>(m).meeting();
  };
  auto of_list = [](const Message& m) { return As<v1::ListRef>(m).meeting(); };
  return {
      {"GetSession", v1::GetSessionRequest::descriptor(), Need::kRead,
       no_meeting,
       [](const Queries& q, const Message&, const Caller&) -> Reply {
         return Boxed(
             SessionToProto(q.engine_->session(), q.engine_->clock().Now()));
       }},
      {"WhoAmI", v1::WhoAmIRequest::descriptor(), Need::kRead, no_meeting,
       [](const Queries& q, const Message&, const Caller& caller) -> Reply {
         v1::Caller out;
         if (!caller.has_value()) return Boxed(std::move(out));
         out.set_description(caller->Describe());
         if (std::optional<TokenEntry> entry =
                 q.tokens_->FindHash(caller->token_hash)) {
           *out.mutable_token() = TokenInfoOf(*entry);
         }
         if (caller->role == Role::kDelegation) {
           if (const Delegation* d =
                   q.engine_->session().FindDelegation(caller->scope)) {
             *out.mutable_delegation() = DelegationToProto(*d);
           }
         }
         return Boxed(std::move(out));
       }},
      {"GetMeeting", v1::MeetingRef::descriptor(), Need::kRead, of_ref,
       [](const Queries& q, const Message& r, const Caller&) -> Reply {
         v1::MeetingSnapshot out;
         absl::Status s = q.ReadMeeting(As<v1::MeetingRef>(r).meeting(),
                                        [&](const Meeting& m) {
                                          out = SnapshotToProto(m, m.Now());
                                          return absl::OkStatus();
                                        });
         if (!s.ok()) return s;
         return Boxed(std::move(out));
       }},
      {"GetList", v1::ListRef::descriptor(), Need::kRead, of_list,
       [](const Queries& q, const Message& request, const Caller&) -> Reply {
         const auto& r = As<v1::ListRef>(request);
         v1::ListState out;
         absl::Status s =
             q.ReadMeeting(r.meeting(), [&](const Meeting& m) -> absl::Status {
               absl::StatusOr<const SpeakersList*> list = ListOf(m, r.item());
               if (!list.ok()) return list.status();
               out = ListToProto(m, **list, m.Now());
               return absl::OkStatus();
             });
         if (!s.ok()) return s;
         return Boxed(std::move(out));
       }},
      {"GetPosition", v1::DelegationOnList::descriptor(), Need::kPrivateRead,
       [](const Message& m) {
         return As<v1::DelegationOnList>(m).list().meeting();
       },
       [](const Queries& q, const Message& request, const Caller&) -> Reply {
         const auto& r = As<v1::DelegationOnList>(request);
         v1::Position out;
         absl::Status s = q.ReadMeeting(
             r.list().meeting(), [&](const Meeting& m) -> absl::Status {
               absl::StatusOr<const SpeakersList*> list =
                   ListOf(m, r.list().item());
               if (!list.ok()) return list.status();
               absl::StatusOr<Expectation> e =
                   (*list)->ExpectationOf(r.delegation(), m.Now());
               if (!e.ok()) return e.status();
               out = PositionToProto(m, **list, r.delegation(), *e);
               return absl::OkStatus();
             });
         if (!s.ok()) return s;
         return Boxed(std::move(out));
       }},
      {"GetSpeakingTime", v1::MeetingRef::descriptor(), Need::kPrivateRead,
       of_ref,
       [](const Queries& q, const Message& r, const Caller&) -> Reply {
         v1::SpeakingTimeReport out;
         absl::Status s = q.ReadMeeting(
             As<v1::MeetingRef>(r).meeting(), [&](const Meeting& m) {
               out.set_meeting(m.id());
               out.set_version(m.version());
               for (const Delegation& d : m.session().config().delegations) {
                 int statements = 0;
                 for (const SpeakersList* list : m.lists()) {
                   for (const SpokenEntry& e : list->spoken())
                     statements += e.entry.delegation == d.code;
                 }
                 if (statements == 0) continue;
                 v1::SpeakingTimeReport::Row* row = out.add_rows();
                 row->set_delegation(d.code);
                 row->set_delegation_name(d.Name());
                 DurationToProto(m.TimeUsedBy(d.code), row->mutable_used());
                 row->set_statements(statements);
               }
               std::stable_sort(out.mutable_rows()->begin(),
                                out.mutable_rows()->end(),
                                [](const auto& a, const auto& b) {
                                  return DurationFromProto(a.used()) >
                                         DurationFromProto(b.used());
                                });
               return absl::OkStatus();
             });
         if (!s.ok()) return s;
         return Boxed(std::move(out));
       }},
      {"ExportAudit", v1::AuditRequest::descriptor(), Need::kChair,
       [](const Message& m) { return As<v1::AuditRequest>(m).meeting(); },
       [](const Queries& q, const Message& request, const Caller&) -> Reply {
         const auto& r = As<v1::AuditRequest>(request);
         absl::Status s = q.ReadMeeting(r.meeting(), [&](const Meeting& m) {
           return r.item().empty() ? absl::OkStatus()
                                   : m.FindList(r.item()).status();
         });
         if (!s.ok()) return s;
         absl::StatusOr<v1::AuditExport> audit = speakers::ExportAudit(
             *q.log_, q.engine_->session(), r.meeting(), r.item(), r.format());
         if (!audit.ok()) return audit.status();
         return Boxed(*std::move(audit));
       }},
      {"Backup", v1::BackupRequest::descriptor(), Need::kSecretariat,
       no_meeting,
       [](const Queries& q, const Message& request, const Caller&) -> Reply {
         const auto& r = As<v1::BackupRequest>(request);
         absl::StatusOr<std::string> path = q.BackupPath(r.destination());
         if (!path.ok()) return path.status();
         v1::BackupReply out;
         const uint64_t records = q.log_->Count();
         absl::StatusOr<uint64_t> bytes = q.log_->BackupTo(*path);
         if (!bytes.ok()) return bytes.status();
         out.set_path(*path);
         out.set_bytes(*bytes);
         out.set_records(records);
         return Boxed(std::move(out));
       }},
  };
}

}  // namespace speakers
