#ifndef SPEAKERS_SERVER_SERVICE_COMMAND_FROM_PROTO_H_
#define SPEAKERS_SERVER_SERVICE_COMMAND_FROM_PROTO_H_

#include "absl/status/statusor.h"
#include "server/domain/command.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {

// API requests -> domain commands. Only the translation is checked here
// (required fields present, enum values known); every rule is the domain's.
// INVALID_ARGUMENT with the field named otherwise.

absl::StatusOr<Command> OpenListFromProto(const v1::ListCommand& r);
absl::StatusOr<Command> CloseListFromProto(const v1::ListCommand& r);
absl::StatusOr<Command> ReaddLastFromProto(const v1::ListCommand& r);
// The window (opens_at, closes_at) and groups_first are taken as given
// (unset: no scheduled opening/close); speaking_time, warning, policy and
// absent keep their `current` values when unset.
absl::StatusOr<Command> ConfigureListFromProto(const v1::ConfigureListRequest& r,
                                               const ListSettings& current);
absl::StatusOr<Command> CallNextFromProto(const v1::CallNextRequest& r);
absl::StatusOr<Command> MarkAbsentFromProto(const v1::DelegationCommand& r);
absl::StatusOr<Command> RemoveFromProto(const v1::DelegationCommand& r);
absl::StatusOr<Command> WithdrawFromProto(const v1::DelegationCommand& r);
absl::StatusOr<Command> MoveFromProto(const v1::MoveRequest& r);
absl::StatusOr<Command> SwapFromProto(const v1::SwapRequest& r);
// `by_chair`: AddSpeaker (window does not apply) rather than Inscribe.
absl::StatusOr<Command> InscribeFromProto(const v1::InscribeRequest& r, bool by_chair);
absl::StatusOr<Command> UpdateSpeakerFromProto(const v1::UpdateSpeakerRequest& r);
absl::StatusOr<Command> SetTimeLimitFromProto(const v1::SetTimeLimitRequest& r);
absl::StatusOr<Command> TimerFromProto(const v1::TimerRequest& r);
absl::StatusOr<Command> AddTimeFromProto(const v1::AddTimeRequest& r);
absl::StatusOr<Command> RequestReplyFromProto(const v1::RequestReplyRequest& r);
absl::StatusOr<Command> SetCurrentItemFromProto(const v1::SetCurrentItemRequest& r);
absl::StatusOr<Command> ChangeMeetingFromProto(const v1::ChangeMeetingRequest& r);

// INVALID_ARGUMENT unless `meeting` is set.
absl::Status RequireMeeting(const std::string& meeting);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_COMMAND_FROM_PROTO_H_
