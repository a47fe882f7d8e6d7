#include "tests/durability/durability_util.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <utility>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/app/command_table.h"
#include "server/app/state_to_proto.h"
#include "server/app/stored_command.h"
#include "server/config/session_loader.h"
#include "server/storage/sqlite_command_log.h"
#include "tests/testing/server_process.h"

namespace speakers::durability {

using ::speakers::testing::ReadFile;

std::shared_ptr<const Session> BuiltinSession() {
  static const std::shared_ptr<const Session> session = [] {
    absl::StatusOr<Session> loaded = LoadBuiltinSession();
    if (!loaded.ok()) {
      std::cerr << "the built-in session does not load: " << loaded.status()
                << "\n";
      std::abort();
    }
    return std::make_shared<const Session>(*std::move(loaded));
  }();
  return session;
}

absl::StatusOr<Tokens> ReadTokens(const std::string& path) {
  const std::string text = ReadFile(path);
  if (text.empty())
    return absl::NotFoundError(absl::StrCat(path, " is missing or empty"));
  Tokens tokens;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> parts = absl::StrSplit(
        line, absl::MaxSplits(absl::ByAnyChar(" \t"), 2), absl::SkipEmpty());
    if (parts.size() < 2) continue;
    const std::string scope =
        parts.size() > 2 ? std::string(absl::StripAsciiWhitespace(parts[2]))
                         : "";
    if (parts[1] == "secretariat") {
      tokens.secretariat = parts[0];
    } else if (parts[1] == "display") {
      tokens.display = parts[0];
    } else if (parts[1] == "chair") {
      tokens.chair[scope] = parts[0];
    } else if (parts[1] == "delegation") {
      tokens.delegation[scope] = parts[0];
    }
  }
  if (tokens.chair.empty() || tokens.delegation.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " has no chair or delegation tokens"));
  }
  return tokens;
}

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address,
                                           bool own_connection) {
  grpc::ChannelArguments args;
  if (own_connection) args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  // Fail fast when the server is gone (a killed server must not stall the
  // clients for long): reconnect attempts start at 100 ms.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(),
                                   args);
}

const char* CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "?";
  }
}

std::string StatusText(const grpc::Status& status) {
  return absl::StrCat(CodeName(status.error_code()), ": ",
                      status.error_message());
}

namespace {

// The reply the server sends for an accepted command (MeetingHub::Submit).
v1::CommandReply ReplyOf(const Meeting& meeting, const CommandResult& result) {
  v1::CommandReply reply;
  reply.set_version(result.version);
  for (const Event& e : result.events) *reply.add_events() = EventToProto(e);
  if (result.entry && !result.events.empty()) {
    absl::StatusOr<const SpeakersList*> list =
        meeting.FindList(result.events.front().item);
    if (list.ok()) {
      *reply.mutable_entry() =
          EntryToProto(meeting.session(), **list, *result.entry);
    }
  }
  return reply;
}

}  // namespace

absl::StatusOr<GeneratedLog> GenerateLog(const std::string& path, int commands,
                                         uint64_t seed, int batch,
                                         absl::Time start) {
  const auto began = std::chrono::steady_clock::now();
  if (std::filesystem::exists(path)) {
    return absl::AlreadyExistsError(absl::StrCat(path, " exists"));
  }
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(path);
  if (!log.ok()) return log.status();
  std::shared_ptr<const Session> session = BuiltinSession();
  testing::FakeClock clock(start);
  Engine engine(session, &clock);
  absl::StatusOr<Meeting*> meeting = engine.FindMeeting("plenary");
  if (!meeting.ok()) return meeting.status();
  const std::string item = "1 (f)";
  const ListTarget target{"plenary", item};
  const std::string actor = "chair of plenary";
  const std::vector<Delegation>& delegations = session->config().delegations;
  std::mt19937_64 rng(seed);
  auto uniform = [&](int n) {
    return static_cast<int>(rng() % static_cast<uint64_t>(n));
  };
  GeneratedLog out;
  std::vector<LoggedCommand> pending;
  auto flush = [&]() -> absl::Status {
    if (pending.empty()) return absl::OkStatus();
    absl::Status status = (*log)->Append(absl::MakeSpan(pending));
    if (!status.ok()) return status;
    ++out.transactions;
    pending.clear();
    return absl::OkStatus();
  };
  auto record = [&](const Command& command) -> absl::Status {
    absl::StatusOr<CommandResult> result = engine.Apply(command, actor);
    if (!result.ok()) return result.status();
    LoggedCommand r;
    r.meeting = "plenary";
    r.version = result->version;
    r.at = clock.Now();
    r.actor = actor;
    r.request_id = absl::StrCat("gen-", out.records + 1);
    r.kind = std::string(KindName(command));
    r.payload = EncodeCommand(command);
    r.reply = ReplyOf(**meeting, *result).SerializeAsString();
    pending.push_back(std::move(r));
    ++out.records;
    if (pending.size() >= static_cast<size_t>(batch)) return flush();
    return absl::OkStatus();
  };
  if (absl::Status s =
          record(cmd::ChangeMeeting{"plenary", cmd::MeetingAction::kOpen});
      !s.ok()) {
    return s;
  }
  int refused_in_a_row = 0;
  while (out.records < static_cast<uint64_t>(commands)) {
    clock.Advance(absl::Milliseconds(200 + uniform(2800)));
    absl::StatusOr<const SpeakersList*> list = (*meeting)->FindList(item);
    if (!list.ok()) return list.status();
    const std::vector<Entry>& waiting = (*list)->waiting();
    const auto& current = (*list)->current();
    Command command;
    const int pick = uniform(100);
    if (waiting.size() < 8 || pick < 15) {
      Speaker speaker{absl::StrCat("Speaker ", uniform(1000)), "",
                      static_cast<Rank>(uniform(kRankCount))};
      command = cmd::Inscribe{
          target,
          delegations[uniform(static_cast<int>(delegations.size()))].code,
          speaker,
          "",
          /*by_chair=*/true,
          std::nullopt};
    } else if (pick < 35) {
      command = cmd::CallNext{target, std::nullopt};
    } else if (pick < 65 && current) {
      cmd::TimerAction action = cmd::TimerAction::kStart;
      switch (current->timer.state()) {
        case SpeakingTimer::State::kReady:
          action = cmd::TimerAction::kStart;
          break;
        case SpeakingTimer::State::kRunning:
          action = cmd::TimerAction::kPause;
          break;
        case SpeakingTimer::State::kPaused:
          action = uniform(10) == 0 ? cmd::TimerAction::kReset
                                    : cmd::TimerAction::kResume;
          break;
      }
      command = cmd::Timer{target, action};
    } else if (pick < 80) {
      command = cmd::Move{
          target, waiting[uniform(static_cast<int>(waiting.size()))].delegation,
          1 + uniform(static_cast<int>(waiting.size()))};
    } else if (pick < 88) {
      const int a = uniform(static_cast<int>(waiting.size()));
      const int b = (a + 1 + uniform(static_cast<int>(waiting.size()) - 1)) %
                    static_cast<int>(waiting.size());
      command = cmd::Swap{target, waiting[a].delegation, waiting[b].delegation};
    } else if (pick < 92) {
      command = cmd::ReaddLast{target};
    } else if (pick < 96 && current) {
      command = cmd::AddTime{target, absl::Seconds(15)};
    } else {
      command = cmd::SetTimeLimit{
          target, waiting[uniform(static_cast<int>(waiting.size()))].delegation,
          absl::Minutes(1 + uniform(5))};
    }
    absl::Status status = record(command);
    if (status.ok()) {
      refused_in_a_row = 0;
    } else if (absl::IsFailedPrecondition(status) ||
               absl::IsAlreadyExists(status) || absl::IsNotFound(status) ||
               absl::IsInvalidArgument(status)) {
      if (++refused_in_a_row > 1000) {
        return absl::InternalError(
            absl::StrCat("the generator is stuck: ", status.message()));
      }
    } else {
      return status;
    }
  }
  if (absl::Status s = flush(); !s.ok()) return s;
  out.plenary_version = (*meeting)->version();
  log->reset();  // checkpoints the WAL into the file
  out.took = absl::FromChrono(std::chrono::steady_clock::now() - began);
  return out;
}

absl::StatusOr<std::unique_ptr<Replayed>> ReplayCopy(
    const std::string& db_path, const std::string& scratch_dir) {
  namespace fs = std::filesystem;
  static int copies = 0;
  const fs::path dir =
      fs::path(scratch_dir) / absl::StrCat("replay-", ++copies);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    return absl::InternalError(
        absl::StrCat("mkdir ", dir.string(), ": ", ec.message()));
  const fs::path copy = dir / "speakers.db";
  fs::copy_file(db_path, copy, ec);
  if (ec)
    return absl::InternalError(
        absl::StrCat("copy ", db_path, ": ", ec.message()));
  if (fs::exists(db_path + "-wal")) {
    fs::copy_file(db_path + "-wal", copy.string() + "-wal", ec);
    if (ec)
      return absl::InternalError(
          absl::StrCat("copy ", db_path, "-wal: ", ec.message()));
  }
  auto out = std::make_unique<Replayed>();
  out->live = std::make_unique<testing::FakeClock>(absl::Now());
  out->clock = std::make_unique<ReplayClock>(out->live.get());
  out->engine = std::make_unique<Engine>(BuiltinSession(), out->clock.get());
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(copy.string());
  if (!log.ok()) return log.status();
  absl::StatusOr<RecoveryStats> stats =
      Recover(**log, *out->engine, *out->clock,
              [&](const LoggedCommand& record, const StoredPayload&) {
                out->records.push_back(record);
              });
  if (!stats.ok()) return stats.status();
  out->stats = *stats;
  out->log = *std::move(log);
  return out;
}

}  // namespace speakers::durability
