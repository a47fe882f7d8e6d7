#ifndef SPEAKERS_CLIENT_COMMAND_PARSER_H_
#define SPEAKERS_CLIENT_COMMAND_PARSER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/cli_args.h"
#include "client/command_table.h"
#include "google/protobuf/message.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::cli {

// Where the CLI connects and how it prints.
struct GlobalOptions {
  std::string address = "127.0.0.1:50051";
  std::string token;  // empty: no authorization metadata
  bool json = false;
};

// A checked command line: what to print for help, or which API request to
// send. The request carries no request_id (the client library adds one).
struct ParsedCommand {
  GlobalOptions global;
  // Set for --help, -h and `help [COMMAND]`: the text to print; nothing
  // below is set then.
  std::optional<std::string> help;
  Command command = Command::kSession;
  // The request of the command's RPC: e.g. CallNextRequest for kNext,
  // MeetingRef for kMeetingInfo and kTimeUsed, WatchRequest for kWatch.
  std::shared_ptr<google::protobuf::Message> request;
  // True when --item was not given: the request's item is to be the
  // meeting's current item (GetMeeting's current_item).
  bool resolve_item = false;
  // watch --once.
  bool once = false;
  // audit --output=FILE; empty: standard output.
  std::string output;

  // The request as a `T`, or null when it is of another type.
  template <typename T>
  const T* As() const {
    return google::protobuf::DynamicCastToGenerated<T>(request.get());
  }
};

// Reads an environment variable; nullopt when unset.
using EnvLookup =
    std::function<std::optional<std::string>(absl::string_view name)>;

// Turns the words of a command line into a ParsedCommand, checking the
// arguments of each subcommand and converting durations, ranks, positions
// and actions. Errors are INVALID_ARGUMENT with a message for the user,
// "COMMAND: what is wrong (see speakers COMMAND --help)" (the caller exits
// with status 2).
class CommandParser {
 public:
  // A parser reading SPEAKERS_ADDRESS and SPEAKERS_TOKEN through `env`.
  explicit CommandParser(EnvLookup env);

  // Parses the words after the program name.
  absl::StatusOr<ParsedCommand> Parse(
      const std::vector<std::string>& words) const;

 private:
  // The request of `spec`'s command from `args`; sets resolve_item, once.
  absl::Status BuildRequest(const CommandSpec& spec, const CliArgs& args,
                            ParsedCommand& parsed) const;

  EnvLookup env_;
};

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_COMMAND_PARSER_H_
