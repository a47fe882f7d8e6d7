#include "server/app/request_fields.h"

#include "absl/strings/str_cat.h"
#include "server/app/state_to_proto.h"

namespace speakers {

absl::Status RequireMeeting(absl::string_view meeting) {
  if (meeting.empty())
    return absl::InvalidArgumentError("name the meeting, e.g. \"plenary\"");
  return absl::OkStatus();
}

absl::Status RequireDelegation(absl::string_view code,
                               absl::string_view field) {
  if (code.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "give the delegation's code in ", field, ", e.g. \"AUT\""));
  }
  return absl::OkStatus();
}

absl::StatusOr<ListTarget> ListFrom(const v1::ListRef& ref) {
  if (absl::Status s = RequireMeeting(ref.meeting()); !s.ok()) return s;
  return ListTarget{ref.meeting(), ref.item()};
}

absl::StatusOr<Speaker> SpeakerFrom(const v1::Speaker& s) {
  Rank rank = Rank::kHeadOfDelegation;
  switch (s.rank()) {
    case v1::RANK_UNSPECIFIED:
      rank = Rank::kHeadOfDelegation;
      break;
    case v1::RANK_HEAD_OF_STATE:
      rank = Rank::kHeadOfState;
      break;
    case v1::RANK_DEPUTY_HEAD_OF_STATE:
      rank = Rank::kDeputyHeadOfState;
      break;
    case v1::RANK_HEAD_OF_GOVERNMENT:
      rank = Rank::kHeadOfGovernment;
      break;
    case v1::RANK_MINISTER:
      rank = Rank::kMinister;
      break;
    case v1::RANK_VICE_MINISTER:
      rank = Rank::kViceMinister;
      break;
    case v1::RANK_HEAD_OF_DELEGATION:
      rank = Rank::kHeadOfDelegation;
      break;
    case v1::RANK_OTHER:
      rank = Rank::kOther;
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("unknown rank ", s.rank()));
  }
  return Speaker{s.name(), s.title(), rank};
}

absl::StatusOr<ListSettings> SettingsFrom(const v1::ListSettings& p,
                                          const ListSettings& current) {
  ListSettings s = current;
  s.opens_at.reset();
  s.closes_at.reset();
  if (p.has_opens_at()) s.opens_at = TimeFromProto(p.opens_at());
  if (p.has_closes_at()) s.closes_at = TimeFromProto(p.closes_at());
  if (p.has_speaking_time())
    s.speaking_time = DurationFromProto(p.speaking_time());
  if (p.has_warning()) s.warning = DurationFromProto(p.warning());
  // Unset keeps the current limit; zero clears it.
  auto limit = [](const google::protobuf::Duration& d,
                  std::optional<absl::Duration>& out) {
    const absl::Duration v = DurationFromProto(d);
    out = v == absl::ZeroDuration() ? std::nullopt
                                    : std::optional<absl::Duration>(v);
  };
  if (p.has_observer_time()) limit(p.observer_time(), s.observer_time);
  if (p.has_group_time()) limit(p.group_time(), s.group_time);
  switch (p.policy()) {
    case v1::POLICY_KIND_UNSPECIFIED:
      break;
    case v1::POLICY_MINISTERIAL_FIRST:
      s.policy.kind = PolicyKind::kMinisterialFirst;
      break;
    case v1::POLICY_PROTOCOL:
      s.policy.kind = PolicyKind::kProtocol;
      break;
    case v1::POLICY_CATEGORY_ONLY:
      s.policy.kind = PolicyKind::kCategoryOnly;
      break;
    case v1::POLICY_FIRST_COME_FIRST_SERVED:
      s.policy.kind = PolicyKind::kFirstComeFirstServed;
      break;
    case v1::POLICY_STATES_PARTIES_FIRST:
      s.policy.kind = PolicyKind::kStatesPartiesFirst;
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("unknown policy ", p.policy()));
  }
  s.policy.groups_first = p.groups_first();
  switch (p.absent()) {
    case v1::ABSENT_UNSPECIFIED:
      break;
    case v1::ABSENT_MOVE_TO_END_OF_TIER:
      s.absent = AbsentAction::kMoveToEndOfTier;
      break;
    case v1::ABSENT_DROP:
      s.absent = AbsentAction::kDrop;
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("unknown absent action ", p.absent()));
  }
  return s;
}

absl::StatusOr<cmd::TimerAction> TimerActionFrom(v1::TimerAction action) {
  switch (action) {
    case v1::TIMER_START:
      return cmd::TimerAction::kStart;
    case v1::TIMER_PAUSE:
      return cmd::TimerAction::kPause;
    case v1::TIMER_RESUME:
      return cmd::TimerAction::kResume;
    case v1::TIMER_RESET:
      return cmd::TimerAction::kReset;
    default:
      return absl::InvalidArgumentError(
          "say what the clock should do: start, pause, resume or reset");
  }
}

absl::StatusOr<cmd::MeetingAction> MeetingActionFrom(v1::MeetingAction action) {
  switch (action) {
    case v1::MEETING_OPEN:
      return cmd::MeetingAction::kOpen;
    case v1::MEETING_SUSPEND:
      return cmd::MeetingAction::kSuspend;
    case v1::MEETING_RESUME:
      return cmd::MeetingAction::kResume;
    case v1::MEETING_ADJOURN:
      return cmd::MeetingAction::kAdjourn;
    default:
      return absl::InvalidArgumentError(
          "say what the meeting should do: open, suspend, resume or adjourn");
  }
}

absl::StatusOr<PointKind> PointKindFrom(v1::PointKind kind) {
  switch (kind) {
    case v1::POINT_KIND_UNSPECIFIED:
    case v1::POINT_OF_ORDER:
      return PointKind::kOrder;
    case v1::POINT_QUESTION:
      return PointKind::kQuestion;
    default:
      return absl::InvalidArgumentError(
          "kind: say whether it is a point of order or a question");
  }
}

}  // namespace speakers
