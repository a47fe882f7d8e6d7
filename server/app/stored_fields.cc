#include "server/app/stored_fields.h"

#include "absl/strings/str_cat.h"

namespace speakers {
namespace {

absl::Status Unknown(absl::string_view what, int value) {
  return absl::DataLossError(
      absl::StrCat("a stored command has an unknown ", what, " (", value,
                   "); was the log written by a newer speakers?"));
}

}  // namespace

v1::StoredList StoredListOf(const ListTarget& list) {
  v1::StoredList out;
  out.set_meeting(list.meeting);
  out.set_item(list.item);
  return out;
}

absl::StatusOr<ListTarget> ListOf(const v1::StoredList& list) {
  if (list.meeting().empty())
    return absl::DataLossError("a stored command names no meeting");
  return ListTarget{list.meeting(), list.item()};
}

v1::StoredSpeakerV2 StoredSpeakerOf(const Speaker& speaker) {
  v1::StoredSpeakerV2 out;
  out.set_name(speaker.name);
  out.set_title(speaker.title);
  switch (speaker.rank) {
    case Rank::kHeadOfState:
      out.set_rank(v1::STORED_RANK_HEAD_OF_STATE);
      break;
    case Rank::kDeputyHeadOfState:
      out.set_rank(v1::STORED_RANK_DEPUTY_HEAD_OF_STATE);
      break;
    case Rank::kHeadOfGovernment:
      out.set_rank(v1::STORED_RANK_HEAD_OF_GOVERNMENT);
      break;
    case Rank::kMinister:
      out.set_rank(v1::STORED_RANK_MINISTER);
      break;
    case Rank::kViceMinister:
      out.set_rank(v1::STORED_RANK_VICE_MINISTER);
      break;
    case Rank::kHeadOfDelegation:
      out.set_rank(v1::STORED_RANK_HEAD_OF_DELEGATION);
      break;
    case Rank::kOther:
      out.set_rank(v1::STORED_RANK_OTHER);
      break;
  }
  return out;
}

absl::StatusOr<Speaker> SpeakerOf(const v1::StoredSpeakerV2& s) {
  Speaker out{s.name(), s.title(), Rank::kHeadOfDelegation};
  switch (s.rank()) {
    case v1::STORED_RANK_HEAD_OF_STATE:
      out.rank = Rank::kHeadOfState;
      break;
    case v1::STORED_RANK_DEPUTY_HEAD_OF_STATE:
      out.rank = Rank::kDeputyHeadOfState;
      break;
    case v1::STORED_RANK_HEAD_OF_GOVERNMENT:
      out.rank = Rank::kHeadOfGovernment;
      break;
    case v1::STORED_RANK_MINISTER:
      out.rank = Rank::kMinister;
      break;
    case v1::STORED_RANK_VICE_MINISTER:
      out.rank = Rank::kViceMinister;
      break;
    case v1::STORED_RANK_HEAD_OF_DELEGATION:
      out.rank = Rank::kHeadOfDelegation;
      break;
    case v1::STORED_RANK_OTHER:
      out.rank = Rank::kOther;
      break;
    default:
      return Unknown("rank", s.rank());
  }
  return out;
}

v1::StoredListSettings StoredSettingsOf(const ListSettings& st) {
  v1::StoredListSettings p;
  if (st.opens_at) p.set_opens_at_unix_nanos(absl::ToUnixNanos(*st.opens_at));
  if (st.closes_at)
    p.set_closes_at_unix_nanos(absl::ToUnixNanos(*st.closes_at));
  p.set_speaking_time_nanos(NanosOf(st.speaking_time));
  p.set_warning_nanos(NanosOf(st.warning));
  switch (st.policy.kind) {
    case PolicyKind::kMinisterialFirst:
      p.set_policy(v1::STORED_POLICY_MINISTERIAL_FIRST);
      break;
    case PolicyKind::kProtocol:
      p.set_policy(v1::STORED_POLICY_PROTOCOL);
      break;
    case PolicyKind::kCategoryOnly:
      p.set_policy(v1::STORED_POLICY_CATEGORY_ONLY);
      break;
    case PolicyKind::kFirstComeFirstServed:
      p.set_policy(v1::STORED_POLICY_FIRST_COME_FIRST_SERVED);
      break;
    case PolicyKind::kStatesPartiesFirst:
      p.set_policy(v1::STORED_POLICY_STATES_PARTIES_FIRST);
      break;
  }
  p.set_groups_first(st.policy.groups_first);
  if (st.observer_time) p.set_observer_time_nanos(NanosOf(*st.observer_time));
  if (st.group_time) p.set_group_time_nanos(NanosOf(*st.group_time));
  switch (st.absent) {
    case AbsentAction::kMoveToEndOfTier:
      p.set_absent(v1::STORED_ABSENT_MOVE_TO_END_OF_TIER);
      break;
    case AbsentAction::kDrop:
      p.set_absent(v1::STORED_ABSENT_DROP);
      break;
  }
  return p;
}

absl::StatusOr<ListSettings> SettingsOf(const v1::StoredListSettings& p) {
  ListSettings st;
  if (p.has_opens_at_unix_nanos())
    st.opens_at = absl::FromUnixNanos(p.opens_at_unix_nanos());
  if (p.has_closes_at_unix_nanos())
    st.closes_at = absl::FromUnixNanos(p.closes_at_unix_nanos());
  st.speaking_time = absl::Nanoseconds(p.speaking_time_nanos());
  st.warning = absl::Nanoseconds(p.warning_nanos());
  switch (p.policy()) {
    case v1::STORED_POLICY_MINISTERIAL_FIRST:
      st.policy.kind = PolicyKind::kMinisterialFirst;
      break;
    case v1::STORED_POLICY_PROTOCOL:
      st.policy.kind = PolicyKind::kProtocol;
      break;
    case v1::STORED_POLICY_CATEGORY_ONLY:
      st.policy.kind = PolicyKind::kCategoryOnly;
      break;
    case v1::STORED_POLICY_FIRST_COME_FIRST_SERVED:
      st.policy.kind = PolicyKind::kFirstComeFirstServed;
      break;
    case v1::STORED_POLICY_STATES_PARTIES_FIRST:
      st.policy.kind = PolicyKind::kStatesPartiesFirst;
      break;
    default:
      return Unknown("policy", p.policy());
  }
  st.policy.groups_first = p.groups_first();
  st.observer_time =
      OptionalDuration(p.has_observer_time_nanos(), p.observer_time_nanos());
  st.group_time =
      OptionalDuration(p.has_group_time_nanos(), p.group_time_nanos());
  switch (p.absent()) {
    case v1::STORED_ABSENT_MOVE_TO_END_OF_TIER:
      st.absent = AbsentAction::kMoveToEndOfTier;
      break;
    case v1::STORED_ABSENT_DROP:
      st.absent = AbsentAction::kDrop;
      break;
    default:
      return Unknown("absent action", p.absent());
  }
  return st;
}

v1::StoredTimerAction StoredTimerActionOf(cmd::TimerAction action) {
  switch (action) {
    case cmd::TimerAction::kStart:
      return v1::STORED_TIMER_START;
    case cmd::TimerAction::kPause:
      return v1::STORED_TIMER_PAUSE;
    case cmd::TimerAction::kResume:
      return v1::STORED_TIMER_RESUME;
    case cmd::TimerAction::kReset:
      return v1::STORED_TIMER_RESET;
  }
  return v1::STORED_TIMER_UNSPECIFIED;
}

absl::StatusOr<cmd::TimerAction> TimerActionOf(v1::StoredTimerAction action) {
  switch (action) {
    case v1::STORED_TIMER_START:
      return cmd::TimerAction::kStart;
    case v1::STORED_TIMER_PAUSE:
      return cmd::TimerAction::kPause;
    case v1::STORED_TIMER_RESUME:
      return cmd::TimerAction::kResume;
    case v1::STORED_TIMER_RESET:
      return cmd::TimerAction::kReset;
    default:
      return Unknown("timer action", action);
  }
}

v1::StoredMeetingAction StoredMeetingActionOf(cmd::MeetingAction action) {
  switch (action) {
    case cmd::MeetingAction::kOpen:
      return v1::STORED_MEETING_OPEN;
    case cmd::MeetingAction::kSuspend:
      return v1::STORED_MEETING_SUSPEND;
    case cmd::MeetingAction::kResume:
      return v1::STORED_MEETING_RESUME;
    case cmd::MeetingAction::kAdjourn:
      return v1::STORED_MEETING_ADJOURN;
  }
  return v1::STORED_MEETING_UNSPECIFIED;
}

absl::StatusOr<cmd::MeetingAction> MeetingActionOf(
    v1::StoredMeetingAction action) {
  switch (action) {
    case v1::STORED_MEETING_OPEN:
      return cmd::MeetingAction::kOpen;
    case v1::STORED_MEETING_SUSPEND:
      return cmd::MeetingAction::kSuspend;
    case v1::STORED_MEETING_RESUME:
      return cmd::MeetingAction::kResume;
    case v1::STORED_MEETING_ADJOURN:
      return cmd::MeetingAction::kAdjourn;
    default:
      return Unknown("meeting action", action);
  }
}

v1::StoredPointAction StoredPointActionOf(cmd::PointAction action) {
  switch (action) {
    case cmd::PointAction::kRaise:
      return v1::STORED_POINT_RAISE;
    case cmd::PointAction::kWithdraw:
      return v1::STORED_POINT_WITHDRAW;
    case cmd::PointAction::kGrant:
      return v1::STORED_POINT_GRANT;
    case cmd::PointAction::kDismiss:
      return v1::STORED_POINT_DISMISS;
    case cmd::PointAction::kEnd:
      return v1::STORED_POINT_END;
  }
  return v1::STORED_POINT_UNSPECIFIED;
}

absl::StatusOr<cmd::PointAction> PointActionOf(v1::StoredPointAction action) {
  switch (action) {
    case v1::STORED_POINT_RAISE:
      return cmd::PointAction::kRaise;
    case v1::STORED_POINT_WITHDRAW:
      return cmd::PointAction::kWithdraw;
    case v1::STORED_POINT_GRANT:
      return cmd::PointAction::kGrant;
    case v1::STORED_POINT_DISMISS:
      return cmd::PointAction::kDismiss;
    case v1::STORED_POINT_END:
      return cmd::PointAction::kEnd;
    default:
      return Unknown("point of order action", action);
  }
}

v1::StoredPointKind StoredPointKindOf(PointKind kind) {
  switch (kind) {
    case PointKind::kOrder:
      return v1::STORED_POINT_OF_ORDER;
    case PointKind::kQuestion:
      return v1::STORED_POINT_QUESTION;
  }
  return v1::STORED_POINT_KIND_UNSPECIFIED;
}

absl::StatusOr<PointKind> PointKindOf(v1::StoredPointKind kind) {
  switch (kind) {
    case v1::STORED_POINT_OF_ORDER:
      return PointKind::kOrder;
    case v1::STORED_POINT_QUESTION:
      return PointKind::kQuestion;
    default:
      return Unknown("point of order kind", kind);
  }
}

int64_t NanosOf(absl::Duration d) { return absl::ToInt64Nanoseconds(d); }

std::optional<absl::Duration> OptionalDuration(bool has, int64_t nanos) {
  if (!has) return std::nullopt;
  return absl::Nanoseconds(nanos);
}

// ---- Format 1: the values speakers 0.1 wrote (its domain enums' values) ----

ListTarget ListOfV1(const v1::StoredCommandV1& s) {
  return {s.list().meeting(), s.list().item()};
}

absl::StatusOr<Speaker> SpeakerOfV1(const v1::StoredSpeakerV1& s) {
  static constexpr Rank kRanks[] = {
      Rank::kHeadOfState, Rank::kDeputyHeadOfState, Rank::kHeadOfGovernment,
      Rank::kMinister,    Rank::kViceMinister,      Rank::kHeadOfDelegation,
      Rank::kOther};
  if (s.rank() < 0 || s.rank() >= static_cast<int>(std::size(kRanks))) {
    return Unknown("rank", s.rank());
  }
  return Speaker{s.name(), s.title(), kRanks[s.rank()]};
}

absl::StatusOr<ListSettings> SettingsOfV1(const v1::StoredSettingsV1& p) {
  static constexpr PolicyKind kPolicies[] = {
      PolicyKind::kMinisterialFirst, PolicyKind::kProtocol,
      PolicyKind::kCategoryOnly, PolicyKind::kFirstComeFirstServed};
  static constexpr AbsentAction kAbsent[] = {AbsentAction::kMoveToEndOfTier,
                                             AbsentAction::kDrop};
  if (p.policy() < 0 || p.policy() >= static_cast<int>(std::size(kPolicies))) {
    return Unknown("policy", p.policy());
  }
  if (p.absent() < 0 || p.absent() >= static_cast<int>(std::size(kAbsent))) {
    return Unknown("absent action", p.absent());
  }
  ListSettings st;
  if (p.has_opens_at())
    st.opens_at = absl::FromUnixNanos(p.opens_at_unix_nanos());
  if (p.has_closes_at())
    st.closes_at = absl::FromUnixNanos(p.closes_at_unix_nanos());
  st.speaking_time = absl::Nanoseconds(p.speaking_time_nanos());
  st.warning = absl::Nanoseconds(p.warning_nanos());
  st.policy.kind = kPolicies[p.policy()];
  st.policy.groups_first = p.groups_first();
  st.absent = kAbsent[p.absent()];
  return st;
}

absl::StatusOr<cmd::TimerAction> TimerActionOfV1(int action) {
  static constexpr cmd::TimerAction kActions[] = {
      cmd::TimerAction::kStart, cmd::TimerAction::kPause,
      cmd::TimerAction::kResume, cmd::TimerAction::kReset};
  if (action < 0 || action >= static_cast<int>(std::size(kActions))) {
    return Unknown("timer action", action);
  }
  return kActions[action];
}

absl::StatusOr<cmd::MeetingAction> MeetingActionOfV1(int action) {
  static constexpr cmd::MeetingAction kActions[] = {
      cmd::MeetingAction::kOpen, cmd::MeetingAction::kSuspend,
      cmd::MeetingAction::kResume, cmd::MeetingAction::kAdjourn};
  if (action < 0 || action >= static_cast<int>(std::size(kActions))) {
    return Unknown("meeting action", action);
  }
  return kActions[action];
}

}  // namespace speakers
