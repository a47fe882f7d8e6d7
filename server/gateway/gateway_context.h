#ifndef SPEAKERS_SERVER_GATEWAY_GATEWAY_CONTEXT_H_
#define SPEAKERS_SERVER_GATEWAY_GATEWAY_CONTEXT_H_

#include <memory>
#include <vector>

#include "boost/asio/ssl/context.hpp"
#include "server/app/app.h"
#include "server/app/metrics.h"
#include "server/domain/clock.h"
#include "server/gateway/connection_slots.h"
#include "server/gateway/gateway_options.h"
#include "server/gateway/io_pool.h"
#include "server/gateway/json_commands.h"
#include "server/gateway/request_router.h"
#include "server/gateway/shard_streams.h"
#include "server/gateway/wake_queue.h"

namespace speakers {

// What every HTTP session and browser stream of a gateway shares; owned by
// the Gateway and valid until its threads have stopped.
struct GatewayContext {
  const GatewayOptions* options = nullptr;
  boost::asio::ssl::context* tls = nullptr;  // null: plain HTTP
  App* app = nullptr;
  const Clock* clock = nullptr;  // the server's time, for clock frames
  Metrics* metrics = nullptr;    // may be null: nothing is counted
  IoPool* pool = nullptr;
  const RequestRouter* router = nullptr;
  JsonCommands* commands = nullptr;
  ShardStreams* streams = nullptr;
  ConnectionSlots* slots = nullptr;  // the cap on browser connections
  // One per shard of `pool`, in shard order.
  const std::vector<std::unique_ptr<WakeQueue>>* wakes = nullptr;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_GATEWAY_CONTEXT_H_
