#include "server/service/grpc_server.h"

#include "absl/strings/str_cat.h"
#include "boost/asio/post.hpp"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"

namespace speakers {

GrpcServer::GrpcServer(Engine* engine, const TokenStore* tokens, const GrpcServerOptions& options,
                       GroupCommitter* committer)
    : options_(options),
      work_(boost::asio::make_work_guard(io_)),
      sweep_timer_(io_),
      access_(tokens, options.reads_need_token) {
  std::vector<MeetingHub*> hubs;
  for (Meeting* meeting : engine->meetings()) {
    hubs_.push_back(std::make_unique<MeetingHub>(meeting, &io_, committer));
    hubs.push_back(hubs_.back().get());
  }
  service_ = std::make_unique<SpeakersService>(engine, std::move(hubs), &access_,
                                               committer == nullptr ? nullptr : committer->log());
}

absl::StatusOr<std::unique_ptr<GrpcServer>> GrpcServer::Start(Engine* engine,
                                                              const TokenStore* tokens,
                                                              const GrpcServerOptions& options,
                                                              GroupCommitter* committer,
                                                              const RequestIndex* requests) {
  std::unique_ptr<GrpcServer> server(new GrpcServer(engine, tokens, options, committer));
  if (requests != nullptr) {
    std::vector<MeetingHub*> hubs;
    for (auto& hub : server->hubs_) hubs.push_back(hub.get());
    if (absl::Status s = requests->ApplyTo(hubs); !s.ok()) {
      server->work_.reset();
      return s;
    }
  }
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(options.address, grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(server->service_.get());
  builder.SetMaxReceiveMessageSize(options.max_receive_bytes);
  // Detect dead displays: ping every 20 s, drop after 10 s without answer;
  // let clients ping us as often as every 10 s, also without calls.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 20000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || port == 0) {
    server->work_.reset();
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", options.address, "; is the port in use or the address wrong?"));
  }
  server->port_ = port;
  const std::string host = options.address.substr(0, options.address.rfind(':'));
  server->address_ = absl::StrCat(host, ":", port);
  server->io_thread_ = std::thread([s = server.get()] { s->io_.run(); });
  boost::asio::post(server->io_, [s = server.get()] { s->Sweep(); });
  return server;
}

void GrpcServer::Sweep() {
  for (auto& hub : hubs_) {
    hub->DropStalled(std::chrono::steady_clock::now() - options_.stall_timeout);
  }
  sweep_timer_.expires_after(std::chrono::seconds(1));
  sweep_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) Sweep();
  });
}

std::shared_ptr<grpc::Channel> GrpcServer::InProcessChannel() {
  return server_->InProcessChannel(grpc::ChannelArguments());
}

MeetingHub* GrpcServer::hub(absl::string_view meeting) const {
  for (const auto& hub : hubs_) {
    if (hub->id() == meeting) return hub.get();
  }
  return nullptr;
}

void GrpcServer::Shutdown(std::chrono::milliseconds grace) {
  if (shut_down_) return;
  shut_down_ = true;
  const grpc::Status closing(grpc::StatusCode::UNAVAILABLE,
                             "the server is shutting down; reconnect with your last version");
  for (auto& hub : hubs_) hub->CloseAll(closing);
  server_->Shutdown(std::chrono::system_clock::now() + grace);
  server_->Wait();
  boost::asio::post(io_, [this] { sweep_timer_.cancel(); });
  work_.reset();
  io_.stop();
  if (io_thread_.joinable()) io_thread_.join();
}

GrpcServer::~GrpcServer() {
  if (server_ != nullptr) Shutdown();
}

}  // namespace speakers
