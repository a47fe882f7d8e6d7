#ifndef SPEAKERS_SERVER_APP_DELEGATION_VIEW_H_
#define SPEAKERS_SERVER_APP_DELEGATION_VIEW_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/domain/meeting.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {

// A delegation's positions on a meeting's lists at `now`, with its expected
// start. The notice says "You have the floor on item 1 (f)", "You are next
// on item 1 (f)" or, at position 2..notify_within, "2 speakers before you
// on item 1 (f)".
v1::DelegationUpdate DelegationUpdateFor(const Meeting& meeting,
                                         const std::string& delegation,
                                         int notify_within, absl::Time now);

// The same for many (delegation, notify_within) at once, in their order:
// each list is walked once for all of them (O(lists x entries + asked x
// lists), not O(asked x lists x entries)).
struct DelegationAsk {
  std::string delegation;
  int notify_within = 3;
};
std::vector<v1::DelegationUpdate> DelegationUpdatesFor(
    const Meeting& meeting, const std::vector<DelegationAsk>& asks,
    absl::Time now);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_DELEGATION_VIEW_H_
