#include "server/domain/speakers_list.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "text/time_text.h"

namespace speakers {
namespace {

std::pair<int, uint64_t> KeyOf(const Entry& e) {
  return {e.tier, e.receipt.number};
}

}  // namespace

absl::string_view ListStatusName(ListStatus status) {
  switch (status) {
    case ListStatus::kNotYetOpen:
      return "not yet open";
    case ListStatus::kOpen:
      return "open";
    case ListStatus::kClosed:
      return "closed";
  }
  return "";
}

SpeakersList::SpeakersList(const Session* session, std::string item,
                           std::string label, ListSettings settings,
                           bool reply_list)
    : session_(session),
      item_(std::move(item)),
      label_(std::move(label)),
      settings_(std::move(settings)),
      reply_list_(reply_list) {}

ListChanges SpeakersList::TakeChanges() {
  ListChanges out = std::move(changes_);
  changes_ = ListChanges();
  out.item = item_;
  return out;
}

void SpeakersList::Record(WaitingOp::Kind kind, uint64_t id, size_t index,
                          bool placed_by_chair) {
  changes_.waiting.push_back(WaitingOp{kind, id, index, placed_by_chair});
}

std::string SpeakersList::NameOf(absl::string_view delegation) const {
  const Delegation* d = session_->FindDelegation(delegation);
  return d == nullptr ? std::string(delegation) : d->Name();
}

ListStatus SpeakersList::Status(absl::Time now) const {
  if (manual_state_ == ManualState::kOpenedByChair) return ListStatus::kOpen;
  if (manual_state_ == ManualState::kClosedByChair) return ListStatus::kClosed;
  if (settings_.opens_at && now < *settings_.opens_at)
    return ListStatus::kNotYetOpen;
  if (settings_.closes_at && now >= *settings_.closes_at)
    return ListStatus::kClosed;
  return ListStatus::kOpen;
}

absl::Status SpeakersList::CheckAccepting(absl::Time now) const {
  switch (Status(now)) {
    case ListStatus::kOpen:
      return absl::OkStatus();
    case ListStatus::kNotYetOpen:
      return absl::FailedPreconditionError(
          absl::StrCat("the list for ", label_, " opens at ",
                       session_->FormatTime(*settings_.opens_at),
                       "; inscriptions are accepted from then"));
    case ListStatus::kClosed:
      if (manual_state_ == ManualState::kClosedByChair) {
        return absl::FailedPreconditionError(absl::StrCat(
            "the list for ", label_, " was closed by the chair at ",
            session_->FormatTime(manual_at_),
            "; only the chair can add speakers now"));
      }
      return absl::FailedPreconditionError(
          absl::StrCat("the list for ", label_, " closed at ",
                       session_->FormatTime(*settings_.closes_at),
                       "; only the chair can add speakers now"));
  }
  return absl::OkStatus();
}

int SpeakersList::TierOf(const Entry& entry) const {
  return settings_.policy.TierOf(entry.speaker.rank, entry.category,
                                 !entry.on_behalf_of.empty());
}

absl::Duration SpeakersList::LimitOf(const Entry& entry) const {
  if (entry.time_limit) return *entry.time_limit;
  if (!entry.on_behalf_of.empty() && settings_.group_time)
    return *settings_.group_time;
  if (entry.category != Category::kStateParty && settings_.observer_time)
    return *settings_.observer_time;
  return settings_.speaking_time;
}

std::optional<size_t> SpeakersList::FindSameWaiting(
    absl::string_view delegation, absl::string_view reply_item) const {
  if (!reply_list_) return FindWaiting(delegation);
  for (size_t i = 0; i < waiting_.size(); ++i) {
    if (waiting_[i].delegation == delegation &&
        waiting_[i].reply_item == reply_item) {
      return i;
    }
  }
  return std::nullopt;
}

std::optional<size_t> SpeakersList::FindWaiting(
    absl::string_view delegation) const {
  for (size_t i = 0; i < waiting_.size(); ++i) {
    if (waiting_[i].delegation == delegation) return i;
  }
  return std::nullopt;
}

bool SpeakersList::IsCurrent(absl::string_view delegation) const {
  return current_ && current_->entry.delegation == delegation;
}

absl::StatusOr<size_t> SpeakersList::RequireWaiting(
    absl::string_view delegation) const {
  if (std::optional<size_t> i = FindWaiting(delegation)) return *i;
  if (IsCurrent(delegation)) {
    return absl::FailedPreconditionError(
        absl::StrCat(NameOf(delegation), " has the floor on ", label_,
                     "; call the next speaker to end the statement"));
  }
  return absl::NotFoundError(absl::StrCat(
      NameOf(delegation), " is not waiting on the list for ", label_));
}

absl::Status SpeakersList::RequireCurrent() const {
  if (current_) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "nobody has the floor on ", label_, "; call the next speaker first"));
}

size_t SpeakersList::InsertionIndex(int tier, uint64_t receipt) const {
  const std::pair<int, uint64_t> key{tier, receipt};
  for (size_t i = 0; i < waiting_.size(); ++i) {
    if (!waiting_[i].placed_by_chair && KeyOf(waiting_[i]) > key) return i;
  }
  return waiting_.size();
}

size_t SpeakersList::EndOfTierIndex(int tier) const {
  // Behind the last entry of the same tier; with none, before the first
  // unplaced entry of a later tier; with none, at the end.
  for (size_t i = waiting_.size(); i > 0; --i) {
    if (waiting_[i - 1].tier == tier) return i;
  }
  for (size_t i = 0; i < waiting_.size(); ++i) {
    if (!waiting_[i].placed_by_chair && waiting_[i].tier > tier) return i;
  }
  return waiting_.size();
}

absl::StatusOr<Entry> SpeakersList::Inscribe(const Inscription& request,
                                             absl::Time now) {
  const Delegation& delegation = *request.delegation;
  const Speaker speaker = Normalized(request.speaker);
  const std::string group = CollapseSpaces(request.on_behalf_of);
  if (absl::Status s = ValidateSpeaker(speaker); !s.ok()) return s;
  if (absl::Status s = ValidateGroupName(group); !s.ok()) return s;
  if (request.time_limit) {
    if (absl::Status s =
            ValidateSpeakingTime(*request.time_limit, "speaking time");
        !s.ok()) {
      return s;
    }
  }
  if (!request.by_chair) {
    if (absl::Status s = CheckAccepting(now); !s.ok()) return s;
  }
  if (reply_list_) {
    // One reply per item at a time; replies on several items may wait.
    if (std::optional<size_t> i =
            FindSameWaiting(delegation.code, request.reply_item)) {
      const Entry& e = waiting_[*i];
      return absl::AlreadyExistsError(absl::StrCat(
          delegation.Name(), " already has a right of reply waiting on item ",
          e.reply_item, " (receipt ", e.receipt.number, ", position ", *i + 1,
          ")"));
    }
    if (current_ && current_->entry.delegation == delegation.code &&
        current_->entry.reply_item == request.reply_item) {
      return absl::AlreadyExistsError(absl::StrCat(delegation.Name(),
                                                   " is replying on item ",
                                                   request.reply_item, " now"));
    }
  } else if (std::optional<size_t> i = FindWaiting(delegation.code)) {
    return absl::AlreadyExistsError(absl::StrCat(
        delegation.Name(), " is already on the list for ", label_, " (receipt ",
        waiting_[*i].receipt.number, ", position ", *i + 1, ")"));
  }
  if (!reply_list_ && IsCurrent(delegation.code)) {
    return absl::AlreadyExistsError(
        absl::StrCat(delegation.Name(), " has the floor on ", label_));
  }
  if (!reply_list_ && !request.by_chair) {
    for (const SpokenEntry& s : spoken_) {
      if (s.entry.delegation == delegation.code) {
        return absl::AlreadyExistsError(
            absl::StrCat(delegation.Name(), " has already spoken on ", label_,
                         "; the chair can give it the floor again"));
      }
    }
  }
  Entry entry;
  entry.id = next_entry_id_;
  entry.delegation = delegation.code;
  entry.category = delegation.category;
  entry.speaker = speaker;
  entry.on_behalf_of = group;
  entry.receipt = Receipt{next_receipt_, now};
  entry.added_by_chair = request.by_chair;
  entry.time_limit = request.time_limit;
  entry.reply_item = request.reply_item;
  entry.reply_number = request.reply_number;
  entry.tier = TierOf(entry);
  ++next_entry_id_;
  ++next_receipt_;
  const size_t at = InsertionIndex(entry.tier, entry.receipt.number);
  waiting_.insert(waiting_.begin() + at, entry);
  Record(WaitingOp::Kind::kInsert, entry.id, at);
  return entry;
}

absl::Status SpeakersList::UpdateSpeaker(absl::string_view delegation,
                                         const Speaker& given,
                                         const std::string& given_group) {
  const Speaker speaker = Normalized(given);
  const std::string on_behalf_of = CollapseSpaces(given_group);
  if (absl::Status s = ValidateSpeaker(speaker); !s.ok()) return s;
  if (absl::Status s = ValidateGroupName(on_behalf_of); !s.ok()) return s;
  if (IsCurrent(delegation)) {
    current_->entry.speaker = speaker;
    current_->entry.on_behalf_of = on_behalf_of;
    current_->entry.tier = TierOf(current_->entry);
    changes_.floor = true;
    return absl::OkStatus();
  }
  std::optional<size_t> i = FindWaiting(delegation);
  if (!i) {
    return absl::NotFoundError(
        absl::StrCat(NameOf(delegation), " is not on the list for ", label_));
  }
  Entry entry = waiting_[*i];
  entry.speaker = speaker;
  entry.on_behalf_of = on_behalf_of;
  entry.tier = TierOf(entry);
  const uint64_t id = entry.id;
  Record(WaitingOp::Kind::kUpdate, id);
  if (entry.placed_by_chair || entry.tier == waiting_[*i].tier) {
    waiting_[*i] = std::move(entry);
    return absl::OkStatus();
  }
  waiting_.erase(waiting_.begin() + *i);
  const size_t at = InsertionIndex(entry.tier, entry.receipt.number);
  waiting_.insert(waiting_.begin() + at, std::move(entry));
  Record(WaitingOp::Kind::kMove, id, at, /*placed_by_chair=*/false);
  return absl::OkStatus();
}

absl::Status SpeakersList::Withdraw(absl::string_view delegation) {
  absl::StatusOr<size_t> i = RequireWaiting(delegation);
  if (!i.ok()) return i.status();
  Record(WaitingOp::Kind::kRemove, waiting_[*i].id);
  waiting_.erase(waiting_.begin() + *i);
  return absl::OkStatus();
}

absl::Status SpeakersList::Remove(absl::string_view delegation) {
  absl::StatusOr<size_t> i = RequireWaiting(delegation);
  if (!i.ok()) return i.status();
  KeepTakenOff(waiting_[*i], *i);
  Record(WaitingOp::Kind::kRemove, waiting_[*i].id);
  waiting_.erase(waiting_.begin() + *i);
  return absl::OkStatus();
}

void SpeakersList::KeepTakenOff(const Entry& entry, size_t index) {
  // One per delegation and item replied on: the latest.
  std::erase_if(taken_off_, [&](const TakenOff& t) {
    return t.entry.delegation == entry.delegation &&
           t.entry.reply_item == entry.reply_item;
  });
  taken_off_.push_back(TakenOff{entry, index});
}

absl::StatusOr<std::pair<Entry, int>> SpeakersList::Reinstate(
    absl::string_view delegation) {
  auto it = std::find_if(
      taken_off_.rbegin(), taken_off_.rend(),
      [&](const TakenOff& t) { return t.entry.delegation == delegation; });
  if (it == taken_off_.rend()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the chair has taken no entry of ", NameOf(delegation),
                     " off the list for ", label_, " that could be put back"));
  }
  const int position =
      static_cast<int>(std::min(it->index, waiting_.size())) + 1;
  absl::StatusOr<Entry> entry = PutBack(it->entry, position);
  if (!entry.ok()) return entry.status();
  taken_off_.erase(std::next(it).base());
  return std::make_pair(*std::move(entry), position);
}

absl::StatusOr<SpeakersList::Call> SpeakersList::CallNext(
    absl::Time now, std::optional<absl::string_view> expected_current) {
  if (expected_current) {
    const absl::string_view actual =
        current_ ? absl::string_view(current_->entry.delegation)
                 : absl::string_view();
    if (*expected_current != actual) {
      return absl::FailedPreconditionError(
          absl::StrCat("the floor has already moved on: ",
                       current_ ? absl::StrCat(NameOf(actual), " has the floor")
                                : std::string("nobody has the floor"),
                       " on ", label_, "; refresh and call again if needed"));
    }
  }
  if (!current_ && waiting_.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("nobody is waiting on the list for ", label_));
  }
  Call call;
  LastCall undo;
  if (current_) {
    const SpeakingTimer& t = current_->timer;
    undo.previous_running = t.state() == SpeakingTimer::State::kRunning;
    undo.previous = *current_;
    undo.previous->timer = SpeakingTimer::Restore(
        undo.previous_running ? SpeakingTimer::State::kPaused : t.state(),
        t.limit(), t.Elapsed(now), absl::InfinitePast());
    call.finished = Finish(now);
  }
  changes_.floor = true;
  if (!waiting_.empty()) {
    Entry next = std::move(waiting_.front());
    Record(WaitingOp::Kind::kRemove, next.id);
    waiting_.erase(waiting_.begin());
    current_ = CurrentSpeaker{next, SpeakingTimer(LimitOf(next)), now};
    call.called = std::move(next);
  }
  last_call_ = std::move(undo);
  changes_.undo = true;
  return call;
}

absl::StatusOr<SpeakersList::Undone> SpeakersList::UndoNext(
    absl::Time now, bool clock_may_run) {
  if (!last_call_) {
    return absl::FailedPreconditionError(absl::StrCat(
        "there is no call to undo on ", label_,
        ": nobody has been called, or the floor has changed since"));
  }
  const std::optional<CurrentSpeaker>& previous = last_call_->previous;
  if (previous) {
    const Entry& p = previous->entry;
    if (FindSameWaiting(p.delegation, p.reply_item)) {
      return absl::FailedPreconditionError(
          absl::StrCat(NameOf(p.delegation), " is on the list for ", label_,
                       " again; take that entry off before undoing the call"));
    }
    if (spoken_.empty() || spoken_.back().entry.id != p.id) {
      return absl::InternalError("the statement to take back is not the last");
    }
  }
  Undone undone;
  if (current_) {
    Entry entry = std::move(current_->entry);
    current_.reset();
    entry.tier = TierOf(entry);  // the policy may have changed since
    undone.index = entry.placed_by_chair
                       ? 0
                       : InsertionIndex(entry.tier, entry.receipt.number);
    waiting_.insert(waiting_.begin() + undone.index, entry);
    Record(WaitingOp::Kind::kInsert, entry.id, undone.index);
    undone.returned = std::move(entry);
  }
  if (previous) {
    undone.restored = std::move(spoken_.back());
    spoken_.pop_back();
    changes_.unspoken = true;
    CurrentSpeaker back = *previous;
    back.entry.tier = TierOf(back.entry);
    if (last_call_->previous_running && clock_may_run) {
      back.timer = SpeakingTimer::Restore(SpeakingTimer::State::kRunning,
                                          back.timer.limit(),
                                          back.timer.accumulated(), now);
    }
    current_ = std::move(back);
  }
  changes_.floor = true;
  ForgetCall();
  return undone;
}

void SpeakersList::ForgetCall() {
  if (!last_call_) return;
  last_call_.reset();
  changes_.undo = true;
}

SpokenEntry SpeakersList::Finish(absl::Time now) {
  SpokenEntry done{current_->entry, current_->called_at, now,
                   current_->timer.Elapsed(now)};
  spoken_.push_back(done);
  current_.reset();
  ForgetCall();
  changes_.spoken = true;
  changes_.floor = true;
  return done;
}

absl::StatusOr<SpokenEntry> SpeakersList::EndStatement(absl::Time now) {
  if (!current_) {
    return absl::FailedPreconditionError(
        absl::StrCat("nobody has the floor on ", label_));
  }
  return Finish(now);
}

absl::StatusOr<AbsentAction> SpeakersList::MarkAbsent(
    absl::string_view delegation) {
  Entry entry;
  size_t taken_from = 0;  // a speaker who had the floor comes back first
  const bool was_current = IsCurrent(delegation);
  if (was_current) {
    entry = current_->entry;
    current_.reset();
    ForgetCall();
    changes_.floor = true;
  } else {
    std::optional<size_t> i = FindWaiting(delegation);
    if (!i) {
      return absl::NotFoundError(
          absl::StrCat(NameOf(delegation), " is not on the list for ", label_));
    }
    entry = waiting_[*i];
    waiting_.erase(waiting_.begin() + *i);
    taken_from = *i;
  }
  const uint64_t id = entry.id;
  if (settings_.absent == AbsentAction::kMoveToEndOfTier) {
    entry.placed_by_chair = true;
    const size_t at = EndOfTierIndex(entry.tier);
    waiting_.insert(waiting_.begin() + at, std::move(entry));
    if (was_current) {
      Record(WaitingOp::Kind::kInsert, id, at);
    } else {
      Record(WaitingOp::Kind::kMove, id, at, /*placed_by_chair=*/true);
    }
  } else {
    if (!was_current) Record(WaitingOp::Kind::kRemove, id);
    KeepTakenOff(entry, taken_from);
  }
  return settings_.absent;
}

absl::Status SpeakersList::NoSuchPosition(int position) const {
  return absl::InvalidArgumentError(absl::StrCat(
      "position ", position, " does not exist; the list for ", label_, " has ",
      waiting_.size(), " waiting speaker", waiting_.size() == 1 ? "" : "s"));
}

absl::Status SpeakersList::Move(absl::string_view delegation, int position) {
  absl::StatusOr<size_t> i = RequireWaiting(delegation);
  if (!i.ok()) return i.status();
  if (position < 1 || static_cast<size_t>(position) > waiting_.size()) {
    return NoSuchPosition(position);
  }
  const size_t to = static_cast<size_t>(position - 1);
  if (to == *i) {
    return absl::FailedPreconditionError(
        absl::StrCat(NameOf(delegation), " is already at position ", position));
  }
  Entry entry = std::move(waiting_[*i]);
  entry.placed_by_chair = true;
  Record(WaitingOp::Kind::kMove, entry.id, to, /*placed_by_chair=*/true);
  waiting_.erase(waiting_.begin() + *i);
  waiting_.insert(waiting_.begin() + to, std::move(entry));
  return absl::OkStatus();
}

absl::Status SpeakersList::Swap(absl::string_view first,
                                absl::string_view second) {
  if (first == second) {
    return absl::InvalidArgumentError(
        "name two different delegations to exchange places");
  }
  absl::StatusOr<size_t> a = RequireWaiting(first);
  if (!a.ok()) return a.status();
  absl::StatusOr<size_t> b = RequireWaiting(second);
  if (!b.ok()) return b.status();
  // As two moves: the first entry to the second's place, then the second
  // to the first's.
  Record(WaitingOp::Kind::kMove, waiting_[*a].id, *b, /*placed_by_chair=*/true);
  Record(WaitingOp::Kind::kMove, waiting_[*b].id, *a, /*placed_by_chair=*/true);
  std::swap(waiting_[*a], waiting_[*b]);
  waiting_[*a].placed_by_chair = true;
  waiting_[*b].placed_by_chair = true;
  return absl::OkStatus();
}

absl::StatusOr<Entry> SpeakersList::PutBack(const Entry& former, int position) {
  if (IsCurrent(former.delegation) || FindWaiting(former.delegation)) {
    return absl::AlreadyExistsError(absl::StrCat(
        NameOf(former.delegation), " is already on the list for ", label_));
  }
  if (position < 1 || static_cast<size_t>(position) > waiting_.size() + 1) {
    return NoSuchPosition(position);
  }
  Entry entry = former;
  ForgetCall();  // the statement it may take back is on the list again
  entry.id = next_entry_id_++;
  entry.placed_by_chair = true;
  entry.tier = TierOf(entry);  // the policy may have changed since
  waiting_.insert(waiting_.begin() + (position - 1), entry);
  Record(WaitingOp::Kind::kInsert, entry.id, position - 1);
  return entry;
}

absl::Status SpeakersList::SetTimeLimit(absl::string_view delegation,
                                        std::optional<absl::Duration> limit) {
  if (limit) {
    if (absl::Status s = ValidateSpeakingTime(*limit, "speaking time"); !s.ok())
      return s;
  }
  if (IsCurrent(delegation)) {
    current_->entry.time_limit = limit;
    current_->timer.SetLimit(LimitOf(current_->entry));
    changes_.floor = true;
    return absl::OkStatus();
  }
  std::optional<size_t> i = FindWaiting(delegation);
  if (!i) {
    return absl::NotFoundError(
        absl::StrCat(NameOf(delegation), " is not on the list for ", label_));
  }
  waiting_[*i].time_limit = limit;
  Record(WaitingOp::Kind::kUpdate, waiting_[*i].id);
  return absl::OkStatus();
}

absl::Status SpeakersList::StartTimer(absl::Time now) {
  if (absl::Status s = RequireCurrent(); !s.ok()) return s;
  absl::Status s = current_->timer.Start(now);
  if (s.ok()) changes_.clock = true;
  return s;
}

absl::Status SpeakersList::PauseTimer(absl::Time now) {
  if (absl::Status s = RequireCurrent(); !s.ok()) return s;
  absl::Status s = current_->timer.Pause(now);
  if (s.ok()) changes_.clock = true;
  return s;
}

absl::Status SpeakersList::ResumeTimer(absl::Time now) {
  if (absl::Status s = RequireCurrent(); !s.ok()) return s;
  absl::Status s = current_->timer.Resume(now);
  if (s.ok()) changes_.clock = true;
  return s;
}

absl::Status SpeakersList::ResetTimer() {
  if (absl::Status s = RequireCurrent(); !s.ok()) return s;
  current_->timer.Reset();
  changes_.clock = true;
  return absl::OkStatus();
}

absl::Status SpeakersList::AddTime(absl::Duration delta) {
  if (absl::Status s = RequireCurrent(); !s.ok()) return s;
  if (delta == absl::ZeroDuration() ||
      absl::AbsDuration(delta) > absl::Hours(1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("add between -1:00:00 and 1:00:00 (not zero); ",
                     FormatClock(delta), " was given"));
  }
  if (current_->timer.limit() + delta > kMaxSpeakingTime) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the limit would be ", FormatClock(current_->timer.limit() + delta),
        "; at most ", FormatClock(kMaxSpeakingTime), " is allowed"));
  }
  absl::Status s = current_->timer.AddTime(delta);
  if (s.ok()) changes_.clock = true;
  return s;
}

absl::Status SpeakersList::Open(absl::Time now) {
  // Opening a list that is open on schedule keeps it open past its close.
  if (manual_state_ == ManualState::kOpenedByChair) {
    return absl::FailedPreconditionError(
        absl::StrCat("the list for ", label_, " is already open"));
  }
  manual_state_ = ManualState::kOpenedByChair;
  manual_at_ = now;
  changes_.header = true;
  return absl::OkStatus();
}

absl::Status SpeakersList::Close(absl::Time now) {
  // Closing a list before it opens on schedule keeps it closed.
  if (manual_state_ == ManualState::kClosedByChair) {
    return absl::FailedPreconditionError(
        absl::StrCat("the list for ", label_, " is already closed"));
  }
  manual_state_ = ManualState::kClosedByChair;
  manual_at_ = now;
  changes_.header = true;
  return absl::OkStatus();
}

absl::Status SpeakersList::Configure(const ListSettings& settings) {
  if (absl::Status s = settings.Validate(); !s.ok()) return s;
  settings_ = settings;
  if (current_) current_->entry.tier = TierOf(current_->entry);
  for (Entry& e : waiting_) e.tier = TierOf(e);
  SortUnplaced();
  changes_.header = true;
  changes_.waiting_reset = true;
  if (current_) changes_.floor = true;  // its tier, its clock's warning
  return absl::OkStatus();
}

void SpeakersList::SortUnplaced() {
  std::vector<size_t> slots;
  std::vector<Entry> unplaced;
  for (size_t i = 0; i < waiting_.size(); ++i) {
    if (!waiting_[i].placed_by_chair) {
      slots.push_back(i);
      unplaced.push_back(waiting_[i]);
    }
  }
  std::sort(unplaced.begin(), unplaced.end(),
            [](const Entry& a, const Entry& b) { return KeyOf(a) < KeyOf(b); });
  for (size_t k = 0; k < slots.size(); ++k)
    waiting_[slots[k]] = std::move(unplaced[k]);
}

absl::StatusOr<Expectation> SpeakersList::ExpectationOf(
    absl::string_view delegation, absl::Time now) const {
  if (IsCurrent(delegation)) return Expectation{0, absl::ZeroDuration(), now};
  std::optional<size_t> i = FindWaiting(delegation);
  if (!i) {
    return absl::NotFoundError(
        absl::StrCat(NameOf(delegation), " is not on the list for ", label_));
  }
  const absl::Duration wait = ExpectedWaits(now)[*i];
  return Expectation{*i + 1, wait, now + wait};
}

std::vector<absl::Duration> SpeakersList::ExpectedWaits(absl::Time now) const {
  std::vector<absl::Duration> waits;
  waits.reserve(waiting_.size());
  absl::Duration wait =
      current_ ? std::max(absl::ZeroDuration(), current_->timer.Remaining(now))
               : absl::ZeroDuration();
  for (const Entry& e : waiting_) {
    waits.push_back(wait);
    wait += LimitOf(e);
  }
  return waits;
}

int SpeakersList::RepliesOn(absl::string_view delegation,
                            absl::string_view item) const {
  // By receipt: a reply the chair put back on the list is still one reply.
  std::set<uint64_t> receipts;
  auto count = [&](const Entry& e) {
    if (e.delegation == delegation && e.reply_item == item)
      receipts.insert(e.receipt.number);
  };
  for (const SpokenEntry& s : spoken_) count(s.entry);
  if (current_) count(current_->entry);
  for (const Entry& e : waiting_) count(e);
  return static_cast<int>(receipts.size());
}

absl::Duration SpeakersList::TimeUsedBy(absl::string_view delegation) const {
  absl::Duration used;
  for (const SpokenEntry& s : spoken_) {
    if (s.entry.delegation == delegation) used += s.spoken;
  }
  return used;
}

absl::Status SpeakersList::CheckInvariants() const {
  std::set<std::string> active;
  std::set<uint64_t> ids;
  std::set<uint64_t> receipts;
  auto check = [&](const Entry& e) -> absl::Status {
    const std::string key = reply_list_
                                ? absl::StrCat(e.delegation, "\n", e.reply_item)
                                : e.delegation;
    if (!active.insert(key).second) {
      return absl::InternalError(
          absl::StrCat(e.delegation, " is on ", label_, " twice"));
    }
    if (!ids.insert(e.id).second || e.id >= next_entry_id_) {
      return absl::InternalError(
          absl::StrCat("entry id ", e.id, " is not unique"));
    }
    if (e.receipt.number == 0 || e.receipt.number >= next_receipt_ ||
        !receipts.insert(e.receipt.number).second) {
      return absl::InternalError(
          absl::StrCat("receipt ", e.receipt.number, " is wrong"));
    }
    if (e.tier != TierOf(e)) {
      return absl::InternalError(
          absl::StrCat(e.delegation, " has a stale tier"));
    }
    return absl::OkStatus();
  };
  if (current_) {
    if (absl::Status s = check(current_->entry); !s.ok()) return s;
  }
  const Entry* previous = nullptr;
  for (const Entry& e : waiting_) {
    if (absl::Status s = check(e); !s.ok()) return s;
    if (e.placed_by_chair) continue;
    if (previous != nullptr && KeyOf(*previous) > KeyOf(e)) {
      return absl::InternalError(
          absl::StrCat(e.delegation, " is out of order on ", label_));
    }
    previous = &e;
  }
  return absl::OkStatus();
}

}  // namespace speakers
