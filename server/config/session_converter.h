#ifndef SPEAKERS_SERVER_CONFIG_SESSION_CONVERTER_H_
#define SPEAKERS_SERVER_CONFIG_SESSION_CONVERTER_H_

#include "absl/status/statusor.h"
#include "server/domain/session.h"
#include "speakers/v1/session_file.pb.h"

namespace speakers {

// Turns a parsed session file into a validated Session: local times
// ("2017-11-06 12:00") are read in the file's time zone, durations ("5:00")
// with ParseClock, unset settings take their defaults. Errors are
// INVALID_ARGUMENT carrying the field path (kFieldPathPayload).
absl::StatusOr<Session> SessionFromProto(const v1::SessionFile& file);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_CONFIG_SESSION_CONVERTER_H_
