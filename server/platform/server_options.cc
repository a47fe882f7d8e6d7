#include "server/platform/server_options.h"

#include <functional>
#include <map>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "net/host_port.h"

namespace speakers {

absl::StatusOr<ServerOptions> ParseServerOptions(int argc,
                                                 const char* const* argv) {
  ServerOptions options;
  const std::map<std::string, std::string*> values = {
      {"grpc", &options.grpc_address},
      {"http", &options.http_address},
      {"data", &options.data_dir},
      {"session", &options.session_file},
      {"tokens", &options.tokens_file},
      {"anonymous-reads", &options.anonymous_reads},
      {"db", &options.db_file},
      {"tls-cert", &options.tls_cert},
      {"tls-key", &options.tls_key},
      {"tls-client-ca", &options.tls_client_ca},
      {"backup-dir", &options.backup_dir},
      {"recover-until", &options.recover_until}};
  const std::map<std::string, std::optional<uint64_t>*> counts = {
      {"max-anonymous-streams", &options.max_anonymous_streams},
      {"max-anonymous-streams-per-address",
       &options.max_anonymous_streams_per_address},
      {"max-streams-per-token", &options.max_streams_per_token},
      {"delegation-command-burst", &options.delegation_command_burst}};
  const std::map<std::string, std::optional<double>*> rates = {
      {"delegation-commands-per-second",
       &options.delegation_commands_per_second}};
  const std::map<std::string, bool*> flags = {{"check", &options.check_only},
                                              {"insecure", &options.insecure},
                                              {"help", &options.help}};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h") arg = "--help";
    if (!absl::StartsWith(arg, "--")) {
      return absl::InvalidArgumentError(
          absl::StrCat("unexpected argument \"", arg, "\"; see --help"));
    }
    arg = arg.substr(2);
    std::string name = arg;
    std::string value;
    bool has_value = false;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    if (auto f = flags.find(name); f != flags.end()) {
      if (has_value) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " takes no value"));
      }
      *f->second = true;
      continue;
    }
    auto v = values.find(name);
    auto c = counts.find(name);
    auto r = rates.find(name);
    if (v == values.end() && c == counts.end() && r == rates.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag --", name, "; see --help"));
    }
    if (!has_value) {
      if (i + 1 >= argc) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " needs a value"));
      }
      value = argv[++i];
    }
    if (v != values.end()) {
      *v->second = value;
    } else if (c != counts.end()) {
      uint64_t n = 0;
      if (!absl::SimpleAtoi(value, &n) || n == 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--", name, " takes a whole number of at least 1, not \"", value,
            "\""));
      }
      *c->second = n;
    } else {
      double rate = 0;
      if (!absl::SimpleAtod(value, &rate) || !(rate > 0) || rate > 1e6) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--", name, " takes a number above 0 (e.g. 2 or 0.5), not \"",
            value, "\""));
      }
      *r->second = rate;
    }
  }
  if (!options.recover_until.empty()) {
    uint64_t n = 0;
    if (!absl::SimpleAtoi(options.recover_until, &n)) {
      return absl::InvalidArgumentError(
          "--recover-until takes a record number (0 keeps no record)");
    }
  }
  if (options.anonymous_reads != "none" &&
      options.anonymous_reads != "public" && options.anonymous_reads != "all" &&
      options.anonymous_reads != "session") {
    return absl::InvalidArgumentError(
        "--anonymous-reads takes none, public, all or session");
  }
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert and --tls-key go together: the certificate and its key");
  }
  if (!options.tls_client_ca.empty() && options.tls_cert.empty()) {
    return absl::InvalidArgumentError(
        "--tls-client-ca needs --tls-cert and --tls-key");
  }
  if (options.tls_cert.empty() && !options.insecure && !options.help &&
      !options.check_only) {
    for (const auto& [flag, address] :
         {std::pair<const char*, const std::string*>{"grpc",
                                                     &options.grpc_address},
          {"http", &options.http_address}}) {
      if (address->empty() || IsLoopbackAddress(*address)) continue;
      return absl::InvalidArgumentError(absl::StrCat(
          "--", flag, "=", *address,
          " is reachable from the network, where the tokens would travel in "
          "clear: give --tls-cert and --tls-key (see \"Running it at a "
          "conference\" in the README), or --insecure on a network you trust"));
    }
  }
  return options;
}

std::string ServerUsage() {
  return R"(speakers-server: the list of speakers for formal meetings.

Usage: speakers-server [flags]

  --session=FILE     session data file (protobuf text format, see
                     deploy/sessions/cosp7.textproto); default: the built-in
                     seventh session of the Conference of the States Parties
                     to the UN Convention against Corruption (Vienna, 2017)
  --check            load and validate the session, print its state, exit
  --grpc=HOST:PORT   gRPC listen address (default 127.0.0.1:50051; port 0
                     picks a free port)
  --http=HOST:PORT   HTTP listen address for browsers (default: none)
  --data=DIR         data directory (default ./data): the database and
                     the tokens
  --db=FILE          the SQLite database (command log, WAL, synchronous
                     FULL); default DIR/speakers.db. Every command is
                     written before it is acknowledged; at start the state
                     is rebuilt from it. One server per file.
  --tokens=FILE      access tokens, one "TOKEN ROLE [SCOPE]" per line;
                     default DIR/tokens.txt, generated at first start and
                     printed once
  --recover-until=N  an operator's decision after a start refused because
                     record N+1 of the log does not replay or is damaged:
                     copy the database to DB.before-recover-until-N, drop
                     every record after N, and start from record N. Never
                     done without this flag.

A conference network (see "Running it at a conference" in the README):
  --tls-cert=FILE    the server's certificate, PEM (then its chain), for
                     gRPC and HTTPS alike
  --tls-key=FILE     its private key, PEM (no passphrase; keep it 0600)
  --tls-client-ca=FILE
                     require of every gRPC caller a client certificate
                     signed by this CA (mutual TLS, e.g. between replicas)
  --insecure         plain text on an address other than loopback; without
                     it such an address needs --tls-cert and --tls-key,
                     since the tokens would travel in clear
  --backup-dir=DIR   the only directory Backup writes into (0700); without
                     it Backup is refused
  --anonymous-reads=none|public|all|session
                     what a caller without a token may read: none (every
                     query and stream needs a token); public (the session,
                     the meetings, the lists and a meeting's live stream,
                     which room displays follow; no position of a
                     delegation, no speaking-time statistics, no
                     delegation's stream); all (those too). Default:
                     session, i.e. none when the session file says
                     watch_requires_token, else public. Commands always
                     need a token.

What one caller may take, so that nobody can crowd out the chair (a refusal
is RESOURCE_EXHAUSTED saying which limit and what to do); the chair and the
secretariat are never limited in commands:
  --max-anonymous-streams=N
                     Watch streams without a token, all meetings and
                     addresses together (default 5000)
  --max-anonymous-streams-per-address=N
                     the same from one network address (default 64; raise
                     it where many phones share one address, e.g. behind
                     the venue's NAT)
  --max-streams-per-token=N
                     open streams of one token holder: a delegation's
                     phones and laptops, a hall's displays (default 200)
  --delegation-command-burst=N
                     commands a delegation may send at once (default 20)
  --delegation-commands-per-second=R
                     then one every 1/R seconds (default 2); a retry of a
                     command already taken is always answered

  --help             this text

Once serving, prints one line: listening grpc=HOST:PORT
Stops cleanly on SIGINT or SIGTERM.
)";
}

}  // namespace speakers
