#include "server/gateway/listener.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "boost/asio/post.hpp"
#include "server/gateway/http_errors.h"
#include "server/gateway/http_session.h"

namespace speakers {

using boost::asio::ip::tcp;

Listener::Listener(boost::asio::io_context& io, const GatewayContext* context)
    : acceptor_(io), backoff_(io), context_(context) {}

absl::StatusOr<std::shared_ptr<Listener>> Listener::Open(
    const std::string& address, const GatewayContext* context) {
  const size_t colon = address.rfind(':');
  int port = -1;
  if (colon == std::string::npos ||
      !absl::SimpleAtoi(address.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("the HTTP address \"", address, "\" is not HOST:PORT"));
  }
  std::string host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  auto listener =
      std::make_shared<Listener>(context->pool->context(0), context);
  boost::system::error_code ec;
  tcp::resolver resolver(context->pool->context(0));
  tcp::resolver::results_type endpoints = resolver.resolve(
      host.empty() ? "0.0.0.0" : host, std::to_string(port),
      tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot resolve the HTTP host \"", host, "\": ", ec.message()));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  tcp::acceptor& acceptor = listener->acceptor_;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(4096, ec);
  if (ec) {
    return absl::UnavailableError(absl::StrCat("cannot listen for HTTP on ",
                                               address, ": ", ec.message(),
                                               "; is the port in use?"));
  }
  const tcp::endpoint bound = acceptor.local_endpoint(ec);
  listener->port_ = bound.port();
  listener->address_ = absl::StrCat(
      colon == 0 ? "0.0.0.0" : address.substr(0, colon), ":", listener->port_);
  return listener;
}

void Listener::Run() {
  boost::asio::post(acceptor_.get_executor(),
                    [self = shared_from_this()] { self->Accept(); });
}

void Listener::Stop() {
  boost::asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    self->backoff_.cancel();
  });
}

void Listener::Refuse(tcp::socket& socket) {
  if (context_->metrics != nullptr)
    context_->metrics->Refused(Metrics::Refusal::kBrowserConnection);
  const std::string response = RefusalResponse(absl::UnavailableError(
      absl::StrCat("the server already holds ", context_->slots->limit(),
                   " browser connections, the most it takes; retry in a few "
                   "seconds (displays and consoles reconnect by themselves)")));
  // A few hundred bytes on a fresh connection: the kernel takes them at
  // once, without waiting for the peer.
  boost::system::error_code ignored;
  socket.non_blocking(true, ignored);
  socket.write_some(boost::asio::buffer(response), ignored);
  socket.shutdown(tcp::socket::shutdown_send, ignored);
  socket.close(ignored);
}

void Listener::Accept() {
  if (!acceptor_.is_open()) return;
  const int shard = context_->pool->NextShard();
  acceptor_.async_accept(
      context_->pool->context(shard),
      [self = shared_from_this(), shard](const boost::system::error_code& ec,
                                         tcp::socket socket) {
        self->OnAccept(ec, std::move(socket), shard);
      });
}

void Listener::OnAccept(const boost::system::error_code& ec, tcp::socket socket,
                        int shard) {
  if (ec == boost::asio::error::operation_aborted || !acceptor_.is_open())
    return;
  if (ec) {
    // Out of descriptors or a passing network error: pause, then go on.
    backoff_.expires_after(std::chrono::milliseconds(50));
    backoff_.async_wait(
        [self = shared_from_this()](const boost::system::error_code& wait) {
          if (!wait) self->Accept();
        });
    return;
  }
  ConnectionSlots::Slot slot = context_->slots->TryTake();
  if (slot == nullptr) {
    Refuse(socket);
    Accept();
    return;
  }
  auto session = std::make_shared<HttpSession>(std::move(socket), shard,
                                               context_, std::move(slot));
  boost::asio::post(context_->pool->context(shard),
                    [session] { session->Run(); });
  Accept();
}

}  // namespace speakers
