#ifndef SPEAKERS_SERVER_GATEWAY_GATEWAY_H_
#define SPEAKERS_SERVER_GATEWAY_GATEWAY_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "boost/asio/steady_timer.hpp"
#include "server/domain/clock.h"
#include "server/gateway/gateway_context.h"
#include "server/gateway/gateway_options.h"
#include "server/gateway/io_pool.h"
#include "server/gateway/json_commands.h"
#include "server/gateway/listener.h"
#include "server/gateway/meeting_fan_out.h"
#include "server/gateway/read_access.h"
#include "server/gateway/request_router.h"
#include "server/gateway/static_pages.h"
#include "server/service/grpc_server.h"

namespace speakers {

// The browser side of the server: HTTP/1.1 (Boost.Beast) on its own Asio
// threads. It serves the pages compiled into the binary (room display,
// chair console, delegation page, index), JSON commands that go through
// the gRPC server's in-process channel (so every rule is the gRPC one),
// live meeting streams as Server-Sent Events fed by one fan-out per
// meeting, /healthz and /metrics.
class Gateway {
 public:
  // Starts the gateway for `server`'s meetings. `server` and `clock` (the
  // engine's clock, for the server time sent to browsers) must outlive the
  // gateway, and the gateway must be shut down before the server is.
  // UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<Gateway>> Start(GrpcServer* server, const Clock* clock,
                                                        const GatewayOptions& options);
  ~Gateway();  // Shutdown()

  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  // "HOST:PORT" actually bound.
  const std::string& address() const { return address_; }
  int port() const { return port_; }

  // The fan-out of `meeting` (for tests and metrics), or nullptr.
  MeetingFanOut* fan_out(absl::string_view meeting) const { return context_.FanOut(meeting); }

  // Stops accepting, leaves the hubs, closes every browser stream and
  // connection, waits for JSON calls in flight (up to their deadline) and
  // stops the threads. Idempotent.
  void Shutdown();

 private:
  Gateway(GrpcServer* server, const Clock* clock, const GatewayOptions& options);
  // Sends a clock frame to every stream of `shard` every options_.heartbeat.
  void Heartbeat(int shard);

  GatewayOptions options_;
  const Clock* clock_;
  std::vector<std::unique_ptr<MeetingFanOut>> fan_outs_;
  std::unique_ptr<IoPool> pool_;
  std::unique_ptr<JsonCommands> commands_;
  std::unique_ptr<ReadAccess> read_access_;
  StaticPages pages_;
  std::unique_ptr<RequestRouter> router_;
  GatewayContext context_;
  std::shared_ptr<Listener> listener_;
  std::vector<std::unique_ptr<boost::asio::steady_timer>> heartbeats_;
  std::string address_;
  int port_ = 0;
  std::atomic<bool> shut_down_{false};
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_GATEWAY_H_
