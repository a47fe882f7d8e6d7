#ifndef SPEAKERS_CLIENT_COMMAND_TABLE_H_
#define SPEAKERS_CLIENT_COMMAND_TABLE_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "client/command_spec.h"

namespace speakers::cli {

// Every subcommand of `speakers`, one row each, in --help order (the rows
// of one group together). The parser, the runner and the help texts walk
// this table; a new command is a new row.
const std::vector<CommandSpec>& AllCommands();

// The first row called `name`, or null.
const CommandSpec* FindCommand(absl::string_view name);

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_COMMAND_TABLE_H_
