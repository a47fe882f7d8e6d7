#include "server/app/state_to_proto.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace speakers {

void TimeToProto(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t nanos = absl::ToUnixNanos(t);
  int64_t seconds = nanos / 1000000000;
  int64_t rest = nanos % 1000000000;
  if (rest < 0) {
    rest += 1000000000;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(rest));
}

void DurationToProto(absl::Duration d, google::protobuf::Duration* out) {
  const int64_t nanos = absl::ToInt64Nanoseconds(d);
  out->set_seconds(nanos / 1000000000);
  out->set_nanos(static_cast<int32_t>(nanos % 1000000000));
}

absl::Time TimeFromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

absl::Duration DurationFromProto(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

v1::MeetingStatus MeetingStatusToProto(MeetingState state) {
  switch (state) {
    case MeetingState::kNotStarted:
      return v1::MEETING_NOT_STARTED;
    case MeetingState::kInSession:
      return v1::MEETING_IN_SESSION;
    case MeetingState::kSuspended:
      return v1::MEETING_SUSPENDED;
    case MeetingState::kAdjourned:
      return v1::MEETING_ADJOURNED;
  }
  return v1::MEETING_STATUS_UNSPECIFIED;
}

v1::ListStatus ListStatusToProto(ListStatus status) {
  switch (status) {
    case ListStatus::kNotYetOpen:
      return v1::LIST_NOT_YET_OPEN;
    case ListStatus::kOpen:
      return v1::LIST_OPEN;
    case ListStatus::kClosed:
      return v1::LIST_CLOSED;
  }
  return v1::LIST_STATUS_UNSPECIFIED;
}

v1::Rank RankToProto(Rank rank) {
  return static_cast<v1::Rank>(static_cast<int>(rank) + 1);
}

v1::Category CategoryToProto(Category category) {
  return static_cast<v1::Category>(static_cast<int>(category) + 1);
}

v1::ListSettings SettingsToProto(const ListSettings& s) {
  v1::ListSettings out;
  if (s.opens_at) TimeToProto(*s.opens_at, out.mutable_opens_at());
  if (s.closes_at) TimeToProto(*s.closes_at, out.mutable_closes_at());
  DurationToProto(s.speaking_time, out.mutable_speaking_time());
  DurationToProto(s.warning, out.mutable_warning());
  out.set_policy(
      static_cast<v1::PolicyKind>(static_cast<int>(s.policy.kind) + 1));
  out.set_groups_first(s.policy.groups_first);
  if (s.observer_time)
    DurationToProto(*s.observer_time, out.mutable_observer_time());
  if (s.group_time) DurationToProto(*s.group_time, out.mutable_group_time());
  out.set_absent(s.absent == AbsentAction::kDrop
                     ? v1::ABSENT_DROP
                     : v1::ABSENT_MOVE_TO_END_OF_TIER);
  return out;
}

v1::Delegation DelegationToProto(const Delegation& d) {
  v1::Delegation out;
  out.set_code(d.code);
  for (const auto& [lang, name] : d.names) (*out.mutable_names())[lang] = name;
  out.set_category(CategoryToProto(d.category));
  out.set_regional_group(d.regional_group);
  return out;
}

v1::SessionInfo SessionToProto(const Session& session, absl::Time now) {
  const SessionConfig& c = session.config();
  v1::SessionInfo out;
  out.set_name(c.name);
  for (const auto& [lang, name] : c.names) (*out.mutable_names())[lang] = name;
  out.set_short_name(c.short_name);
  out.set_venue(c.venue);
  out.set_time_zone(c.time_zone);
  for (const std::string& lang : c.languages) out.add_languages(lang);
  for (const Delegation& d : c.delegations) {
    *out.add_delegations() = DelegationToProto(d);
  }
  for (const MeetingConfig& m : c.meetings) {
    v1::MeetingInfo* p = out.add_meetings();
    p->set_id(m.id);
    p->set_name(m.name);
    for (const auto& [lang, name] : m.names) (*p->mutable_names())[lang] = name;
    for (const AgendaItem& item : m.agenda) {
      v1::AgendaItem* a = p->add_agenda();
      a->set_id(item.id);
      a->set_title(item.title);
      for (const auto& [lang, title] : item.titles)
        (*a->mutable_titles())[lang] = title;
    }
    for (const MeetingSlot& slot : m.slots) {
      v1::Slot* s = p->add_slots();
      TimeToProto(slot.start, s->mutable_start());
      TimeToProto(slot.end, s->mutable_end());
      for (const std::string& item : slot.items) s->add_items(item);
      s->set_note(slot.note);
    }
  }
  out.set_replies_per_item(c.reply.max_per_item);
  for (absl::Duration d : c.reply.limits)
    DurationToProto(d, out.add_reply_limits());
  TimeToProto(now, out.mutable_server_time());
  return out;
}

namespace {

// Tier words by tier: a list has few tiers and many entries.
class TierNames {
 public:
  explicit TierNames(const PriorityPolicy& policy) : policy_(policy) {}
  const std::string& Get(int tier) {
    auto it = names_.find(tier);
    if (it == names_.end())
      it = names_.emplace(tier, policy_.DescribeTier(tier)).first;
    return it->second;
  }

 private:
  const PriorityPolicy& policy_;
  absl::flat_hash_map<int, std::string> names_;
};

void FillEntry(const Session& session, const SpeakersList& list, const Entry& e,
               TierNames& tiers, v1::Entry& out) {
  out.set_id(e.id);
  out.set_delegation(e.delegation);
  if (const Delegation* d = session.FindDelegation(e.delegation)) {
    out.set_delegation_name(d->Name());
  }
  out.set_category(CategoryToProto(e.category));
  v1::Speaker* speaker = out.mutable_speaker();
  speaker->set_name(e.speaker.name);
  speaker->set_title(e.speaker.title);
  speaker->set_rank(RankToProto(e.speaker.rank));
  out.set_on_behalf_of(e.on_behalf_of);
  out.mutable_receipt()->set_number(e.receipt.number);
  TimeToProto(e.receipt.at, out.mutable_receipt()->mutable_at());
  out.set_tier(tiers.Get(e.tier));
  out.set_placed_by_chair(e.placed_by_chair);
  out.set_added_by_chair(e.added_by_chair);
  DurationToProto(list.LimitOf(e), out.mutable_time_limit());
  out.set_own_time_limit(e.time_limit.has_value());
  out.set_reply_item(e.reply_item);
  out.set_reply_number(e.reply_number);
}

}  // namespace

v1::Entry EntryToProto(const Session& session, const SpeakersList& list,
                       const Entry& e) {
  TierNames tiers(list.settings().policy);
  v1::Entry out;
  FillEntry(session, list, e, tiers, out);
  return out;
}

v1::ListState ListHeaderToProto(const Meeting& meeting,
                                const SpeakersList& list, absl::Time now) {
  v1::ListState out;
  out.set_meeting(meeting.id());
  out.set_item(list.item());
  out.set_label(list.label());
  if (const AgendaItem* item = meeting.config().FindItem(list.item())) {
    out.set_title(item->title);
  } else {
    out.set_title("Right of reply");
  }
  out.set_status(ListStatusToProto(list.Status(now)));
  out.set_closed_by_chair(list.manual_state() == ManualState::kClosedByChair);
  out.set_opened_by_chair(list.manual_state() == ManualState::kOpenedByChair);
  if (list.manual_state() != ManualState::kScheduled) {
    TimeToProto(list.manual_at(), out.mutable_changed_by_chair_at());
  }
  *out.mutable_settings() = SettingsToProto(list.settings());
  out.set_next_receipt(list.next_receipt());
  out.set_spoken_count(static_cast<uint32_t>(list.spoken().size()));
  out.set_can_undo_next(list.can_undo_next());
  return out;
}

v1::Timer TimerToProto(const SpeakersList& list) {
  v1::Timer t;
  if (!list.current()) return t;
  const SpeakingTimer& timer = list.current()->timer;
  t.set_state(static_cast<v1::TimerState>(static_cast<int>(timer.state()) + 1));
  DurationToProto(timer.limit(), t.mutable_limit());
  DurationToProto(timer.accumulated(), t.mutable_accumulated());
  if (timer.state() == SpeakingTimer::State::kRunning) {
    TimeToProto(timer.started_at(), t.mutable_started_at());
  }
  DurationToProto(list.settings().warning, t.mutable_warning());
  return t;
}

namespace {

void FillCurrent(const Session& session, const SpeakersList& list,
                 TierNames& tiers, v1::CurrentSpeaker& c) {
  FillEntry(session, list, list.current()->entry, tiers, *c.mutable_entry());
  TimeToProto(list.current()->called_at, c.mutable_called_at());
  *c.mutable_timer() = TimerToProto(list);
}

void FillSpoken(const Session& session, const SpeakersList& list,
                const SpokenEntry& s, TierNames& tiers, v1::SpokenEntry& p) {
  FillEntry(session, list, s.entry, tiers, *p.mutable_entry());
  TimeToProto(s.called_at, p.mutable_called_at());
  TimeToProto(s.finished_at, p.mutable_finished_at());
  DurationToProto(s.spoken, p.mutable_spoken());
}

}  // namespace

v1::CurrentSpeaker CurrentToProto(const Session& session,
                                  const SpeakersList& list) {
  v1::CurrentSpeaker c;
  if (!list.current()) return c;
  TierNames tiers(list.settings().policy);
  FillCurrent(session, list, tiers, c);
  return c;
}

v1::SpokenEntry SpokenToProto(const Session& session, const SpeakersList& list,
                              const SpokenEntry& s) {
  TierNames tiers(list.settings().policy);
  v1::SpokenEntry p;
  FillSpoken(session, list, s, tiers, p);
  return p;
}

v1::ListState ListToProto(const Meeting& meeting, const SpeakersList& list,
                          absl::Time now, SpokenDetail detail, Waits waits) {
  const Session& session = meeting.session();
  v1::ListState out = ListHeaderToProto(meeting, list, now);
  TierNames tiers(list.settings().policy);
  const std::vector<absl::Duration> expected =
      waits == Waits::kExpected ? list.ExpectedWaits(now)
                                : std::vector<absl::Duration>();
  for (size_t i = 0; i < list.waiting().size(); ++i) {
    v1::Entry* e = out.add_waiting();
    FillEntry(session, list, list.waiting()[i], tiers, *e);
    if (!expected.empty())
      DurationToProto(expected[i], e->mutable_expected_wait());
  }
  if (list.current()) FillCurrent(session, list, tiers, *out.mutable_current());
  const size_t first = detail == SpokenDetail::kAll || list.spoken().empty()
                           ? 0
                           : list.spoken().size() - 1;
  for (size_t i = first; i < list.spoken().size(); ++i) {
    FillSpoken(session, list, list.spoken()[i], tiers, *out.add_spoken());
  }
  return out;
}

v1::MeetingSnapshot SnapshotToProto(const Meeting& meeting, absl::Time now,
                                    SpokenDetail detail, Waits waits) {
  v1::MeetingSnapshot out;
  out.set_meeting(meeting.id());
  out.set_name(meeting.config().name);
  out.set_status(MeetingStatusToProto(meeting.state()));
  out.set_current_item(meeting.current_item());
  out.set_version(meeting.version());
  TimeToProto(now, out.mutable_server_time());
  for (const SpeakersList* list : meeting.lists()) {
    *out.add_lists() = ListToProto(meeting, *list, now, detail, waits);
  }
  *out.mutable_points() = PointsToProto(meeting);
  out.set_questions(meeting.config().questions);
  return out;
}

namespace {

void FillPoint(const Session& session, const RaisedPoint& p,
               v1::PointOfOrder& out) {
  out.set_id(p.id);
  out.set_delegation(p.delegation);
  if (const Delegation* d = session.FindDelegation(p.delegation)) {
    out.set_delegation_name(d->Name());
    out.set_category(CategoryToProto(d->category));
  }
  out.set_kind(p.kind == PointKind::kQuestion ? v1::POINT_QUESTION
                                              : v1::POINT_OF_ORDER);
  TimeToProto(p.raised_at, out.mutable_raised_at());
}

}  // namespace

v1::Points PointsToProto(const Meeting& meeting) {
  const Session& session = meeting.session();
  v1::Points out;
  for (const RaisedPoint& p : meeting.points().waiting())
    FillPoint(session, p, *out.add_waiting());
  if (const std::optional<HeardPoint>& heard = meeting.points().heard()) {
    v1::HeardPoint* h = out.mutable_heard();
    FillPoint(session, heard->point, *h->mutable_point());
    TimeToProto(heard->granted_at, h->mutable_granted_at());
    if (heard->limit) DurationToProto(*heard->limit, h->mutable_limit());
    h->set_interrupted_item(heard->interrupted_item);
    h->set_interrupted_delegation(heard->interrupted_delegation);
  }
  return out;
}

v1::Event EventToProto(const Event& e) {
  v1::Event out;
  out.set_version(e.version);
  TimeToProto(e.at, out.mutable_at());
  out.set_kind(std::string(EventKindName(e.kind)));
  out.set_meeting(e.meeting);
  out.set_item(e.item);
  out.set_delegation(e.delegation);
  out.set_other_delegation(e.other_delegation);
  out.set_actor(e.actor);
  if (e.receipt) {
    out.mutable_receipt()->set_number(e.receipt->number);
    TimeToProto(e.receipt->at, out.mutable_receipt()->mutable_at());
  }
  if (e.duration) DurationToProto(*e.duration, out.mutable_duration());
  out.set_position(e.position);
  out.set_summary(e.summary);
  out.set_speaker(e.speaker);
  return out;
}

v1::Position PositionToProto(const Meeting& meeting, const SpeakersList& list,
                             const std::string& delegation,
                             const Expectation& e) {
  v1::Position out;
  out.set_meeting(meeting.id());
  out.set_item(list.item());
  out.set_delegation(delegation);
  out.set_position(static_cast<int32_t>(e.position));
  DurationToProto(e.wait, out.mutable_expected_wait());
  TimeToProto(e.at, out.mutable_expected_start());
  out.set_version(meeting.version());
  const Entry& entry =
      e.position == 0 ? list.current()->entry : list.waiting()[e.position - 1];
  out.mutable_receipt()->set_number(entry.receipt.number);
  TimeToProto(entry.receipt.at, out.mutable_receipt()->mutable_at());
  return out;
}

}  // namespace speakers
