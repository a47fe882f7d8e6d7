// speakers-server: wiring only. Parses flags, loads the session, builds the
// engine on the system clock, opens the data directory and serves gRPC
// until SIGINT or SIGTERM.
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "server/app/app.h"
#include "server/app/metrics.h"
#include "server/app/token_store.h"
#include "server/config/session_loader.h"
#include "server/config/session_report.h"
#include "server/domain/engine.h"
#include "server/gateway/gateway.h"
#include "server/platform/asio_scheduler.h"
#include "server/platform/file_limit.h"
#include "server/platform/replay_clock.h"
#include "server/platform/server_options.h"
#include "server/platform/steady_clock.h"
#include "server/platform/system_clock.h"
#include "server/service/grpc_server.h"
#include "server/storage/sqlite_command_log.h"

namespace {

int Fail(absl::string_view what, const absl::Status& status) {
  std::cerr << "speakers-server: " << what << ": "
            << absl::StatusCodeToString(status.code()) << ": "
            << status.message() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  // abseil's lock-cycle detection (on in Debian's build, and used by gRPC's
  // own locks here) costs every lock; the tests keep it on.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::StatusOr<speakers::ServerOptions> options =
      speakers::ParseServerOptions(argc, argv);
  if (!options.ok()) {
    std::cerr << "speakers-server: " << options.status().message() << "\n";
    return 2;
  }
  if (options->help) {
    std::cout << speakers::ServerUsage();
    return 0;
  }
  // Before any socket: every display and phone holds a connection.
  if (absl::StatusOr<uint64_t> files = speakers::RaiseOpenFilesLimit();
      !files.ok()) {
    std::cerr << "speakers-server: warning: " << files.status().message()
              << "\n";
  }
  absl::StatusOr<speakers::Session> session =
      options->session_file.empty()
          ? speakers::LoadBuiltinSession()
          : speakers::LoadSessionFile(options->session_file);
  if (!session.ok())
    return Fail("the session file is refused", session.status());
  auto shared_session =
      std::make_shared<const speakers::Session>(*std::move(session));
  speakers::SystemClock system_clock;
  speakers::ReplayClock clock(&system_clock);
  speakers::Engine engine(shared_session, &clock);
  if (options->check_only) {
    std::cout << speakers::SessionReport(engine) << std::flush;
    return 0;
  }

  std::error_code ec;
  std::filesystem::create_directories(options->data_dir, ec);
  if (ec) {
    return Fail(
        "cannot create the data directory",
        absl::UnavailableError(options->data_dir + ": " + ec.message()));
  }
  const std::string tokens_path =
      options->tokens_file.empty()
          ? (std::filesystem::path(options->data_dir) / "tokens.txt").string()
          : options->tokens_file;
  std::string created;
  absl::StatusOr<speakers::TokenStore> tokens =
      speakers::TokenStore::LoadOrCreate(tokens_path, *shared_session,
                                         &created);
  if (!tokens.ok()) return Fail("the tokens are refused", tokens.status());

  const std::string db_path =
      options->db_file.empty()
          ? (std::filesystem::path(options->data_dir) / "speakers.db").string()
          : options->db_file;
  absl::StatusOr<std::unique_ptr<speakers::SqliteCommandLog>> log =
      speakers::SqliteCommandLog::Open(db_path);
  if (!log.ok()) return Fail("the database is refused", log.status());
  if (const speakers::WalScan& wal = (*log)->wal_at_open();
      wal.discarded_bytes > 0) {
    std::cout << "Database " << db_path << ": an unfinished transaction ("
              << wal.discarded_bytes
              << " bytes at the end of the write-ahead log, never "
                 "acknowledged) was discarded\n";
  }
  if (!options->recover_until.empty()) {
    uint64_t until = 0;
    (void)absl::SimpleAtoi(options->recover_until, &until);  // parsed before
    const std::string keep =
        absl::StrCat(db_path, ".before-recover-until-", until);
    absl::StatusOr<uint64_t> dropped = (*log)->DropAfter(until, keep);
    if (!dropped.ok()) return Fail("cannot recover until", dropped.status());
    std::cout << "Database " << db_path << ": " << *dropped
              << " records after record " << until << " dropped";
    if (*dropped > 0)
      std::cout << " (the whole log was first copied to " << keep << ")";
    std::cout << "\n";
  }

  // Block the stop signals before any thread starts, then wait for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // The app layer: recovery by replay, then the one command path.
  speakers::SteadyClock steady_clock;
  speakers::Metrics metrics;
  speakers::AsioScheduler scheduler;
  speakers::AppOptions app_options;
  app_options.reads_need_token =
      options->watch_token == "session"
          ? shared_session->config().watch_requires_token
          : options->watch_token == "yes";
  speakers::Admission::Options& admission = app_options.admission;
  if (options->max_anonymous_streams)
    admission.anonymous_streams = *options->max_anonymous_streams;
  if (options->max_anonymous_streams_per_address) {
    admission.anonymous_streams_per_address =
        *options->max_anonymous_streams_per_address;
  }
  if (options->max_streams_per_token)
    admission.streams_per_holder = *options->max_streams_per_token;
  if (options->delegation_command_burst) {
    admission.command_burst = static_cast<int>(
        std::min<uint64_t>(*options->delegation_command_burst, 1'000'000));
  }
  if (options->delegation_commands_per_second) {
    admission.commands_per_second = *options->delegation_commands_per_second;
  }
  absl::StatusOr<std::unique_ptr<speakers::App>> app =
      speakers::App::Start(&engine, &clock, log->get(), &*tokens, &scheduler,
                           &steady_clock, &metrics, app_options);
  if (!app.ok()) return Fail("cannot recover", app.status());
  const speakers::RecoveryStats recovered = (*app)->recovered();

  speakers::GrpcServerOptions grpc_options;
  grpc_options.address = options->grpc_address;
  absl::StatusOr<std::unique_ptr<speakers::GrpcServer>> server =
      speakers::GrpcServer::Start(app->get(), &metrics, grpc_options);
  if (!server.ok()) return Fail("cannot start", server.status());

  // The browser gateway, when asked for: the same app, the same rules.
  std::unique_ptr<speakers::Gateway> gateway;
  if (!options->http_address.empty()) {
    speakers::GatewayOptions gateway_options;
    gateway_options.address = options->http_address;
    absl::StatusOr<std::unique_ptr<speakers::Gateway>> started =
        speakers::Gateway::Start(app->get(), &clock, &metrics, gateway_options);
    if (!started.ok()) {
      (*server)->Shutdown();
      return Fail("cannot start the HTTP gateway", started.status());
    }
    gateway = *std::move(started);
  }

  std::cout << speakers::SessionReport(engine);
  std::cout << "Database " << db_path << ": " << recovered.records
            << " commands replayed in " << absl::FormatDuration(recovered.took)
            << "\n";
  if (!created.empty()) std::cout << created;
  std::cout << "listening grpc=" << (*server)->address();
  if (gateway != nullptr) std::cout << " http=" << gateway->address();
  std::cout << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cout << "speakers-server: stopping on signal " << signal_number
            << std::endl;
  if (gateway != nullptr) gateway->Shutdown();  // browsers first, then gRPC
  (*server)->Shutdown();
  gateway.reset();
  server->reset();
  app->reset();  // commits what is queued
  return 0;
}
