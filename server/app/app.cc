#include "server/app/app.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "server/app/internal_detail.h"
#include "server/app/request_fields.h"
#include "server/app/request_parts.h"

namespace speakers {
namespace {

// The metrics label of a method: "CallNext" -> "call_next".
std::string Label(absl::string_view method) {
  std::string out;
  for (char c : method) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) out.push_back('_');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// 96 random bits in hex: a new one at every start, so that a version seen
// in one run is never taken for the same state in another (a restart after
// a failure, a restored backup, --recover-until).
std::string NewStreamId() {
  absl::BitGen random;
  return absl::StrCat(
      absl::Hex(absl::Uniform<uint64_t>(random), absl::kZeroPad16),
      absl::Hex(absl::Uniform<uint32_t>(random), absl::kZeroPad8));
}

}  // namespace

App::App(Engine* engine, CommandLog* log, std::unique_ptr<TokenRegistry> tokens,
         Scheduler* scheduler, const MonotonicClock* monotonic,
         Metrics* metrics, AppOptions options)
    : engine_(engine),
      monotonic_(monotonic),
      metrics_(metrics),
      options_(options),
      tokens_(std::move(tokens)),
      access_(tokens_.get(), &engine->clock(), options.anonymous_reads),
      admission_(monotonic, options.admission),
      stream_id_(NewStreamId()) {
  committer_ = std::make_unique<GroupCommitter>(log);
  tokens_->Serve(committer_.get(), log);
  MeetingRunner::Options runner_options = options.runner;
  runner_options.stream_id = stream_id_;
  for (Meeting* meeting : engine->meetings()) {
    runners_.push_back(
        std::make_unique<MeetingRunner>(meeting, committer_.get(), scheduler,
                                        monotonic, metrics, runner_options));
  }
  queries_ = std::make_unique<Queries>(
      engine, log, tokens_.get(),
      [this](absl::string_view m) { return Runner(m); }, options.backup_dir);
  sweep_ = scheduler->NewAlarm([this] { Sweep(); });
}

absl::StatusOr<std::unique_ptr<App>> App::Start(
    Engine* engine, ReplayClock* clock, CommandLog* log,
    const TokenStore* tokens, Scheduler* scheduler,
    const MonotonicClock* monotonic, Metrics* metrics, AppOptions options) {
  struct Request {
    std::string meeting, actor, request_id;
    uint64_t digest;
    std::string reply;
  };
  std::vector<Request> requests;
  auto registry = std::make_unique<TokenRegistry>(*tokens, &engine->session(),
                                                  &engine->clock());
  absl::StatusOr<RecoveryStats> recovered = Recover(
      *log, *engine, *clock,
      [&](const LoggedCommand& r, const StoredPayload& p) {
        if (!r.request_id.empty()) {
          requests.push_back(
              {r.meeting, r.actor, r.request_id, p.request_digest, r.reply});
        }
      },
      [&](const LoggedCommand& r) { return registry->Replay(r); });
  if (!recovered.ok()) return recovered.status();
  std::unique_ptr<App> app(new App(engine, log, std::move(registry), scheduler,
                                   monotonic, metrics, std::move(options)));
  app->recovered_ = *recovered;
  // Only the latest replies of each meeting are kept in memory (older
  // ones are read back from the log when a retry asks): only those are
  // parsed here.
  absl::flat_hash_map<absl::string_view, size_t> left;  // per meeting
  for (const Request& r : requests) ++left[r.meeting];
  const size_t remembered = app->options_.runner.remembered_replies;
  for (const Request& r : requests) {
    MeetingRunner* runner = app->runner(r.meeting);
    const bool keep = left[r.meeting]-- <= remembered;
    if (runner == nullptr) continue;
    std::optional<v1::CommandReply> reply;
    if (keep) {
      reply.emplace();
      if (!reply->ParseFromString(r.reply)) {
        return absl::DataLossError(absl::StrCat("the stored reply to request ",
                                                r.request_id, " of meeting ",
                                                r.meeting, " is damaged"));
      }
    }
    runner->Recovered(r.actor, r.request_id, r.digest, std::move(reply));
  }
  app->sweep_->Set(absl::Seconds(1));
  return app;
}

App::~App() {
  Shutdown();
  sweep_.reset();
  runners_.clear();    // their alarms first
  committer_.reset();  // commits what is queued
}

void App::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  const absl::Status closing = absl::UnavailableError(
      "the server is shutting down; reconnect with your last version");
  for (const auto& runner : runners_) {
    for (Broadcaster* b : runner->broadcasters()) b->CloseAll(closing);
  }
}

void App::Sweep() {
  const MonotonicClock::Instant deadline =
      monotonic_->Now() - options_.stall_timeout;
  for (const auto& runner : runners_) {
    for (Broadcaster* b : runner->broadcasters()) b->DropStalled(deadline);
  }
  tokens_->EndExpiredStreams(engine_->clock().Now());
  sweep_->Set(absl::Seconds(1));
}

MeetingRunner* App::runner(absl::string_view meeting) const {
  for (const auto& runner : runners_) {
    if (runner->id() == meeting) return runner.get();
  }
  return nullptr;
}

std::vector<MeetingRunner*> App::runners() const {
  std::vector<MeetingRunner*> out;
  for (const auto& runner : runners_) out.push_back(runner.get());
  return out;
}

absl::StatusOr<MeetingRunner*> App::Runner(absl::string_view meeting) const {
  if (MeetingRunner* r = runner(meeting)) return r;
  if (absl::Status s = RequireMeeting(meeting); !s.ok()) return s;
  return engine_->FindMeeting(meeting)
      .status();  // NOT_FOUND naming the meetings
}

absl::StatusOr<std::optional<Principal>> App::Check(
    absl::string_view authorization, Need need, absl::string_view meeting,
    absl::string_view delegation) const {
  absl::StatusOr<std::optional<Principal>> caller =
      access_.Authenticate(authorization);
  if (!caller.ok()) return caller;
  absl::Status allowed;
  switch (need) {
    case Need::kRead:
      allowed = access_.AllowRead(*caller);
      break;
    case Need::kPrivateRead:
      allowed = access_.AllowRead(*caller, /*private_part=*/true);
      break;
    case Need::kChair:
      allowed = access_.AllowChair(*caller, meeting);
      break;
    case Need::kDelegation:
      allowed = access_.AllowDelegation(*caller, meeting, delegation);
      break;
    case Need::kSecretariat:
      allowed = access_.AllowSecretariat(*caller);
      break;
  }
  if (!allowed.ok()) return allowed;
  return caller;
}

absl::Status App::CheckRead(absl::string_view authorization,
                            absl::string_view meeting) const {
  if (absl::Status s = Check(authorization, Need::kRead, meeting, "").status();
      !s.ok())
    return s;
  return Runner(meeting).status();
}

const google::protobuf::Descriptor* App::RequestType(
    absl::string_view method) const {
  if (const ApiCommand* row = FindApiCommand(method)) return row->request;
  if (const Queries::Row* row = Queries::Find(method)) return row->request;
  return TokenRegistry::RequestType(method);
}

void App::Call(absl::string_view method, absl::string_view authorization,
               const google::protobuf::Message& given, ReplyDone done) {
  // Codes in any case: the request as if written in the session's spelling.
  const std::unique_ptr<google::protobuf::Message> respelled =
      WithSessionCodes(given, engine_->session());
  const google::protobuf::Message& request = respelled ? *respelled : given;
  // The cause of the server's own errors (its disk, its database) is for
  // the secretariat only (ForCaller).
  absl::StatusOr<std::optional<Principal>> who =
      access_.Authenticate(authorization);
  const bool secretariat =
      who.ok() && who->has_value() && (*who)->role == Role::kSecretariat;
  done = [done = std::move(done), secretariat](Reply reply) {
    if (!reply.ok()) return done(ForCaller(reply.status(), secretariat));
    done(std::move(reply));
  };
  if (const ApiCommand* row = FindApiCommand(method)) {
    return CallCommand(*row, authorization, request, std::move(done));
  }
  if (TokenRegistry::RequestType(method) != nullptr) {
    absl::StatusOr<std::optional<Principal>> caller =
        Check(authorization, Need::kSecretariat, "", "");
    if (!caller.ok()) return done(caller.status());
    return tokens_->Call(method, request, (*caller)->Describe(),
                         std::move(done));
  }
  const Queries::Row* query = Queries::Find(method);
  if (query == nullptr) {
    return done(absl::NotFoundError(
        absl::StrCat("no command or query named \"", method, "\"")));
  }
  absl::StatusOr<std::optional<Principal>> caller =
      Check(authorization, query->need, query->meeting(request), "");
  if (!caller.ok()) return done(caller.status());
  done(queries_->Run(*query, request, *caller));
}

void App::CallCommand(const ApiCommand& row, absl::string_view authorization,
                      const google::protobuf::Message& request,
                      ReplyDone done) {
  auto finish = [this, name = Label(row.method), done = std::move(done)](
                    absl::StatusOr<v1::CommandReply> reply) {
    if (metrics_ != nullptr) metrics_->CommandDone(name, reply.status().code());
    if (!reply.ok()) return done(reply.status());
    done(std::unique_ptr<google::protobuf::Message>(
        std::make_unique<v1::CommandReply>(*std::move(reply))));
  };
  const RequestParts parts = PartsOf(request);
  absl::StatusOr<std::optional<Principal>> caller =
      Check(authorization, row.need, parts.meeting, parts.delegation);
  if (!caller.ok()) return finish(caller.status());
  absl::StatusOr<MeetingRunner*> runner = Runner(parts.meeting);
  if (!runner.ok()) return finish(runner.status());
  if (parts.request_id.size() > 128) {
    return finish(
        absl::InvalidArgumentError("request_id is longer than 128 characters"));
  }
  const std::string actor = (*caller)->Describe();
  if (absl::Status s = admission_.AdmitCommand(**caller); !s.ok()) {
    // A retry of a command already taken costs nothing: a phone resending
    // after a lost reply or a restart learns its outcome, not "wait".
    MeetingRunner::Done retry = std::move(finish);
    if ((*runner)->AnswerRetry(row, request, actor, &retry)) return;
    return retry(s);
  }
  (*runner)->Submit(row, request, actor, std::move(finish));
}

absl::StatusOr<Admission::Ticket> App::AdmitStream(
    absl::string_view authorization, absl::string_view meeting,
    absl::string_view address, std::string* token_hash) {
  absl::StatusOr<std::optional<Principal>> caller =
      Check(authorization, Need::kRead, meeting, "");
  if (!caller.ok()) return caller.status();
  token_hash->clear();
  if (caller->has_value()) *token_hash = (*caller)->token_hash;
  if (absl::Status s = Runner(meeting).status(); !s.ok()) return s;
  absl::StatusOr<Admission::Ticket> ticket =
      admission_.AdmitStream(*caller, address);
  if (!ticket.ok() && metrics_ != nullptr)
    metrics_->Refused(Metrics::Refusal::kStream);
  return ticket;
}

absl::StatusOr<App::Watching> App::Watch(absl::string_view authorization,
                                         absl::string_view meeting,
                                         const Since& since,
                                         StreamWriter* writer,
                                         absl::string_view address) {
  std::string token_hash;
  absl::StatusOr<Admission::Ticket> ticket =
      AdmitStream(authorization, meeting, address, &token_hash);
  if (!ticket.ok()) return ticket.status();
  MeetingRunner* r = runner(meeting);
  // A version of another run (or of no known run) names no state here.
  const uint64_t version = since.stream == stream_id_ ? since.version : 0;
  Watching watching{r->updates().Subscribe(writer, version), &r->updates(),
                    *std::move(ticket)};
  if (!token_hash.empty()) tokens_->Track(token_hash, watching.subscription);
  return watching;
}

absl::StatusOr<App::Watching> App::WatchDelegation(
    absl::string_view authorization, const v1::WatchDelegationRequest& request,
    StreamWriter* writer, absl::string_view address) {
  // A delegation's positions are not the public state.
  if (absl::Status s =
          Check(authorization, Need::kPrivateRead, request.meeting(), "")
              .status();
      !s.ok())
    return s;
  if (absl::Status s = Runner(request.meeting()).status(); !s.ok()) return s;
  const Delegation* delegation =
      engine_->session().FindDelegationAnyCase(request.delegation());
  if (delegation == nullptr) {
    return absl::NotFoundError(absl::StrCat("no delegation with code \"",
                                            request.delegation(),
                                            "\" is accredited to the session"));
  }
  if (request.notify_within() < 0 || request.notify_within() > 50) {
    return absl::InvalidArgumentError("notify_within must be between 0 and 50");
  }
  const int within = request.notify_within() == 0 ? 3 : request.notify_within();
  std::string token_hash;
  absl::StatusOr<Admission::Ticket> ticket =
      AdmitStream(authorization, request.meeting(), address, &token_hash);
  if (!ticket.ok()) return ticket.status();
  Broadcaster& positions =
      runner(request.meeting())->delegation(delegation->code, within);
  Watching watching{positions.Subscribe(writer, 0), &positions,
                    *std::move(ticket)};
  if (!token_hash.empty()) tokens_->Track(token_hash, watching.subscription);
  return watching;
}

}  // namespace speakers
