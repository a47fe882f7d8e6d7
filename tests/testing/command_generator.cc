#include "tests/testing/command_generator.h"

#include <iterator>
#include <optional>

namespace speakers::testing {
namespace {

const char* const kCodes[] = {"AUT", "BRA", "CHN", "EGY", "FRA",   "KEN", "MEX",
                              "BTN", "SYR", "ERI", "EU",  "UNODC", "TI"};

Speaker MakeSpeaker(Rank rank) {
  Speaker speaker;
  speaker.name = "H.E. Ms. Jane Doe";
  speaker.title = std::string(RankName(rank));
  speaker.rank = rank;
  return speaker;
}

}  // namespace

Command CommandGenerator::Next() {
  meeting_ = OneIn(40) ? "nowhere" : (OneIn(4) ? "experts" : "plenary");
  // The weights favour inscriptions and calls, so that lists fill and
  // drain; every command type is drawn.
  enum Pick {
    kOpenList,
    kCloseList,
    kConfigureList,
    kInscribe,
    kUpdateSpeaker,
    kWithdraw,
    kRemove,
    kCallNext,
    kMarkAbsent,
    kMove,
    kSwap,
    kReaddLast,
    kReinstate,
    kSetTimeLimit,
    kTimer,
    kAddTime,
    kRequestReply,
    kSetCurrentItem,
    kChangeMeeting,
    kEndStatement,
    kUndoNext,
    kPointOfOrder,
  };
  static constexpr double kWeights[] = {1, 1, 1, 5, 1, 1, 1,   3,   1, 1, 1,
                                        1, 1, 1, 2, 1, 1, 0.4, 1.6, 1, 1, 2};
  static_assert(std::size(kWeights) == kPointOfOrder + 1);
  std::discrete_distribution<int> pick(std::begin(kWeights),
                                       std::end(kWeights));
  switch (static_cast<Pick>(pick(rng_))) {
    case kOpenList:
      return cmd::OpenList{Target()};
    case kCloseList:
      return cmd::CloseList{Target()};
    case kConfigureList:
      return cmd::ConfigureList{Target(), Settings()};
    case kInscribe: {
      cmd::Inscribe c{Target(), Code(),   RandomSpeaker(),
                      Group(),  OneIn(4), std::nullopt};
      if (OneIn(5)) c.time_limit = Duration();
      return c;
    }
    case kUpdateSpeaker:
      return cmd::UpdateSpeaker{Target(), Present(), RandomSpeaker(), Group()};
    case kWithdraw:
      return cmd::Withdraw{Target(), Present()};
    case kRemove:
      return cmd::Remove{Target(), Present()};
    case kCallNext: {
      cmd::CallNext c{Target(), std::nullopt};
      if (OneIn(2)) c.expected_current = OneIn(4) ? Code() : Current();
      return c;
    }
    case kMarkAbsent:
      return cmd::MarkAbsent{Target(), Present()};
    case kMove: {
      cmd::Move c{Target(), Present(), 0};
      const SpeakersList* list = List();
      const int n = list ? static_cast<int>(list->waiting().size()) : 3;
      c.position = Uniform(-1, n + 2);
      return c;
    }
    case kSwap:
      return cmd::Swap{Target(), Present(), Present()};
    case kReaddLast:
      return cmd::ReaddLast{Target()};
    case kReinstate:
      return cmd::Reinstate{Target(), Code()};
    case kSetTimeLimit:
      return cmd::SetTimeLimit{
          Target(), Present(),
          OneIn(4) ? std::nullopt : std::optional<absl::Duration>(Duration())};
    case kTimer:
      return cmd::Timer{Target(), static_cast<cmd::TimerAction>(Uniform(0, 3))};
    case kAddTime:
      return cmd::AddTime{Target(), Duration()};
    case kRequestReply:
      return cmd::RequestReply{meeting_, Item(false), Code(), RandomSpeaker(),
                               OneIn(3)};
    case kEndStatement:
      return cmd::EndStatement{Target()};
    case kUndoNext:
      return cmd::UndoNext{Target()};
    case kPointOfOrder:
      return PointOfOrder();
    case kSetCurrentItem:
      return cmd::SetCurrentItem{meeting_, Item(false)};
    case kChangeMeeting:
      break;
  }
  // Mostly open or resume, so that the meeting is often in session.
  const int action = Uniform(0, 5);
  return cmd::ChangeMeeting{
      meeting_, action < 2   ? cmd::MeetingAction::kOpen
                : action < 4 ? cmd::MeetingAction::kResume
                             : static_cast<cmd::MeetingAction>(Uniform(0, 3))};
}

cmd::PointOfOrder CommandGenerator::PointOfOrder() {
  cmd::PointOfOrder c{meeting_, static_cast<cmd::PointAction>(Uniform(0, 4)),
                      Code(),
                      OneIn(4) ? PointKind::kQuestion : PointKind::kOrder};
  // Mostly a point that is waiting, for the chair's actions.
  absl::StatusOr<const Meeting*> m = engine_->FindMeeting(meeting_);
  if (c.action != cmd::PointAction::kRaise && m.ok() &&
      !(*m)->points().waiting().empty() && !OneIn(4)) {
    const std::vector<RaisedPoint>& waiting = (*m)->points().waiting();
    c.delegation =
        waiting[Uniform(0, static_cast<int>(waiting.size()) - 1)].delegation;
  }
  if (c.action == cmd::PointAction::kGrant && OneIn(2)) c.delegation.clear();
  if (c.action == cmd::PointAction::kEnd) c.delegation.clear();
  return c;
}

absl::Duration CommandGenerator::ClockStep() {
  if (OneIn(200)) return absl::Hours(Uniform(1, 30));
  return absl::Milliseconds(Uniform(0, 60000));
}

int CommandGenerator::Uniform(int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng_);
}

bool CommandGenerator::OneIn(int n) { return Uniform(1, n) == 1; }

const SpeakersList* CommandGenerator::List() const {
  absl::StatusOr<const Meeting*> m = engine_->FindMeeting(meeting_);
  if (!m.ok()) return nullptr;
  absl::StatusOr<const SpeakersList*> l = (*m)->FindList(item_);
  return l.ok() ? *l : nullptr;
}

std::string CommandGenerator::Item(bool allow_reply) {
  if (OneIn(30)) return "9";
  if (allow_reply && OneIn(5)) return "reply";
  if (meeting_ == "experts") return "1";
  return OneIn(2) ? "1 (f)" : "2";
}

ListTarget CommandGenerator::Target() {
  item_ = Item(true);
  return ListTarget{meeting_, item_};
}

std::string CommandGenerator::Code() {
  if (OneIn(25)) return OneIn(2) ? "XYZ" : "";
  return kCodes[Uniform(0, std::size(kCodes) - 1)];
}

std::string CommandGenerator::Present() {
  const SpeakersList* list = List();
  if (list == nullptr || OneIn(4)) return Code();
  if (list->current() && OneIn(6)) return list->current()->entry.delegation;
  if (list->waiting().empty()) return Code();
  return list
      ->waiting()[Uniform(0, static_cast<int>(list->waiting().size()) - 1)]
      .delegation;
}

std::string CommandGenerator::Current() {
  const SpeakersList* list = List();
  return list != nullptr && list->current() ? list->current()->entry.delegation
                                            : "";
}

Speaker CommandGenerator::RandomSpeaker() {
  Speaker s = MakeSpeaker(static_cast<Rank>(Uniform(0, kRankCount - 1)));
  switch (Uniform(0, 30)) {
    case 0:
      s.name = "";
      break;
    case 1:
      s.name = std::string(121, 'n');
      break;
    case 2:
      s.name = "Mr. \xFF";
      break;
    case 3:
      s.title = std::string(201, 't');
      break;
    default:
      break;
  }
  return s;
}

std::string CommandGenerator::Group() {
  switch (Uniform(0, 12)) {
    case 0:
      return "the Group of 77 and China";
    case 1:
      return "the European Union and its member States";
    case 2:
      return OneIn(3) ? "\xC3" : "";
    default:
      return "";
  }
}

absl::Duration CommandGenerator::Duration() {
  switch (Uniform(0, 9)) {
    case 0:
      return absl::ZeroDuration();
    case 1:
      return absl::Seconds(Uniform(-7200, 9000));
    case 2:
      return absl::Hours(Uniform(-3, 3));
    case 3:
      return absl::Seconds(5);
    case 4:
      return absl::Minutes(-Uniform(1, 6));
    default:
      return absl::Seconds(Uniform(10, 600));
  }
}

ListSettings CommandGenerator::Settings() {
  ListSettings s;
  const SpeakersList* list = List();
  if (list != nullptr && OneIn(2)) s = list->settings();
  if (OneIn(2)) s.speaking_time = Duration();
  if (OneIn(3)) s.warning = absl::Seconds(Uniform(-10, 400));
  if (OneIn(3)) {
    s.policy = PriorityPolicy{static_cast<PolicyKind>(Uniform(0, 4)), OneIn(2)};
  }
  if (OneIn(3)) {
    s.observer_time =
        OneIn(3) ? std::nullopt : std::optional<absl::Duration>(Duration());
  }
  if (OneIn(3)) {
    s.group_time =
        OneIn(3) ? std::nullopt : std::optional<absl::Duration>(Duration());
  }
  if (OneIn(3))
    s.absent = OneIn(2) ? AbsentAction::kDrop : AbsentAction::kMoveToEndOfTier;
  if (OneIn(4)) {
    const absl::Time now = engine_->clock().Now();
    s.opens_at =
        OneIn(2)
            ? std::nullopt
            : std::optional<absl::Time>(now + absl::Minutes(Uniform(-120, 60)));
    s.closes_at =
        OneIn(2)
            ? std::nullopt
            : std::optional<absl::Time>(now + absl::Minutes(Uniform(-60, 180)));
  }
  return s;
}

}  // namespace speakers::testing
