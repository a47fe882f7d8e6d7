#include "server/app/command_table.h"

#include <type_traits>
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
#include "server/app/request_fields.h"
#include "server/app/state_to_proto.h"
#include "server/app/stored_fields.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {
namespace {

using v1::StoredCommand;
using v1::StoredCommandV1;
using Result = absl::StatusOr<Command>;

// ---- Kinds: one specialization per domain command -------------------------
// kName: the stable name (log kind, metrics); kCase: its field of the
// StoredCommand oneof; Put/Get: format 2; GetV1: format 1 (speakers 0.1).
// A Command alternative without a specialization does not compile.
template <typename C>
struct Kind;

// Reads the list of a stored message, or DATA_LOSS.
template <typename M>
absl::StatusOr<ListTarget> StoredList(const M& m) {
  if (!m.has_list())
    return absl::DataLossError("a stored command names no list");
  return ListOf(m.list());
}

// OpenList, CloseList, ReaddLast: the list only.
template <typename C, v1::StoredListOnly* (StoredCommand::*kMutable)(),
          const v1::StoredListOnly& (StoredCommand::*kGet)() const>
struct ListOnlyKind {
  static void Put(const C& c, StoredCommand& s) {
    *(s.*kMutable)()->mutable_list() = StoredListOf(c.list);
  }
  static Result Get(const StoredCommand& s) {
    absl::StatusOr<ListTarget> list = StoredList((s.*kGet)());
    if (!list.ok()) return list.status();
    return C{*std::move(list)};
  }
  static Result GetV1(const StoredCommandV1& s) { return C{ListOfV1(s)}; }
};

// Withdraw, Remove, MarkAbsent: a list and a delegation.
template <typename C, v1::StoredOnDelegation* (StoredCommand::*kMutable)(),
          const v1::StoredOnDelegation& (StoredCommand::*kGet)() const>
struct OnDelegationKind {
  static void Put(const C& c, StoredCommand& s) {
    v1::StoredOnDelegation* m = (s.*kMutable)();
    *m->mutable_list() = StoredListOf(c.list);
    m->set_delegation(c.delegation);
  }
  static Result Get(const StoredCommand& s) {
    const v1::StoredOnDelegation& m = (s.*kGet)();
    absl::StatusOr<ListTarget> list = StoredList(m);
    if (!list.ok()) return list.status();
    return C{*std::move(list), m.delegation()};
  }
  static Result GetV1(const StoredCommandV1& s) {
    return C{ListOfV1(s), s.delegation()};
  }
};

template <>
struct Kind<cmd::OpenList>
    : ListOnlyKind<cmd::OpenList, &StoredCommand::mutable_open_list,
                   &StoredCommand::open_list> {
  static constexpr absl::string_view kName = "open_list";
  static constexpr auto kCase = StoredCommand::kOpenList;
};
template <>
struct Kind<cmd::CloseList>
    : ListOnlyKind<cmd::CloseList, &StoredCommand::mutable_close_list,
                   &StoredCommand::close_list> {
  static constexpr absl::string_view kName = "close_list";
  static constexpr auto kCase = StoredCommand::kCloseList;
};
template <>
struct Kind<cmd::ReaddLast>
    : ListOnlyKind<cmd::ReaddLast, &StoredCommand::mutable_readd_last,
                   &StoredCommand::readd_last> {
  static constexpr absl::string_view kName = "readd_last";
  static constexpr auto kCase = StoredCommand::kReaddLast;
};
template <>
struct Kind<cmd::EndStatement>
    : ListOnlyKind<cmd::EndStatement, &StoredCommand::mutable_end_statement,
                   &StoredCommand::end_statement> {
  static constexpr absl::string_view kName = "end_statement";
  static constexpr auto kCase = StoredCommand::kEndStatement;
};
template <>
struct Kind<cmd::UndoNext>
    : ListOnlyKind<cmd::UndoNext, &StoredCommand::mutable_undo_next,
                   &StoredCommand::undo_next> {
  static constexpr absl::string_view kName = "undo_next";
  static constexpr auto kCase = StoredCommand::kUndoNext;
};
template <>
struct Kind<cmd::Withdraw>
    : OnDelegationKind<cmd::Withdraw, &StoredCommand::mutable_withdraw,
                       &StoredCommand::withdraw> {
  static constexpr absl::string_view kName = "withdraw";
  static constexpr auto kCase = StoredCommand::kWithdraw;
};
template <>
struct Kind<cmd::Remove>
    : OnDelegationKind<cmd::Remove, &StoredCommand::mutable_remove,
                       &StoredCommand::remove> {
  static constexpr absl::string_view kName = "remove";
  static constexpr auto kCase = StoredCommand::kRemove;
};
template <>
struct Kind<cmd::Reinstate>
    : OnDelegationKind<cmd::Reinstate, &StoredCommand::mutable_reinstate,
                       &StoredCommand::reinstate> {
  static constexpr absl::string_view kName = "reinstate";
  static constexpr auto kCase = StoredCommand::kReinstate;
  static Result GetV1(const StoredCommandV1&) {
    return absl::DataLossError(
        "a format 1 record holds a reinstatement, which speakers 0.1 never "
        "wrote");
  }
};
template <>
struct Kind<cmd::MarkAbsent>
    : OnDelegationKind<cmd::MarkAbsent, &StoredCommand::mutable_mark_absent,
                       &StoredCommand::mark_absent> {
  static constexpr absl::string_view kName = "mark_absent";
  static constexpr auto kCase = StoredCommand::kMarkAbsent;
};

template <>
struct Kind<cmd::ConfigureList> {
  static constexpr absl::string_view kName = "configure_list";
  static constexpr auto kCase = StoredCommand::kConfigureList;
  static void Put(const cmd::ConfigureList& c, StoredCommand& s) {
    *s.mutable_configure_list()->mutable_list() = StoredListOf(c.list);
    *s.mutable_configure_list()->mutable_settings() =
        StoredSettingsOf(c.settings);
  }
  static Result Get(const StoredCommand& s) {
    absl::StatusOr<ListTarget> list = StoredList(s.configure_list());
    if (!list.ok()) return list.status();
    absl::StatusOr<ListSettings> settings =
        SettingsOf(s.configure_list().settings());
    if (!settings.ok()) return settings.status();
    return cmd::ConfigureList{*std::move(list), *std::move(settings)};
  }
  static Result GetV1(const StoredCommandV1& s) {
    absl::StatusOr<ListSettings> settings = SettingsOfV1(s.settings());
    if (!settings.ok()) return settings.status();
    return cmd::ConfigureList{ListOfV1(s), *std::move(settings)};
  }
};

template <>
struct Kind<cmd::Inscribe> {
  static constexpr absl::string_view kName = "inscribe";
  static constexpr auto kCase = StoredCommand::kInscribe;
  static void Put(const cmd::Inscribe& c, StoredCommand& s) {
    v1::StoredInscribe* m = s.mutable_inscribe();
    *m->mutable_list() = StoredListOf(c.list);
    m->set_delegation(c.delegation);
    *m->mutable_speaker() = StoredSpeakerOf(c.speaker);
    m->set_on_behalf_of(c.on_behalf_of);
    m->set_by_chair(c.by_chair);
    if (c.time_limit) m->set_time_limit_nanos(NanosOf(*c.time_limit));
  }
  static Result Get(const StoredCommand& s) {
    const v1::StoredInscribe& m = s.inscribe();
    absl::StatusOr<ListTarget> list = StoredList(m);
    if (!list.ok()) return list.status();
    absl::StatusOr<Speaker> speaker = SpeakerOf(m.speaker());
    if (!speaker.ok()) return speaker.status();
    return cmd::Inscribe{
        *std::move(list),
        m.delegation(),
        *std::move(speaker),
        m.on_behalf_of(),
        m.by_chair(),
        OptionalDuration(m.has_time_limit_nanos(), m.time_limit_nanos())};
  }
  static Result GetV1(const StoredCommandV1& s) {
    absl::StatusOr<Speaker> speaker = SpeakerOfV1(s.speaker());
    if (!speaker.ok()) return speaker.status();
    return cmd::Inscribe{
        ListOfV1(s),
        s.delegation(),
        *std::move(speaker),
        s.on_behalf_of(),
        s.by_chair(),
        OptionalDuration(s.has_duration_nanos(), s.duration_nanos())};
  }
};

template <>
struct Kind<cmd::UpdateSpeaker> {
  static constexpr absl::string_view kName = "update_speaker";
  static constexpr auto kCase = StoredCommand::kUpdateSpeaker;
  static void Put(const cmd::UpdateSpeaker& c, StoredCommand& s) {
    v1::StoredUpdateSpeaker* m = s.mutable_update_speaker();
    *m->mutable_list() = StoredListOf(c.list);
    m->set_delegation(c.delegation);
    *m->mutable_speaker() = StoredSpeakerOf(c.speaker);
    m->set_on_behalf_of(c.on_behalf_of);
  }
  static Result Get(const StoredCommand& s) {
    const v1::StoredUpdateSpeaker& m = s.update_speaker();
    absl::StatusOr<ListTarget> list = StoredList(m);
    if (!list.ok()) return list.status();
    absl::StatusOr<Speaker> speaker = SpeakerOf(m.speaker());
    if (!speaker.ok()) return speaker.status();
    return cmd::UpdateSpeaker{*std::move(list), m.delegation(),
                              *std::move(speaker), m.on_behalf_of()};
  }
  static Result GetV1(const StoredCommandV1& s) {
    absl::StatusOr<Speaker> speaker = SpeakerOfV1(s.speaker());
    if (!speaker.ok()) return speaker.status();
    return cmd::UpdateSpeaker{ListOfV1(s), s.delegation(), *std::move(speaker),
                              s.on_behalf_of()};
  }
};

template <>
struct Kind<cmd::CallNext> {
  static constexpr absl::string_view kName = "call_next";
  static constexpr auto kCase = StoredCommand::kCallNext;
  static void Put(const cmd::CallNext& c, StoredCommand& s) {
    *s.mutable_call_next()->mutable_list() = StoredListOf(c.list);
    if (c.expected_current)
      s.mutable_call_next()->set_expected_current(*c.expected_current);
  }
  static Result Get(const StoredCommand& s) {
    absl::StatusOr<ListTarget> list = StoredList(s.call_next());
    if (!list.ok()) return list.status();
    cmd::CallNext c{*std::move(list), std::nullopt};
    if (s.call_next().has_expected_current())
      c.expected_current = s.call_next().expected_current();
    return c;
  }
  static Result GetV1(const StoredCommandV1& s) {
    cmd::CallNext c{ListOfV1(s), std::nullopt};
    if (s.has_expected_current()) c.expected_current = s.expected_current();
    return c;
  }
};

template <>
struct Kind<cmd::Move> {
  static constexpr absl::string_view kName = "move";
  static constexpr auto kCase = StoredCommand::kMove;
  static void Put(const cmd::Move& c, StoredCommand& s) {
    *s.mutable_move()->mutable_list() = StoredListOf(c.list);
    s.mutable_move()->set_delegation(c.delegation);
    s.mutable_move()->set_position(c.position);
  }
  static Result Get(const StoredCommand& s) {
    absl::StatusOr<ListTarget> list = StoredList(s.move());
    if (!list.ok()) return list.status();
    return cmd::Move{*std::move(list), s.move().delegation(),
                     s.move().position()};
  }
  static Result GetV1(const StoredCommandV1& s) {
    return cmd::Move{ListOfV1(s), s.delegation(), s.position()};
  }
};

template <>
struct Kind<cmd::Swap> {
  static constexpr absl::string_view kName = "swap";
  static constexpr auto kCase = StoredCommand::kSwap;
  static void Put(const cmd::Swap& c, StoredCommand& s) {
    *s.mutable_swap()->mutable_list() = StoredListOf(c.list);
    s.mutable_swap()->set_first(c.first);
    s.mutable_swap()->set_second(c.second);
  }
  static Result Get(const StoredCommand& s) {
    absl::StatusOr<ListTarget> list = StoredList(s.swap());
    if (!list.ok()) return list.status();
    return cmd::Swap{*std::move(list), s.swap().first(), s.swap().second()};
  }
  static Result GetV1(const StoredCommandV1& s) {
    return cmd::Swap{ListOfV1(s), s.delegation(), s.other()};
  }
};

template <>
struct Kind<cmd::SetTimeLimit> {
  static constexpr absl::string_view kName = "set_time_limit";
  static constexpr auto kCase = StoredCommand::kSetTimeLimit;
  static void Put(const cmd::SetTimeLimit& c, StoredCommand& s) {
    v1::StoredSetTimeLimit* m = s.mutable_set_time_limit();
    *m->mutable_list() = StoredListOf(c.list);
    m->set_delegation(c.delegation);
    if (c.limit) m->set_limit_nanos(NanosOf(*c.limit));
  }
  static Result Get(const StoredCommand& s) {
    const v1::StoredSetTimeLimit& m = s.set_time_limit();
    absl::StatusOr<ListTarget> list = StoredList(m);
    if (!list.ok()) return list.status();
    return cmd::SetTimeLimit{
        *std::move(list), m.delegation(),
        OptionalDuration(m.has_limit_nanos(), m.limit_nanos())};
  }
  static Result GetV1(const StoredCommandV1& s) {
    return cmd::SetTimeLimit{
        ListOfV1(s), s.delegation(),
        OptionalDuration(s.has_duration_nanos(), s.duration_nanos())};
  }
};

template <>
struct Kind<cmd::Timer> {
  static constexpr absl::string_view kName = "timer";
  static constexpr auto kCase = StoredCommand::kTimer;
  static void Put(const cmd::Timer& c, StoredCommand& s) {
    *s.mutable_timer()->mutable_list() = StoredListOf(c.list);
    s.mutable_timer()->set_action(StoredTimerActionOf(c.action));
  }
  static Result Get(const StoredCommand& s) {
    absl::StatusOr<ListTarget> list = StoredList(s.timer());
    if (!list.ok()) return list.status();
    absl::StatusOr<cmd::TimerAction> action = TimerActionOf(s.timer().action());
    if (!action.ok()) return action.status();
    return cmd::Timer{*std::move(list), *action};
  }
  static Result GetV1(const StoredCommandV1& s) {
    absl::StatusOr<cmd::TimerAction> action = TimerActionOfV1(s.action());
    if (!action.ok()) return action.status();
    return cmd::Timer{ListOfV1(s), *action};
  }
};

template <>
struct Kind<cmd::AddTime> {
  static constexpr absl::string_view kName = "add_time";
  static constexpr auto kCase = StoredCommand::kAddTime;
  static void Put(const cmd::AddTime& c, StoredCommand& s) {
    *s.mutable_add_time()->mutable_list() = StoredListOf(c.list);
    s.mutable_add_time()->set_delta_nanos(NanosOf(c.delta));
  }
  static Result Get(const StoredCommand& s) {
    absl::StatusOr<ListTarget> list = StoredList(s.add_time());
    if (!list.ok()) return list.status();
    return cmd::AddTime{*std::move(list),
                        absl::Nanoseconds(s.add_time().delta_nanos())};
  }
  static Result GetV1(const StoredCommandV1& s) {
    return cmd::AddTime{ListOfV1(s), absl::Nanoseconds(s.duration_nanos())};
  }
};

template <>
struct Kind<cmd::RequestReply> {
  static constexpr absl::string_view kName = "request_reply";
  static constexpr auto kCase = StoredCommand::kRequestReply;
  static void Put(const cmd::RequestReply& c, StoredCommand& s) {
    v1::StoredRequestReply* m = s.mutable_request_reply();
    m->set_meeting(c.meeting);
    m->set_item(c.item);
    m->set_delegation(c.delegation);
    *m->mutable_speaker() = StoredSpeakerOf(c.speaker);
    m->set_by_chair(c.by_chair);
  }
  static Result Get(const StoredCommand& s) {
    const v1::StoredRequestReply& m = s.request_reply();
    absl::StatusOr<Speaker> speaker = SpeakerOf(m.speaker());
    if (!speaker.ok()) return speaker.status();
    return cmd::RequestReply{m.meeting(), m.item(), m.delegation(),
                             *std::move(speaker),
                             m.has_by_chair() ? m.by_chair() : true};
  }
  static Result GetV1(const StoredCommandV1& s) {
    absl::StatusOr<Speaker> speaker = SpeakerOfV1(s.speaker());
    if (!speaker.ok()) return speaker.status();
    return cmd::RequestReply{s.meeting(), s.item(), s.delegation(),
                             *std::move(speaker), /*by_chair=*/true};
  }
};

template <>
struct Kind<cmd::SetCurrentItem> {
  static constexpr absl::string_view kName = "set_current_item";
  static constexpr auto kCase = StoredCommand::kSetCurrentItem;
  static void Put(const cmd::SetCurrentItem& c, StoredCommand& s) {
    s.mutable_set_current_item()->set_meeting(c.meeting);
    s.mutable_set_current_item()->set_item(c.item);
  }
  static Result Get(const StoredCommand& s) {
    return cmd::SetCurrentItem{s.set_current_item().meeting(),
                               s.set_current_item().item()};
  }
  static Result GetV1(const StoredCommandV1& s) {
    return cmd::SetCurrentItem{s.meeting(), s.item()};
  }
};

template <>
struct Kind<cmd::ChangeMeeting> {
  static constexpr absl::string_view kName = "change_meeting";
  static constexpr auto kCase = StoredCommand::kChangeMeeting;
  static void Put(const cmd::ChangeMeeting& c, StoredCommand& s) {
    s.mutable_change_meeting()->set_meeting(c.meeting);
    s.mutable_change_meeting()->set_action(StoredMeetingActionOf(c.action));
  }
  static Result Get(const StoredCommand& s) {
    absl::StatusOr<cmd::MeetingAction> action =
        MeetingActionOf(s.change_meeting().action());
    if (!action.ok()) return action.status();
    return cmd::ChangeMeeting{s.change_meeting().meeting(), *action};
  }
  static Result GetV1(const StoredCommandV1& s) {
    absl::StatusOr<cmd::MeetingAction> action = MeetingActionOfV1(s.action());
    if (!action.ok()) return action.status();
    return cmd::ChangeMeeting{s.meeting(), *action};
  }
};

template <>
struct Kind<cmd::PointOfOrder> {
  static constexpr absl::string_view kName = "point_of_order";
  static constexpr auto kCase = StoredCommand::kPointOfOrder;
  static void Put(const cmd::PointOfOrder& c, StoredCommand& s) {
    v1::StoredPointOfOrder* m = s.mutable_point_of_order();
    m->set_meeting(c.meeting);
    m->set_action(StoredPointActionOf(c.action));
    m->set_delegation(c.delegation);
    m->set_kind(StoredPointKindOf(c.kind));
  }
  static Result Get(const StoredCommand& s) {
    const v1::StoredPointOfOrder& m = s.point_of_order();
    absl::StatusOr<cmd::PointAction> action = PointActionOf(m.action());
    if (!action.ok()) return action.status();
    absl::StatusOr<PointKind> kind = PointKindOf(m.kind());
    if (!kind.ok()) return kind.status();
    return cmd::PointOfOrder{m.meeting(), *action, m.delegation(), *kind};
  }
  static Result GetV1(const StoredCommandV1&) {
    return absl::DataLossError(
        "a format 1 record holds a point of order, which speakers 0.1 never "
        "wrote");
  }
};

template <size_t I>
using KindAt = Kind<std::variant_alternative_t<I, Command>>;

template <size_t... I>
std::vector<absl::string_view> NamesOf(std::index_sequence<I...>) {
  return {KindAt<I>::kName...};
}

template <size_t... I>
Result FromStoredCase(const StoredCommand& s, std::index_sequence<I...>) {
  Result out = absl::DataLossError(
      absl::StrCat("a stored command is of an unknown kind (field ",
                   static_cast<int>(s.command_case()),
                   "); was the log written by a newer speakers?"));
  (void)((s.command_case() == KindAt<I>::kCase ? (out = KindAt<I>::Get(s), true)
                                               : false) ||
         ...);
  return out;
}

template <size_t... I>
Result FromV1Kind(absl::string_view kind, const StoredCommandV1& s,
                  std::index_sequence<I...>) {
  Result out = absl::DataLossError(
      absl::StrCat("the log holds an unknown command \"", kind,
                   "\"; was it written by a newer speakers?"));
  (void)((kind == KindAt<I>::kName ? (out = KindAt<I>::GetV1(s), true)
                                   : false) ||
         ...);
  return out;
}

constexpr auto kAllKinds =
    std::make_index_sequence<std::variant_size_v<Command>>();

// ---- API methods: one row per command rpc -----------------------------------

// A row for requests of type R, converted by `convert`.
template <typename R, typename F>
ApiCommand Row(absl::string_view method, Need need, F convert) {
  return {method, R::descriptor(), need,
          [convert](const google::protobuf::Message& request,
                    const Meeting& meeting) -> Result {
            return convert(static_cast<const R&>(request), meeting);
          }};
}

// Commands that name their list only.
template <typename C>
Result ListOnly(const v1::ListCommand& r, const Meeting&) {
  absl::StatusOr<ListTarget> list = ListFrom(r.list());
  if (!list.ok()) return list.status();
  return C{*std::move(list)};
}

// Commands that name a list and a delegation.
template <typename C>
Result OnDelegation(const v1::DelegationCommand& r, const Meeting&) {
  absl::StatusOr<ListTarget> list = ListFrom(r.list());
  if (!list.ok()) return list.status();
  if (absl::Status s = RequireDelegation(r.delegation(), "delegation"); !s.ok())
    return s;
  return C{*std::move(list), r.delegation()};
}

// Inscribe (a delegation: the window applies) and AddSpeaker (the chair).
Result InscribeFrom(const v1::InscribeRequest& r, bool by_chair) {
  absl::StatusOr<ListTarget> list = ListFrom(r.list());
  if (!list.ok()) return list.status();
  if (absl::Status s = RequireDelegation(r.delegation(), "delegation"); !s.ok())
    return s;
  absl::StatusOr<Speaker> speaker = SpeakerFrom(r.speaker());
  if (!speaker.ok()) return speaker.status();
  cmd::Inscribe c{*std::move(list), r.delegation(), *std::move(speaker),
                  r.on_behalf_of(), by_chair,       std::nullopt};
  if (r.has_time_limit()) {
    if (!by_chair) {
      return absl::InvalidArgumentError(
          "a delegation cannot choose its own speaking time; ask the chair");
    }
    c.time_limit = DurationFromProto(r.time_limit());
  }
  return c;
}

// RequestReply (the delegation asks) and AddReply (the chair gives).
Result ReplyFrom(const v1::RequestReplyRequest& r, bool by_chair) {
  if (absl::Status s = RequireMeeting(r.meeting()); !s.ok()) return s;
  if (r.item().empty()) {
    return absl::InvalidArgumentError(
        "name the agenda item the reply is on, e.g. \"1 (f)\"");
  }
  if (absl::Status s = RequireDelegation(r.delegation(), "delegation"); !s.ok())
    return s;
  absl::StatusOr<Speaker> speaker = SpeakerFrom(r.speaker());
  if (!speaker.ok()) return speaker.status();
  return cmd::RequestReply{r.meeting(), r.item(), r.delegation(),
                           *std::move(speaker), by_chair};
}

// The point of order methods: one command, the action by method.
Result PointFrom(const v1::PointRequest& r, cmd::PointAction action) {
  if (absl::Status s = RequireMeeting(r.meeting()); !s.ok()) return s;
  const bool named = action == cmd::PointAction::kRaise ||
                     action == cmd::PointAction::kWithdraw ||
                     action == cmd::PointAction::kDismiss;
  if (named || !r.delegation().empty()) {
    if (absl::Status s = RequireDelegation(r.delegation(), "delegation");
        !s.ok())
      return s;
  }
  absl::StatusOr<PointKind> kind = PointKindFrom(r.kind());
  if (!kind.ok()) return kind.status();
  return cmd::PointOfOrder{
      r.meeting(), action,
      action == cmd::PointAction::kEnd ? std::string() : r.delegation(), *kind};
}

std::vector<ApiCommand> BuildApiCommands() {
  using M = const Meeting&;
  return {
      Row<v1::ListCommand>("OpenList", Need::kChair, ListOnly<cmd::OpenList>),
      Row<v1::ListCommand>("CloseList", Need::kChair, ListOnly<cmd::CloseList>),
      Row<v1::ConfigureListRequest>(
          "ConfigureList", Need::kChair,
          [](const v1::ConfigureListRequest& r, M m) -> Result {
            absl::StatusOr<ListTarget> list = ListFrom(r.list());
            if (!list.ok()) return list.status();
            absl::StatusOr<const SpeakersList*> current =
                m.FindList(list->item.empty() ? m.current_item() : list->item);
            if (!current.ok()) return current.status();
            absl::StatusOr<ListSettings> s =
                SettingsFrom(r.settings(), (*current)->settings());
            if (!s.ok()) return s.status();
            return cmd::ConfigureList{*std::move(list), *std::move(s)};
          }),
      Row<v1::CallNextRequest>(
          "CallNext", Need::kChair,
          [](const v1::CallNextRequest& r, M) -> Result {
            absl::StatusOr<ListTarget> list = ListFrom(r.list());
            if (!list.ok()) return list.status();
            cmd::CallNext c{*std::move(list), std::nullopt};
            if (r.has_expected_current()) {
              c.expected_current = r.expected_current();
            }
            return c;
          }),
      Row<v1::ListCommand>("EndStatement", Need::kChair,
                           ListOnly<cmd::EndStatement>),
      Row<v1::ListCommand>("UndoNext", Need::kChair, ListOnly<cmd::UndoNext>),
      Row<v1::DelegationCommand>("MarkAbsent", Need::kChair,
                                 OnDelegation<cmd::MarkAbsent>),
      Row<v1::MoveRequest>(
          "Move", Need::kChair,
          [](const v1::MoveRequest& r, M) -> Result {
            absl::StatusOr<ListTarget> list = ListFrom(r.list());
            if (!list.ok()) return list.status();
            absl::Status s = RequireDelegation(r.delegation(), "delegation");
            if (!s.ok()) return s;
            return cmd::Move{*std::move(list), r.delegation(), r.position()};
          }),
      Row<v1::SwapRequest>(
          "Swap", Need::kChair,
          [](const v1::SwapRequest& r, M) -> Result {
            absl::StatusOr<ListTarget> list = ListFrom(r.list());
            if (!list.ok()) return list.status();
            if (absl::Status s = RequireDelegation(r.first(), "first");
                !s.ok()) {
              return s;
            }
            absl::Status s = RequireDelegation(r.second(), "second");
            if (!s.ok()) return s;
            return cmd::Swap{*std::move(list), r.first(), r.second()};
          }),
      Row<v1::DelegationCommand>("Remove", Need::kChair,
                                 OnDelegation<cmd::Remove>),
      Row<v1::InscribeRequest>("AddSpeaker", Need::kChair,
                               [](const v1::InscribeRequest& r, M) {
                                 return InscribeFrom(r, /*by_chair=*/true);
                               }),
      Row<v1::ListCommand>("ReaddLast", Need::kChair, ListOnly<cmd::ReaddLast>),
      Row<v1::DelegationCommand>("Reinstate", Need::kChair,
                                 OnDelegation<cmd::Reinstate>),
      Row<v1::SetTimeLimitRequest>(
          "SetTimeLimit", Need::kChair,
          [](const v1::SetTimeLimitRequest& r, M) -> Result {
            absl::StatusOr<ListTarget> list = ListFrom(r.list());
            if (!list.ok()) return list.status();
            if (absl::Status s =
                    RequireDelegation(r.delegation(), "delegation");
                !s.ok())
              return s;
            cmd::SetTimeLimit c{*std::move(list), r.delegation(), std::nullopt};
            if (r.has_limit()) c.limit = DurationFromProto(r.limit());
            return c;
          }),
      Row<v1::TimerRequest>("Timer", Need::kChair,
                            [](const v1::TimerRequest& r, M) -> Result {
                              absl::StatusOr<ListTarget> list =
                                  ListFrom(r.list());
                              if (!list.ok()) return list.status();
                              absl::StatusOr<cmd::TimerAction> a =
                                  TimerActionFrom(r.action());
                              if (!a.ok()) return a.status();
                              return cmd::Timer{*std::move(list), *a};
                            }),
      Row<v1::AddTimeRequest>(
          "AddTime", Need::kChair,
          [](const v1::AddTimeRequest& r, M) -> Result {
            absl::StatusOr<ListTarget> list = ListFrom(r.list());
            if (!list.ok()) return list.status();
            return cmd::AddTime{*std::move(list), DurationFromProto(r.delta())};
          }),
      Row<v1::SetCurrentItemRequest>(
          "SetCurrentItem", Need::kChair,
          [](const v1::SetCurrentItemRequest& r, M) -> Result {
            if (absl::Status s = RequireMeeting(r.meeting()); !s.ok()) return s;
            return cmd::SetCurrentItem{r.meeting(), r.item()};
          }),
      Row<v1::ChangeMeetingRequest>(
          "ChangeMeeting", Need::kChair,
          [](const v1::ChangeMeetingRequest& r, M) -> Result {
            if (absl::Status s = RequireMeeting(r.meeting()); !s.ok()) return s;
            absl::StatusOr<cmd::MeetingAction> a =
                MeetingActionFrom(r.action());
            if (!a.ok()) return a.status();
            return cmd::ChangeMeeting{r.meeting(), *a};
          }),
      Row<v1::RequestReplyRequest>("AddReply", Need::kChair,
                                   [](const v1::RequestReplyRequest& r, M) {
                                     return ReplyFrom(r, /*by_chair=*/true);
                                   }),
      Row<v1::PointRequest>("GrantPoint", Need::kChair,
                            [](const v1::PointRequest& r, M) {
                              return PointFrom(r, cmd::PointAction::kGrant);
                            }),
      Row<v1::PointRequest>("DismissPoint", Need::kChair,
                            [](const v1::PointRequest& r, M) {
                              return PointFrom(r, cmd::PointAction::kDismiss);
                            }),
      Row<v1::PointRequest>("EndPoint", Need::kChair,
                            [](const v1::PointRequest& r, M) {
                              return PointFrom(r, cmd::PointAction::kEnd);
                            }),
      Row<v1::InscribeRequest>("Inscribe", Need::kDelegation,
                               [](const v1::InscribeRequest& r, M) {
                                 return InscribeFrom(r, /*by_chair=*/false);
                               }),
      Row<v1::UpdateSpeakerRequest>(
          "UpdateSpeaker", Need::kDelegation,
          [](const v1::UpdateSpeakerRequest& r, M) -> Result {
            absl::StatusOr<ListTarget> list = ListFrom(r.list());
            if (!list.ok()) return list.status();
            if (absl::Status s =
                    RequireDelegation(r.delegation(), "delegation");
                !s.ok())
              return s;
            absl::StatusOr<Speaker> speaker = SpeakerFrom(r.speaker());
            if (!speaker.ok()) return speaker.status();
            return cmd::UpdateSpeaker{*std::move(list), r.delegation(),
                                      *std::move(speaker), r.on_behalf_of()};
          }),
      Row<v1::DelegationCommand>("Withdraw", Need::kDelegation,
                                 OnDelegation<cmd::Withdraw>),
      Row<v1::RequestReplyRequest>("RequestReply", Need::kDelegation,
                                   [](const v1::RequestReplyRequest& r, M) {
                                     return ReplyFrom(r, /*by_chair=*/false);
                                   }),
      Row<v1::PointRequest>("RaisePoint", Need::kDelegation,
                            [](const v1::PointRequest& r, M) {
                              return PointFrom(r, cmd::PointAction::kRaise);
                            }),
      Row<v1::PointRequest>("WithdrawPoint", Need::kDelegation,
                            [](const v1::PointRequest& r, M) {
                              return PointFrom(r, cmd::PointAction::kWithdraw);
                            }),
  };
}

}  // namespace

const std::vector<ApiCommand>& ApiCommands() {
  static const auto* const kRows =
      new std::vector<ApiCommand>(BuildApiCommands());
  return *kRows;
}

const ApiCommand* FindApiCommand(absl::string_view method) {
  for (const ApiCommand& row : ApiCommands()) {
    if (row.method == method) return &row;
  }
  return nullptr;
}

absl::string_view KindName(const Command& command) {
  return std::visit(
      [](const auto& c) { return Kind<std::decay_t<decltype(c)>>::kName; },
      command);
}

std::vector<absl::string_view> KindNames() { return NamesOf(kAllKinds); }

v1::StoredCommand ToStored(const Command& command, uint64_t request_digest) {
  StoredCommand s;
  s.set_format(2);
  s.set_request_digest(request_digest);
  std::visit([&](const auto& c) { Kind<std::decay_t<decltype(c)>>::Put(c, s); },
             command);
  return s;
}

absl::StatusOr<Command> FromStored(const v1::StoredCommand& stored) {
  return FromStoredCase(stored, kAllKinds);
}

absl::StatusOr<Command> FromStoredV1(absl::string_view kind,
                                     const v1::StoredCommandV1& stored) {
  return FromV1Kind(kind, stored, kAllKinds);
}

}  // namespace speakers
