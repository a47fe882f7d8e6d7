#ifndef SPEAKERS_CLIENT_OPTION_TABLE_H_
#define SPEAKERS_CLIENT_OPTION_TABLE_H_

#include <vector>

#include "absl/strings/string_view.h"

namespace speakers::cli {

// One --option: its name without dashes, whether it takes "=VALUE", and
// its line in --help.
struct OptionSpec {
  absl::string_view name;
  bool takes_value = false;
  absl::string_view usage;  // "--meeting=ID"
  absl::string_view help;
};

// Every option any command knows, the global ones first. The commands'
// table (command_table.h) names which of them each command takes.
const std::vector<OptionSpec>& AllOptions();

// The option called `name` (no dashes), or null.
const OptionSpec* FindOption(absl::string_view name);

// True for --address, --token, --json and --help, accepted everywhere.
bool IsGlobalOption(absl::string_view name);

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_OPTION_TABLE_H_
