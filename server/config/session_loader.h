#ifndef SPEAKERS_SERVER_CONFIG_SESSION_LOADER_H_
#define SPEAKERS_SERVER_CONFIG_SESSION_LOADER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/domain/session.h"

namespace speakers {

// Reads a session data file (protobuf text format, speakers.v1.SessionFile)
// and builds the validated Session.
//
// Every error is INVALID_ARGUMENT (NOT_FOUND for a missing file) and starts
// with "FILE:LINE:COLUMN: " pointing at the offending text, whether the
// text does not parse (unknown field, bad enum, missing quote) or a value is
// wrong (unknown time zone, "25:00" as a time, duplicate delegation code).
absl::StatusOr<Session> LoadSessionFile(const std::string& path);

// The same for text already in memory; `source` names it in messages.
absl::StatusOr<Session> ParseSessionText(absl::string_view text,
                                         absl::string_view source);

// The name under which the built-in session is reported.
inline constexpr absl::string_view kBuiltinSessionName =
    "built-in:cosp7.textproto";

// The built-in session: the seventh session of the Conference of the States
// Parties to the UN Convention against Corruption (deploy/sessions/
// cosp7.textproto, embedded at build time).
absl::StatusOr<Session> LoadBuiltinSession();

}  // namespace speakers

#endif  // SPEAKERS_SERVER_CONFIG_SESSION_LOADER_H_
