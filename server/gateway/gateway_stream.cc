#include "server/gateway/gateway_stream.h"

namespace speakers {

GatewayStream::GatewayStream(boost::asio::ip::tcp::socket socket,
                             boost::asio::ssl::context* tls) {
  if (tls != nullptr) {
    tls_.emplace(std::move(socket), *tls);
  } else {
    tcp_.emplace(std::move(socket));
  }
}

void GatewayStream::Unwrap() {
  if (!tcp_.has_value()) return;
  raw_.emplace(tcp_->release_socket());
  tcp_.reset();
}

void GatewayStream::Close() {
  boost::system::error_code ignored;
  boost::asio::ip::tcp::socket& s = socket();
  s.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  s.close(ignored);
}

}  // namespace speakers
