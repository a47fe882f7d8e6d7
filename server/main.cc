// speakers-server: wiring only. Parses flags, loads the session, builds the
// engine on the system clock and serves it.
#include <cstdio>
#include <iostream>
#include <memory>

#include "server/config/session_loader.h"
#include "server/config/session_report.h"
#include "server/domain/engine.h"
#include "server/platform/server_options.h"
#include "server/platform/system_clock.h"

int main(int argc, char** argv) {
  absl::StatusOr<speakers::ServerOptions> options = speakers::ParseServerOptions(argc, argv);
  if (!options.ok()) {
    std::cerr << "speakers-server: " << options.status().message() << "\n";
    return 2;
  }
  if (options->help) {
    std::cout << speakers::ServerUsage();
    return 0;
  }
  absl::StatusOr<speakers::Session> session =
      options->session_file.empty() ? speakers::LoadBuiltinSession()
                                    : speakers::LoadSessionFile(options->session_file);
  if (!session.ok()) {
    std::cerr << "speakers-server: the session file is refused: " << session.status().message()
              << "\n";
    return 1;
  }
  speakers::SystemClock clock;
  speakers::Engine engine(std::make_shared<const speakers::Session>(*std::move(session)), &clock);
  std::cout << speakers::SessionReport(engine) << std::flush;
  return 0;
}
