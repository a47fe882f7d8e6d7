#ifndef SPEAKERS_SERVER_DOMAIN_EVENT_H_
#define SPEAKERS_SERVER_DOMAIN_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/domain/list_changes.h"
#include "server/domain/list_entry.h"

namespace speakers {

// What happened. One accepted command yields one or more events, all with
// the meeting version the command produced.
enum class EventKind {
  kListOpened,
  kListClosed,
  kListConfigured,
  kInscribed,
  kSpeakerUpdated,
  kWithdrawn,
  kRemoved,
  kFinished,  // a speaker finished; `duration` is the time spoken
  kCalled,    // a speaker has the floor
  kMarkedAbsent,
  kDropped,  // absent and taken off the list
  kMoved,
  kSwapped,
  kReadded,
  kReinstated,  // taken off by the chair, put back with its receipt
  kTimeLimitSet,
  kTimerStarted,
  kTimerPaused,
  kTimerResumed,
  kTimerReset,
  kTimeAdded,
  kReplyRequested,
  kItemChanged,
  kMeetingOpened,
  kMeetingSuspended,
  kMeetingResumed,
  kMeetingAdjourned,
  kNextUndone,  // a call undone: `delegation` back in line,
                // `other_delegation` (if any) has the floor again
  kPointRaised,
  kPointWithdrawn,
  kPointGranted,    // `other_delegation`: the speaker interrupted
  kPointDismissed,  // ruled out by the chair
  kPointEnded,      // `duration`: how long it was heard
  kPointLapsed,     // still waiting when the meeting adjourned
};

// "inscribed", "called", ... (the API's Event.kind).
inline absl::string_view EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kListOpened:
      return "list_opened";
    case EventKind::kListClosed:
      return "list_closed";
    case EventKind::kListConfigured:
      return "list_configured";
    case EventKind::kInscribed:
      return "inscribed";
    case EventKind::kSpeakerUpdated:
      return "speaker_updated";
    case EventKind::kWithdrawn:
      return "withdrawn";
    case EventKind::kRemoved:
      return "removed";
    case EventKind::kFinished:
      return "finished";
    case EventKind::kCalled:
      return "called";
    case EventKind::kMarkedAbsent:
      return "marked_absent";
    case EventKind::kDropped:
      return "dropped";
    case EventKind::kMoved:
      return "moved";
    case EventKind::kSwapped:
      return "swapped";
    case EventKind::kReadded:
      return "readded";
    case EventKind::kReinstated:
      return "reinstated";
    case EventKind::kTimeLimitSet:
      return "time_limit_set";
    case EventKind::kTimerStarted:
      return "timer_started";
    case EventKind::kTimerPaused:
      return "timer_paused";
    case EventKind::kTimerResumed:
      return "timer_resumed";
    case EventKind::kTimerReset:
      return "timer_reset";
    case EventKind::kTimeAdded:
      return "time_added";
    case EventKind::kReplyRequested:
      return "reply_requested";
    case EventKind::kItemChanged:
      return "item_changed";
    case EventKind::kMeetingOpened:
      return "meeting_opened";
    case EventKind::kMeetingSuspended:
      return "meeting_suspended";
    case EventKind::kMeetingResumed:
      return "meeting_resumed";
    case EventKind::kMeetingAdjourned:
      return "meeting_adjourned";
    case EventKind::kNextUndone:
      return "next_undone";
    case EventKind::kPointRaised:
      return "point_raised";
    case EventKind::kPointWithdrawn:
      return "point_withdrawn";
    case EventKind::kPointGranted:
      return "point_granted";
    case EventKind::kPointDismissed:
      return "point_dismissed";
    case EventKind::kPointEnded:
      return "point_ended";
    case EventKind::kPointLapsed:
      return "point_lapsed";
  }
  return "";
}

struct Event {
  uint64_t version = 0;
  absl::Time at;
  EventKind kind = EventKind::kInscribed;
  std::string meeting;
  std::string item;  // empty for meeting-wide events
  std::string delegation;
  std::string other_delegation;  // the partner of a swap
  std::string actor;             // who made the change (for the audit)
  std::optional<Receipt> receipt;
  std::optional<absl::Duration> duration;  // spoken, added or new limit
  int position = 0;                        // moved to / placed at
  std::string
      speaker;  // "H.E. Ms. Jane Doe, Minister of Justice" where one is named
  // One sentence for people: "Austria inscribed (receipt 12)".
  std::string summary;

  friend bool operator==(const Event&, const Event&) = default;
};

// What an accepted command returns.
struct CommandResult {
  uint64_t version = 0;
  std::vector<Event> events;
  // The new or affected entry (inscriptions, replies, re-adds).
  std::optional<Entry> entry;
  // What changed on each list the command touched, in agenda order then
  // the reply list (what a stream sends instead of the lists).
  std::vector<ListChanges> lists;
  // The points of order (queue or the one heard) changed.
  bool points = false;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_EVENT_H_
