#include "server/gateway/sse_stream.h"

#include <algorithm>
#include <utility>

#include "boost/asio/post.hpp"
#include "boost/asio/write.hpp"
#include "server/gateway/meeting_fan_out.h"
#include "server/service/metrics.h"

namespace speakers {

void SseStream::Start(boost::asio::ip::tcp::socket socket, int shard, MeetingFanOut* fan_out,
                      uint64_t since, absl::Time now, size_t max_queued, int send_buffer,
                      std::chrono::milliseconds retry) {
  boost::system::error_code ignored;
  socket.set_option(boost::asio::ip::tcp::no_delay(true), ignored);
  if (send_buffer > 0) {
    socket.set_option(boost::asio::socket_base::send_buffer_size(send_buffer), ignored);
  }
  socket.non_blocking(true, ignored);  // Write() tries a direct send first
  auto stream = std::make_shared<SseStream>(std::move(socket), shard, fan_out, max_queued);
  MeetingFanOut::Backlog backlog = fan_out->Attach(shard, stream, since);
  stream->seq_ = backlog.seq;
  stream->version_ = backlog.version;
  auto head = std::make_shared<SseFrame>();
  head->bytes = EventStreamHead(retry) + ClockFrame(now)->bytes;
  stream->queue_.reserve(backlog.frames.size() + 1);
  stream->queue_.push_back(std::move(head));
  for (FramePtr& frame : backlog.frames) stream->queue_.push_back(std::move(frame));
  stream->Read();
  stream->Write();
}

SseStream::SseStream(boost::asio::ip::tcp::socket socket, int shard, MeetingFanOut* fan_out,
                     size_t max_queued)
    : socket_(std::move(socket)), shard_(shard), fan_out_(fan_out), max_queued_(max_queued) {
  Metrics::Global().WatcherOpened(Metrics::Watcher::kBrowser);
}

SseStream::~SseStream() { Metrics::Global().WatcherClosed(Metrics::Watcher::kBrowser); }

void SseStream::Deliver(const FramePtr& frame) {
  if (closed_ || closing_) return;
  if (frame->kind != SseFrame::Kind::kControl) {
    if (frame->seq != 0 && frame->seq <= seq_) return;  // in the backlog already
    if (frame->seq != 0) seq_ = frame->seq;
    // A change that a snapshot sent or queued already contains.
    if (frame->kind == SseFrame::Kind::kChange && frame->version <= version_) return;
    if (frame->kind == SseFrame::Kind::kChange) version_ = frame->version;
  }
  Enqueue(frame);
  Write();
}

void SseStream::Enqueue(const FramePtr& frame) {
  if (queue_.size() < max_queued_) {
    queue_.push_back(frame);
    return;
  }
  // Too far behind: drop the backlog; a snapshot replaces it once the
  // write in flight completes (it also covers this frame).
  if (!resync_) fan_out_->CountResync();
  queue_.clear();
  resync_ = true;
}

void SseStream::Write() {
  if (write_pending_ || closed_ || closing_ || (queue_.empty() && !resync_)) return;
  if (resync_) {
    resync_ = false;
    FramePtr snapshot = fan_out_->Snapshot();
    if (snapshot == nullptr) {
      CloseSoon();
      return;
    }
    // Everything queued was published before the snapshot was taken, so
    // the snapshot covers it; gateway frames (the clock) stay.
    queue_.erase(std::remove_if(queue_.begin(), queue_.end(),
                                [](const FramePtr& f) { return f->kind != SseFrame::Kind::kControl; }),
                 queue_.end());
    queue_.insert(queue_.begin(), snapshot);
    version_ = std::max(version_, snapshot->version);
  }
  writing_.swap(queue_);
  buffers_.clear();
  for (const FramePtr& frame : writing_) buffers_.push_back(boost::asio::buffer(frame->bytes));
  // Fast path, the usual case: the socket takes it all at once, with no
  // asynchronous operation and no completion handler.
  boost::system::error_code ec;
  const size_t total = boost::asio::buffer_size(buffers_);
  const size_t written = socket_.write_some(buffers_, ec);
  if (ec && ec != boost::asio::error::would_block && ec != boost::asio::error::try_again) {
    writing_.clear();
    CloseSoon();  // not now: the fan-out may be walking its list of streams
    return;
  }
  if (!ec && written == total) {
    Sent(std::chrono::steady_clock::now());
    return;
  }
  // The rest when the reader makes room.
  size_t skip = ec ? 0 : written;
  std::vector<boost::asio::const_buffer> rest;
  for (const boost::asio::const_buffer& b : buffers_) {
    if (skip >= b.size()) {
      skip -= b.size();
      continue;
    }
    rest.push_back(b + skip);
    skip = 0;
  }
  buffers_.swap(rest);
  write_pending_ = true;
  write_started_ = std::chrono::steady_clock::now();
  boost::asio::async_write(socket_, buffers_,
                           [self = shared_from_this()](const boost::system::error_code& e, size_t) {
                             self->OnWrite(e);
                           });
}

void SseStream::Sent(std::chrono::steady_clock::time_point now) {
  for (const FramePtr& frame : writing_) {
    if (frame->kind == SseFrame::Kind::kChange || frame->kind == SseFrame::Kind::kSignal) {
      Metrics::Global().FanOut(absl::FromChrono(now - frame->published_at));
    }
  }
  writing_.clear();
  if (writing_.capacity() > 8) writing_.shrink_to_fit();
  if (buffers_.capacity() > 8) std::vector<boost::asio::const_buffer>().swap(buffers_);
}

void SseStream::OnWrite(const boost::system::error_code& ec) {
  write_pending_ = false;
  if (ec || closed_) {
    writing_.clear();
    Close();
    return;
  }
  Sent(std::chrono::steady_clock::now());
  Write();
}

void SseStream::Read() {
  socket_.async_read_some(boost::asio::buffer(read_buffer_),
                          [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
                            if (ec) {
                              self->Close();
                            } else {
                              self->Read();
                            }
                          });
}

void SseStream::DropIfStalled(std::chrono::steady_clock::time_point deadline) {
  if (closed_ || !write_pending_ || write_started_ >= deadline) return;
  fan_out_->CountDrop();
  Close();
}

void SseStream::CloseSoon() {
  closing_ = true;
  boost::asio::post(socket_.get_executor(), [self = shared_from_this()] { self->Close(); });
}

void SseStream::Close() {
  if (closed_) return;
  closed_ = true;
  auto keep_alive = shared_from_this();  // the fan-out may hold the last other reference
  fan_out_->Detach(shard_, this);
  queue_.clear();
  boost::system::error_code ignored;
  socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace speakers
