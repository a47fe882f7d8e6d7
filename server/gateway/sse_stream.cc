#include "server/gateway/sse_stream.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "boost/asio/post.hpp"
#include "boost/asio/write.hpp"
#include "server/gateway/http_errors.h"
#include "server/gateway/sse_frame.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {
namespace {

// SSE reconnection delay suggested to browsers.
constexpr std::chrono::milliseconds kRetry{1000};

// Whether `item` is a timer signal (its SSE id is the reader's version).
bool IsSignal(const Published& item) { return item.is_signal(); }

}  // namespace

void SseStream::Start(GatewayStream connection, ConnectionSlots::Slot slot,
                      int shard, const GatewayContext* context,
                      absl::string_view meeting,
                      absl::string_view authorization,
                      const App::Since& since) {
  connection.Unwrap();  // no timeouts on a stream
  boost::system::error_code ignored;
  boost::asio::ip::tcp::socket& socket = connection.socket();
  const boost::asio::ip::tcp::endpoint peer = socket.remote_endpoint(ignored);
  const std::string address = ignored ? "" : peer.address().to_string();
  socket.set_option(boost::asio::ip::tcp::no_delay(true), ignored);
  const int send_buffer = context->options->stream_send_buffer;
  if (send_buffer > 0) {
    socket.set_option(boost::asio::socket_base::send_buffer_size(send_buffer),
                      ignored);
  }
  socket.non_blocking(true, ignored);  // Write() tries a direct send first
  auto stream =
      std::make_shared<SseStream>(std::move(connection), shard, context);
  stream->connection_slot_ = std::move(slot);
  if (since.stream == context->app->stream_id())
    stream->version_ = since.version;           // what a resumed reader has
  if (!context->streams->Add(shard, stream)) {  // shutting down
    stream->Close();
    return;
  }
  absl::StatusOr<App::Watching> watching =
      context->app->Watch(authorization, meeting, since, stream.get(), address);
  if (!watching.ok()) {
    stream->Refuse(watching.status());
    return;
  }
  stream->watching_ = *std::move(watching);
  stream->control_ = std::make_shared<const std::string>(
      absl::StrCat(EventStreamHead(kRetry), ClockFrame(context->clock->Now())));
  stream->Read();
  stream->Pump();
}

SseStream::SseStream(GatewayStream connection, int shard,
                     const GatewayContext* context)
    : connection_(std::move(connection)),
      io_(context->pool->context(shard)),
      shard_(shard),
      context_(context) {
  buffers_.reserve(4);
  if (context_->metrics != nullptr) {
    context_->metrics->WatcherOpened(Metrics::Watcher::kBrowser);
    counted_ = true;
  }
}

SseStream::~SseStream() {
  // Only if never closed (the gateway's threads stopped first): the
  // subscription must not call a writer that is gone.
  if (watching_.subscription != nullptr) {
    watching_.subscription->Detach();
    watching_.broadcaster->Unsubscribe(watching_.subscription.get());
  }
  if (counted_) context_->metrics->WatcherClosed(Metrics::Watcher::kBrowser);
}

void SseStream::Wake() {
  // weak: a stream being destroyed (it detaches first) is not woken.
  (*context_->wakes)[shard_]->Add(weak_from_this());
}

void SseStream::Woken() {
  turn_ = true;
  Pump();
}

void SseStream::Abort() {
  std::shared_ptr<SseStream> self = weak_from_this().lock();
  if (self == nullptr) return;
  boost::asio::post(io_, [self = std::move(self)] { self->Close(); });
}

void SseStream::SendControl(std::shared_ptr<const std::string> frame) {
  if (closed_ || closing_) return;
  control_ = std::move(frame);
  Pump();
}

void SseStream::Pump() {
  while (!closed_ && !closing_ && !write_pending_) {
    if (turn_ && watching_.subscription != nullptr) {
      turn_ = false;
      Subscription::Step step = watching_.subscription->Next();
      if (step.finish) {
        CloseSoon();
        return;
      }
      writing_item_ = std::move(step.write);  // nullptr: idle until Wake()
    }
    writing_control_ = std::move(control_);
    control_ = nullptr;
    if (writing_item_ == nullptr && writing_control_ == nullptr) return;
    if (!Write()) return;
    Written();
  }
}

bool SseStream::Write() {
  buffers_.clear();
  if (writing_control_ != nullptr)
    buffers_.push_back(boost::asio::buffer(*writing_control_));
  if (writing_item_ != nullptr) {
    if (!IsSignal(*writing_item_)) version_ = writing_item_->version();
    UpdateFramePrefix(version_, context_->app->stream_id(), &prefix_);
    buffers_.push_back(boost::asio::buffer(prefix_));
    buffers_.push_back(boost::asio::buffer(writing_item_->json()));
    buffers_.push_back(boost::asio::buffer(kFrameEnd.data(), kFrameEnd.size()));
  }
  // Fast path, the usual case: the socket takes it all at once, with no
  // asynchronous operation and no completion handler (plain text only).
  boost::system::error_code ec;
  const size_t total = boost::asio::buffer_size(buffers_);
  const size_t written = connection_.TryWrite(buffers_, ec);
  if (ec && ec != boost::asio::error::would_block &&
      ec != boost::asio::error::try_again) {
    CloseSoon();  // not now: ShardStreams may be walking its list
    return false;
  }
  if (!ec && written == total) return true;
  // The rest when the reader makes room.
  size_t skip = ec ? 0 : written;
  size_t first = 0;
  while (skip > 0 && skip >= buffers_[first].size()) {
    skip -= buffers_[first].size();
    ++first;
  }
  buffers_.erase(buffers_.begin(),
                 buffers_.begin() + static_cast<std::ptrdiff_t>(first));
  buffers_.front() += skip;
  write_pending_ = true;
  boost::asio::async_write(
      connection_, buffers_,
      [self = shared_from_this()](const boost::system::error_code& e, size_t) {
        self->OnWrite(e);
      });
  return false;
}

void SseStream::Written() {
  writing_control_ = nullptr;
  if (writing_item_ != nullptr) {
    writing_item_ = nullptr;
    turn_ = true;  // Next() again: it also counts the fan-out latency
  }
}

void SseStream::OnWrite(const boost::system::error_code& ec) {
  write_pending_ = false;
  if (ec || closed_) {
    Close();
    return;
  }
  Written();
  Pump();
}

void SseStream::Read() {
  connection_.async_read_some(
      boost::asio::buffer(read_buffer_),
      [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
        if (ec) {
          self->Close();
        } else {
          self->Read();
        }
      });
}

void SseStream::Refuse(const absl::Status& refused) {
  const std::string response = RefusalResponse(refused);
  // A few hundred bytes on a fresh connection: the kernel takes them at
  // once (the socket is non-blocking; what it does not take is dropped).
  if (connection_.is_tls()) {
    auto text = std::make_shared<const std::string>(response);
    boost::asio::async_write(
        connection_, boost::asio::buffer(*text),
        [self = shared_from_this(), text](const boost::system::error_code&,
                                          size_t) { self->Close(); });
    return;
  }
  boost::system::error_code ignored;
  connection_.TryWrite(boost::asio::buffer(response), ignored);
  connection_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send,
                                ignored);
  Close();
}

void SseStream::CloseSoon() {
  closing_ = true;
  boost::asio::post(io_, [self = shared_from_this()] { self->Close(); });
}

void SseStream::Close() {
  if (closed_) return;
  closed_ = true;
  auto keep_alive =
      shared_from_this();  // the shard's list may hold the last other reference
  if (watching_.subscription != nullptr) {
    // No Wake() or Abort() once Detach returns; then the broadcaster lets go.
    watching_.subscription->Detach();
    watching_.broadcaster->Unsubscribe(watching_.subscription.get());
    watching_ = App::Watching{};
  }
  context_->streams->Remove(shard_, this);
  control_ = nullptr;
  connection_.Close();
  connection_slot_.reset();  // after the descriptor is closed
  if (counted_) {
    context_->metrics->WatcherClosed(Metrics::Watcher::kBrowser);
    counted_ = false;
  }
}

}  // namespace speakers
