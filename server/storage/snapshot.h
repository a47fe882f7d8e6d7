#ifndef SPEAKERS_SERVER_STORAGE_SNAPSHOT_H_
#define SPEAKERS_SERVER_STORAGE_SNAPSHOT_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace speakers {

// A meeting's state saved beside the log so start-up need not replay it
// all: restore `state`, then replay the meeting's records with versions
// after `version` (CommandLog::ReadMeeting), or everything after `sequence`
// (SqliteCommandLog::ReadAfter) skipping this meeting's older versions.
struct Snapshot {
  std::string meeting;
  uint64_t version = 0;  // the meeting version the state is at
  uint64_t sequence =
      0;              // the log position it was taken at (covers 1..sequence)
  absl::Time at;      // when it was taken (the caller's clock)
  std::string state;  // the meeting, serialized by the caller (opaque here)

  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_STORAGE_SNAPSHOT_H_
