#ifndef SPEAKERS_SERVER_APP_DELEGATION_VIEW_H_
#define SPEAKERS_SERVER_APP_DELEGATION_VIEW_H_

#include <string>

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

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_DELEGATION_VIEW_H_
