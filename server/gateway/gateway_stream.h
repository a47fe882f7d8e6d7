#ifndef SPEAKERS_SERVER_GATEWAY_GATEWAY_STREAM_H_
#define SPEAKERS_SERVER_GATEWAY_GATEWAY_STREAM_H_

#include <cstddef>
#include <optional>
#include <utility>

#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/post.hpp"
#include "boost/asio/ssl/context.hpp"
#include "boost/asio/ssl/stream_base.hpp"
#include "boost/beast/core/tcp_stream.hpp"
#include "boost/beast/ssl/ssl_stream.hpp"

namespace speakers {

// One browser connection: plain TCP, or TLS over it (HTTPS), chosen when
// accepted. An AsyncStream (Beast's http::async_read and async_write take
// it) with the TCP layer underneath for timeouts and socket options. Moves
// from the HTTP session to the event stream it becomes, which needs no
// timeouts: a plain one then drops the TCP layer (Unwrap) and keeps the
// bare socket, the few hundred bytes of its timers saved on every stream.
class GatewayStream {
 public:
  using Tcp = boost::beast::tcp_stream;
  using Tls = boost::beast::ssl_stream<boost::beast::tcp_stream>;
  using executor_type = Tcp::executor_type;

  // Over `socket`: TLS with `tls` (which must outlive the stream), or plain
  // text when `tls` is null.
  GatewayStream(boost::asio::ip::tcp::socket socket,
                boost::asio::ssl::context* tls);
  GatewayStream(GatewayStream&&) = default;

  bool is_tls() const { return tls_.has_value(); }
  executor_type get_executor() {
    return raw_.has_value() ? raw_->get_executor() : tcp().get_executor();
  }
  // The TCP layer: expires_after / expires_never. Not after Unwrap().
  Tcp& tcp() { return tls_.has_value() ? tls_->next_layer() : *tcp_; }
  boost::asio::ip::tcp::socket& socket() {
    return raw_.has_value() ? *raw_ : tcp().socket();
  }
  // A plain connection keeps its bare socket from now on (no timeouts);
  // a TLS one stays as it is.
  void Unwrap();

  // The server's side of the TLS handshake, then `done(error_code)`; for
  // plain text `done` is posted with no error.
  template <class Handler>
  void AsyncHandshake(Handler&& done) {
    if (tls_.has_value()) {
      tls_->async_handshake(boost::asio::ssl::stream_base::server,
                            std::forward<Handler>(done));
    } else {
      boost::asio::post(get_executor(),
                        [done = std::forward<Handler>(done)]() mutable {
                          done(boost::system::error_code());
                        });
    }
  }

  template <class MutableBuffers, class Handler>
  void async_read_some(const MutableBuffers& buffers, Handler&& handler) {
    if (tls_.has_value()) {
      tls_->async_read_some(buffers, std::forward<Handler>(handler));
    } else if (raw_.has_value()) {
      raw_->async_read_some(buffers, std::forward<Handler>(handler));
    } else {
      tcp_->async_read_some(buffers, std::forward<Handler>(handler));
    }
  }

  template <class ConstBuffers, class Handler>
  void async_write_some(const ConstBuffers& buffers, Handler&& handler) {
    if (tls_.has_value()) {
      tls_->async_write_some(buffers, std::forward<Handler>(handler));
    } else if (raw_.has_value()) {
      raw_->async_write_some(buffers, std::forward<Handler>(handler));
    } else {
      tcp_->async_write_some(buffers, std::forward<Handler>(handler));
    }
  }

  // Writes what the socket takes now, without waiting (the socket must be
  // non-blocking): the bytes taken, or 0 with `ec` set (would_block when it
  // takes nothing now). Over TLS nothing is written this way (a record
  // cannot be cut): 0 with would_block, and the caller writes
  // asynchronously.
  template <class ConstBuffers>
  size_t TryWrite(const ConstBuffers& buffers, boost::system::error_code& ec) {
    if (tls_.has_value()) {
      ec = boost::asio::error::would_block;
      return 0;
    }
    return socket().write_some(buffers, ec);
  }

  // Shuts the socket down both ways and closes it. Idempotent.
  void Close();

 private:
  std::optional<Tcp> tcp_;                           // plain text
  std::optional<boost::asio::ip::tcp::socket> raw_;  // or plain, unwrapped
  std::optional<Tls> tls_;                           // or TLS over TCP
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_GATEWAY_STREAM_H_
