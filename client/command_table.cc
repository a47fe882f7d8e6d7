#include "client/command_table.h"

namespace speakers::cli {
namespace {

const std::vector<OptionSpec>& Options() {
  static const auto* const kOptions = new std::vector<OptionSpec>{
      {"address", true, "--address=HOST:PORT",
       "the server (default: $SPEAKERS_ADDRESS, else 127.0.0.1:50051)"},
      {"token", true, "--token=TOKEN",
       "access token, sent as \"authorization: Bearer TOKEN\" (default: "
       "$SPEAKERS_TOKEN)"},
      {"json", false, "--json",
       "print the server's replies as protobuf JSON, one object per line"},
      {"help", false, "--help",
       "show help; speakers COMMAND --help for one command"},
      {"meeting", true, "--meeting=ID", "the meeting (default: plenary)"},
      {"item", true, "--item=ITEM",
       "the agenda item, e.g. --item=\"1 (f)\" (default: the meeting's "
       "current item)"},
      {"expect", true, "--expect=CODE", "refuse unless CODE has the floor now"},
      {"expect-none", false, "--expect-none",
       "refuse unless nobody has the floor now"},
      {"name", true, "--name=NAME", "the speaker's name (required)"},
      {"title", true, "--title=TITLE", "the speaker's title or function"},
      {"rank", true, "--rank=RANK",
       "the speaker's rank (default: head-of-delegation)"},
      {"group", true, "--group=GROUP",
       "speaking on behalf of this group of States"},
      {"limit", true, "--limit=M:SS", "a speaking time for this speaker only"},
      {"speaking-time", true, "--speaking-time=M:SS",
       "the default speaking time"},
      {"warning", true, "--warning=M:SS",
       "the clock turns amber this long before the limit"},
      {"policy", true, "--policy=POLICY",
       "the order of the list: ministerial, protocol, category or fcfs"},
      {"absent", true, "--absent=end|drop",
       "a speaker absent when called moves to the end of the tier, or is "
       "dropped"},
      {"format", true, "--format=csv|json",
       "the format of the record (default: csv)"},
      {"output", true, "--output=FILE",
       "write to FILE instead of the standard output"},
      {"once", false, "--once",
       "print one frame after the snapshot, without clearing the screen, "
       "and exit"},
  };
  return *kOptions;
}

const std::vector<CommandSpec>& Commands() {
  constexpr absl::string_view kChair =
      "Chair commands (the meeting's chair or the secretariat):";
  constexpr absl::string_view kDelegate =
      "Delegation commands (a delegation for itself, the chair, the "
      "secretariat):";
  constexpr absl::string_view kQuery = "Queries (any role):";
  constexpr absl::string_view kDisplay = "Display:";
  constexpr absl::string_view kRecords =
      "Records (the chair for its meeting; backups: the secretariat):";
  static const auto* const kCommands = new std::vector<CommandSpec>{
      {Command::kNext,
       "next",
       kChair,
       "[--expect=CODE|--expect-none]",
       "give the floor to the next speaker",
       "Ends the current turn and gives the floor to the first speaker "
       "waiting. With --expect=CODE (or --expect-none) the server refuses "
       "with FAILED_PRECONDITION unless CODE (or nobody) has the floor, so "
       "that a double click never advances twice.",
       0,
       0,
       {"expect", "expect-none", "meeting", "item"}},
      {Command::kOpen,
       "open",
       kChair,
       "",
       "open the list of speakers",
       "",
       0,
       0,
       {"meeting", "item"}},
      {Command::kClose,
       "close",
       kChair,
       "",
       "close the list of speakers",
       "",
       0,
       0,
       {"meeting", "item"}},
      {Command::kTimer,
       "timer",
       kChair,
       "start|pause|resume|reset",
       "control the speaker's clock",
       "",
       1,
       1,
       {"meeting", "item"}},
      {Command::kAddTime,
       "add-time",
       kChair,
       "M:SS",
       "give the speaker more time (1:00) or less (-0:30)",
       "",
       1,
       1,
       {"meeting", "item"}},
      {Command::kMove,
       "move",
       kChair,
       "CODE POS",
       "move a waiting speaker to place POS (1 = next)",
       "",
       2,
       2,
       {"meeting", "item"}},
      {Command::kSwap,
       "swap",
       kChair,
       "CODE1 CODE2",
       "exchange the places of two waiting speakers",
       "",
       2,
       2,
       {"meeting", "item"}},
      {Command::kRemove,
       "remove",
       kChair,
       "CODE",
       "take a speaker off the list",
       "",
       1,
       1,
       {"meeting", "item"}},
      {Command::kAbsent,
       "absent",
       kChair,
       "CODE",
       "mark a speaker absent (to the end of the tier, or dropped)",
       "",
       1,
       1,
       {"meeting", "item"}},
      {Command::kAdd,
       "add",
       kChair,
       "CODE --name=NAME [--title=TITLE] [--rank=RANK] [--group=GROUP] "
       "[--limit=M:SS]",
       "put a speaker on the list on the chair's authority",
       "Adds a speaker even when the list is closed, optionally with a "
       "speaking time of its own.",
       1,
       1,
       {"name", "title", "rank", "group", "limit", "meeting", "item"}},
      {Command::kReadd,
       "readd",
       kChair,
       "",
       "put the last speaker back on the list, next in line",
       "",
       0,
       0,
       {"meeting", "item"}},
      {Command::kLimit,
       "limit",
       kChair,
       "CODE M:SS|default",
       "set one speaker's time limit, or return it to the list's default",
       "",
       2,
       2,
       {"meeting", "item"}},
      {Command::kItem,
       "item",
       kChair,
       "ITEM",
       "make ITEM the meeting's current item",
       "",
       1,
       1,
       {"meeting"}},
      {Command::kMeeting,
       "meeting",
       kChair,
       "open|suspend|resume|adjourn",
       "open, suspend, resume or adjourn the meeting",
       "",
       0,
       1,
       {"meeting"}},
      {Command::kConfigure,
       "configure",
       kChair,
       "[--speaking-time=M:SS] [--warning=M:SS] [--policy=POLICY] "
       "[--absent=end|drop]",
       "change the list's settings",
       "Reads the list's settings and changes only the ones given. Policies: "
       "ministerial (ministerial rank first), protocol (by rank), category "
       "(first come, first served within each category), fcfs (first come, "
       "first served).",
       0,
       0,
       {"speaking-time", "warning", "policy", "absent", "meeting", "item"}},
      {Command::kInscribe,
       "inscribe",
       kDelegate,
       "CODE --name=NAME [--title=TITLE] [--rank=RANK] [--group=GROUP]",
       "inscribe a delegation's speaker on the list",
       "Prints the receipt: the order of arrival and its time.",
       1,
       1,
       {"name", "title", "rank", "group", "meeting", "item"}},
      {Command::kUpdate,
       "update",
       kDelegate,
       "CODE --name=NAME [--title=TITLE] [--rank=RANK] [--group=GROUP]",
       "change the speaker of an inscription",
       "Replaces the speaker's name, title, rank and group; the place on the "
       "list follows the new rank.",
       1,
       1,
       {"name", "title", "rank", "group", "meeting", "item"}},
      {Command::kWithdraw,
       "withdraw",
       kDelegate,
       "CODE",
       "withdraw an inscription",
       "",
       1,
       1,
       {"meeting", "item"}},
      {Command::kPosition,
       "position",
       kDelegate,
       "CODE",
       "show a delegation's place and expected wait",
       "",
       1,
       1,
       {"meeting", "item"}},
      {Command::kReply,
       "reply",
       kDelegate,
       "CODE --name=NAME [--title=TITLE] [--rank=RANK]",
       "ask for the right of reply on an item",
       "--item names the item replied on (default: the current item).",
       1,
       1,
       {"name", "title", "rank", "meeting", "item"}},
      {Command::kSession,
       "session",
       kQuery,
       "",
       "show the session: name, meetings, number of delegations",
       "",
       0,
       0,
       {}},
      {Command::kList,
       "list",
       kQuery,
       "",
       "show the list: place, delegation, speaker, rank and tier, receipt, "
       "expected wait",
       "Times are local times of the session's time zone.",
       0,
       0,
       {"meeting", "item"}},
      {Command::kMeetingInfo,
       "meeting",
       kQuery,
       "",
       "show the meeting: status, current item, its lists",
       "",
       0,
       1,
       {"meeting"}},
      {Command::kTimeUsed,
       "time-used",
       kQuery,
       "",
       "show the speaking time used per delegation, most first",
       "",
       0,
       0,
       {"meeting"}},
      {Command::kAudit,
       "audit",
       kRecords,
       "[--format=csv|json] [--output=FILE]",
       "export the record of a list (or with --item=all, the meeting)",
       "Every inscription with its receipt number and server time, every "
       "edit and who made it, every speech with its actual duration, from "
       "the server's command log. Times are given in UTC and in the "
       "session's local time.",
       0,
       0,
       {"meeting", "item", "format", "output"}},
      {Command::kBackup,
       "backup",
       kRecords,
       "PATH",
       "copy the database, while in use, to a new file PATH on the server",
       "PATH is an absolute path on the server's machine; the file must not "
       "exist yet. The copy is consistent and can be used with --db.",
       1,
       1,
       {}},
      {Command::kWatch,
       "watch",
       kDisplay,
       "[--once]",
       "show a live view: the current speaker, the countdown, the next five "
       "speakers",
       "Redraws the screen as the meeting changes and every second for the "
       "countdown (amber WARNING near the limit, red OVERRUN past it). "
       "Reconnects after a broken connection. With --json, prints every "
       "update instead.",
       0,
       0,
       {"once", "meeting"}},
  };
  return *kCommands;
}

}  // namespace

const std::vector<OptionSpec>& AllOptions() { return Options(); }

const OptionSpec* FindOption(absl::string_view name) {
  for (const OptionSpec& option : Options()) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

bool IsGlobalOption(absl::string_view name) {
  return name == "address" || name == "token" || name == "json" ||
         name == "help";
}

const std::vector<CommandSpec>& AllCommands() { return Commands(); }

const CommandSpec* FindCommand(absl::string_view name) {
  for (const CommandSpec& spec : Commands()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace speakers::cli
