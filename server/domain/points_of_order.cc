#include "server/domain/points_of_order.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace speakers {

absl::string_view PointKindName(PointKind kind) {
  switch (kind) {
    case PointKind::kOrder:
      return "point of order";
    case PointKind::kQuestion:
      return "question";
  }
  return "";
}

absl::StatusOr<RaisedPoint> PointsOfOrder::Raise(absl::string_view delegation,
                                                 absl::string_view name,
                                                 PointKind kind,
                                                 absl::Time now) {
  if (heard_ && heard_->point.delegation == delegation) {
    return absl::AlreadyExistsError(
        absl::StrCat(name, " has the floor on a ",
                     PointKindName(heard_->point.kind), " already"));
  }
  for (const RaisedPoint& p : waiting_) {
    if (p.delegation != delegation) continue;
    return absl::AlreadyExistsError(
        absl::StrCat(name, " has already raised a ", PointKindName(p.kind),
                     "; it is waiting for the chair (number ", p.id, ")"));
  }
  RaisedPoint point{next_id_++, std::string(delegation), kind, now};
  waiting_.push_back(point);
  changed_ = true;
  return point;
}

absl::StatusOr<RaisedPoint> PointsOfOrder::Take(absl::string_view delegation,
                                                absl::string_view name) {
  for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
    if (!delegation.empty() && it->delegation != delegation) continue;
    RaisedPoint point = std::move(*it);
    waiting_.erase(it);
    changed_ = true;
    return point;
  }
  if (delegation.empty())
    return absl::NotFoundError("no point of order is waiting");
  return absl::NotFoundError(
      absl::StrCat(name, " has no point of order waiting"));
}

void PointsOfOrder::Hear(HeardPoint heard) {
  heard_ = std::move(heard);
  changed_ = true;
}

absl::StatusOr<HeardPoint> PointsOfOrder::EndHeard() {
  if (!heard_) {
    return absl::FailedPreconditionError("no point of order is being heard");
  }
  HeardPoint done = *std::move(heard_);
  heard_.reset();
  changed_ = true;
  return done;
}

std::vector<RaisedPoint> PointsOfOrder::Lapse() {
  std::vector<RaisedPoint> out = std::move(waiting_);
  waiting_.clear();
  if (!out.empty()) changed_ = true;
  return out;
}

bool PointsOfOrder::TakeChanged() {
  const bool was = changed_;
  changed_ = false;
  return was;
}

absl::Status PointsOfOrder::CheckInvariants() const {
  absl::flat_hash_set<std::string> delegations;
  uint64_t last = 0;
  if (heard_) {
    delegations.insert(heard_->point.delegation);
    if (heard_->point.id >= next_id_)
      return absl::InternalError("a heard point with an unissued id");
  }
  for (const RaisedPoint& p : waiting_) {
    if (p.id <= last || p.id >= next_id_)
      return absl::InternalError("points of order out of arrival order");
    last = p.id;
    if (!delegations.insert(p.delegation).second) {
      return absl::InternalError(
          absl::StrCat(p.delegation, " has two points of order"));
    }
  }
  return absl::OkStatus();
}

}  // namespace speakers
