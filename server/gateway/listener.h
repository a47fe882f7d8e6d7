#ifndef SPEAKERS_SERVER_GATEWAY_LISTENER_H_
#define SPEAKERS_SERVER_GATEWAY_LISTENER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/steady_timer.hpp"
#include "server/gateway/gateway_context.h"

namespace speakers {

// Accepts browser connections on one address and gives each to an
// HttpSession on the next shard of the pool (round robin). Runs on shard 0.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds `address` ("HOST:PORT"; port 0 picks a free port). UNAVAILABLE
  // when it cannot be bound, INVALID_ARGUMENT when it is malformed.
  // `context` must outlive the listener.
  static absl::StatusOr<std::shared_ptr<Listener>> Open(
      const std::string& address, const GatewayContext* context);

  Listener(boost::asio::io_context& io, const GatewayContext* context);

  // Starts accepting (posts to shard 0). Stop closes the acceptor (posted;
  // connections already accepted go on).
  void Run();
  void Stop();

  // "HOST:PORT" actually bound.
  const std::string& address() const { return address_; }
  int port() const { return port_; }

 private:
  void Accept();
  // Answers 503 on a connection past the cap (ConnectionSlots), closes it.
  void Refuse(boost::asio::ip::tcp::socket& socket);
  void OnAccept(const boost::system::error_code& ec,
                boost::asio::ip::tcp::socket socket, int shard);

  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer backoff_;  // after running out of descriptors
  const GatewayContext* context_;
  std::string address_;
  int port_ = 0;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_LISTENER_H_
