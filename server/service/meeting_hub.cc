#include "server/service/meeting_hub.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "boost/asio/post.hpp"
#include "server/service/command_codec.h"
#include "server/service/state_to_proto.h"

namespace speakers {

UpdatePtr Publish(v1::Update message) {
  auto update = std::make_shared<PublishedUpdate>();
  update->version = message.version();
  std::string bytes;
  message.SerializeToString(&bytes);
  update->wire = grpc::Slice(bytes);
  update->message = std::move(message);
  update->published_at = std::chrono::steady_clock::now();
  return update;
}

MeetingHub::MeetingHub(Meeting* meeting, boost::asio::io_context* io, GroupCommitter* committer,
                       size_t history)
    : id_(meeting->id()),
      io_(io),
      committer_(committer),
      history_size_(history),
      meeting_(meeting),
      timer_(*io) {
  ArmSoon();  // a restored meeting may have a running clock
}

MeetingHub::~MeetingHub() = default;

absl::StatusOr<v1::CommandReply> MeetingHub::Execute(const Command& command,
                                                     absl::string_view actor,
                                                     absl::string_view request_id) {
  absl::Notification done;
  absl::StatusOr<v1::CommandReply> result;
  Submit(command, actor, request_id, [&](absl::StatusOr<v1::CommandReply> reply) {
    result = std::move(reply);
    done.Notify();
  });
  done.WaitForNotification();
  return result;
}

void MeetingHub::Submit(const Command& command, absl::string_view actor,
                        absl::string_view request_id, Done done) {
  absl::ReleasableMutexLock lock(&mu_);
  if (!broken_.ok()) {
    const absl::Status broken = broken_;
    lock.Release();
    done(broken);
    return;
  }
  const std::string key = request_id.empty() ? "" : absl::StrCat(actor, "|", request_id);
  if (!key.empty()) {
    if (auto it = replies_.find(key); it != replies_.end()) {
      if (!it->second.durable) {
        it->second.waiting.push_back(std::move(done));
        return;
      }
      v1::CommandReply reply = it->second.reply;
      lock.Release();
      done(std::move(reply));
      return;
    }
    if (durable_ids_.contains(key) && committer_ != nullptr) {
      absl::StatusOr<v1::CommandReply> old = LoggedReply(actor, request_id);
      lock.Release();
      done(std::move(old));
      return;
    }
  }
  absl::StatusOr<CommandResult> result = meeting_->Apply(command, actor);
  if (!result.ok()) {
    lock.Release();
    done(result.status());
    return;
  }
  const absl::Time now = result->events.empty() ? meeting_->Now() : result->events.front().at;
  v1::Update update;
  update.set_version(result->version);
  TimeToProto(now, update.mutable_server_time());
  v1::Change* change = update.mutable_change();
  std::vector<std::string> items;
  for (const Event& e : result->events) {
    *change->add_events() = EventToProto(e);
    if (!e.item.empty() && std::find(items.begin(), items.end(), e.item) == items.end()) {
      items.push_back(e.item);
    }
  }
  for (const std::string& item : items) {
    absl::StatusOr<const SpeakersList*> list = meeting_->FindList(item);
    if (list.ok()) {
      *change->add_lists() = ListToProto(*meeting_, **list, now, SpokenDetail::kLastOnly);
    }
  }
  change->set_status(static_cast<v1::MeetingStatus>(static_cast<int>(meeting_->state()) + 1));
  change->set_current_item(meeting_->current_item());
  v1::CommandReply reply;
  reply.set_version(result->version);
  *reply.mutable_events() = change->events();
  if (result->entry) {
    absl::StatusOr<const SpeakersList*> list = meeting_->FindList(result->events.front().item);
    if (list.ok()) {
      *reply.mutable_entry() = EntryToProto(meeting_->session(), **list, *result->entry);
    }
  }
  if (committer_ == nullptr) {
    PublishLocked(Publish(std::move(update)));
    if (!key.empty()) RememberLocked(key, {reply, true, {}});
    ArmSoon();
    lock.Release();
    done(std::move(reply));
    return;
  }
  if (!key.empty()) RememberLocked(key, {reply, false, {}});
  LoggedCommand record;
  record.meeting = id_;
  record.version = result->version;
  record.at = now;
  record.actor = std::string(actor);
  record.request_id = std::string(request_id);
  record.kind = std::string(CommandName(command));
  record.payload = EncodeCommand(command);
  record.reply = reply.SerializeAsString();
  // Enqueued under the lock: the log order is the version order.
  committer_->Enqueue(std::move(record),
                      [this, key, update = std::move(update), reply = std::move(reply),
                       done = std::move(done)](const absl::Status& status) mutable {
                        OnCommitted(key, std::move(update), std::move(reply), status,
                                    std::move(done));
                      });
}

void MeetingHub::OnCommitted(const std::string& key, v1::Update update, v1::CommandReply reply,
                             const absl::Status& status, Done done) {
  std::vector<Done> waiting;
  {
    absl::MutexLock lock(&mu_);
    if (!status.ok()) {
      broken_ = status;
    } else {
      // Stamped and serialized here, once durable: server_time is when the
      // change became true for everyone, and the fan-out counts from it.
      TimeToProto(meeting_->Now(), update.mutable_server_time());
      PublishLocked(Publish(std::move(update)));
      ArmSoon();
    }
    if (!key.empty()) {
      if (status.ok()) durable_ids_.insert(key);
      if (auto it = replies_.find(key); it != replies_.end()) {
        it->second.durable = status.ok();
        waiting.swap(it->second.waiting);
        if (!status.ok()) replies_.erase(it);
      }
    }
  }
  if (!status.ok()) {
    done(status);
    for (Done& d : waiting) d(status);
    return;
  }
  for (Done& d : waiting) d(reply);
  done(std::move(reply));
}

void MeetingHub::RememberReply(absl::string_view actor, absl::string_view request_id,
                               v1::CommandReply reply) {
  if (request_id.empty()) return;
  absl::MutexLock lock(&mu_);
  RememberLocked(absl::StrCat(actor, "|", request_id), {std::move(reply), true, {}});
}

void MeetingHub::RememberRequestId(absl::string_view actor, absl::string_view request_id) {
  if (request_id.empty()) return;
  absl::MutexLock lock(&mu_);
  durable_ids_.insert(absl::StrCat(actor, "|", request_id));
}

absl::StatusOr<v1::CommandReply> MeetingHub::LoggedReply(absl::string_view actor,
                                                         absl::string_view request_id) const {
  absl::StatusOr<std::optional<LoggedCommand>> record = committer_->log()->FindByRequestId(
      id_, std::string(actor), std::string(request_id));
  if (!record.ok()) return record.status();
  v1::CommandReply reply;
  if (!*record || !reply.ParseFromString((*record)->reply)) {
    return absl::DataLossError(absl::StrCat("the reply to request ", request_id,
                                            " is missing from the command log"));
  }
  return reply;
}

void MeetingHub::RememberLocked(const std::string& key, Remembered remembered) {
  const bool durable = remembered.durable;
  auto [it, inserted] = replies_.insert_or_assign(key, std::move(remembered));
  if (inserted) reply_order_.push_back(key);
  if (durable) durable_ids_.insert(key);
  while (reply_order_.size() > kRememberedRequests) {
    auto oldest = replies_.find(reply_order_.front());
    // A reply still waiting for its commit stays until it is durable.
    if (oldest != replies_.end() && !oldest->second.durable) break;
    if (oldest != replies_.end()) replies_.erase(oldest);
    reply_order_.pop_front();
  }
}

void MeetingHub::PublishLocked(UpdatePtr update) {
  if (update->message.has_change()) {
    history_.push_back(update);
    if (history_.size() > history_size_) history_.pop_front();
  }
  for (UpdateSink* sink : sinks_) sink->Push(update, *meeting_);
}

UpdatePtr MeetingHub::SnapshotLocked() const {
  const absl::Time now = meeting_->Now();
  // Watchers that connect together share one snapshot; a fresh one at least
  // every kSnapshotReuse, so that clients estimate the clock offset well.
  if (snapshot_ != nullptr && snapshot_->version == meeting_->version() &&
      now - snapshot_at_ < kSnapshotReuse && now >= snapshot_at_) {
    return snapshot_;
  }
  v1::Update update;
  update.set_version(meeting_->version());
  TimeToProto(now, update.mutable_server_time());
  *update.mutable_snapshot() = SnapshotToProto(*meeting_, now, SpokenDetail::kLastOnly);
  snapshot_ = Publish(std::move(update));
  snapshot_at_ = now;
  return snapshot_;
}

UpdatePtr MeetingHub::SnapshotUpdate() const {
  absl::MutexLock lock(&mu_);
  return SnapshotLocked();
}

void MeetingHub::Subscribe(UpdateSink* sink, uint64_t since_version) {
  absl::MutexLock lock(&mu_);
  const uint64_t version = meeting_->version();
  const bool can_resume =
      since_version > 0 && since_version <= version &&
      (since_version == version ||
       (!history_.empty() && history_.front()->version <= since_version + 1));
  if (can_resume) {
    for (const UpdatePtr& u : history_) {
      if (u->version > since_version) sink->Push(u, *meeting_);
    }
  } else {
    sink->Push(SnapshotLocked(), *meeting_);
  }
  sinks_.push_back(sink);
}

void MeetingHub::Unsubscribe(UpdateSink* sink) {
  absl::MutexLock lock(&mu_);
  sinks_.erase(std::remove(sinks_.begin(), sinks_.end(), sink), sinks_.end());
}

size_t MeetingHub::sink_count() const {
  absl::MutexLock lock(&mu_);
  return sinks_.size();
}

void MeetingHub::CloseAll(const grpc::Status& status) {
  absl::MutexLock lock(&mu_);
  for (UpdateSink* sink : sinks_) sink->Close(status);
}

void MeetingHub::DropStalled(std::chrono::steady_clock::time_point deadline) {
  absl::MutexLock lock(&mu_);
  for (UpdateSink* sink : sinks_) sink->DropIfStalled(deadline);
}

std::vector<MeetingHub::Deadline> MeetingHub::DeadlinesLocked() const {
  std::vector<Deadline> out;
  for (const SpeakersList* list : meeting_->lists()) {
    const auto& current = list->current();
    if (!current || current->timer.state() != SpeakingTimer::State::kRunning) continue;
    auto add = [&](absl::Duration left, v1::TimerSignal::Kind kind) {
      std::optional<absl::Time> at = current->timer.InstantRemaining(left);
      if (!at) return;
      out.push_back({*at, kind, list->item(), current->entry.delegation,
                     absl::StrCat(list->item(), "|", current->entry.id, "|", kind, "|",
                                  absl::ToUnixNanos(*at))});
    };
    if (list->settings().warning > absl::ZeroDuration()) {
      add(list->settings().warning, v1::TimerSignal::WARNING);
    }
    add(absl::ZeroDuration(), v1::TimerSignal::LIMIT);
  }
  return out;
}

void MeetingHub::ArmSoon() {
  boost::asio::post(*io_, [this] { OnTimer(); });
}

void MeetingHub::CheckDeadlines() { ArmSoon(); }

void MeetingHub::OnTimer() {
  std::optional<absl::Time> next;
  absl::Time now;
  {
    absl::MutexLock lock(&mu_);
    now = meeting_->Now();
    std::vector<Deadline> deadlines = DeadlinesLocked();
    std::sort(deadlines.begin(), deadlines.end(),
              [](const Deadline& a, const Deadline& b) { return a.at < b.at; });
    // Signals already sent for deadlines that still apply; others are
    // forgotten (the speaker changed, or time was added).
    absl::flat_hash_set<std::string> signaled;
    for (const Deadline& d : deadlines) {
      if (d.at > now) {
        if (!next) next = d.at;
        continue;
      }
      const bool sent = signaled_.contains(d.key);
      signaled.insert(d.key);
      if (sent) continue;
      v1::Update update;
      update.set_version(meeting_->version());
      TimeToProto(now, update.mutable_server_time());
      v1::TimerSignal* signal = update.mutable_signal();
      signal->set_kind(d.kind);
      signal->set_item(d.item);
      signal->set_delegation(d.delegation);
      TimeToProto(d.at, signal->mutable_deadline());
      PublishLocked(Publish(std::move(update)));
    }
    signaled_ = std::move(signaled);
  }
  timer_.cancel();
  if (!next) return;
  const auto wait = absl::ToChronoNanoseconds(*next - now);
  timer_.expires_after(wait);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) OnTimer();
  });
}

}  // namespace speakers
