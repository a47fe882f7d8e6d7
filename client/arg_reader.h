#ifndef SPEAKERS_CLIENT_ARG_READER_H_
#define SPEAKERS_CLIENT_ARG_READER_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "client/cli_args.h"
#include "client/command_table.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::cli {

// Reads the arguments of one subcommand into API values. Every error is
// INVALID_ARGUMENT worded "COMMAND: what is wrong (see speakers COMMAND
// --help)". Keeps references: `spec` and `args` must outlive it.
class ArgReader {
 public:
  ArgReader(const CommandSpec& spec, const CliArgs& args)
      : spec_(spec), args_(args) {}

  // A usage error of this command with `message`.
  absl::Status Error(absl::string_view message) const;

  // Positional argument `i` (checked to exist by the caller).
  const std::string& Arg(int i) const { return args_.args()[i]; }

  // Positional argument `i` as a delegation code (not empty).
  absl::StatusOr<std::string> Code(int i) const;

  // The value of option `name`, which may not be empty; nullopt when the
  // option is not given.
  absl::StatusOr<std::optional<std::string>> Value(
      absl::string_view name) const;

  // Option `name` as an M:SS duration; nullopt when not given.
  absl::StatusOr<std::optional<absl::Duration>> Duration(
      absl::string_view name) const;

  // --meeting, default "plenary".
  std::string Meeting() const;

  // The list of --meeting and --item. Sets *resolve_item to true when
  // --item is not given (the item is left empty then).
  v1::ListRef Ref(bool* resolve_item) const;

  // The speaker of --name (required), --title and --rank (default
  // head-of-delegation).
  absl::StatusOr<v1::Speaker> Speaker() const;

 private:
  const CommandSpec& spec_;
  const CliArgs& args_;
};

// Stores `d` in a protobuf Duration (seconds and nanos of the same sign).
void SetProtoDuration(absl::Duration d, google::protobuf::Duration* out);

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_ARG_READER_H_
