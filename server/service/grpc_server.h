#ifndef SPEAKERS_SERVER_SERVICE_GRPC_SERVER_H_
#define SPEAKERS_SERVER_SERVICE_GRPC_SERVER_H_

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"
#include "server/app/app.h"
#include "server/app/metrics.h"
#include "server/platform/tls_material.h"
#include "server/service/speakers_service.h"

namespace speakers {

struct GrpcServerOptions {
  std::string address = "127.0.0.1:0";  // port 0 picks a free port
  // Largest request accepted (commands are small).
  int max_receive_bytes = 64 * 1024;
  // TLS: the server's certificate and key and, when it has a client CA,
  // a client certificate signed by it required of every caller (mutual
  // TLS between replicas). Absent: plain text.
  std::optional<TlsMaterial> tls;
};

// The gRPC transport of the app layer: the Speakers service (streams and
// every unary method raw, all through the App), health checking and
// reflection, keepalive for dead displays; over TLS when given one.
class GrpcServer {
 public:
  // Builds and starts the server. `app` and `metrics` (may be null) must
  // outlive it. UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(
      App* app, Metrics* metrics, const GrpcServerOptions& options);
  ~GrpcServer();

  // "HOST:PORT" actually bound.
  const std::string& address() const { return address_; }
  int port() const { return port_; }

  // Ends every stream with UNAVAILABLE ("the server is shutting down"),
  // stops accepting calls and waits up to `grace` for calls in flight.
  // Idempotent.
  void Shutdown(
      std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

 private:
  GrpcServer(App* app, Metrics* metrics) : app_(app), service_(app, metrics) {}

  App* const app_;
  SpeakersService service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  int port_ = 0;
  bool shut_down_ = false;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_GRPC_SERVER_H_
