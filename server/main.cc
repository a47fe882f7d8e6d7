// speakers-server: wiring only. Parses flags, loads the session, builds the
// engine on the system clock, opens the data directory and serves gRPC
// until SIGINT or SIGTERM.
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "server/app/app.h"
#include "server/app/metrics.h"
#include "server/app/token_file.h"
#include "server/app/token_store.h"
#include "server/config/session_loader.h"
#include "server/config/session_report.h"
#include "server/domain/engine.h"
#include "server/gateway/gateway.h"
#include "server/platform/asio_scheduler.h"
#include "server/platform/file_limit.h"
#include "server/platform/file_mode.h"
#include "server/platform/replay_clock.h"
#include "server/platform/server_options.h"
#include "server/platform/steady_clock.h"
#include "server/platform/system_clock.h"
#include "server/platform/tls_material.h"
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

  std::optional<speakers::TlsMaterial> tls;
  if (!options->tls_cert.empty()) {
    absl::StatusOr<speakers::TlsMaterial> loaded = speakers::TlsMaterial::Load(
        options->tls_cert, options->tls_key, options->tls_client_ca);
    if (!loaded.ok()) return Fail("the TLS files are refused", loaded.status());
    tls = *std::move(loaded);
  } else if (options->insecure &&
             (!speakers::IsLoopbackAddress(options->grpc_address) ||
              (!options->http_address.empty() &&
               !speakers::IsLoopbackAddress(options->http_address)))) {
    std::cerr << "speakers-server: warning: --insecure: plain text on the "
                 "network; anyone on it can read the tokens and act as the "
                 "chair or the secretariat\n";
  }

  // Everything the server writes (database, WAL, tokens, backups) is for
  // its own user only: the data directory 0700, the files 0600.
  ::umask(077);
  std::error_code ec;
  std::filesystem::create_directories(options->data_dir, ec);
  if (ec) {
    return Fail(
        "cannot create the data directory",
        absl::UnavailableError(options->data_dir + ": " + ec.message()));
  }
  if (absl::Status private_dir = speakers::MakePrivate(options->data_dir, 0700);
      !private_dir.ok()) {
    return Fail("the data directory is refused", private_dir);
  }
  if (!options->backup_dir.empty()) {
    std::filesystem::create_directories(options->backup_dir, ec);
    if (ec || !std::filesystem::is_directory(options->backup_dir)) {
      return Fail(
          "the backup directory is refused",
          absl::UnavailableError(options->backup_dir + ": " +
                                 (ec ? ec.message() : "not a directory")));
    }
    if (absl::Status private_dir =
            speakers::MakePrivate(options->backup_dir, 0700);
        !private_dir.ok()) {
      return Fail("the backup directory is refused", private_dir);
    }
  }
  const std::string tokens_path =
      options->tokens_file.empty()
          ? (std::filesystem::path(options->data_dir) / "tokens.txt").string()
          : options->tokens_file;
  std::string created;
  absl::StatusOr<speakers::TokenStore> tokens =
      speakers::LoadOrCreateTokens(tokens_path, *shared_session, &created);
  if (!tokens.ok()) return Fail("the tokens are refused", tokens.status());

  const std::string db_path =
      options->db_file.empty()
          ? (std::filesystem::path(options->data_dir) / "speakers.db").string()
          : options->db_file;
  // A database of an earlier version may have been created 0644: its
  // WAL and shared-memory files take its mode.
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::string file = db_path + suffix;
    if (!std::filesystem::exists(file, ec)) continue;
    if (absl::Status private_file = speakers::MakePrivate(file, 0600);
        !private_file.ok()) {
      return Fail("the database is refused", private_file);
    }
  }
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
  app_options.anonymous_reads =
      options->anonymous_reads == "session"
          ? (shared_session->config().watch_requires_token
                 ? speakers::AnonymousReads::kNone
                 : speakers::AnonymousReads::kPublic)
          : *speakers::ParseAnonymousReads(options->anonymous_reads);
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
  app_options.backup_dir = options->backup_dir;
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
  grpc_options.tls = tls;
  absl::StatusOr<std::unique_ptr<speakers::GrpcServer>> server =
      speakers::GrpcServer::Start(app->get(), &metrics, grpc_options);
  if (!server.ok()) return Fail("cannot start", server.status());

  // The browser gateway, when asked for: the same app, the same rules.
  std::unique_ptr<speakers::Gateway> gateway;
  if (!options->http_address.empty()) {
    speakers::GatewayOptions gateway_options;
    gateway_options.address = options->http_address;
    gateway_options.tls = tls;
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
  if (tls.has_value()) std::cout << " tls";
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
