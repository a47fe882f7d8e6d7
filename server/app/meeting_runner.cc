#include "server/app/meeting_runner.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "server/app/delegation_view.h"
#include "server/app/delta_of.h"
#include "server/app/recovery.h"
#include "server/app/request_parts.h"
#include "server/app/state_to_proto.h"
#include "server/app/stored_command.h"

namespace speakers {
namespace {

v1::CommandReply ReplyOf(const Meeting& meeting, const CommandResult& result,
                         const v1::Delta& delta) {
  v1::CommandReply reply;
  reply.set_version(result.version);
  *reply.mutable_events() = delta.events();
  if (result.entry) {
    absl::StatusOr<const SpeakersList*> list =
        meeting.FindList(result.events.front().item);
    if (list.ok())
      *reply.mutable_entry() =
          EntryToProto(meeting.session(), **list, *result.entry);
  }
  return reply;
}

}  // namespace

MeetingRunner::MeetingRunner(Meeting* meeting, GroupCommitter* committer,
                             Scheduler* scheduler, const MonotonicClock* clock,
                             Metrics* metrics, Options options)
    : id_(meeting->id()),
      committer_(committer),
      clock_(clock),
      metrics_(metrics),
      options_(options),
      meeting_(meeting),
      durable_version_(meeting->version()),
      ledger_(options.remembered_replies),
      updates_([this] { return Snapshot(); }, clock, metrics, options.stream) {
  alarm_ = scheduler->NewAlarm([this] { OnAlarm(); });
  positions_alarm_ = scheduler->NewAlarm([this] { OnPositionsAlarm(); });
  alarm_->Set(
      absl::ZeroDuration());  // a recovered meeting may have a running clock
}

MeetingRunner::~MeetingRunner() {
  alarm_.reset();
  positions_alarm_.reset();
}

void MeetingRunner::Submit(const ApiCommand& row,
                           const google::protobuf::Message& request,
                           absl::string_view actor, Done done) {
  const RequestParts parts = PartsOf(request);
  const uint64_t digest =
      parts.request_id.empty() ? 0 : RequestDigest(row.method, request);
  Run([&](const Meeting& m) { return row.to_command(request, m); }, actor,
      parts.request_id, digest, std::move(done));
}

bool MeetingRunner::AnswerRetry(const ApiCommand& row,
                                const google::protobuf::Message& request,
                                absl::string_view actor, Done* done) {
  const RequestParts parts = PartsOf(request);
  if (parts.request_id.empty()) return false;
  const std::string key = RequestLedger::Key(actor, parts.request_id);
  absl::ReleasableMutexLock lock(&mu_);
  return AnswerFromLedgerLocked(key, RequestDigest(row.method, request), actor,
                                parts.request_id, lock, done);
}

bool MeetingRunner::AnswerFromLedgerLocked(
    const std::string& key, uint64_t digest, absl::string_view actor,
    absl::string_view request_id, absl::ReleasableMutexLock& lock, Done* done) {
  RequestLedger::Known* known = ledger_.Find(key);
  if (known == nullptr) return false;
  absl::StatusOr<v1::CommandReply> reply;
  if (known->digest != 0 && digest != 0 && known->digest != digest) {
    reply = absl::InvalidArgumentError(
        absl::StrCat("request id \"", request_id,
                     "\" was already used for a different request; give "
                     "each command a new id"));
  } else if (!known->durable) {
    known->waiting.push_back(std::move(*done));
    return true;
  } else {
    reply = known->reply ? absl::StatusOr<v1::CommandReply>(*known->reply)
                         : LoggedReply(actor, request_id);
  }
  lock.Release();
  (*done)(std::move(reply));
  return true;
}

void MeetingRunner::SubmitCommand(const Command& command,
                                  absl::string_view actor,
                                  absl::string_view request_id, uint64_t digest,
                                  Done done) {
  Run([&](const Meeting&) -> absl::StatusOr<Command> { return command; }, actor,
      request_id, digest, std::move(done));
}

absl::StatusOr<v1::CommandReply> MeetingRunner::Execute(
    const Command& command, absl::string_view actor,
    absl::string_view request_id) {
  absl::Notification done;
  absl::StatusOr<v1::CommandReply> result;
  SubmitCommand(command, actor, request_id, 0,
                [&](absl::StatusOr<v1::CommandReply> reply) {
                  result = std::move(reply);
                  done.Notify();
                });
  done.WaitForNotification();
  return result;
}

void MeetingRunner::Run(
    const std::function<absl::StatusOr<Command>(const Meeting&)>& to_command,
    absl::string_view actor, absl::string_view request_id, uint64_t digest,
    Done done) {
  absl::ReleasableMutexLock lock(&mu_);
  auto refuse = [&](absl::Status status) {
    lock.Release();
    done(std::move(status));
  };
  // A reader waiting for durable state goes first (it waits for one
  // commit, not for a stream of commands).
  mu_.Await(absl::Condition(
      +[](MeetingRunner* r) ABSL_EXCLUSIVE_LOCKS_REQUIRED(r->mu_) {
        return r->readers_waiting_ == 0;
      },
      this));
  if (!broken_.ok()) return refuse(broken_);
  const std::string key =
      request_id.empty() ? "" : RequestLedger::Key(actor, request_id);
  if (!key.empty() &&
      AnswerFromLedgerLocked(key, digest, actor, request_id, lock, &done)) {
    return;
  }
  absl::StatusOr<Command> command = to_command(*meeting_);
  if (!command.ok()) return refuse(command.status());
  absl::StatusOr<CommandResult> result = meeting_->Apply(*command, actor);
  if (!result.ok()) return refuse(result.status());
  const absl::Time now =
      result->events.empty() ? meeting_->Now() : result->events.front().at;
  std::unique_ptr<v1::Update> update = UpdateOf(*meeting_, *result, now);
  v1::CommandReply reply = ReplyOf(*meeting_, *result, update->delta());
  if (!key.empty()) ledger_.Pending(key, digest, reply);
  LoggedCommand record;
  record.meeting = id_;
  record.version = result->version;
  record.at = now;
  record.actor = std::string(actor);
  record.request_id = std::string(request_id);
  record.kind = std::string(KindName(*command));
  record.payload = EncodeCommand(*command, digest);
  record.reply = reply.SerializeAsString();
  // Enqueued under the lock: the log order is the version order.
  committer_->Enqueue(
      std::move(record),
      [this, key, update = std::shared_ptr<v1::Update>(std::move(update)),
       reply = std::move(reply), done = std::move(done)](
          const absl::Status& status, bool last_of_meeting) mutable {
        OnCommitted(key, std::move(update), std::move(reply), status,
                    last_of_meeting, std::move(done));
      });
}

void MeetingRunner::OnCommitted(const std::string& key,
                                std::shared_ptr<v1::Update> shared,
                                v1::CommandReply reply,
                                const absl::Status& status,
                                bool last_of_meeting, Done done) {
  std::vector<Done> waiting;
  {
    absl::MutexLock lock(&mu_);
    if (!status.ok()) {
      RollBackLocked(shared->version());
      if (status.code() != absl::StatusCode::kUnavailable && broken_.ok())
        broken_ = status;
    } else {
      durable_version_ = shared->version();
      // What is grouped goes out first if this does not follow it (never
      // expected: a meeting's versions reach the log consecutively).
      if (!group_.Follows(*shared)) PublishGroupLocked();
      group_.Add(std::move(*shared));
      // Positions once a group is durable, never of a state ahead of it.
      if (durable_version_ == meeting_->version()) PositionsChangedLocked();
      alarm_->Set(absl::ZeroDuration());
    }
    // One update per group of commands committed together.
    if (last_of_meeting) PublishGroupLocked();
    if (!key.empty()) waiting = ledger_.Committed(key, status.ok());
  }
  if (!status.ok()) {
    done(status);
    for (Done& d : waiting) d(status);
    return;
  }
  for (Done& d : waiting) d(reply);
  done(std::move(reply));
}

void MeetingRunner::PublishGroupLocked() {
  if (group_.empty()) return;
  if (metrics_ != nullptr) metrics_->Grouped(group_.commands());
  std::unique_ptr<v1::Update> update = group_.Take();
  // Stamped here, once durable: server_time is when the change became true
  // for everyone, and the fan-out counts from it.
  TimeToProto(meeting_->Now(), update->mutable_server_time());
  const uint64_t version = update->version();
  updates_.Publish(std::make_shared<Published>(
      std::move(update), version, /*resumable=*/true, clock_->Now()));
}

void MeetingRunner::RollBackLocked(uint64_t version) {
  if (meeting_->version() < version) return;  // already rebuilt
  absl::Status rebuilt = RebuildMeeting(*committer_->log(), *meeting_);
  if (rebuilt.ok() && meeting_->version() < durable_version_) {
    rebuilt = absl::DataLossError(absl::StrCat(
        "after a failed write, the command log holds meeting \"", id_,
        "\" up to version ", meeting_->version(), ", not ", durable_version_,
        " as acknowledged; stop the server and check the log"));
  }
  if (!rebuilt.ok()) {
    if (broken_.ok()) broken_ = rebuilt;
    return;
  }
  // More than acknowledged only when the outcome was unknown and the write
  // was kept after all: the log decides.
  durable_version_ = meeting_->version();
  snapshot_ = nullptr;
  // Nothing of the refused commands was published; the positions may not
  // have been published at the durable state yet.
  PositionsChangedLocked();
  alarm_->Set(absl::ZeroDuration());
}

void MeetingRunner::AwaitDurableLocked() const {
  ++readers_waiting_;
  mu_.Await(absl::Condition(
      +[](const MeetingRunner* r) ABSL_EXCLUSIVE_LOCKS_REQUIRED(r->mu_) {
        return r->durable_version_ >= r->meeting_->version() ||
               !r->broken_.ok();
      },
      this));
  --readers_waiting_;
}

void MeetingRunner::Recovered(absl::string_view actor,
                              absl::string_view request_id, uint64_t digest,
                              std::optional<v1::CommandReply> reply) {
  if (request_id.empty()) return;
  absl::MutexLock lock(&mu_);
  ledger_.Recovered(RequestLedger::Key(actor, request_id), digest,
                    std::move(reply));
}

absl::StatusOr<v1::CommandReply> MeetingRunner::LoggedReply(
    absl::string_view actor, absl::string_view request_id) const {
  absl::StatusOr<std::optional<LoggedCommand>> record =
      committer_->log()->FindByRequestId(id_, std::string(actor),
                                         std::string(request_id));
  if (!record.ok()) return record.status();
  v1::CommandReply reply;
  if (!*record || !reply.ParseFromString((*record)->reply)) {
    return absl::DataLossError(
        absl::StrCat("the reply to request ", request_id,
                     " is missing from the command log"));
  }
  return reply;
}

Broadcaster& MeetingRunner::delegation(const std::string& code,
                                       int notify_within) {
  absl::MutexLock lock(&mu_);
  for (const auto& w : watched_) {
    if (w->code == code && w->notify_within == notify_within)
      return *w->positions;
  }
  auto watched = std::make_unique<Watched>();
  watched->code = code;
  watched->notify_within = notify_within;
  Broadcaster::Options options = options_.stream;
  options.history =
      0;  // positions are a state: a reader starts from the latest
  watched->positions = std::make_unique<Broadcaster>(
      [this, code, notify_within] {
        absl::MutexLock lock(&mu_);
        AwaitDurableLocked();
        return PositionsLocked(code, notify_within);
      },
      clock_, metrics_, options);
  watched_.push_back(std::move(watched));
  return *watched_.back()->positions;
}

std::vector<Broadcaster*> MeetingRunner::broadcasters() {
  absl::MutexLock lock(&mu_);
  std::vector<Broadcaster*> out = {&updates_};
  for (const auto& w : watched_) out.push_back(w->positions.get());
  return out;
}

PublishedPtr MeetingRunner::PositionsLocked(const std::string& code,
                                            int notify_within) const {
  auto update = std::make_unique<v1::DelegationUpdate>(
      DelegationUpdateFor(*meeting_, code, notify_within, meeting_->Now()));
  const uint64_t version = update->version();
  return std::make_shared<Published>(std::move(update), version,
                                     /*resumable=*/true, clock_->Now());
}

void MeetingRunner::PositionsChangedLocked() {
  if (options_.positions_interval <= absl::ZeroDuration()) {
    // Every change, in order, from here.
    PublishPositions(PositionsLocked());
    return;
  }
  if (std::none_of(watched_.begin(), watched_.end(),
                   [](const auto& w) { return w->positions->readers() > 0; })) {
    return;  // nobody to tell (a new reader starts from a snapshot)
  }
  // Published from the scheduler's thread, outside the lock: a fan-out to
  // thousands of delegation streams never holds up the next command.
  positions_due_ = true;
  positions_alarm_->Set(PositionsWaitLocked());
}

absl::Duration MeetingRunner::PositionsWaitLocked() const {
  const auto next =
      positions_at_ + absl::ToChronoNanoseconds(options_.positions_interval);
  const MonotonicClock::Instant now = clock_->Now();
  return now >= next ? absl::ZeroDuration() : absl::FromChrono(next - now);
}

void MeetingRunner::OnPositionsAlarm() {
  std::vector<Positions> turn;
  {
    absl::MutexLock lock(&mu_);
    // Not durable yet: the commit in flight calls again when it is done.
    if (positions_due_ && durable_version_ >= meeting_->version()) {
      if (const absl::Duration wait = PositionsWaitLocked();
          wait > absl::ZeroDuration()) {
        positions_alarm_->Set(wait);
      } else {
        positions_due_ = false;
        positions_at_ = clock_->Now();
        // The latest state replaces what an earlier fan-out has left.
        positions_left_ = PositionsLocked();
      }
    }
    if (positions_left_.empty()) return;
    const size_t n = std::min(std::max<size_t>(options_.positions_batch, 1),
                              positions_left_.size());
    turn.assign(std::make_move_iterator(positions_left_.begin()),
                std::make_move_iterator(positions_left_.begin() + n));
    positions_left_.erase(positions_left_.begin(), positions_left_.begin() + n);
    if (!positions_left_.empty())
      positions_alarm_->Set(options_.positions_pause);
  }
  // Only this thread publishes positions: they stay in version order.
  PublishPositions(std::move(turn));
}

std::vector<MeetingRunner::Positions> MeetingRunner::PositionsLocked() const {
  std::vector<DelegationAsk> asks;
  std::vector<Positions> out;
  for (const auto& w : watched_) {
    if (w->positions->readers() == 0) continue;
    asks.push_back({w->code, w->notify_within});
    out.push_back({w->positions.get(), {}});
  }
  if (asks.empty()) return {};
  // One walk of the lists for every watched delegation.
  std::vector<v1::DelegationUpdate> updates =
      DelegationUpdatesFor(*meeting_, asks, meeting_->Now());
  for (size_t i = 0; i < out.size(); ++i) out[i].update = std::move(updates[i]);
  return out;
}

void MeetingRunner::PublishPositions(std::vector<Positions> positions) const {
  for (Positions& p : positions) {
    auto update = std::make_unique<v1::DelegationUpdate>(std::move(p.update));
    const uint64_t version = update->version();
    p.to->Publish(std::make_shared<Published>(
        std::move(update), version, /*resumable=*/true, clock_->Now()));
  }
}

PublishedPtr MeetingRunner::Snapshot() const {
  absl::MutexLock lock(&mu_);
  AwaitDurableLocked();
  return SnapshotLocked();
}

PublishedPtr MeetingRunner::SnapshotLocked() const {
  const absl::Time now = meeting_->Now();
  // Readers that connect together share one snapshot; a fresh one at least
  // every kSnapshotReuse, so that clients estimate the clock offset well.
  if (snapshot_ != nullptr && snapshot_->version() == meeting_->version() &&
      now - snapshot_at_ < kSnapshotReuse && now >= snapshot_at_) {
    return snapshot_;
  }
  auto update = std::make_unique<v1::Update>();
  update->set_version(meeting_->version());
  update->set_stream(options_.stream_id);
  TimeToProto(now, update->mutable_server_time());
  *update->mutable_snapshot() =
      SnapshotToProto(*meeting_, now, SpokenDetail::kLastOnly, Waits::kNone);
  snapshot_ =
      std::make_shared<Published>(std::move(update), meeting_->version(),
                                  /*resumable=*/false, clock_->Now());
  snapshot_at_ = now;
  return snapshot_;
}

void MeetingRunner::CheckDeadlines() { alarm_->Set(absl::ZeroDuration()); }

void MeetingRunner::OnAlarm() {
  struct Deadline {
    absl::Time at;
    v1::TimerSignal::Kind kind;
    std::string item;
    std::string delegation;
    std::string key;  // identifies the signal, so that it is sent once
  };
  absl::MutexLock lock(&mu_);
  // Deadlines of durable state only: the commit in flight sets the alarm
  // again when it is done.
  if (durable_version_ < meeting_->version()) return;
  const absl::Time now = meeting_->Now();
  std::vector<Deadline> deadlines;
  for (const SpeakersList* list : meeting_->lists()) {
    const auto& current = list->current();
    if (!current || current->timer.state() != SpeakingTimer::State::kRunning)
      continue;
    auto add = [&](absl::Duration left, v1::TimerSignal::Kind kind) {
      std::optional<absl::Time> at = current->timer.InstantRemaining(left);
      if (!at) return;
      deadlines.push_back(
          {*at, kind, list->item(), current->entry.delegation,
           absl::StrCat(list->item(), "|", current->entry.id, "|", kind, "|",
                        absl::ToUnixNanos(*at))});
    };
    if (list->settings().warning > absl::ZeroDuration()) {
      add(list->settings().warning, v1::TimerSignal::WARNING);
    }
    add(absl::ZeroDuration(), v1::TimerSignal::LIMIT);
  }
  std::sort(deadlines.begin(), deadlines.end(),
            [](const Deadline& a, const Deadline& b) { return a.at < b.at; });
  // Signals already sent for deadlines that still apply; others are
  // forgotten (the speaker changed, or time was added).
  absl::flat_hash_set<std::string> signaled;
  std::optional<absl::Time> next;
  for (const Deadline& d : deadlines) {
    if (d.at > now) {
      if (!next) next = d.at;
      continue;
    }
    const bool sent = signaled_.contains(d.key);
    signaled.insert(d.key);
    if (sent) continue;
    // A signal carries the version readers have (the latest published),
    // never that of a command applied but not yet durable: a reader takes
    // a version it was sent as seen.
    const uint64_t version = updates_.latest_version();
    auto update = std::make_unique<v1::Update>();
    update->set_version(version);
    TimeToProto(now, update->mutable_server_time());
    v1::TimerSignal* signal = update->mutable_signal();
    signal->set_kind(d.kind);
    signal->set_item(d.item);
    signal->set_delegation(d.delegation);
    TimeToProto(d.at, signal->mutable_deadline());
    updates_.Publish(std::make_shared<Published>(std::move(update), version,
                                                 /*resumable=*/false,
                                                 clock_->Now()));
  }
  signaled_ = std::move(signaled);
  if (next) alarm_->Set(*next - now);
}

}  // namespace speakers
