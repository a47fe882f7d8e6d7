#include "server/app/delegation_view.h"

#include "absl/strings/str_cat.h"
#include "server/app/state_to_proto.h"

namespace speakers {

v1::DelegationUpdate DelegationUpdateFor(const Meeting& meeting,
                                         const std::string& delegation,
                                         int notify_within, absl::Time now) {
  v1::DelegationUpdate out;
  out.set_version(meeting.version());
  TimeToProto(now, out.mutable_server_time());
  int best = -1;
  std::string best_label;
  for (const SpeakersList* list : meeting.lists()) {
    absl::StatusOr<Expectation> e = list->ExpectationOf(delegation, now);
    if (!e.ok()) continue;
    *out.add_positions() = PositionToProto(meeting, *list, delegation, *e);
    if (best < 0 || static_cast<int>(e->position) < best) {
      best = static_cast<int>(e->position);
      best_label = list->label();
    }
  }
  if (best == 0) {
    out.set_notice(absl::StrCat("You have the floor on ", best_label));
  } else if (best == 1) {
    out.set_notice(absl::StrCat("You are next on ", best_label));
  } else if (best > 1 && best <= notify_within) {
    out.set_notice(absl::StrCat(best - 1, " speaker", best == 2 ? "" : "s",
                                " before you on ", best_label));
  }
  return out;
}

}  // namespace speakers
