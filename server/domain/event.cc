#include "server/domain/event.h"

namespace speakers {

absl::string_view EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kListOpened: return "list_opened";
    case EventKind::kListClosed: return "list_closed";
    case EventKind::kListConfigured: return "list_configured";
    case EventKind::kInscribed: return "inscribed";
    case EventKind::kSpeakerUpdated: return "speaker_updated";
    case EventKind::kWithdrawn: return "withdrawn";
    case EventKind::kRemoved: return "removed";
    case EventKind::kFinished: return "finished";
    case EventKind::kCalled: return "called";
    case EventKind::kMarkedAbsent: return "marked_absent";
    case EventKind::kDropped: return "dropped";
    case EventKind::kMoved: return "moved";
    case EventKind::kSwapped: return "swapped";
    case EventKind::kReadded: return "readded";
    case EventKind::kTimeLimitSet: return "time_limit_set";
    case EventKind::kTimerStarted: return "timer_started";
    case EventKind::kTimerPaused: return "timer_paused";
    case EventKind::kTimerResumed: return "timer_resumed";
    case EventKind::kTimerReset: return "timer_reset";
    case EventKind::kTimeAdded: return "time_added";
    case EventKind::kReplyRequested: return "reply_requested";
    case EventKind::kItemChanged: return "item_changed";
    case EventKind::kMeetingOpened: return "meeting_opened";
    case EventKind::kMeetingSuspended: return "meeting_suspended";
    case EventKind::kMeetingResumed: return "meeting_resumed";
    case EventKind::kMeetingAdjourned: return "meeting_adjourned";
  }
  return "";
}

}  // namespace speakers
