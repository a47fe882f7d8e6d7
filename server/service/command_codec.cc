#include "server/service/command_codec.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "speakers/v1/stored_command.pb.h"

namespace speakers {
namespace {

using v1::StoredCommand;

void Put(const ListTarget& t, StoredCommand& s) {
  s.mutable_list()->set_meeting(t.meeting);
  s.mutable_list()->set_item(t.item);
}
ListTarget Target(const StoredCommand& s) { return {s.list().meeting(), s.list().item()}; }

void Put(const Speaker& sp, StoredCommand& s) {
  s.mutable_speaker()->set_name(sp.name);
  s.mutable_speaker()->set_title(sp.title);
  s.mutable_speaker()->set_rank(static_cast<int>(sp.rank));
}
Speaker SpeakerOf(const StoredCommand& s) {
  return {s.speaker().name(), s.speaker().title(), static_cast<Rank>(s.speaker().rank())};
}

void Put(const ListSettings& st, StoredCommand& s) {
  v1::StoredSettings* p = s.mutable_settings();
  p->set_has_opens_at(st.opens_at.has_value());
  if (st.opens_at) p->set_opens_at_unix_nanos(absl::ToUnixNanos(*st.opens_at));
  p->set_has_closes_at(st.closes_at.has_value());
  if (st.closes_at) p->set_closes_at_unix_nanos(absl::ToUnixNanos(*st.closes_at));
  p->set_speaking_time_nanos(absl::ToInt64Nanoseconds(st.speaking_time));
  p->set_warning_nanos(absl::ToInt64Nanoseconds(st.warning));
  p->set_policy(static_cast<int>(st.policy.kind));
  p->set_groups_first(st.policy.groups_first);
  p->set_absent(static_cast<int>(st.absent));
}
ListSettings SettingsOf(const StoredCommand& s) {
  const v1::StoredSettings& p = s.settings();
  ListSettings st;
  if (p.has_opens_at()) st.opens_at = absl::FromUnixNanos(p.opens_at_unix_nanos());
  if (p.has_closes_at()) st.closes_at = absl::FromUnixNanos(p.closes_at_unix_nanos());
  st.speaking_time = absl::Nanoseconds(p.speaking_time_nanos());
  st.warning = absl::Nanoseconds(p.warning_nanos());
  st.policy.kind = static_cast<PolicyKind>(p.policy());
  st.policy.groups_first = p.groups_first();
  st.absent = static_cast<AbsentAction>(p.absent());
  return st;
}

void PutDuration(std::optional<absl::Duration> d, StoredCommand& s) {
  if (d) s.set_duration_nanos(absl::ToInt64Nanoseconds(*d));
}
std::optional<absl::Duration> DurationOf(const StoredCommand& s) {
  if (!s.has_duration_nanos()) return std::nullopt;
  return absl::Nanoseconds(s.duration_nanos());
}

// Encoders, one per command type.
struct Encoder {
  StoredCommand& s;
  void operator()(const cmd::OpenList& c) { Put(c.list, s); }
  void operator()(const cmd::CloseList& c) { Put(c.list, s); }
  void operator()(const cmd::ConfigureList& c) { Put(c.list, s); Put(c.settings, s); }
  void operator()(const cmd::Inscribe& c) {
    Put(c.list, s);
    s.set_delegation(c.delegation);
    Put(c.speaker, s);
    s.set_on_behalf_of(c.on_behalf_of);
    s.set_by_chair(c.by_chair);
    PutDuration(c.time_limit, s);
  }
  void operator()(const cmd::UpdateSpeaker& c) {
    Put(c.list, s);
    s.set_delegation(c.delegation);
    Put(c.speaker, s);
    s.set_on_behalf_of(c.on_behalf_of);
  }
  void operator()(const cmd::Withdraw& c) { Put(c.list, s); s.set_delegation(c.delegation); }
  void operator()(const cmd::Remove& c) { Put(c.list, s); s.set_delegation(c.delegation); }
  void operator()(const cmd::CallNext& c) {
    Put(c.list, s);
    if (c.expected_current) s.set_expected_current(*c.expected_current);
  }
  void operator()(const cmd::MarkAbsent& c) { Put(c.list, s); s.set_delegation(c.delegation); }
  void operator()(const cmd::Move& c) {
    Put(c.list, s);
    s.set_delegation(c.delegation);
    s.set_position(c.position);
  }
  void operator()(const cmd::Swap& c) {
    Put(c.list, s);
    s.set_delegation(c.first);
    s.set_other(c.second);
  }
  void operator()(const cmd::ReaddLast& c) { Put(c.list, s); }
  void operator()(const cmd::SetTimeLimit& c) {
    Put(c.list, s);
    s.set_delegation(c.delegation);
    PutDuration(c.limit, s);
  }
  void operator()(const cmd::Timer& c) { Put(c.list, s); s.set_action(static_cast<int>(c.action)); }
  void operator()(const cmd::AddTime& c) { Put(c.list, s); PutDuration(c.delta, s); }
  void operator()(const cmd::RequestReply& c) {
    s.set_meeting(c.meeting);
    s.set_item(c.item);
    s.set_delegation(c.delegation);
    Put(c.speaker, s);
  }
  void operator()(const cmd::SetCurrentItem& c) { s.set_meeting(c.meeting); s.set_item(c.item); }
  void operator()(const cmd::ChangeMeeting& c) {
    s.set_meeting(c.meeting);
    s.set_action(static_cast<int>(c.action));
  }
};

// Decoders by command index (the order of the Command variant).
Command Decode(size_t index, const StoredCommand& s) {
  switch (index) {
    case 0: return cmd::OpenList{Target(s)};
    case 1: return cmd::CloseList{Target(s)};
    case 2: return cmd::ConfigureList{Target(s), SettingsOf(s)};
    case 3:
      return cmd::Inscribe{Target(s), s.delegation(), SpeakerOf(s), s.on_behalf_of(),
                           s.by_chair(), DurationOf(s)};
    case 4: return cmd::UpdateSpeaker{Target(s), s.delegation(), SpeakerOf(s), s.on_behalf_of()};
    case 5: return cmd::Withdraw{Target(s), s.delegation()};
    case 6: return cmd::Remove{Target(s), s.delegation()};
    case 7: {
      cmd::CallNext c{Target(s), std::nullopt};
      if (s.has_expected_current()) c.expected_current = s.expected_current();
      return c;
    }
    case 8: return cmd::MarkAbsent{Target(s), s.delegation()};
    case 9: return cmd::Move{Target(s), s.delegation(), s.position()};
    case 10: return cmd::Swap{Target(s), s.delegation(), s.other()};
    case 11: return cmd::ReaddLast{Target(s)};
    case 12: return cmd::SetTimeLimit{Target(s), s.delegation(), DurationOf(s)};
    case 13: return cmd::Timer{Target(s), static_cast<cmd::TimerAction>(s.action())};
    case 14: return cmd::AddTime{Target(s), DurationOf(s).value_or(absl::ZeroDuration())};
    case 15: return cmd::RequestReply{s.meeting(), s.item(), s.delegation(), SpeakerOf(s)};
    case 16: return cmd::SetCurrentItem{s.meeting(), s.item()};
    default: return cmd::ChangeMeeting{s.meeting(), static_cast<cmd::MeetingAction>(s.action())};
  }
}

// The variant index of each command name, built from CommandName itself so
// the two can never disagree.
template <size_t... I>
std::optional<size_t> IndexOf(absl::string_view kind, std::index_sequence<I...>) {
  std::optional<size_t> found;
  ((CommandName(Command(std::in_place_index<I>)) == kind ? (found = I, 0) : 0), ...);
  return found;
}

}  // namespace

std::string EncodeCommand(const Command& command) {
  StoredCommand s;
  std::visit(Encoder{s}, command);
  return s.SerializeAsString();
}

absl::StatusOr<Command> DecodeCommand(absl::string_view kind, absl::string_view payload) {
  const std::optional<size_t> index =
      IndexOf(kind, std::make_index_sequence<std::variant_size_v<Command>>());
  if (!index) {
    return absl::DataLossError(absl::StrCat("the log holds an unknown command \"", kind,
                                            "\"; was it written by a newer speakers?"));
  }
  StoredCommand s;
  if (!s.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return absl::DataLossError(absl::StrCat("a stored \"", kind, "\" command is damaged"));
  }
  return Decode(*index, s);
}

}  // namespace speakers
