#ifndef SPEAKERS_SERVER_DOMAIN_LIST_CHANGES_H_
#define SPEAKERS_SERVER_DOMAIN_LIST_CHANGES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace speakers {

// One change to a list's waiting entries, as the list made it. Replayed in
// order on a copy of the entries as they were before the command, the ops
// give the entries as they are after it; so a stream can carry what changed
// instead of the whole list.
struct WaitingOp {
  enum class Kind {
    kInsert,  // the entry `id` now stands at `index` (0 = next)
    kRemove,  // the entry `id` left the list
    kMove,    // the entry `id` was taken out and put back at `index`, its
              // placed_by_chair flag now `placed_by_chair`
    kUpdate,  // the entry `id` changed in place (speaker, time limit)
  };
  Kind kind = Kind::kInsert;
  uint64_t id = 0;
  size_t index = 0;
  bool placed_by_chair = false;

  friend bool operator==(const WaitingOp&, const WaitingOp&) = default;
};

// What one command changed on one list (SpeakersList::TakeChanges).
struct ListChanges {
  std::string item;
  std::vector<WaitingOp> waiting;  // in the order they were made
  // Every waiting entry may have changed (a new policy re-tiered them): the
  // ops do not say how; send the entries anew.
  bool waiting_reset = false;
  bool floor = false;   // who has the floor, or the current entry, changed
  bool clock = false;   // the current speaker's clock changed
  bool spoken = false;  // a statement ended (the last of spoken())
  // The last statement was taken back (UndoNext): spoken() is one shorter.
  bool unspoken = false;
  // Whether the last call can be undone changed.
  bool undo = false;
  bool header = false;  // opened, closed or configured

  bool empty() const {
    return waiting.empty() && !waiting_reset && !floor && !clock && !spoken &&
           !unspoken && !undo && !header;
  }
  friend bool operator==(const ListChanges&, const ListChanges&) = default;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_LIST_CHANGES_H_
