#include "server/gateway/http_session.h"

#include <utility>

#include "boost/asio/post.hpp"
#include "server/gateway/http_errors.h"
#include "server/gateway/sse_stream.h"

namespace speakers {
namespace {

namespace beast = boost::beast;

}  // namespace

HttpSession::HttpSession(boost::asio::ip::tcp::socket socket, int shard,
                         const GatewayContext* context,
                         ConnectionSlots::Slot slot)
    : stream_(std::move(socket), context->tls),
      shard_(shard),
      context_(context),
      slot_(std::move(slot)),
      reply_timer_(stream_.get_executor()) {}

void HttpSession::Run() {
  beast::error_code ignored;
  stream_.socket().set_option(boost::asio::ip::tcp::no_delay(true), ignored);
  if (!stream_.is_tls()) {
    Read();
    return;
  }
  // A client that speaks no TLS (plain HTTP to the HTTPS port) fails the
  // handshake and is closed: nothing it sent is read as a request.
  stream_.tcp().expires_after(context_->options->read_timeout);
  stream_.AsyncHandshake(
      [self = shared_from_this()](const beast::error_code& ec) {
        if (ec) {
          self->Close();
        } else {
          self->Read();
        }
      });
}

void HttpSession::Read() {
  parser_.emplace();
  parser_->body_limit(context_->options->max_body_bytes);
  parser_->header_limit(
      static_cast<std::uint32_t>(context_->options->max_header_bytes));
  stream_.tcp().expires_after(context_->options->read_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](const beast::error_code& ec,
                                               size_t) { self->OnRead(ec); });
}

void HttpSession::OnRead(const beast::error_code& ec) {
  if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
      ec == boost::asio::error::operation_aborted ||
      ec == boost::asio::error::connection_reset) {
    Close();
    return;
  }
  if (ec == http::error::body_limit) {
    Send(RequestRouter::Json(
             413, ErrorJson(absl::StatusCode::kInvalidArgument,
                            "the request body is larger than allowed")),
         11, false);
    return;
  }
  if (ec == http::error::header_limit) {
    Send(RequestRouter::Make(431, "text/plain; charset=utf-8",
                             "request headers too large\n"),
         11, false);
    return;
  }
  if (ec) {
    if (buffer_.size() == 0 && !parser_->got_some()) {
      Close();
    } else {
      Send(RequestRouter::Make(400, "text/plain; charset=utf-8",
                               "malformed HTTP request\n"),
           11, false);
    }
    return;
  }
  Handle(parser_->release());
}

void HttpSession::Handle(HttpRequest request) {
  const unsigned version = request.version();
  const bool keep_alive = request.keep_alive();
  head_ = request.method() == http::verb::head;
  beast::error_code ignored;
  const auto peer = stream_.socket().remote_endpoint(ignored);
  Route route = context_->router->Decide(
      request, !ignored && peer.address().is_loopback());
  switch (route.kind) {
    case Route::Kind::kRespond:
      Send(std::move(route.response), version, keep_alive);
      return;
    case Route::Kind::kMetrics:
      if (absl::Status allowed =
              context_->app->CheckSecretariat(route.authorization);
          !allowed.ok()) {
        Send(RequestRouter::Json(HttpStatusFor(allowed.code()),
                                 ErrorJson(allowed)),
             version, keep_alive);
        return;
      }
      Send(std::move(route.response), version, keep_alive);
      return;
    case Route::Kind::kWatch:
      StartWatch(route, version, keep_alive);
      return;
    case Route::Kind::kCommand:
      StartCall(route, request, version, keep_alive);
      return;
  }
}

void HttpSession::StartCall(const Route& route, const HttpRequest& request,
                            unsigned version, bool keep_alive) {
  // No read while the call runs: one request at a time per connection.
  stream_.tcp().expires_never();
  const uint64_t call = ++call_;
  awaiting_reply_ = true;
  call_version_ = version;
  call_keep_alive_ = keep_alive;
  reply_timer_.expires_after(context_->options->command_timeout);
  reply_timer_.async_wait(
      [self = shared_from_this(), call](const boost::system::error_code& ec) {
        if (!ec) self->OnNoReply(call);
      });
  auto executor = stream_.get_executor();
  // The reply may come on the committer's thread: the session's reference
  // moves to its shard with it, so that the session is never destroyed on
  // another thread. The handler posted there holds the call's hold until
  // after it let go of the session, and the callback holds its own until
  // it has returned from posting: the call counts as in flight (and
  // shutdown keeps the shards' io_contexts) until neither uses them.
  context_->commands->Call(
      route.method, request.body(), route.authorization,
      [self = shared_from_this(), executor, call](
          JsonCommands::Result result, CallsInFlight::Hold hold) mutable {
        boost::asio::post(executor,
                          [self = std::move(self), hold = std::move(hold), call,
                           result = std::move(result)]() mutable {
                            self->OnReply(call, std::move(result));
                            self.reset();
                            hold.reset();  // last
                          });
      });
}

void HttpSession::OnReply(uint64_t call, JsonCommands::Result result) {
  if (!awaiting_reply_ || call != call_) return;  // answered 504 already
  awaiting_reply_ = false;
  reply_timer_.cancel();
  Send(RequestRouter::Json(result.http_status, std::move(result.json)),
       call_version_, call_keep_alive_);
}

void HttpSession::OnNoReply(uint64_t call) {
  if (!awaiting_reply_ || call != call_) return;  // the reply came first
  awaiting_reply_ = false;
  JsonCommands::Result result =
      JsonCommands::NoAnswer(context_->options->command_timeout);
  Send(RequestRouter::Json(result.http_status, std::move(result.json)),
       call_version_, call_keep_alive_);
}

void HttpSession::StartWatch(const Route& route, unsigned version,
                             bool keep_alive) {
  const absl::Status allowed =
      context_->app->CheckRead(route.authorization, route.meeting);
  if (!allowed.ok()) {
    Send(RequestRouter::Json(HttpStatusFor(allowed.code()), ErrorJson(allowed)),
         version, keep_alive);
    return;
  }
  stream_.tcp().expires_never();
  SseStream::Start(std::move(stream_), std::move(slot_), shard_, context_,
                   route.meeting, route.authorization,
                   App::Since{route.since, route.since_stream});
}

void HttpSession::Send(HttpResponse response, unsigned version,
                       bool keep_alive) {
  response.version(version);
  response.keep_alive(keep_alive);
  if (stream_.is_tls()) {  // browsers then refuse plain HTTP to this host
    response.set(http::field::strict_transport_security, "max-age=31536000");
  }
  if (head_) response.body().clear();  // Content-Length stays that of the body
  response_ = std::move(response);
  stream_.tcp().expires_after(context_->options->write_timeout);
  http::async_write(stream_, *response_,
                    [self = shared_from_this(), keep_alive](
                        const beast::error_code& ec, size_t) {
                      self->OnWrite(ec, keep_alive);
                    });
}

void HttpSession::OnWrite(const beast::error_code& ec, bool keep_alive) {
  response_.reset();
  if (ec || !keep_alive) {
    Close();
    return;
  }
  Read();
}

void HttpSession::Close() {
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send,
                            ignored);
  stream_.socket().close(ignored);
}

}  // namespace speakers
