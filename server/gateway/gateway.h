#ifndef SPEAKERS_SERVER_GATEWAY_GATEWAY_H_
#define SPEAKERS_SERVER_GATEWAY_GATEWAY_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/asio/ssl/context.hpp"
#include "boost/asio/steady_timer.hpp"
#include "server/app/app.h"
#include "server/app/metrics.h"
#include "server/domain/clock.h"
#include "server/gateway/gateway_context.h"
#include "server/gateway/gateway_options.h"
#include "server/gateway/io_pool.h"
#include "server/gateway/json_commands.h"
#include "server/gateway/listener.h"
#include "server/gateway/request_router.h"
#include "server/gateway/shard_streams.h"
#include "server/gateway/static_pages.h"
#include "server/gateway/wake_queue.h"

namespace speakers {

// The browser side of the server: HTTP/1.1 (Boost.Beast) on its own Asio
// threads, a thin adapter over the app layer. It serves the pages compiled
// into the binary (room display, chair console, delegation page, index),
// JSON commands and queries through App::Call (so every rule is the one
// gRPC gets), live meeting streams as Server-Sent Events (each a reader of
// the meeting's Broadcaster, the one fan-out of the server), /healthz and
// /metrics; over TLS (HTTPS) when given a certificate.
class Gateway {
 public:
  // Starts the gateway over `app`. `app`, `clock` (the engine's clock, for
  // the server time sent to browsers) and `metrics` (for /metrics and the
  // count of browser watchers; may be null) must outlive the gateway, and
  // the gateway must be shut down before the app is. UNAVAILABLE when the
  // address cannot be bound, INVALID_ARGUMENT when it is malformed or the
  // TLS certificate or key is refused by OpenSSL.
  static absl::StatusOr<std::unique_ptr<Gateway>> Start(
      App* app, const Clock* clock, Metrics* metrics,
      const GatewayOptions& options);
  ~Gateway();  // Shutdown()

  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  // "HOST:PORT" actually bound.
  const std::string& address() const { return address_; }
  int port() const { return port_; }

  // Stops accepting, closes every browser stream (each leaves its
  // broadcaster), refuses new JSON calls and waits (up to
  // options.drain_timeout) for the replies of those in flight and hands
  // them to their sockets, then closes the connections and stops the
  // threads. Idempotent.
  void Shutdown();

 private:
  Gateway(App* app, const Clock* clock, Metrics* metrics,
          const GatewayOptions& options);
  // Sends a clock frame to every stream of `shard` every options_.heartbeat.
  void Heartbeat(int shard);
  // Runs `task(shard)` on every shard's thread and waits (up to 2 s each).
  void OnEveryShard(const std::function<void(int)>& task);

  GatewayOptions options_;
  std::unique_ptr<boost::asio::ssl::context> tls_;  // HTTPS; null: plain
  App* const app_;
  const Clock* const clock_;
  // Destroyed after the pool: a session or stream freed with the pool's
  // handlers gives its slot back.
  std::unique_ptr<ConnectionSlots> slots_;
  std::unique_ptr<IoPool> pool_;
  // One per shard; their handlers are only ever run by the pool's threads.
  std::vector<std::unique_ptr<WakeQueue>> wakes_;
  std::unique_ptr<ShardStreams> streams_;  // destroyed before the pool
  std::unique_ptr<JsonCommands> commands_;
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
