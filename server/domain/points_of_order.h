#ifndef SPEAKERS_SERVER_DOMAIN_POINTS_OF_ORDER_H_
#define SPEAKERS_SERVER_DOMAIN_POINTS_OF_ORDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/domain/delegation.h"

namespace speakers {

// A point of order, or (where the meeting takes them) a question to the
// current speaker: the same mechanism.
enum class PointKind { kOrder, kQuestion };

// "point of order", "question".
absl::string_view PointKindName(PointKind kind);

// A point raised and waiting for the chair.
struct RaisedPoint {
  uint64_t id = 0;  // 1, 2, ... per meeting, in order of arrival
  std::string delegation;
  PointKind kind = PointKind::kOrder;
  absl::Time raised_at;

  friend bool operator==(const RaisedPoint&, const RaisedPoint&) = default;
};

// The point the chair granted: its raiser has the floor.
struct HeardPoint {
  RaisedPoint point;
  absl::Time granted_at;
  std::optional<absl::Duration> limit;  // none: until the chair ends it
  // The statement it interrupted: the list's item and entry id ("" and 0
  // when nobody had the floor), and whether that clock was running (it is
  // paused while the point is heard and runs again when it ends).
  std::string interrupted_item;
  uint64_t interrupted_entry = 0;
  std::string interrupted_delegation;
  bool resume_clock = false;

  friend bool operator==(const HeardPoint&, const HeardPoint&) = default;
};

// A meeting's points of order: the queue in order of arrival, and the one
// being heard. Every mutating method validates first and changes nothing
// when it returns an error. Messages name delegations by the names the
// caller passes in.
//
// Not thread-safe: its Meeting serializes access.
class PointsOfOrder {
 public:
  PointsOfOrder() = default;

  // Adds a point from `delegation` (named `name` in messages) at the end
  // of the queue. ALREADY_EXISTS when the delegation has one waiting or
  // being heard.
  absl::StatusOr<RaisedPoint> Raise(absl::string_view delegation,
                                    absl::string_view name, PointKind kind,
                                    absl::Time now);

  // Takes the delegation's waiting point off the queue (withdrawn by it,
  // dismissed by the chair, or about to be heard); with an empty
  // `delegation`, the first one. NOT_FOUND when there is none.
  absl::StatusOr<RaisedPoint> Take(absl::string_view delegation,
                                   absl::string_view name);

  // Starts hearing `heard` (none may be heard already).
  void Hear(HeardPoint heard);

  // Ends the point being heard and returns it. FAILED_PRECONDITION when
  // none is.
  absl::StatusOr<HeardPoint> EndHeard();

  // Empties the queue (the meeting adjourned) and returns what was waiting.
  std::vector<RaisedPoint> Lapse();

  const std::vector<RaisedPoint>& waiting() const { return waiting_; }
  const std::optional<HeardPoint>& heard() const { return heard_; }
  uint64_t next_id() const { return next_id_; }

  // Whether a mutating call changed anything since the last TakeChanged(),
  // and a fresh start (Meeting::Apply collects it per command).
  bool TakeChanged();

  // Unique ids below next_id() in arrival order, one point per
  // delegation. INTERNAL on a violation.
  absl::Status CheckInvariants() const;

 private:
  std::vector<RaisedPoint> waiting_;  // in order of arrival
  std::optional<HeardPoint> heard_;
  uint64_t next_id_ = 1;
  bool changed_ = false;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_POINTS_OF_ORDER_H_
