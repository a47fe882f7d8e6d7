#ifndef SPEAKERS_SERVER_DOMAIN_EVENT_H_
#define SPEAKERS_SERVER_DOMAIN_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/time/time.h"
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
  kFinished,     // a speaker finished; `duration` is the time spoken
  kCalled,       // a speaker has the floor
  kMarkedAbsent,
  kDropped,      // absent and taken off the list
  kMoved,
  kSwapped,
  kReadded,
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
};

// "inscribed", "called", ...
absl::string_view EventKindName(EventKind kind);

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
  std::string speaker;  // "H.E. Ms. Jane Doe, Minister of Justice" where one is named
  // One sentence for people: "Austria inscribed (receipt 12)".
  std::string summary;
};

// What an accepted command returns.
struct CommandResult {
  uint64_t version = 0;
  std::vector<Event> events;
  // The new or affected entry (inscriptions, replies, re-adds).
  std::optional<Entry> entry;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_EVENT_H_
