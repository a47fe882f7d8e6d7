#include "server/service/command_from_proto.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "server/service/state_to_proto.h"

namespace speakers {
namespace {

absl::StatusOr<ListTarget> Target(const v1::ListRef& ref) {
  if (absl::Status s = RequireMeeting(ref.meeting()); !s.ok()) return s;
  // An empty item means the item under consideration (see Meeting::Apply).
  return ListTarget{ref.meeting(), ref.item()};
}

absl::Status RequireDelegation(const std::string& code, absl::string_view field) {
  if (code.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("give the delegation's code in ", field, ", e.g. \"AUT\""));
  }
  return absl::OkStatus();
}

absl::StatusOr<Speaker> SpeakerFromProto(const v1::Speaker& s) {
  if (s.rank() < v1::RANK_UNSPECIFIED || s.rank() > v1::RANK_OTHER) {
    return absl::InvalidArgumentError(absl::StrCat("unknown rank ", s.rank()));
  }
  const Rank rank = s.rank() == v1::RANK_UNSPECIFIED ? Rank::kHeadOfDelegation
                                                     : static_cast<Rank>(s.rank() - 1);
  return Speaker{s.name(), s.title(), rank};
}

template <typename C, typename R>
absl::StatusOr<Command> WithDelegation(const R& r) {
  absl::StatusOr<ListTarget> target = Target(r.list());
  if (!target.ok()) return target.status();
  if (absl::Status s = RequireDelegation(r.delegation(), "delegation"); !s.ok()) return s;
  return C{*std::move(target), r.delegation()};
}

template <typename C>
absl::StatusOr<Command> ListOnly(const v1::ListCommand& r) {
  absl::StatusOr<ListTarget> target = Target(r.list());
  if (!target.ok()) return target.status();
  return C{*std::move(target)};
}

}  // namespace

absl::Status RequireMeeting(const std::string& meeting) {
  if (meeting.empty()) {
    return absl::InvalidArgumentError("name the meeting, e.g. \"plenary\"");
  }
  return absl::OkStatus();
}

absl::StatusOr<Command> OpenListFromProto(const v1::ListCommand& r) {
  return ListOnly<cmd::OpenList>(r);
}
absl::StatusOr<Command> CloseListFromProto(const v1::ListCommand& r) {
  return ListOnly<cmd::CloseList>(r);
}
absl::StatusOr<Command> ReaddLastFromProto(const v1::ListCommand& r) {
  return ListOnly<cmd::ReaddLast>(r);
}

absl::StatusOr<Command> ConfigureListFromProto(const v1::ConfigureListRequest& r,
                                               const ListSettings& current) {
  absl::StatusOr<ListTarget> target = Target(r.list());
  if (!target.ok()) return target.status();
  const v1::ListSettings& p = r.settings();
  ListSettings s = current;
  // The window is replaced as given: unset means no scheduled opening/close.
  s.opens_at.reset();
  s.closes_at.reset();
  if (p.has_opens_at()) s.opens_at = TimeFromProto(p.opens_at());
  if (p.has_closes_at()) s.closes_at = TimeFromProto(p.closes_at());
  if (p.has_speaking_time()) s.speaking_time = DurationFromProto(p.speaking_time());
  if (p.has_warning()) s.warning = DurationFromProto(p.warning());
  if (p.policy() < v1::POLICY_KIND_UNSPECIFIED || p.policy() > v1::POLICY_FIRST_COME_FIRST_SERVED) {
    return absl::InvalidArgumentError(absl::StrCat("unknown policy ", p.policy()));
  }
  if (p.policy() != v1::POLICY_KIND_UNSPECIFIED) {
    s.policy.kind = static_cast<PolicyKind>(p.policy() - 1);
  }
  s.policy.groups_first = p.groups_first();
  if (p.absent() == v1::ABSENT_DROP) s.absent = AbsentAction::kDrop;
  if (p.absent() == v1::ABSENT_MOVE_TO_END_OF_TIER) s.absent = AbsentAction::kMoveToEndOfTier;
  return cmd::ConfigureList{*std::move(target), s};
}

absl::StatusOr<Command> CallNextFromProto(const v1::CallNextRequest& r) {
  absl::StatusOr<ListTarget> target = Target(r.list());
  if (!target.ok()) return target.status();
  cmd::CallNext c{*std::move(target), std::nullopt};
  if (r.has_expected_current()) c.expected_current = r.expected_current();
  return c;
}

absl::StatusOr<Command> MarkAbsentFromProto(const v1::DelegationCommand& r) {
  return WithDelegation<cmd::MarkAbsent>(r);
}
absl::StatusOr<Command> RemoveFromProto(const v1::DelegationCommand& r) {
  return WithDelegation<cmd::Remove>(r);
}
absl::StatusOr<Command> WithdrawFromProto(const v1::DelegationCommand& r) {
  return WithDelegation<cmd::Withdraw>(r);
}

absl::StatusOr<Command> MoveFromProto(const v1::MoveRequest& r) {
  absl::StatusOr<ListTarget> target = Target(r.list());
  if (!target.ok()) return target.status();
  if (absl::Status s = RequireDelegation(r.delegation(), "delegation"); !s.ok()) return s;
  return cmd::Move{*std::move(target), r.delegation(), r.position()};
}

absl::StatusOr<Command> SwapFromProto(const v1::SwapRequest& r) {
  absl::StatusOr<ListTarget> target = Target(r.list());
  if (!target.ok()) return target.status();
  if (absl::Status s = RequireDelegation(r.first(), "first"); !s.ok()) return s;
  if (absl::Status s = RequireDelegation(r.second(), "second"); !s.ok()) return s;
  return cmd::Swap{*std::move(target), r.first(), r.second()};
}

absl::StatusOr<Command> InscribeFromProto(const v1::InscribeRequest& r, bool by_chair) {
  absl::StatusOr<ListTarget> target = Target(r.list());
  if (!target.ok()) return target.status();
  if (absl::Status s = RequireDelegation(r.delegation(), "delegation"); !s.ok()) return s;
  absl::StatusOr<Speaker> speaker = SpeakerFromProto(r.speaker());
  if (!speaker.ok()) return speaker.status();
  cmd::Inscribe c{*std::move(target), r.delegation(), *std::move(speaker), r.on_behalf_of(),
                  by_chair, std::nullopt};
  if (r.has_time_limit()) {
    if (!by_chair) {
      return absl::InvalidArgumentError(
          "a delegation cannot choose its own speaking time; ask the chair");
    }
    c.time_limit = DurationFromProto(r.time_limit());
  }
  return c;
}

absl::StatusOr<Command> UpdateSpeakerFromProto(const v1::UpdateSpeakerRequest& r) {
  absl::StatusOr<ListTarget> target = Target(r.list());
  if (!target.ok()) return target.status();
  if (absl::Status s = RequireDelegation(r.delegation(), "delegation"); !s.ok()) return s;
  absl::StatusOr<Speaker> speaker = SpeakerFromProto(r.speaker());
  if (!speaker.ok()) return speaker.status();
  return cmd::UpdateSpeaker{*std::move(target), r.delegation(), *std::move(speaker),
                            r.on_behalf_of()};
}

absl::StatusOr<Command> SetTimeLimitFromProto(const v1::SetTimeLimitRequest& r) {
  absl::StatusOr<ListTarget> target = Target(r.list());
  if (!target.ok()) return target.status();
  if (absl::Status s = RequireDelegation(r.delegation(), "delegation"); !s.ok()) return s;
  cmd::SetTimeLimit c{*std::move(target), r.delegation(), std::nullopt};
  if (r.has_limit()) c.limit = DurationFromProto(r.limit());
  return c;
}

absl::StatusOr<Command> TimerFromProto(const v1::TimerRequest& r) {
  absl::StatusOr<ListTarget> target = Target(r.list());
  if (!target.ok()) return target.status();
  if (r.action() < v1::TIMER_START || r.action() > v1::TIMER_RESET) {
    return absl::InvalidArgumentError("say what the clock should do: start, pause, resume or reset");
  }
  return cmd::Timer{*std::move(target), static_cast<cmd::TimerAction>(r.action() - 1)};
}

absl::StatusOr<Command> AddTimeFromProto(const v1::AddTimeRequest& r) {
  absl::StatusOr<ListTarget> target = Target(r.list());
  if (!target.ok()) return target.status();
  return cmd::AddTime{*std::move(target), DurationFromProto(r.delta())};
}

absl::StatusOr<Command> RequestReplyFromProto(const v1::RequestReplyRequest& r) {
  if (absl::Status s = RequireMeeting(r.meeting()); !s.ok()) return s;
  if (r.item().empty()) {
    return absl::InvalidArgumentError("name the agenda item the reply is on, e.g. \"1 (f)\"");
  }
  if (absl::Status s = RequireDelegation(r.delegation(), "delegation"); !s.ok()) return s;
  absl::StatusOr<Speaker> speaker = SpeakerFromProto(r.speaker());
  if (!speaker.ok()) return speaker.status();
  return cmd::RequestReply{r.meeting(), r.item(), r.delegation(), *std::move(speaker)};
}

absl::StatusOr<Command> SetCurrentItemFromProto(const v1::SetCurrentItemRequest& r) {
  if (absl::Status s = RequireMeeting(r.meeting()); !s.ok()) return s;
  return cmd::SetCurrentItem{r.meeting(), r.item()};
}

absl::StatusOr<Command> ChangeMeetingFromProto(const v1::ChangeMeetingRequest& r) {
  if (absl::Status s = RequireMeeting(r.meeting()); !s.ok()) return s;
  if (r.action() < v1::MEETING_OPEN || r.action() > v1::MEETING_ADJOURN) {
    return absl::InvalidArgumentError(
        "say what the meeting should do: open, suspend, resume or adjourn");
  }
  return cmd::ChangeMeeting{r.meeting(), static_cast<cmd::MeetingAction>(r.action() - 1)};
}

}  // namespace speakers
