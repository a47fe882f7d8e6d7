#ifndef SPEAKERS_SERVER_SERVICE_COMMAND_CODEC_H_
#define SPEAKERS_SERVER_SERVICE_COMMAND_CODEC_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/domain/command.h"

namespace speakers {

// The durable form of a command (speakers.v1.StoredCommand, serialized).
// DecodeCommand(CommandName(c), EncodeCommand(c)) == c for every command.
std::string EncodeCommand(const Command& command);

// DATA_LOSS when `kind` is unknown or `payload` does not parse: a log
// written by another program, or damaged.
absl::StatusOr<Command> DecodeCommand(absl::string_view kind, absl::string_view payload);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_COMMAND_CODEC_H_
