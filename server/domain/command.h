#ifndef SPEAKERS_SERVER_DOMAIN_COMMAND_H_
#define SPEAKERS_SERVER_DOMAIN_COMMAND_H_

#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <variant>

#include "absl/time/time.h"
#include "server/domain/list_entry.h"
#include "server/domain/list_settings.h"

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

struct OpenList { ListTarget list; };
struct CloseList { ListTarget list; };
struct ConfigureList { ListTarget list; ListSettings settings; };

struct Inscribe {
  ListTarget list;
  std::string delegation;
  Speaker speaker;
  std::string on_behalf_of;  // a group of States; empty for national
  bool by_chair = false;     // added by the chair: the window does not apply
  std::optional<absl::Duration> time_limit;
};
struct UpdateSpeaker {
  ListTarget list;
  std::string delegation;
  Speaker speaker;
  std::string on_behalf_of;
};
struct Withdraw { ListTarget list; std::string delegation; };
struct Remove { ListTarget list; std::string delegation; };
struct CallNext {
  ListTarget list;
  // Who the caller believes has the floor ("" for nobody); see
  // SpeakersList::CallNext.
  std::optional<std::string> expected_current;
};
struct MarkAbsent { ListTarget list; std::string delegation; };
struct Move { ListTarget list; std::string delegation; int position = 0; };
struct Swap { ListTarget list; std::string first; std::string second; };
struct ReaddLast { ListTarget list; };
struct SetTimeLimit {
  ListTarget list;
  std::string delegation;
  std::optional<absl::Duration> limit;  // nullopt: back to the list default
};

enum class TimerAction { kStart, kPause, kResume, kReset };
struct Timer { ListTarget list; TimerAction action = TimerAction::kStart; };
struct AddTime { ListTarget list; absl::Duration delta; };

// A right of reply on `item` of the meeting, to the reply list.
struct RequestReply {
  std::string meeting;
  std::string item;
  std::string delegation;
  Speaker speaker;
};

struct SetCurrentItem { std::string meeting; std::string item; };

enum class MeetingAction { kOpen, kSuspend, kResume, kAdjourn };
struct ChangeMeeting { std::string meeting; MeetingAction action = MeetingAction::kOpen; };

}  // namespace cmd

using Command =
    std::variant<cmd::OpenList, cmd::CloseList, cmd::ConfigureList, cmd::Inscribe,
                 cmd::UpdateSpeaker, cmd::Withdraw, cmd::Remove, cmd::CallNext,
                 cmd::MarkAbsent, cmd::Move, cmd::Swap, cmd::ReaddLast,
                 cmd::SetTimeLimit, cmd::Timer, cmd::AddTime, cmd::RequestReply,
                 cmd::SetCurrentItem, cmd::ChangeMeeting>;

// The meeting a command is addressed to.
const std::string& MeetingOf(const Command& command);

// A short name for logs and metrics: "inscribe", "call_next", ...
absl::string_view CommandName(const Command& command);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_COMMAND_H_
