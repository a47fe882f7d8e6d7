#ifndef SPEAKERS_SERVER_DOMAIN_MEETING_H_
#define SPEAKERS_SERVER_DOMAIN_MEETING_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/domain/clock.h"
#include "server/domain/command.h"
#include "server/domain/event.h"
#include "server/domain/points_of_order.h"
#include "server/domain/session.h"
#include "server/domain/speakers_list.h"

namespace speakers {

// The meeting's own state machine:
//   not started --open--> in session <--suspend/resume--> suspended
//   in session | suspended --adjourn--> adjourned --open/resume--> in session
// (after an adjournment, resume opens the body's next meeting). One floor:
// at most one speaker has the floor across all of a meeting's lists, the
// reply list included; calling on another list while someone speaks is
// refused, and ending a statement is explicit (EndStatement). A point of
// order granted by the chair takes the floor from the current speaker,
// whose clock pauses, and gives it back when the chair ends it; while it is
// heard nobody can be called and no list's clock can run. Adjourning lapses
// the points still waiting and ends the one heard.
// Calling a speaker and running the clock need the meeting in session;
// suspending or adjourning pauses a running clock.
enum class MeetingState { kNotStarted, kInSession, kSuspended, kAdjourned };

// "not started", "in session", "suspended", "adjourned".
absl::string_view MeetingStateName(MeetingState state);

// One meeting (plenary, expert meeting, ...): its agenda, one list of
// speakers per agenda item, a right-of-reply list, and a version that grows
// by one with every accepted command.
//
// Not thread-safe: the service runs one writer per meeting.
class Meeting {
 public:
  // `session` and `clock` must outlive the meeting; `config` is one of the
  // session's meetings.
  Meeting(const Session* session, const MeetingConfig* config,
          const Clock* clock);

  Meeting(const Meeting&) = delete;
  Meeting& operator=(const Meeting&) = delete;

  // Validates and applies a command addressed to this meeting, stamping it
  // with the clock's Now(). A list command with an empty item is for the
  // item under consideration (current_item()). On success the version has grown
  // by one and the events say what changed; on error nothing changed. `actor`
  // is recorded in the events (who made the change).
  absl::StatusOr<CommandResult> Apply(const Command& command,
                                      absl::string_view actor);

  const MeetingConfig& config() const { return *config_; }
  const std::string& id() const { return config_->id; }
  MeetingState state() const { return state_; }
  const std::string& current_item() const { return current_item_; }
  uint64_t version() const { return version_; }
  const Session& session() const { return *session_; }
  absl::Time Now() const { return clock_->Now(); }

  // The list for an agenda item (or kReplyListItem). NOT_FOUND with the
  // meeting's items in the message when there is no such item.
  absl::StatusOr<const SpeakersList*> FindList(absl::string_view item) const;
  // Every agenda item's list, in agenda order, then the reply list.
  std::vector<const SpeakersList*> lists() const;
  const SpeakersList& reply_list() const { return *reply_list_; }
  // The points of order waiting and the one being heard.
  const PointsOfOrder& points() const { return points_; }

  // Time the delegation's speakers used in this meeting, replies included.
  absl::Duration TimeUsedBy(absl::string_view delegation) const;

  // Internal consistency of every list (see SpeakersList::CheckInvariants)
  // and at most one floor across them.
  absl::Status CheckInvariants() const;

  // Replaces this meeting's state (status, current item, version, lists)
  // with `rebuilt`'s, e.g. a meeting replayed from the log after a write
  // failed, so that memory holds exactly what the log holds. `rebuilt`
  // must be of the same session and meeting (INVALID_ARGUMENT otherwise,
  // nothing changed); it is left empty. The clock stays this meeting's, and
  // every list keeps its address.
  absl::Status TakeStateOf(Meeting&& rebuilt);

 private:
  class Applier;  // one handler per command type (meeting.cc)

  absl::StatusOr<SpeakersList*> MutableList(absl::string_view item);
  // NOT_FOUND naming the meeting's agenda items.
  absl::Status UnknownItem(absl::string_view item) const;

  const Session* session_;
  const MeetingConfig* config_;
  const Clock* clock_;
  MeetingState state_ = MeetingState::kNotStarted;
  std::string current_item_;
  uint64_t version_ = 0;
  std::vector<std::unique_ptr<SpeakersList>> item_lists_;  // agenda order
  std::unique_ptr<SpeakersList> reply_list_;
  PointsOfOrder points_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_MEETING_H_
