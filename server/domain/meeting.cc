#include "server/domain/meeting.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "text/time_text.h"

namespace speakers {

absl::string_view MeetingStateName(MeetingState state) {
  switch (state) {
    case MeetingState::kNotStarted:
      return "not started";
    case MeetingState::kInSession:
      return "in session";
    case MeetingState::kSuspended:
      return "suspended";
    case MeetingState::kAdjourned:
      return "adjourned";
  }
  return "";
}

// Turns each command into changes of the meeting's lists and the events that
// describe them. Each handler validates everything before it changes
// anything (the list methods it calls do the same).
class Meeting::Applier {
 public:
  Applier(Meeting* meeting, absl::Time now) : m_(*meeting), now_(now) {}

  CommandResult& result() { return result_; }

  absl::Status operator()(const cmd::OpenList& c) {
    return Simple(
        c.list, [&](SpeakersList& l) { return l.Open(now_); },
        EventKind::kListOpened, "list opened");
  }
  absl::Status operator()(const cmd::CloseList& c) {
    return Simple(
        c.list, [&](SpeakersList& l) { return l.Close(now_); },
        EventKind::kListClosed, "list closed");
  }
  absl::Status operator()(const cmd::ConfigureList& c) {
    return Simple(
        c.list, [&](SpeakersList& l) { return l.Configure(c.settings); },
        EventKind::kListConfigured, "list settings changed");
  }

  absl::Status operator()(const cmd::Inscribe& c) {
    absl::StatusOr<SpeakersList*> list = m_.MutableList(c.list.item);
    if (!list.ok()) return list.status();
    if ((*list)->is_reply_list()) {
      return absl::InvalidArgumentError(
          "ask for a right of reply with a reply request, naming the item");
    }
    absl::StatusOr<const speakers::Delegation*> d =
        FindDelegation(c.delegation);
    if (!d.ok()) return d.status();
    SpeakersList::Inscription request{
        *d, c.speaker, c.on_behalf_of, c.by_chair, c.time_limit, "", 0};
    absl::StatusOr<Entry> entry = (*list)->Inscribe(request, now_);
    if (!entry.ok()) return entry.status();
    Event& e =
        Add(EventKind::kInscribed, c.list.item, c.delegation,
            absl::StrCat((*d)->Name(),
                         c.by_chair ? " added by the chair" : " inscribed",
                         " (receipt ", entry->receipt.number, ")"));
    e.receipt = entry->receipt;
    e.position = PositionOf(**list, c.delegation);
    e.speaker = Describe(entry->speaker);
    result_.entry = *std::move(entry);
    return absl::OkStatus();
  }

  absl::Status operator()(const cmd::UpdateSpeaker& c) {
    absl::Status s = Simple(
        c.list,
        [&](SpeakersList& l) {
          return l.UpdateSpeaker(c.delegation, c.speaker, c.on_behalf_of);
        },
        EventKind::kSpeakerUpdated, "speaker changed", c.delegation);
    if (s.ok()) result_.events.back().speaker = Describe(c.speaker);
    return s;
  }
  absl::Status operator()(const cmd::Withdraw& c) {
    return Simple(
        c.list, [&](SpeakersList& l) { return l.Withdraw(c.delegation); },
        EventKind::kWithdrawn, "withdrew", c.delegation);
  }
  absl::Status operator()(const cmd::Remove& c) {
    return Simple(
        c.list, [&](SpeakersList& l) { return l.Remove(c.delegation); },
        EventKind::kRemoved, "removed by the chair", c.delegation);
  }

  absl::Status operator()(const cmd::CallNext& c) {
    absl::StatusOr<SpeakersList*> list = m_.MutableList(c.list.item);
    if (!list.ok()) return list.status();
    if (absl::Status s = RequireInSession(); !s.ok()) return s;
    if (absl::Status s = RequireNoPointHeard(); !s.ok()) return s;
    if (absl::Status s = RequireFloorFree(**list); !s.ok()) return s;
    std::optional<absl::string_view> expected;
    if (c.expected_current) expected = *c.expected_current;
    absl::StatusOr<SpeakersList::Call> call = (*list)->CallNext(now_, expected);
    if (!call.ok()) return call.status();
    if (call->finished) AddFinished(c.list.item, *call->finished);
    if (call->called) {
      Event& e =
          Add(EventKind::kCalled, c.list.item, call->called->delegation,
              absl::StrCat(Name(call->called->delegation), " has the floor"));
      e.duration = (*list)->LimitOf(*call->called);
      e.speaker = Describe(call->called->speaker);
      result_.entry = call->called;
    }
    return absl::OkStatus();
  }

  absl::Status operator()(const cmd::EndStatement& c) {
    absl::StatusOr<SpeakersList*> list = m_.MutableList(c.list.item);
    if (!list.ok()) return list.status();
    absl::StatusOr<SpokenEntry> done = (*list)->EndStatement(now_);
    if (!done.ok()) return done.status();
    AddFinished(c.list.item, *done);
    return absl::OkStatus();
  }

  absl::Status operator()(const cmd::UndoNext& c) {
    absl::StatusOr<SpeakersList*> list = m_.MutableList(c.list.item);
    if (!list.ok()) return list.status();
    if (absl::Status s = RequireNoPointHeard(); !s.ok()) return s;
    // The speaker it gives the floor back to must not make a second floor.
    if (absl::Status s = RequireFloorFree(**list); !s.ok()) return s;
    absl::StatusOr<SpeakersList::Undone> undone = (*list)->UndoNext(
        now_, /*clock_may_run=*/m_.state_ == MeetingState::kInSession);
    if (!undone.ok()) return undone.status();
    std::string summary = "call undone";
    std::string back;
    if (undone->returned) {
      summary = absl::StrCat("call of ", Name(undone->returned->delegation),
                             " undone, back at position ", undone->index + 1);
    }
    if (undone->restored) {
      back = undone->restored->entry.delegation;
      absl::StrAppend(&summary, "; ", Name(back), " has the floor again (",
                      FormatClock(undone->restored->spoken), " used)");
    }
    Event& e =
        Add(EventKind::kNextUndone, c.list.item,
            undone->returned ? undone->returned->delegation : std::string(),
            std::move(summary));
    e.other_delegation = std::move(back);
    if (undone->returned) {
      e.position = static_cast<int>(undone->index + 1);
      result_.entry = undone->returned;
    }
    return absl::OkStatus();
  }

  absl::Status operator()(const cmd::PointOfOrder& c) {
    switch (c.action) {
      case cmd::PointAction::kRaise:
        return RaisePoint(c);
      case cmd::PointAction::kWithdraw:
      case cmd::PointAction::kDismiss: {
        if (c.delegation.empty()) {
          return absl::InvalidArgumentError(
              "name the delegation whose point of order it is");
        }
        absl::StatusOr<RaisedPoint> p =
            m_.points_.Take(c.delegation, Name(c.delegation));
        if (!p.ok()) return p.status();
        const bool dismissed = c.action == cmd::PointAction::kDismiss;
        Add(dismissed ? EventKind::kPointDismissed : EventKind::kPointWithdrawn,
            "", c.delegation,
            absl::StrCat(Name(c.delegation), "'s ", PointKindName(p->kind),
                         dismissed ? " dismissed by the chair" : " withdrawn"));
        return absl::OkStatus();
      }
      case cmd::PointAction::kGrant:
        return GrantPoint(c);
      case cmd::PointAction::kEnd:
        return EndPoint();
    }
    return absl::InvalidArgumentError("unknown point of order action");
  }

  absl::Status operator()(const cmd::MarkAbsent& c) {
    absl::StatusOr<SpeakersList*> list = m_.MutableList(c.list.item);
    if (!list.ok()) return list.status();
    absl::StatusOr<AbsentAction> action = (*list)->MarkAbsent(c.delegation);
    if (!action.ok()) return action.status();
    const bool dropped = *action == AbsentAction::kDrop;
    Event& e = Add(dropped ? EventKind::kDropped : EventKind::kMarkedAbsent,
                   c.list.item, c.delegation,
                   absl::StrCat(Name(c.delegation), " absent, ",
                                AbsentActionName(*action)));
    if (!dropped) e.position = PositionOf(**list, c.delegation);
    return absl::OkStatus();
  }

  absl::Status operator()(const cmd::Move& c) {
    absl::Status s = Simple(
        c.list,
        [&](SpeakersList& l) { return l.Move(c.delegation, c.position); },
        EventKind::kMoved, absl::StrCat("moved to position ", c.position),
        c.delegation);
    if (s.ok()) result_.events.back().position = c.position;
    return s;
  }

  absl::Status operator()(const cmd::Swap& c) {
    absl::Status s = Simple(
        c.list, [&](SpeakersList& l) { return l.Swap(c.first, c.second); },
        EventKind::kSwapped,
        absl::StrCat("exchanged places with ", Name(c.second)), c.first);
    if (s.ok()) result_.events.back().other_delegation = c.second;
    return s;
  }

  absl::Status operator()(const cmd::ReaddLast& c) {
    absl::StatusOr<SpeakersList*> list = m_.MutableList(c.list.item);
    if (!list.ok()) return list.status();
    // The last speaker, next in line.
    const std::vector<SpokenEntry>& spoken = (*list)->spoken();
    if (spoken.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("nobody has spoken yet on ", (*list)->label()));
    }
    absl::StatusOr<Entry> entry = (*list)->PutBack(spoken.back().entry, 1);
    if (!entry.ok()) return entry.status();
    Event& e = Add(EventKind::kReadded, c.list.item, entry->delegation,
                   absl::StrCat(Name(entry->delegation),
                                " put back on the list, next in line"));
    e.position = 1;
    result_.entry = *std::move(entry);
    return absl::OkStatus();
  }

  absl::Status operator()(const cmd::Reinstate& c) {
    absl::StatusOr<SpeakersList*> list = m_.MutableList(c.list.item);
    if (!list.ok()) return list.status();
    absl::StatusOr<std::pair<Entry, int>> put =
        (*list)->Reinstate(c.delegation);
    if (!put.ok()) return put.status();
    auto& [entry, position] = *put;
    Event& e = Add(EventKind::kReinstated, c.list.item, entry.delegation,
                   absl::StrCat(Name(entry.delegation),
                                " put back on the list at position ", position,
                                " (receipt ", entry.receipt.number, ")"));
    e.position = position;
    e.receipt = entry.receipt;
    e.speaker = Describe(entry.speaker);
    result_.entry = std::move(entry);
    return absl::OkStatus();
  }

  absl::Status operator()(const cmd::SetTimeLimit& c) {
    absl::Status s = Simple(
        c.list,
        [&](SpeakersList& l) { return l.SetTimeLimit(c.delegation, c.limit); },
        EventKind::kTimeLimitSet,
        c.limit ? absl::StrCat("speaking time set to ", FormatClock(*c.limit))
                : std::string("speaking time back to the list default"),
        c.delegation);
    if (s.ok()) result_.events.back().duration = c.limit;
    return s;
  }

  absl::Status operator()(const cmd::Timer& c) {
    absl::StatusOr<SpeakersList*> list = m_.MutableList(c.list.item);
    if (!list.ok()) return list.status();
    if (c.action == cmd::TimerAction::kStart ||
        c.action == cmd::TimerAction::kResume) {
      if (absl::Status s = RequireInSession(); !s.ok()) return s;
      if (absl::Status s = RequireNoPointHeard(); !s.ok()) return s;
    }
    SpeakersList& l = **list;
    absl::Status s;
    EventKind kind = EventKind::kTimerStarted;
    absl::string_view what;
    switch (c.action) {
      case cmd::TimerAction::kStart:
        s = l.StartTimer(now_);
        kind = EventKind::kTimerStarted;
        what = "clock started";
        break;
      case cmd::TimerAction::kPause:
        s = l.PauseTimer(now_);
        kind = EventKind::kTimerPaused;
        what = "clock paused";
        break;
      case cmd::TimerAction::kResume:
        s = l.ResumeTimer(now_);
        kind = EventKind::kTimerResumed;
        what = "clock resumed";
        break;
      case cmd::TimerAction::kReset:
        s = l.ResetTimer();
        kind = EventKind::kTimerReset;
        what = "clock reset";
        break;
    }
    if (!s.ok()) return s;
    const std::string& who = l.current()->entry.delegation;
    Add(kind, c.list.item, who, absl::StrCat(Name(who), ": ", what));
    return absl::OkStatus();
  }

  absl::Status operator()(const cmd::AddTime& c) {
    absl::StatusOr<SpeakersList*> list = m_.MutableList(c.list.item);
    if (!list.ok()) return list.status();
    if (absl::Status s = (*list)->AddTime(c.delta); !s.ok()) return s;
    const std::string& who = (*list)->current()->entry.delegation;
    Event& e =
        Add(EventKind::kTimeAdded, c.list.item, who,
            absl::StrCat(Name(who), ": ", FormatClock(c.delta),
                         " added, limit now ",
                         FormatClock((*list)->current()->timer.limit())));
    e.duration = c.delta;
    return absl::OkStatus();
  }

  absl::Status operator()(const cmd::RequestReply& c) {
    if (m_.config_->FindItem(c.item) == nullptr) return UnknownItem(c.item);
    absl::StatusOr<const speakers::Delegation*> d =
        FindDelegation(c.delegation);
    if (!d.ok()) return d.status();
    const ReplyRules& rules = m_.session_->config().reply;
    if (!rules.Allows((*d)->category)) {
      return absl::PermissionDeniedError(absl::StrCat(
          (*d)->Name(), " (", CategoryName((*d)->category),
          ") cannot reply: under the session's rules only ",
          CategoryNames(rules.categories), " may exercise a right of reply"));
    }
    absl::StatusOr<const SpeakersList*> debated = m_.FindList(c.item);
    if (!debated.ok()) return debated.status();
    if ((*debated)->spoken().empty() && !(*debated)->current()) {
      return absl::FailedPreconditionError(
          absl::StrCat("no statement has been made on item ", c.item,
                       "; a right of reply answers a statement"));
    }
    SpeakersList& replies = *m_.reply_list_;
    const int made = replies.RepliesOn(c.delegation, c.item);
    if (made >= rules.max_per_item) {
      return absl::FailedPreconditionError(
          absl::StrCat((*d)->Name(), " has already had ", made, " right",
                       made == 1 ? "" : "s", " of reply on item ", c.item,
                       "; at most ", rules.max_per_item, " are allowed"));
    }
    SpeakersList::Inscription request{
        *d, c.speaker, "", c.by_chair, rules.limits[made], c.item, made + 1};
    absl::StatusOr<Entry> entry = replies.Inscribe(request, now_);
    if (!entry.ok()) return entry.status();
    Event& e = Add(EventKind::kReplyRequested, std::string(kReplyListItem),
                   c.delegation,
                   absl::StrCat((*d)->Name(),
                                c.by_chair ? " given right of reply "
                                           : " asked for right of reply ",
                                made + 1, " on item ", c.item, " (",
                                FormatClock(rules.limits[made]), ")"));
    e.receipt = entry->receipt;
    e.position = PositionOf(replies, c.delegation);
    e.speaker = Describe(entry->speaker);
    result_.entry = *std::move(entry);
    return absl::OkStatus();
  }

  absl::Status operator()(const cmd::SetCurrentItem& c) {
    if (m_.config_->FindItem(c.item) == nullptr) return UnknownItem(c.item);
    if (m_.current_item_ == c.item) {
      return absl::FailedPreconditionError(
          absl::StrCat("item ", c.item, " is already under consideration"));
    }
    m_.current_item_ = c.item;
    Add(EventKind::kItemChanged, c.item, "",
        absl::StrCat("now considering item ", c.item, ": ",
                     m_.config_->FindItem(c.item)->title));
    return absl::OkStatus();
  }

  absl::Status operator()(const cmd::ChangeMeeting& c) {
    using S = MeetingState;
    const S from = m_.state_;
    S to = from;
    EventKind kind = EventKind::kMeetingOpened;
    bool allowed = false;
    switch (c.action) {
      case cmd::MeetingAction::kOpen:
        allowed = from == S::kNotStarted || from == S::kAdjourned;
        to = S::kInSession;
        kind = EventKind::kMeetingOpened;
        break;
      case cmd::MeetingAction::kSuspend:
        allowed = from == S::kInSession;
        to = S::kSuspended;
        kind = EventKind::kMeetingSuspended;
        break;
      case cmd::MeetingAction::kResume:
        // After an adjournment, the next meeting of the body opens.
        allowed = from == S::kSuspended || from == S::kAdjourned;
        to = S::kInSession;
        kind = from == S::kAdjourned ? EventKind::kMeetingOpened
                                     : EventKind::kMeetingResumed;
        break;
      case cmd::MeetingAction::kAdjourn:
        allowed = from == S::kInSession || from == S::kSuspended;
        to = S::kAdjourned;
        kind = EventKind::kMeetingAdjourned;
        break;
    }
    if (!allowed) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the meeting \"", m_.config_->name, "\" is ", MeetingStateName(from),
          "; it cannot be ",
          EventKindName(kind).substr(absl::string_view("meeting_").size())));
    }
    m_.state_ = to;
    Add(kind, "", "", absl::StrCat("meeting ", MeetingStateName(to)));
    if (to != S::kInSession) PauseRunningClocks();
    if (to == S::kAdjourned) LapsePoints();
    return absl::OkStatus();
  }

 private:
  template <typename F>
  absl::Status Simple(const ListTarget& target, F&& change, EventKind kind,
                      absl::string_view what,
                      absl::string_view delegation = "") {
    absl::StatusOr<SpeakersList*> list = m_.MutableList(target.item);
    if (!list.ok()) return list.status();
    if (absl::Status s = change(**list); !s.ok()) return s;
    std::string summary = delegation.empty()
                              ? absl::StrCat((*list)->label(), ": ", what)
                              : absl::StrCat(Name(delegation), " ", what);
    Add(kind, target.item, std::string(delegation), std::move(summary));
    return absl::OkStatus();
  }

  Event& Add(EventKind kind, std::string item, std::string delegation,
             std::string summary) {
    Event e;
    e.kind = kind;
    e.item = std::move(item);
    e.delegation = std::move(delegation);
    e.summary = std::move(summary);
    result_.events.push_back(std::move(e));
    return result_.events.back();
  }

  // "Austria finished after 1:54", with the time spoken.
  void AddFinished(const std::string& item, const SpokenEntry& done) {
    Event& e = Add(EventKind::kFinished, item, done.entry.delegation,
                   absl::StrCat(Name(done.entry.delegation), " finished after ",
                                FormatClock(done.spoken)));
    e.duration = done.spoken;
  }

  absl::Status RequireInSession() const {
    if (m_.state_ == MeetingState::kInSession) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        "the meeting \"", m_.config_->name, "\" is ",
        MeetingStateName(m_.state_),
        m_.state_ == MeetingState::kSuspended ? "; resume it first"
                                              : "; open it first"));
  }

  absl::Status UnknownItem(absl::string_view item) const {
    return m_.UnknownItem(item);
  }

  // One floor per meeting: FAILED_PRECONDITION when someone has the floor
  // on a list other than `list`.
  absl::Status RequireFloorFree(const SpeakersList& list) const {
    const SpeakersList* other = FloorList();
    if (other == nullptr || other == &list) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        Name(other->current()->entry.delegation), " has the floor on ",
        other->label(),
        "; end that statement first (\"End statement\" on the console, or "
        "speakers end --item=\"",
        other->item(), "\")"));
  }

  // "State party, signatory State (rule 14), ...".
  static std::string CategoryNames(const std::vector<Category>& categories) {
    std::vector<std::string> names;
    for (Category c : categories) names.push_back(std::string(CategoryName(c)));
    return names.empty() ? std::string("no delegations")
                         : absl::StrJoin(names, ", ");
  }

  // FAILED_PRECONDITION while a point of order is being heard.
  absl::Status RequireNoPointHeard() const {
    const std::optional<HeardPoint>& heard = m_.points_.heard();
    if (!heard) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        Name(heard->point.delegation), " has the floor on a ",
        PointKindName(heard->point.kind),
        "; end it first (\"End point\" on the console, or speakers "
        "end-point)"));
  }

  // The list whose speaker has the floor, or nullptr.
  const SpeakersList* FloorList() const {
    for (const SpeakersList* list : m_.lists()) {
      if (list->current()) return list;
    }
    return nullptr;
  }

  absl::Status RaisePoint(const cmd::PointOfOrder& c) {
    if (absl::Status s = RequireInSession(); !s.ok()) return s;
    absl::StatusOr<const speakers::Delegation*> d =
        FindDelegation(c.delegation);
    if (!d.ok()) return d.status();
    const PointRules& rules = m_.session_->config().points;
    const absl::string_view what = PointKindName(c.kind);
    if (!rules.Allows((*d)->category)) {
      return absl::PermissionDeniedError(absl::StrCat(
          (*d)->Name(), " (", CategoryName((*d)->category), ") cannot raise a ",
          what, ": under the session's rules only ",
          CategoryNames(rules.categories), " may"));
    }
    if (c.kind == PointKind::kQuestion) {
      if (!m_.config_->questions) {
        return absl::FailedPreconditionError(
            absl::StrCat("questions to the speaker are not taken in \"",
                         m_.config_->name, "\"; raise a point of order"));
      }
      const SpeakersList* floor = FloorList();
      if (floor == nullptr) {
        return absl::FailedPreconditionError(
            "nobody has the floor to put a question to");
      }
      if (floor->current()->entry.delegation == c.delegation) {
        return absl::FailedPreconditionError(
            absl::StrCat((*d)->Name(),
                         " has the floor and cannot put a question to itself"));
      }
    }
    absl::StatusOr<RaisedPoint> p =
        m_.points_.Raise(c.delegation, (*d)->Name(), c.kind, now_);
    if (!p.ok()) return p.status();
    Add(EventKind::kPointRaised, "", c.delegation,
        absl::StrCat((*d)->Name(), " raised a ", what, " (number ", p->id,
                     ")"));
    return absl::OkStatus();
  }

  absl::Status GrantPoint(const cmd::PointOfOrder& c) {
    if (absl::Status s = RequireInSession(); !s.ok()) return s;
    if (absl::Status s = RequireNoPointHeard(); !s.ok()) return s;
    absl::StatusOr<RaisedPoint> p =
        m_.points_.Take(c.delegation, Name(c.delegation));
    if (!p.ok()) return p.status();
    HeardPoint heard{*p, now_, m_.session_->config().points.time_limit, "", 0,
                     "", false};
    std::string interrupted;
    if (const SpeakersList* found = FloorList()) {
      SpeakersList* floor = *m_.MutableList(found->item());
      heard.interrupted_item = floor->item();
      heard.interrupted_entry = floor->current()->entry.id;
      interrupted = floor->current()->entry.delegation;
      heard.interrupted_delegation = interrupted;
      if (floor->current()->timer.state() == SpeakingTimer::State::kRunning &&
          floor->PauseTimer(now_).ok()) {
        heard.resume_clock = true;
        Add(EventKind::kTimerPaused, floor->item(), interrupted,
            absl::StrCat(Name(interrupted), ": clock paused for a ",
                         PointKindName(p->kind)));
      }
    }
    Event& e = Add(
        EventKind::kPointGranted, heard.interrupted_item, p->delegation,
        absl::StrCat(Name(p->delegation), " has the floor on a ",
                     PointKindName(p->kind),
                     interrupted.empty()
                         ? std::string()
                         : absl::StrCat(", interrupting ", Name(interrupted))));
    e.other_delegation = interrupted;
    e.duration = heard.limit;
    m_.points_.Hear(std::move(heard));
    return absl::OkStatus();
  }

  absl::Status EndPoint() {
    absl::StatusOr<HeardPoint> done = m_.points_.EndHeard();
    if (!done.ok()) return done.status();
    EndHeard(*done);
    return absl::OkStatus();
  }

  // The events of a point that ended, and the interrupted speaker's clock
  // running again if it ran before (and the meeting is in session).
  void EndHeard(const HeardPoint& done) {
    const std::string& who = done.point.delegation;
    Event& e =
        Add(EventKind::kPointEnded, done.interrupted_item, who,
            absl::StrCat(Name(who), "'s ", PointKindName(done.point.kind),
                         " ended after ", FormatClock(now_ - done.granted_at)));
    e.duration = now_ - done.granted_at;
    if (!done.resume_clock || m_.state_ != MeetingState::kInSession) return;
    absl::StatusOr<SpeakersList*> list = m_.MutableList(done.interrupted_item);
    if (!list.ok() || !(*list)->current() ||
        (*list)->current()->entry.id != done.interrupted_entry ||
        !(*list)->ResumeTimer(now_).ok()) {
      return;  // that statement ended meanwhile
    }
    const std::string& back = (*list)->current()->entry.delegation;
    Add(EventKind::kTimerResumed, done.interrupted_item, back,
        absl::StrCat(Name(back), " has the floor again: clock resumed"));
  }

  // At an adjournment: the point heard ends, those waiting lapse.
  void LapsePoints() {
    if (m_.points_.heard()) EndHeard(*m_.points_.EndHeard());
    for (const RaisedPoint& p : m_.points_.Lapse()) {
      Add(EventKind::kPointLapsed, "", p.delegation,
          absl::StrCat(Name(p.delegation), "'s ", PointKindName(p.kind),
                       " lapsed: the meeting adjourned"));
    }
  }

  absl::StatusOr<const speakers::Delegation*> FindDelegation(
      absl::string_view code) const {
    const speakers::Delegation* d = m_.session_->FindDelegation(code);
    if (d == nullptr) {
      return absl::NotFoundError(
          absl::StrCat("no delegation with code \"", code,
                       "\" is accredited to the session"));
    }
    return d;
  }

  std::string Name(absl::string_view code) const {
    const speakers::Delegation* d = m_.session_->FindDelegation(code);
    return d == nullptr ? std::string(code) : d->Name();
  }

  static std::string Describe(const Speaker& speaker) {
    return speaker.title.empty()
               ? speaker.name
               : absl::StrCat(speaker.name, ", ", speaker.title);
  }

  static int PositionOf(const SpeakersList& list,
                        absl::string_view delegation) {
    for (size_t i = 0; i < list.waiting().size(); ++i) {
      if (list.waiting()[i].delegation == delegation)
        return static_cast<int>(i + 1);
    }
    return 0;
  }

  void PauseRunningClocks() {
    auto pause = [&](SpeakersList& list) {
      if (list.current() &&
          list.current()->timer.state() == SpeakingTimer::State::kRunning &&
          list.PauseTimer(now_).ok()) {
        const std::string& who = list.current()->entry.delegation;
        Add(EventKind::kTimerPaused, list.item(), who,
            absl::StrCat(Name(who), ": clock paused"));
      }
    };
    for (auto& list : m_.item_lists_) pause(*list);
    pause(*m_.reply_list_);
  }

  Meeting& m_;
  absl::Time now_;
  CommandResult result_;
};

Meeting::Meeting(const Session* session, const MeetingConfig* config,
                 const Clock* clock)
    : session_(session), config_(config), clock_(clock) {
  current_item_ = config_->agenda.front().id;
  for (const AgendaItem& item : config_->agenda) {
    item_lists_.push_back(std::make_unique<SpeakersList>(
        session_, item.id, absl::StrCat("item ", item.id),
        session_->SettingsFor(config_->id, item.id), /*reply_list=*/false));
  }
  ListSettings reply = session_->config().list_defaults;
  // The header shows the first reply's limit (each entry has its own).
  reply.speaking_time = session_->config().reply.limits.front();
  if (reply.warning >= reply.speaking_time)
    reply.warning = absl::ZeroDuration();
  reply.opens_at.reset();
  reply.closes_at.reset();
  reply.policy = PriorityPolicy{PolicyKind::kFirstComeFirstServed, false};
  reply_list_ = std::make_unique<SpeakersList>(
      session_, std::string(kReplyListItem), "the right of reply", reply,
      /*reply_list=*/true);
}

absl::StatusOr<CommandResult> Meeting::Apply(const Command& command,
                                             absl::string_view actor) {
  if (MeetingOf(command) != config_->id) {
    return absl::InvalidArgumentError(
        absl::StrCat("the command is for meeting \"", MeetingOf(command),
                     "\", not \"", config_->id, "\""));
  }
  const absl::Time now = clock_->Now();
  // A list command without an item is for the item under consideration.
  Command resolved = command;
  std::visit(
      [&](auto& c) {
        if constexpr (requires { c.list; }) {
          if (c.list.item.empty()) c.list.item = current_item_;
        }
      },
      resolved);
  Applier applier(this, now);
  if (absl::Status s = std::visit(applier, resolved); !s.ok()) {
    // A refused command changed nothing; nor does it leave a journal.
    for (auto& list : item_lists_) list->TakeChanges();
    reply_list_->TakeChanges();
    points_.TakeChanged();
    return s;
  }
  CommandResult result = std::move(applier.result());
  for (auto& list : item_lists_) {
    if (list->changed()) result.lists.push_back(list->TakeChanges());
  }
  if (reply_list_->changed())
    result.lists.push_back(reply_list_->TakeChanges());
  result.points = points_.TakeChanged();
  result.version = ++version_;
  for (Event& e : result.events) {
    e.version = version_;
    e.at = now;
    e.meeting = config_->id;
    e.actor = std::string(actor);
  }
  return result;
}

absl::StatusOr<SpeakersList*> Meeting::MutableList(absl::string_view item) {
  absl::StatusOr<const SpeakersList*> list = FindList(item);
  if (!list.ok()) return list.status();
  return const_cast<SpeakersList*>(*list);
}

absl::StatusOr<const SpeakersList*> Meeting::FindList(
    absl::string_view item) const {
  if (item == kReplyListItem) return reply_list_.get();
  for (const auto& list : item_lists_) {
    if (list->item() == item) return list.get();
  }
  return UnknownItem(item);
}

absl::Status Meeting::UnknownItem(absl::string_view item) const {
  std::vector<std::string> ids;
  for (const AgendaItem& a : config_->agenda) ids.push_back(a.id);
  return absl::NotFoundError(
      absl::StrCat("no item \"", item, "\" on the agenda of \"", config_->name,
                   "\"; its items are ", absl::StrJoin(ids, ", ")));
}

std::vector<const SpeakersList*> Meeting::lists() const {
  std::vector<const SpeakersList*> out;
  for (const auto& list : item_lists_) out.push_back(list.get());
  out.push_back(reply_list_.get());
  return out;
}

absl::Duration Meeting::TimeUsedBy(absl::string_view delegation) const {
  absl::Duration used;
  for (const SpeakersList* list : lists()) used += list->TimeUsedBy(delegation);
  return used;
}

absl::Status Meeting::CheckInvariants() const {
  const SpeakersList* floor = nullptr;
  for (const SpeakersList* list : lists()) {
    if (absl::Status s = list->CheckInvariants(); !s.ok()) return s;
    if (!list->current()) continue;
    if (floor != nullptr) {
      return absl::InternalError(
          absl::StrCat("two floors: ", floor->label(), " and ", list->label()));
    }
    floor = list;
  }
  if (absl::Status s = points_.CheckInvariants(); !s.ok()) return s;
  if (points_.heard() && floor != nullptr &&
      floor->current()->timer.state() == SpeakingTimer::State::kRunning) {
    return absl::InternalError(
        absl::StrCat("a clock runs on ", floor->label(),
                     " while a point of order is heard"));
  }
  return absl::OkStatus();
}

absl::Status Meeting::TakeStateOf(Meeting&& rebuilt) {
  if (rebuilt.session_ != session_ || rebuilt.config_ != config_ ||
      rebuilt.item_lists_.size() != item_lists_.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "meeting \"", rebuilt.id(), "\" cannot replace the state of meeting \"",
        id(), "\": they are not the same meeting of the same session"));
  }
  state_ = rebuilt.state_;
  current_item_ = std::move(rebuilt.current_item_);
  version_ = rebuilt.version_;
  for (size_t i = 0; i < item_lists_.size(); ++i) {
    *item_lists_[i] = std::move(*rebuilt.item_lists_[i]);
  }
  *reply_list_ = std::move(*rebuilt.reply_list_);
  points_ = std::move(rebuilt.points_);
  points_.TakeChanged();
  for (auto& list : item_lists_) list->TakeChanges();
  reply_list_->TakeChanges();
  return absl::OkStatus();
}

}  // namespace speakers
