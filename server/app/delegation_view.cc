#include "server/app/delegation_view.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "server/app/state_to_proto.h"

namespace speakers {

namespace {

// A delegation's first place on `list` (the floor, else its first entry).
using Places = absl::flat_hash_map<absl::string_view, Expectation>;

Places PlacesOn(const SpeakersList& list, absl::Time now) {
  Places places;
  const auto& current = list.current();
  if (current) {
    places.emplace(current->entry.delegation,
                   Expectation{0, absl::ZeroDuration(), now});
  }
  const std::vector<absl::Duration> waits = list.ExpectedWaits(now);
  for (size_t i = 0; i < list.waiting().size(); ++i) {
    places.try_emplace(list.waiting()[i].delegation,
                       Expectation{i + 1, waits[i], now + waits[i]});
  }
  return places;
}

void Finish(v1::DelegationUpdate& out, int best, const std::string& label,
            int notify_within) {
  if (best == 0) {
    out.set_notice(absl::StrCat("You have the floor on ", label));
  } else if (best == 1) {
    out.set_notice(absl::StrCat("You are next on ", label));
  } else if (best > 1 && best <= notify_within) {
    out.set_notice(absl::StrCat(best - 1, " speaker", best == 2 ? "" : "s",
                                " before you on ", label));
  }
}

}  // namespace

std::vector<v1::DelegationUpdate> DelegationUpdatesFor(
    const Meeting& meeting, const std::vector<DelegationAsk>& asks,
    absl::Time now) {
  std::vector<v1::DelegationUpdate> out(asks.size());
  std::vector<int> best(asks.size(), -1);
  std::vector<const std::string*> best_label(asks.size(), nullptr);
  for (v1::DelegationUpdate& u : out) {
    u.set_version(meeting.version());
    TimeToProto(now, u.mutable_server_time());
  }
  for (const SpeakersList* list : meeting.lists()) {
    if (!list->current() && list->waiting().empty()) continue;
    const Places places = PlacesOn(*list, now);
    for (size_t a = 0; a < asks.size(); ++a) {
      auto it = places.find(asks[a].delegation);
      if (it == places.end()) continue;
      *out[a].add_positions() =
          PositionToProto(meeting, *list, asks[a].delegation, it->second);
      if (best[a] < 0 || static_cast<int>(it->second.position) < best[a]) {
        best[a] = static_cast<int>(it->second.position);
        best_label[a] = &list->label();
      }
    }
  }
  for (size_t a = 0; a < asks.size(); ++a) {
    if (best_label[a] != nullptr)
      Finish(out[a], best[a], *best_label[a], asks[a].notify_within);
  }
  return out;
}

v1::DelegationUpdate DelegationUpdateFor(const Meeting& meeting,
                                         const std::string& delegation,
                                         int notify_within, absl::Time now) {
  return std::move(
      DelegationUpdatesFor(meeting, {{delegation, notify_within}}, now)[0]);
}

}  // namespace speakers
