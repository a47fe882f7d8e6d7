#ifndef SPEAKERS_SERVER_CONFIG_BUILTIN_SESSION_H_
#define SPEAKERS_SERVER_CONFIG_BUILTIN_SESSION_H_

#include "absl/strings/string_view.h"

namespace speakers {

// The text of deploy/sessions/cosp7.textproto, embedded at build time
// (generated builtin_session.cc).
absl::string_view BuiltinSessionText();

}  // namespace speakers

#endif  // SPEAKERS_SERVER_CONFIG_BUILTIN_SESSION_H_
