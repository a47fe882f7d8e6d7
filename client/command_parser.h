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
#include "client/command_spec.h"
#include "google/protobuf/message.h"

namespace speakers::cli {

// Where the CLI connects and how it prints.
struct GlobalOptions {
  std::string address = "127.0.0.1:50051";
  std::string token;  // empty: no authorization metadata
  bool json = false;
  // --ca=FILE ($SPEAKERS_CA): TLS, checking the server's certificate
  // against this CA. --insecure: plain text even to another machine.
  // Neither: plain text on loopback, TLS with the system's CAs elsewhere.
  std::string ca;
  bool insecure = false;
};

// A checked command line: what to print for help, or which command to run
// with which API request. The request carries no request_id (the client
// library adds one).
struct ParsedCommand {
  GlobalOptions global;
  // Set for --help, -h and `help [COMMAND]`: the text to print; nothing
  // below is set then.
  std::optional<std::string> help;
  // The command's row in the table (command_table.h).
  const CommandSpec* command = nullptr;
  // The request of the command's RPC, of the row's request type (the RPC's
  // input type), as the row built it.
  std::shared_ptr<google::protobuf::Message> request;
  // True when the command takes --item and it was not given: the request's
  // item is to be the meeting's current item, asked of the server when the
  // command runs.
  bool resolve_item = false;
  // The command line, for the options that are not part of the request
  // (flags and file names the row reads when the command runs).
  CliArgs args;

  // The request as a `T`, or null when it is of another type.
  template <typename T>
  const T* As() const {
    return google::protobuf::DynamicCastToGenerated<T>(request.get());
  }
};

// Reads an environment variable; nullopt when unset.
using EnvLookup =
    std::function<std::optional<std::string>(absl::string_view name)>;

// Turns the words of a command line into a ParsedCommand: finds the
// command's row (command_table.h), checks its arguments and options
// against the row, and has the row build the request. Errors are
// INVALID_ARGUMENT with a message for the user, "COMMAND: what is wrong
// (see speakers COMMAND --help)" (the caller exits with status 2).
class CommandParser {
 public:
  // A parser reading SPEAKERS_ADDRESS and SPEAKERS_TOKEN through `env`.
  explicit CommandParser(EnvLookup env);

  // Parses the words after the program name.
  absl::StatusOr<ParsedCommand> Parse(
      const std::vector<std::string>& words) const;

 private:
  // The global options from the environment and `args`.
  absl::StatusOr<GlobalOptions> Global(const CliArgs& args) const;

  EnvLookup env_;
};

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_COMMAND_PARSER_H_
