#ifndef SPEAKERS_SERVER_GATEWAY_HTTP_SESSION_H_
#define SPEAKERS_SERVER_GATEWAY_HTTP_SESSION_H_

#include <cstdint>
#include <memory>
#include <optional>

#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/steady_timer.hpp"
#include "boost/beast/core.hpp"
#include "boost/beast/http.hpp"
#include "server/gateway/gateway_context.h"
#include "server/gateway/gateway_stream.h"
#include "server/gateway/request_router.h"

namespace speakers {

// One browser connection speaking HTTP/1.1 (over TLS when the gateway has
// a certificate: the handshake first, within read_timeout), on one shard of
// the IoPool (all its handlers run on that shard's thread). Reads a request
// at a time
// (body at most max_body_bytes: 413; headers at most max_header_bytes: 431;
// read_timeout for each request, which also bounds keep-alive idleness),
// answers it, and reads the next one while the connection is kept alive.
// A JSON command is answered when its App::Call replies (JsonCommands), or
// with JsonCommands::NoAnswer (504) after command_timeout, its late reply
// then dropped; a watch request is checked with App::CheckRead, then hands
// the socket to an SseStream and the session ends.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  // `slot` is the connection's place under the cap (ConnectionSlots); it
  // goes with the socket to the stream, if the session becomes one.
  HttpSession(boost::asio::ip::tcp::socket socket, int shard,
              const GatewayContext* context, ConnectionSlots::Slot slot);

  // Starts reading. Call on the shard's thread.
  void Run();

 private:
  void Read();
  void OnRead(const boost::beast::error_code& ec);
  void Handle(HttpRequest request);
  // Sends `response` for a request of HTTP `version`; `keep_alive` false
  // closes the connection after it.
  void Send(HttpResponse response, unsigned version, bool keep_alive);
  void OnWrite(const boost::beast::error_code& ec, bool keep_alive);
  // Starts the JSON call of `route` with the body of `request`, and its
  // timeout.
  void StartCall(const Route& route, const HttpRequest& request,
                 unsigned version, bool keep_alive);
  // The reply of call number `call`, on the shard: sent unless the call
  // already timed out.
  void OnReply(uint64_t call, JsonCommands::Result result);
  // Call number `call` had no reply within command_timeout: 504, unless
  // its reply came first.
  void OnNoReply(uint64_t call);
  // Checks access, then turns the connection into an event stream.
  void StartWatch(const Route& route, unsigned version, bool keep_alive);
  void Close();

  GatewayStream stream_;
  const int shard_;
  const GatewayContext* context_;
  ConnectionSlots::Slot slot_;  // until the socket closes or moves on
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<HttpResponse> response_;  // the one being written
  bool head_ = false;                     // the request was HEAD: no body
  // The JSON call being waited for (one at a time): its number (the
  // replies of earlier ones are dropped), and how to answer it.
  boost::asio::steady_timer reply_timer_;
  uint64_t call_ = 0;
  bool awaiting_reply_ = false;
  unsigned call_version_ = 11;
  bool call_keep_alive_ = false;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_HTTP_SESSION_H_
