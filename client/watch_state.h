#ifndef SPEAKERS_CLIENT_WATCH_STATE_H_
#define SPEAKERS_CLIENT_WATCH_STATE_H_

#include <cstdint>
#include <string>
#include <utility>

#include "absl/time/time.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::cli {

// What a watcher knows about one meeting: the last snapshot with every
// later change applied, and how far the server's clock is ahead of ours.
// Not thread-safe; the watch view guards it.
class WatchState {
 public:
  // An empty state for `meeting` (shown until the first snapshot).
  explicit WatchState(std::string meeting = "plenary");

  // Applies one update received at the local instant `received_at`:
  // a snapshot replaces everything; a delta changes what it names (see
  // proto/fold; one that does not follow the copy drops it until the next
  // snapshot); a timer signal changes nothing but the clock.
  // Every update with a server_time sets clock_offset to
  // server_time - received_at.
  void Apply(const v1::Update& update, absl::Time received_at);

  // True once a snapshot has arrived.
  bool has_snapshot() const { return has_snapshot_; }

  // The meeting as last known (meeting id only before the snapshot).
  const v1::MeetingSnapshot& meeting() const { return meeting_; }

  // The server's clock minus the local clock at the last update.
  absl::Duration clock_offset() const { return clock_offset_; }

  // The highest version applied.
  uint64_t version() const { return meeting_.version(); }

  // The list on screen: the right-of-reply list ("reply") while one of its
  // speakers has the floor, else the current item's list; null when the
  // meeting has no such list.
  const v1::ListState* ActiveList() const;

  // A line about the connection ("reconnecting: ..."), empty when fine.
  const std::string& connection_note() const { return connection_note_; }
  void set_connection_note(std::string note) {
    connection_note_ = std::move(note);
  }

 private:
  v1::MeetingSnapshot meeting_;
  bool has_snapshot_ = false;
  absl::Duration clock_offset_ = absl::ZeroDuration();
  std::string connection_note_;
};

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_WATCH_STATE_H_
