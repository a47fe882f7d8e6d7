#ifndef SPEAKERS_SERVER_SERVICE_GRPC_SERVER_H_
#define SPEAKERS_SERVER_SERVICE_GRPC_SERVER_H_

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/asio/executor_work_guard.hpp"
#include "boost/asio/io_context.hpp"
#include "boost/asio/steady_timer.hpp"
#include "grpcpp/grpcpp.h"
#include "server/domain/engine.h"
#include "server/service/access_policy.h"
#include "server/service/meeting_hub.h"
#include "server/service/request_index.h"
#include "server/service/speakers_service.h"

namespace speakers {

struct GrpcServerOptions {
  std::string address = "127.0.0.1:0";  // port 0 picks a free port
  bool reads_need_token = false;
  // A stream whose write has not completed for this long is dropped.
  std::chrono::milliseconds stall_timeout{30000};
  // Largest request accepted (commands are small).
  int max_receive_bytes = 64 * 1024;
};

// The running gRPC server: one hub per meeting, the Speakers service,
// health checking and reflection, keepalive for dead displays, and an
// Asio thread for clock deadlines and the stalled-stream sweep.
class GrpcServer {
 public:
  // Builds and starts the server. `engine`, `tokens` and `committer` must
  // outlive it; with a committer every command is durable before it is
  // acknowledged (nullptr: in memory only). `requests`, when given, are the
  // request ids recovered from the log, known to the hubs before the first
  // call. UNAVAILABLE when the address cannot be bound; DATA_LOSS from
  // RequestIndex::ApplyTo.
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(
      Engine* engine, const TokenStore* tokens, const GrpcServerOptions& options,
      GroupCommitter* committer = nullptr, const RequestIndex* requests = nullptr);
  ~GrpcServer();

  // "HOST:PORT" actually bound.
  const std::string& address() const { return address_; }
  int port() const { return port_; }

  // A channel to this server inside the process (no socket): the browser
  // gateway sends its JSON commands through it, so they take exactly the
  // gRPC path (tokens, roles, validation).
  std::shared_ptr<grpc::Channel> InProcessChannel();

  // The hub of a meeting, or nullptr.
  MeetingHub* hub(absl::string_view meeting) const;
  const std::vector<std::unique_ptr<MeetingHub>>& hubs() const { return hubs_; }

  // Ends every stream with UNAVAILABLE ("the server is shutting down"),
  // stops accepting calls, waits up to `grace` for calls in flight, stops
  // the Asio thread. Idempotent.
  void Shutdown(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

 private:
  GrpcServer(Engine* engine, const TokenStore* tokens, const GrpcServerOptions& options,
             GroupCommitter* committer);
  void Sweep();

  GrpcServerOptions options_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  boost::asio::steady_timer sweep_timer_;
  std::thread io_thread_;
  AccessPolicy access_;
  std::vector<std::unique_ptr<MeetingHub>> hubs_;
  std::unique_ptr<SpeakersService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  int port_ = 0;
  bool shut_down_ = false;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_GRPC_SERVER_H_
