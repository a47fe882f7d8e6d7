#ifndef SPEAKERS_SERVER_CONFIG_SESSION_REPORT_H_
#define SPEAKERS_SERVER_CONFIG_SESSION_REPORT_H_

#include <string>

#include "server/domain/engine.h"

namespace speakers {

// A plain-text overview of the session and the state of its meetings and
// lists at the engine clock's Now(): what `speakers-server --check` prints.
// Times are in the session's zone.
std::string SessionReport(const Engine& engine);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_CONFIG_SESSION_REPORT_H_
