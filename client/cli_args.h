#ifndef SPEAKERS_CLIENT_CLI_ARGS_H_
#define SPEAKERS_CLIENT_CLI_ARGS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace speakers::cli {

// A command line split into command, positional arguments and options,
// before any check that depends on the command.
class CliArgs {
 public:
  // Splits the words after the program name:
  //  - "--name=value", or "--name value" for options that take a value;
  //    "--flag" for those that do not. Options may come anywhere.
  //  - "-h" is "--help".
  //  - "--" makes every later word an argument.
  //  - any other word is the command (the first) or an argument; words
  //    such as "-0:30" (a dash then a digit) are arguments too.
  // INVALID_ARGUMENT naming the word for: an unknown option, a value given
  // to a flag, a missing value, an option given twice.
  static absl::StatusOr<CliArgs> Parse(const std::vector<std::string>& words);

  // The command word; "" when there is none.
  const std::string& command() const { return command_; }

  // The words after the command that are not options.
  const std::vector<std::string>& args() const { return args_; }

  // True when option `name` (no dashes) was given.
  bool Has(absl::string_view name) const;

  // The value of option `name`; "" for a flag; nullopt when not given.
  std::optional<std::string> Get(absl::string_view name) const;

  // The options given, by name, in order of appearance.
  const std::vector<std::string>& option_names() const { return order_; }

 private:
  std::string command_;
  std::vector<std::string> args_;
  std::map<std::string, std::string, std::less<>> options_;
  std::vector<std::string> order_;
};

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_CLI_ARGS_H_
