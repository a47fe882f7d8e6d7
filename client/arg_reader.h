#ifndef SPEAKERS_CLIENT_ARG_READER_H_
#define SPEAKERS_CLIENT_ARG_READER_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "client/cli_args.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::cli {

// Reads the arguments of one subcommand into API values. Every error is
// INVALID_ARGUMENT worded "COMMAND: what is wrong (see speakers COMMAND
// --help)". Keeps references: `command` and `args` must outlive it.
class ArgReader {
 public:
  // Reads `args`, the command line of the subcommand called `command`.
  ArgReader(absl::string_view command, const CliArgs& args)
      : command_(command), args_(args) {}

  // A usage error of this command with `message`.
  absl::Status Error(absl::string_view message) const;

  // `value`, or its error's message as a usage error of this command.
  template <typename T>
  absl::StatusOr<T> Checked(absl::StatusOr<T> value) const {
    if (!value.ok()) return Error(value.status().message());
    return value;
  }

  // Positional argument `i` (checked to exist by the caller).
  const std::string& Arg(int i) const { return args_.args()[i]; }

  // How many positional arguments there are.
  int count() const { return static_cast<int>(args_.args().size()); }

  // Positional argument `i` as a delegation code (not empty), in capitals:
  // "aut" is AUT, as the pages take it.
  absl::StatusOr<std::string> Code(int i) const;

  // True when option `name` was given (for flags such as --expect-none).
  bool Has(absl::string_view name) const { return args_.Has(name); }

  // The value of option `name`, which may not be empty; nullopt when the
  // option is not given.
  absl::StatusOr<std::optional<std::string>> Value(
      absl::string_view name) const;

  // Option `name` as a duration (see ParseDuration); nullopt when not
  // given.
  absl::StatusOr<std::optional<absl::Duration>> Duration(
      absl::string_view name) const;

  // Option `name` as a time limit (see ParseTimeLimit); nullopt when not
  // given.
  absl::StatusOr<std::optional<absl::Duration>> TimeLimit(
      absl::string_view name) const;

  // --meeting, default "plenary".
  std::string Meeting() const;

  // The list of --meeting and --item. Without --item the item is left
  // empty, for the runner to fill in with the meeting's current item.
  v1::ListRef Ref() const;

  // The speaker of --name (required), --title and --rank (default
  // head-of-delegation).
  absl::StatusOr<v1::Speaker> Speaker() const;

 private:
  // Option `name` read by `parse`; nullopt when not given.
  absl::StatusOr<std::optional<absl::Duration>> DurationOption(
      absl::string_view name,
      absl::StatusOr<absl::Duration> (*parse)(absl::string_view)) const;

  absl::string_view command_;
  const CliArgs& args_;
};

// Stores `d` in a protobuf Duration (seconds and nanos of the same sign).
void SetProtoDuration(absl::Duration d, google::protobuf::Duration* out);

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_ARG_READER_H_
