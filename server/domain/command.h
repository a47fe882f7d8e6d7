#ifndef SPEAKERS_SERVER_DOMAIN_COMMAND_H_
#define SPEAKERS_SERVER_DOMAIN_COMMAND_H_

#include <optional>
#include <string>
#include <variant>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/domain/list_entry.h"
#include "server/domain/list_settings.h"
#include "server/domain/points_of_order.h"

namespace speakers {

// Names one list: a meeting's agenda item, or kReplyListItem for the
// meeting's right of reply.
struct ListTarget {
  std::string meeting;
  std::string item;

  friend bool operator==(const ListTarget&, const ListTarget&) = default;
};

// Every change to a meeting is one of these commands. A command is plain
// data: the service builds it from a request, the log stores it, replay
// applies it again.
namespace cmd {

struct OpenList {
  ListTarget list;
  friend bool operator==(const OpenList&, const OpenList&) = default;
};
struct CloseList {
  ListTarget list;
  friend bool operator==(const CloseList&, const CloseList&) = default;
};
struct ConfigureList {
  ListTarget list;
  ListSettings settings;
  friend bool operator==(const ConfigureList&, const ConfigureList&) = default;
};

struct Inscribe {
  ListTarget list;
  std::string delegation;
  Speaker speaker;
  std::string on_behalf_of;  // a group of States; empty for national
  bool by_chair = false;     // added by the chair: the window does not apply
  std::optional<absl::Duration> time_limit;
  friend bool operator==(const Inscribe&, const Inscribe&) = default;
};
struct UpdateSpeaker {
  ListTarget list;
  std::string delegation;
  Speaker speaker;
  std::string on_behalf_of;
  friend bool operator==(const UpdateSpeaker&, const UpdateSpeaker&) = default;
};
struct Withdraw {
  ListTarget list;
  std::string delegation;
  friend bool operator==(const Withdraw&, const Withdraw&) = default;
};
struct Remove {
  ListTarget list;
  std::string delegation;
  friend bool operator==(const Remove&, const Remove&) = default;
};
struct CallNext {
  ListTarget list;
  // Who the caller believes has the floor ("" for nobody); see
  // SpeakersList::CallNext.
  std::optional<std::string> expected_current;
  friend bool operator==(const CallNext&, const CallNext&) = default;
};
// The current speaker's statement ends; nobody has the floor.
struct EndStatement {
  ListTarget list;
  friend bool operator==(const EndStatement&, const EndStatement&) = default;
};
// Undoes the last CallNext while the speaker it called has the floor: the
// previous speaker has the floor again with the time used and the clock as
// they were, the one called is back in its place (SpeakersList::UndoNext).
struct UndoNext {
  ListTarget list;
  friend bool operator==(const UndoNext&, const UndoNext&) = default;
};
struct MarkAbsent {
  ListTarget list;
  std::string delegation;
  friend bool operator==(const MarkAbsent&, const MarkAbsent&) = default;
};
struct Move {
  ListTarget list;
  std::string delegation;
  int position = 0;
  friend bool operator==(const Move&, const Move&) = default;
};
struct Swap {
  ListTarget list;
  std::string first;
  std::string second;
  friend bool operator==(const Swap&, const Swap&) = default;
};
struct ReaddLast {
  ListTarget list;
  friend bool operator==(const ReaddLast&, const ReaddLast&) = default;
};
// Puts back, with its receipt, an entry the chair took off (removed, or
// dropped as absent): the chair's undo of a mistaken removal.
struct Reinstate {
  ListTarget list;
  std::string delegation;
  friend bool operator==(const Reinstate&, const Reinstate&) = default;
};
struct SetTimeLimit {
  ListTarget list;
  std::string delegation;
  std::optional<absl::Duration> limit;  // nullopt: back to the list default
  friend bool operator==(const SetTimeLimit&, const SetTimeLimit&) = default;
};

enum class TimerAction { kStart, kPause, kResume, kReset };
struct Timer {
  ListTarget list;
  TimerAction action = TimerAction::kStart;
  friend bool operator==(const Timer&, const Timer&) = default;
};
struct AddTime {
  ListTarget list;
  absl::Duration delta;
  friend bool operator==(const AddTime&, const AddTime&) = default;
};

// A right of reply on `item` of the meeting, to the reply list.
struct RequestReply {
  std::string meeting;
  std::string item;
  std::string delegation;
  Speaker speaker;
  bool by_chair = false;  // the chair added it (AddReply), not the delegation
  friend bool operator==(const RequestReply&, const RequestReply&) = default;
};

struct SetCurrentItem {
  std::string meeting;
  std::string item;
  friend bool operator==(const SetCurrentItem&,
                         const SetCurrentItem&) = default;
};

// Points of order (and questions to the speaker): a delegation raises or
// withdraws its own; the chair grants one (its raiser has the floor, the
// current speaker's clock pauses), dismisses one, or ends the one heard
// (the interrupted speaker has the floor again). `delegation` may be empty
// for kGrant (the first in the queue) and is unused for kEnd.
enum class PointAction { kRaise, kWithdraw, kGrant, kDismiss, kEnd };
struct PointOfOrder {
  std::string meeting;
  PointAction action = PointAction::kRaise;
  std::string delegation;
  PointKind kind = PointKind::kOrder;  // kRaise only
  friend bool operator==(const PointOfOrder&, const PointOfOrder&) = default;
};

enum class MeetingAction { kOpen, kSuspend, kResume, kAdjourn };
struct ChangeMeeting {
  std::string meeting;
  MeetingAction action = MeetingAction::kOpen;
  friend bool operator==(const ChangeMeeting&, const ChangeMeeting&) = default;
};

}  // namespace cmd

using Command =
    std::variant<cmd::OpenList, cmd::CloseList, cmd::ConfigureList,
                 cmd::Inscribe, cmd::UpdateSpeaker, cmd::Withdraw, cmd::Remove,
                 cmd::CallNext, cmd::MarkAbsent, cmd::Move, cmd::Swap,
                 cmd::ReaddLast, cmd::SetTimeLimit, cmd::Timer, cmd::AddTime,
                 cmd::RequestReply, cmd::SetCurrentItem, cmd::ChangeMeeting,
                 cmd::EndStatement, cmd::UndoNext, cmd::PointOfOrder,
                 cmd::Reinstate>;

// The meeting a command is addressed to. (A command's stable name and its
// stored form are the app layer's: server/app/command_table.cc.)
const std::string& MeetingOf(const Command& command);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_COMMAND_H_
