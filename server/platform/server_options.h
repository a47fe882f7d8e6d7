#ifndef SPEAKERS_SERVER_PLATFORM_SERVER_OPTIONS_H_
#define SPEAKERS_SERVER_PLATFORM_SERVER_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "net/host_port.h"  // IsLoopbackAddress

namespace speakers {

// The command line of speakers-server.
struct ServerOptions {
  std::string grpc_address = "127.0.0.1:50051";  // --grpc; port 0 picks one
  std::string http_address;                      // --http; empty: no HTTP
  std::string data_dir = "data";                 // --data
  std::string session_file;                      // --session; empty: built-in
  std::string tokens_file;  // --tokens; empty: DATA/tokens.txt
  std::string db_file;      // --db; empty: DATA/speakers.db
  bool check_only = false;  // --check
  // --recover-until=N: start from record N, dropping the later ones (kept
  // in a copy of the database first). Empty: replay every record.
  std::string recover_until;
  bool help = false;  // --help
  // --tls-cert, --tls-key: the server's certificate (chain) and key, PEM;
  // both or neither. --tls-client-ca: the CA of the clients' certificates
  // (mutual TLS; needs the other two).
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;
  // --insecure: plain text on an address other than loopback, which is
  // refused without it.
  bool insecure = false;
  // --backup-dir: the only directory Backup writes into; empty: Backup is
  // refused.
  std::string backup_dir;
  // --anonymous-reads=none|public|all|session: what a caller without a
  // token may read ("session": none when the session file says
  // watch_requires_token, else public).
  std::string anonymous_reads = "session";
  // What one caller may take (nullopt: the server's default, see --help):
  // --max-anonymous-streams, --max-anonymous-streams-per-address,
  // --max-streams-per-token, --delegation-command-burst (all >= 1) and
  // --delegation-commands-per-second (> 0).
  std::optional<uint64_t> max_anonymous_streams;
  std::optional<uint64_t> max_anonymous_streams_per_address;
  std::optional<uint64_t> max_streams_per_token;
  std::optional<uint64_t> delegation_command_burst;
  std::optional<double> delegation_commands_per_second;
};

// Parses "--name=value" / "--name value" / "--flag" arguments.
// INVALID_ARGUMENT naming the unknown or malformed argument, for half of
// the TLS pair, and for a listening address other than loopback without
// TLS or --insecure (the tokens would cross the network in clear).
absl::StatusOr<ServerOptions> ParseServerOptions(int argc,
                                                 const char* const* argv);

// The --help text.
std::string ServerUsage();

}  // namespace speakers

#endif  // SPEAKERS_SERVER_PLATFORM_SERVER_OPTIONS_H_
