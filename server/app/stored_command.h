#ifndef SPEAKERS_SERVER_APP_STORED_COMMAND_H_
#define SPEAKERS_SERVER_APP_STORED_COMMAND_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/domain/command.h"

namespace speakers {

// The payload of a log record: a command in its stored form
// (proto/speakers/v1/stored_command.proto, format 2), with the digest of
// the request it came from.
std::string EncodeCommand(const Command& command, uint64_t request_digest = 0);

// A payload read back.
struct StoredPayload {
  Command command;
  uint64_t request_digest = 0;  // 0: not recorded (format 1)
  int format = 2;
};

// Decodes a record's payload of kind `kind` (the record's kind column):
// format 2, or format 1 as speakers 0.1 wrote it. DATA_LOSS when the
// payload does not parse, is of an unknown format or command, names a
// different kind than `kind`, or holds a value no version wrote.
absl::StatusOr<StoredPayload> DecodeCommand(absl::string_view kind,
                                            absl::string_view payload);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_STORED_COMMAND_H_
