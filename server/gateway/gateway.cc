#include "server/gateway/gateway.h"

#include <sys/resource.h>

#include <algorithm>
#include <functional>
#include <future>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "boost/asio/post.hpp"
#include "server/gateway/sse_frame.h"

namespace speakers {
namespace {

int ThreadCount(int requested) {
  if (requested > 0) return requested;
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(cores, 1, 4);
}

// The open-files soft limit in effect (1,024 if it cannot be read).
size_t OpenFiles() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return 1024;
  return static_cast<size_t>(limit.rlim_cur);
}

// The server's TLS context: TLS 1.2 and 1.3 only, the certificate chain
// and key of `tls`.
absl::StatusOr<std::unique_ptr<boost::asio::ssl::context>> TlsContext(
    const TlsMaterial& tls) {
  namespace ssl = boost::asio::ssl;
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds |
                           ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                           ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                           ssl::context::single_dh_use,
                       ec);
  if (!ec) {
    context->use_certificate_chain(boost::asio::buffer(tls.cert_chain_pem), ec);
  }
  if (!ec) {
    context->use_private_key(boost::asio::buffer(tls.private_key_pem),
                             ssl::context::pem, ec);
  }
  if (ec) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the HTTPS certificate or key is refused: ", ec.message()));
  }
  return context;
}

}  // namespace

Gateway::Gateway(App* app, const Clock* clock, Metrics* metrics,
                 const GatewayOptions& options)
    : options_(options),
      app_(app),
      clock_(clock),
      pool_(std::make_unique<IoPool>(ThreadCount(options.threads))),
      streams_(std::make_unique<ShardStreams>(pool_->size())),
      commands_(std::make_unique<JsonCommands>(app)) {
  router_ = std::make_unique<RequestRouter>(
      &pages_,
      [app](absl::string_view meeting) {
        return app->runner(meeting) != nullptr;
      },
      metrics);
  context_.options = &options_;
  context_.app = app_;
  context_.clock = clock_;
  context_.metrics = metrics;
  context_.pool = pool_.get();
  context_.router = router_.get();
  context_.commands = commands_.get();
  context_.streams = streams_.get();
  slots_ = std::make_unique<ConnectionSlots>(
      options.max_connections > 0 ? options.max_connections
                                  : ConnectionSlots::DefaultLimit(OpenFiles()));
  context_.slots = slots_.get();
  for (int shard = 0; shard < pool_->size(); ++shard) {
    wakes_.push_back(std::make_unique<WakeQueue>(pool_->context(shard)));
  }
  context_.wakes = &wakes_;
}

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Start(
    App* app, const Clock* clock, Metrics* metrics,
    const GatewayOptions& options) {
  std::unique_ptr<Gateway> gateway(new Gateway(app, clock, metrics, options));
  if (options.tls.has_value()) {
    absl::StatusOr<std::unique_ptr<boost::asio::ssl::context>> tls =
        TlsContext(*options.tls);
    if (!tls.ok()) {
      gateway->shut_down_ = true;
      return tls.status();
    }
    gateway->tls_ = *std::move(tls);
    gateway->context_.tls = gateway->tls_.get();
  }
  absl::StatusOr<std::shared_ptr<Listener>> listener =
      Listener::Open(options.address, &gateway->context_);
  if (!listener.ok()) {
    gateway->shut_down_ = true;
    return listener.status();
  }
  gateway->listener_ = *std::move(listener);
  gateway->address_ = gateway->listener_->address();
  gateway->port_ = gateway->listener_->port();
  gateway->pool_->Start();
  gateway->listener_->Run();
  for (int shard = 0; shard < gateway->pool_->size(); ++shard) {
    gateway->heartbeats_.push_back(std::make_unique<boost::asio::steady_timer>(
        gateway->pool_->context(shard)));
  }
  for (int shard = 0; shard < gateway->pool_->size(); ++shard) {
    boost::asio::post(gateway->pool_->context(shard),
                      [g = gateway.get(), shard] { g->Heartbeat(shard); });
  }
  return gateway;
}

void Gateway::Heartbeat(int shard) {
  if (shut_down_) return;
  // One frame for the whole shard.
  streams_->Broadcast(
      shard, std::make_shared<const std::string>(ClockFrame(clock_->Now())));
  heartbeats_[shard]->expires_after(options_.heartbeat);
  heartbeats_[shard]->async_wait(
      [this, shard](const boost::system::error_code& ec) {
        if (!ec) Heartbeat(shard);
      });
}

Gateway::~Gateway() { Shutdown(); }

void Gateway::OnEveryShard(const std::function<void(int)>& task) {
  std::vector<std::future<void>> done;
  for (int shard = 0; shard < pool_->size(); ++shard) {
    auto promise = std::make_shared<std::promise<void>>();
    done.push_back(promise->get_future());
    boost::asio::post(pool_->context(shard), [task, shard, promise] {
      task(shard);
      promise->set_value();
    });
  }
  for (std::future<void>& f : done) f.wait_for(std::chrono::seconds(2));
}

void Gateway::Shutdown() {
  if (shut_down_.exchange(true)) return;
  listener_->Stop();
  // Every stream closes on its shard (and leaves its broadcaster); streams
  // that start later on a closed shard close at once.
  OnEveryShard([this](int shard) {
    heartbeats_[shard]->cancel();
    streams_->CloseShard(shard);
  });
  // A call stops counting only once its reply has been handed to its
  // session's socket on the shard, the handler that did it has let go of
  // the session, and the app's callback has returned from posting it there
  // (JsonCommands::Call): once none is in flight, nothing of a call uses a
  // session or an io_context from outside the shards' queues any more.
  commands_->Close();
  const bool drained = commands_->WaitIdle(options_.drain_timeout);
  pool_->Stop(/*force=*/true);
  // The threads are joined: a shard that did not close in time is closed
  // from here (nothing else touches its list now).
  for (int shard = 0; shard < pool_->size(); ++shard) {
    streams_->CloseShard(shard);
  }
  // Objects bound to the io_contexts go first, then the io_contexts, which
  // drop pending handlers: idle keep-alive connections close.
  streams_.reset();
  heartbeats_.clear();
  listener_.reset();
  if (!drained) {
    // A reply still to come would post to an io_context and release its
    // session there: the io_contexts stay (stopped; the process is
    // stopping) rather than go under it.
    (void)pool_.release();
    return;
  }
  pool_.reset();
}

}  // namespace speakers
