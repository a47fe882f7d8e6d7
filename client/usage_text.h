#ifndef SPEAKERS_CLIENT_USAGE_TEXT_H_
#define SPEAKERS_CLIENT_USAGE_TEXT_H_

#include <string>

#include "client/command_spec.h"

namespace speakers::cli {

// The text of `speakers --help`: every command by group with its summary,
// how lists, durations and ranks are written, the global options and the
// exit statuses. Lines of at most 79 columns except long synopses.
std::string MainUsage();

// The text of `speakers NAME --help`: the usage line(s) of the command
// (both forms for `meeting`), what it does, and its options.
std::string CommandUsage(const CommandSpec& spec);

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_USAGE_TEXT_H_
