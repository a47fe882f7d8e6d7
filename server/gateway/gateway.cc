#include "server/gateway/gateway.h"

#include <algorithm>
#include <future>
#include <thread>
#include <utility>

#include "boost/asio/post.hpp"

namespace speakers {
namespace {

int ThreadCount(int requested) {
  if (requested > 0) return requested;
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(cores, 1, 4);
}

}  // namespace

Gateway::Gateway(GrpcServer* server, const Clock* clock, const GatewayOptions& options)
    : options_(options), clock_(clock), pool_(std::make_unique<IoPool>(ThreadCount(options.threads))) {
  commands_ = std::make_unique<JsonCommands>(server->InProcessChannel(), options_.command_timeout);
  read_access_ = std::make_unique<ReadAccess>(commands_.get());
  for (const auto& hub : server->hubs()) {
    fan_outs_.push_back(std::make_unique<MeetingFanOut>(hub.get(), pool_.get(), options_.history));
  }
  router_ = std::make_unique<RequestRouter>(&pages_, [this](absl::string_view meeting) {
    return context_.FanOut(meeting) != nullptr;
  });
  context_.options = &options_;
  context_.clock = clock_;
  context_.pool = pool_.get();
  context_.router = router_.get();
  context_.commands = commands_.get();
  context_.read_access = read_access_.get();
  context_.fan_outs = &fan_outs_;
}

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Start(GrpcServer* server, const Clock* clock,
                                                        const GatewayOptions& options) {
  std::unique_ptr<Gateway> gateway(new Gateway(server, clock, options));
  absl::StatusOr<std::shared_ptr<Listener>> listener =
      Listener::Open(options.address, &gateway->context_);
  if (!listener.ok()) {
    gateway->shut_down_ = true;
    return listener.status();
  }
  gateway->listener_ = *std::move(listener);
  gateway->address_ = gateway->listener_->address();
  gateway->port_ = gateway->listener_->port();
  for (auto& fan_out : gateway->fan_outs_) fan_out->Start();
  gateway->pool_->Start();
  gateway->listener_->Run();
  for (int shard = 0; shard < gateway->pool_->size(); ++shard) {
    gateway->heartbeats_.push_back(
        std::make_unique<boost::asio::steady_timer>(gateway->pool_->context(shard)));
    boost::asio::post(gateway->pool_->context(shard),
                      [g = gateway.get(), shard] { g->Heartbeat(shard); });
  }
  return gateway;
}

void Gateway::Heartbeat(int shard) {
  if (shut_down_) return;
  const FramePtr frame = ClockFrame(clock_->Now());
  for (auto& fan_out : fan_outs_) fan_out->Broadcast(shard, frame);
  heartbeats_[shard]->expires_after(options_.heartbeat);
  heartbeats_[shard]->async_wait([this, shard](const boost::system::error_code& ec) {
    if (!ec) Heartbeat(shard);
  });
}

Gateway::~Gateway() { Shutdown(); }

void Gateway::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  listener_->Stop();
  // No more updates from the hubs; then every stream closes on its shard.
  for (auto& fan_out : fan_outs_) fan_out->Stop();
  std::vector<std::future<void>> closed;
  for (int shard = 0; shard < pool_->size(); ++shard) {
    auto done = std::make_shared<std::promise<void>>();
    closed.push_back(done->get_future());
    boost::asio::post(pool_->context(shard), [this, shard, done] {
      heartbeats_[shard]->cancel();
      for (auto& fan_out : fan_outs_) fan_out->CloseShard(shard);
      done->set_value();
    });
  }
  for (std::future<void>& f : closed) f.wait_for(std::chrono::seconds(2));
  // Replies of calls in flight are posted to the shards: let them land
  // before the io_contexts go.
  commands_->WaitIdle(options_.command_timeout + std::chrono::seconds(1));
  pool_->Stop(/*force=*/true);
  // Objects bound to the io_contexts go first, then the io_contexts, which
  // drop pending handlers: idle keep-alive connections close.
  heartbeats_.clear();
  listener_.reset();
  pool_.reset();
}

}  // namespace speakers
