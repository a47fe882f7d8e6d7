#ifndef SPEAKERS_SERVER_GATEWAY_GATEWAY_CONTEXT_H_
#define SPEAKERS_SERVER_GATEWAY_GATEWAY_CONTEXT_H_

#include <memory>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/domain/clock.h"
#include "server/gateway/gateway_options.h"
#include "server/gateway/io_pool.h"
#include "server/gateway/json_commands.h"
#include "server/gateway/meeting_fan_out.h"
#include "server/gateway/read_access.h"
#include "server/gateway/request_router.h"

namespace speakers {

// What every HTTP session of a gateway shares; owned by the Gateway and
// valid until its threads have stopped.
struct GatewayContext {
  const GatewayOptions* options = nullptr;
  const Clock* clock = nullptr;  // the server's time, for clock frames
  IoPool* pool = nullptr;
  const RequestRouter* router = nullptr;
  JsonCommands* commands = nullptr;
  ReadAccess* read_access = nullptr;
  const std::vector<std::unique_ptr<MeetingFanOut>>* fan_outs = nullptr;

  // The fan-out of `meeting`, or nullptr.
  MeetingFanOut* FanOut(absl::string_view meeting) const {
    for (const auto& fan_out : *fan_outs) {
      if (fan_out->meeting() == meeting) return fan_out.get();
    }
    return nullptr;
  }
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_GATEWAY_CONTEXT_H_
