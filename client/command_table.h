#ifndef SPEAKERS_CLIENT_COMMAND_TABLE_H_
#define SPEAKERS_CLIENT_COMMAND_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace speakers::cli {

// The subcommands of `speakers`.
enum class Command {
  kNext,
  kOpen,
  kClose,
  kTimer,
  kAddTime,
  kMove,
  kSwap,
  kRemove,
  kAbsent,
  kAdd,
  kReadd,
  kLimit,
  kItem,
  kMeeting,
  kConfigure,
  kInscribe,
  kUpdate,
  kWithdraw,
  kPosition,
  kReply,
  kSession,
  kList,
  kMeetingInfo,
  kTimeUsed,
  kAudit,
  kBackup,
  kWatch,
};

// One --option: its name without dashes, whether it takes "=VALUE", and
// its line in --help.
struct OptionSpec {
  absl::string_view name;
  bool takes_value;
  absl::string_view usage;  // "--meeting=ID"
  absl::string_view help;
};

// One subcommand: name, --help texts, the number of positional arguments
// it takes and the options it accepts besides the global ones.
struct CommandSpec {
  Command command;
  absl::string_view name;
  absl::string_view group;     // section of `speakers --help`
  absl::string_view synopsis;  // what follows the name in the usage line
  absl::string_view summary;   // one line for `speakers --help`
  absl::string_view details;   // the paragraph of `speakers NAME --help`
  int min_args;
  int max_args;
  std::vector<absl::string_view> options;
};

// Every option any command knows, the global ones first.
const std::vector<OptionSpec>& AllOptions();

// The option called `name` (no dashes), or null.
const OptionSpec* FindOption(absl::string_view name);

// True for --address, --token, --json and --help, accepted everywhere.
bool IsGlobalOption(absl::string_view name);

// Every subcommand in --help order.
const std::vector<CommandSpec>& AllCommands();

// The subcommand called `name`, or null.
const CommandSpec* FindCommand(absl::string_view name);

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_COMMAND_TABLE_H_
