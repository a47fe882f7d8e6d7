#ifndef SPEAKERS_TESTS_DURABILITY_DURABILITY_UTIL_H_
#define SPEAKERS_TESTS_DURABILITY_DURABILITY_UTIL_H_

// Shared by crash_test and durability_bench: the server's tokens, gRPC calls
// with a bearer token, a generator of valid command logs, and an in-process
// replay of a copy of a server's database.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "server/app/recovery.h"
#include "server/domain/command_log.h"
#include "server/domain/engine.h"
#include "server/domain/session.h"
#include "server/platform/replay_clock.h"
#include "server/storage/sqlite_command_log.h"
#include "speakers/v1/speakers.grpc.pb.h"
#include "tests/testing/fake_clock.h"

namespace speakers::durability {

using Stub = v1::Speakers::Stub;

// The built-in session, loaded once (LoadBuiltinSession); aborts if it does
// not load.
std::shared_ptr<const Session> BuiltinSession();

// The server's new-tokens.txt: "TOKEN ROLE [SCOPE]" lines.
struct Tokens {
  std::string secretariat;
  std::string display;
  std::map<std::string, std::string> chair;       // meeting id -> token
  std::map<std::string, std::string> delegation;  // delegation code -> token
};
absl::StatusOr<Tokens> ReadTokens(const std::string& path);

// A channel to `address`. With `own_connection`, the channel gets its own
// TCP connection (a local subchannel pool) instead of sharing one with
// other channels of the same target and arguments.
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address,
                                           bool own_connection = false);

// One unary call with "authorization: Bearer TOKEN" (none when empty) and a
// deadline `timeout` from now.
template <typename Request, typename Response>
grpc::Status Call(Stub* stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*,
                                               const Request&, Response*),
                  absl::string_view token, const Request& request,
                  Response* response,
                  absl::Duration timeout = absl::Seconds(10)) {
  grpc::ClientContext context;
  if (!token.empty())
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return (stub->*method)(&context, request, response);
}

// "FAILED_PRECONDITION: the list ..." for messages.
std::string StatusText(const grpc::Status& status);
const char* CodeName(grpc::StatusCode code);

// A speakers command log with `commands` commands that replay (the chair of
// the plenary: the meeting opened, then inscriptions, calls, clock actions,
// moves, swaps, re-adds, added time and limits on item "1 (f)"), written as
// the server writes them (kind, EncodeCommand payload, the reply, request
// ids "gen-1", "gen-2", ...) through SqliteCommandLog::Append, `batch`
// records per transaction. The first command is at `start`; each next one
// 0.2 to 3 s later. `path` must not exist.
struct GeneratedLog {
  uint64_t records = 0;
  uint64_t transactions = 0;
  uint64_t plenary_version = 0;
  absl::Duration took;
};
absl::StatusOr<GeneratedLog> GenerateLog(
    const std::string& path, int commands, uint64_t seed, int batch = 1000,
    absl::Time start = absl::FromUnixSeconds(1509966000));

// A fresh engine rebuilt by speakers::Recover from a copy of the database
// at `db_path` (and its -wal file, if any) made in `scratch_dir` (which must
// exist; the copy is left there, open). The original is not opened. The clock
// is a FakeClock at `live_now` once the replay is done.
struct Replayed {
  std::unique_ptr<testing::FakeClock> live;
  std::unique_ptr<ReplayClock> clock;
  std::unique_ptr<Engine> engine;
  std::vector<LoggedCommand> records;  // in log order
  RecoveryStats stats;
  std::unique_ptr<SqliteCommandLog> log;  // the copy, still open
};
absl::StatusOr<std::unique_ptr<Replayed>> ReplayCopy(
    const std::string& db_path, const std::string& scratch_dir);

}  // namespace speakers::durability

#endif  // SPEAKERS_TESTS_DURABILITY_DURABILITY_UTIL_H_
