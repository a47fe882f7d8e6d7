// speakers: the command-line client of the speakers server. Wiring only:
// parse the command line, connect, run the command, map errors to exit
// codes (see `speakers --help`).
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "client/command_parser.h"
#include "client/command_runner.h"
#include "client/exit_code.h"
#include "client/speakers_client.h"
#include "client/table_width.h"
#include "client/watch_view.h"
#include "net/host_port.h"

int main(int argc, char** argv) {
  using speakers::cli::CommandParser;
  const std::vector<std::string> words(argv + 1, argv + argc);
  const CommandParser parser(
      [](absl::string_view name) -> std::optional<std::string> {
        const char* value = std::getenv(std::string(name).c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
      });
  absl::StatusOr<speakers::cli::ParsedCommand> command = parser.Parse(words);
  if (!command.ok()) {
    std::cerr << "speakers: " << command.status().message() << "\n";
    return speakers::cli::kExitUsage;
  }
  if (command->help.has_value()) {
    std::cout << *command->help;
    return speakers::cli::kExitOk;
  }
  speakers::client::ClientOptions options;
  options.token = command->global.token;
  options.plain_text = command->global.insecure ||
                       (command->global.ca.empty() &&
                        speakers::IsLoopbackAddress(command->global.address));
  if (!command->global.ca.empty()) {
    std::ifstream in(command->global.ca, std::ios::binary);
    std::ostringstream pem;
    if (in) pem << in.rdbuf();
    if (!in || pem.str().find("-----BEGIN CERTIFICATE") == std::string::npos) {
      std::cerr << "speakers: --ca=" << command->global.ca
                << ": not a readable PEM certificate file\n";
      return speakers::cli::kExitUsage;
    }
    options.ca_pem = pem.str();
  }
  std::unique_ptr<speakers::client::SpeakersClient> client =
      speakers::client::SpeakersClient::Connect(command->global.address,
                                                options);
  speakers::cli::CommandRunner runner(client.get(), &std::cout,
                                      speakers::cli::TerminalFrameStyle,
                                      speakers::cli::TerminalTableWidth);
  const absl::Status status = runner.Run(*command);
  if (!status.ok()) {
    std::cerr << speakers::cli::ErrorLine(status) << "\n";
    return speakers::cli::ExitCodeFor(status);
  }
  return speakers::cli::kExitOk;
}
