#ifndef SPEAKERS_SERVER_APP_REQUEST_FIELDS_H_
#define SPEAKERS_SERVER_APP_REQUEST_FIELDS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/domain/command.h"
#include "server/domain/list_settings.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {

// The pieces of API requests that many commands share, converted to the
// domain's types. Only the translation is checked here (required fields
// present, enum values known, explicit enum maps); every rule is the
// domain's. INVALID_ARGUMENT naming the field otherwise.

// INVALID_ARGUMENT unless `meeting` is set.
absl::Status RequireMeeting(absl::string_view meeting);

// INVALID_ARGUMENT unless `code` (the request's field `field`) is set.
absl::Status RequireDelegation(absl::string_view code, absl::string_view field);

// The list named by `ref`; an empty item means the item under
// consideration (see Meeting::Apply).
absl::StatusOr<ListTarget> ListFrom(const v1::ListRef& ref);

// A speaker; RANK_UNSPECIFIED is head of delegation.
absl::StatusOr<Speaker> SpeakerFrom(const v1::Speaker& speaker);

// The settings a ConfigureList request asks for: the window and
// groups_first as given (unset: no scheduled opening or close);
// speaking_time, warning, policy and absent keep `current` when unset.
absl::StatusOr<ListSettings> SettingsFrom(const v1::ListSettings& request,
                                          const ListSettings& current);

// The domain's action of an API timer / meeting action.
absl::StatusOr<cmd::TimerAction> TimerActionFrom(v1::TimerAction action);
absl::StatusOr<cmd::MeetingAction> MeetingActionFrom(v1::MeetingAction action);
// The domain's kind of an API point kind (unspecified: a point of order).
absl::StatusOr<PointKind> PointKindFrom(v1::PointKind kind);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_REQUEST_FIELDS_H_
