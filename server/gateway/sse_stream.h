#ifndef SPEAKERS_SERVER_GATEWAY_SSE_STREAM_H_
#define SPEAKERS_SERVER_GATEWAY_SSE_STREAM_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/time/time.h"
#include "boost/asio/buffer.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "server/gateway/sse_frame.h"

namespace speakers {

class MeetingFanOut;

// One browser's live stream of a meeting (Server-Sent Events) on a socket
// taken over from its HTTP session. Lives on one shard: every method runs
// on that shard's thread.
//
// The slow-reader policy mirrors the gRPC streams' (BufferedStream): one
// write in flight, at most `max_queued` frames waiting; past that the
// backlog is dropped and, once the write completes, the reader gets one
// fresh snapshot instead. (A write is "pending" only when the socket could
// not take it at once: most writes complete within Deliver.) A write stuck past the stall deadline drops the
// stream; the browser reconnects with its last version (Last-Event-ID).
class SseStream : public std::enable_shared_from_this<SseStream> {
 public:
  // Starts a stream on `socket` (an io_context of `shard`), from the shard's
  // thread: writes the response head, the server's clock at `now`, then the
  // fan-out's backlog from `since`, then every frame delivered. `send_buffer`
  // > 0 sets the socket's SO_SNDBUF.
  static void Start(boost::asio::ip::tcp::socket socket, int shard, MeetingFanOut* fan_out,
                    uint64_t since, absl::Time now, size_t max_queued, int send_buffer,
                    std::chrono::milliseconds retry);

  SseStream(boost::asio::ip::tcp::socket socket, int shard, MeetingFanOut* fan_out,
            size_t max_queued);
  ~SseStream();

  SseStream(const SseStream&) = delete;
  SseStream& operator=(const SseStream&) = delete;

  // A frame for this stream: skipped if already sent (by sequence, or a
  // change older than a snapshot sent), else queued and written. Never
  // blocks and never closes synchronously.
  void Deliver(const FramePtr& frame);

  // Closes the stream if a write has been pending since before `deadline`.
  void DropIfStalled(std::chrono::steady_clock::time_point deadline);

  // Closes the socket and leaves the fan-out. Idempotent. Not to be called
  // while the fan-out walks its list (Deliver, Broadcast): see CloseSoon.
  void Close();

  // The stream's place in its fan-out's shard list (for O(1) removal).
  size_t slot() const { return slot_; }
  void set_slot(size_t slot) { slot_ = slot; }

 private:
  // Writes the whole queue at once unless a write is pending: directly
  // when the socket takes it all, else the rest asynchronously.
  void Write();
  // The frames in writing_ reached the socket at `now`: fan-out metrics.
  void Sent(std::chrono::steady_clock::time_point now);
  void OnWrite(const boost::system::error_code& ec);
  // Keeps a read pending: the browser sends nothing, so any end or error
  // means it went away.
  void Read();
  void Enqueue(const FramePtr& frame);
  // Close() from a fresh handler on the shard: safe during Deliver.
  void CloseSoon();

  boost::asio::ip::tcp::socket socket_;
  const int shard_;
  MeetingFanOut* const fan_out_;
  const size_t max_queued_;
  size_t slot_ = static_cast<size_t>(-1);

  std::vector<FramePtr> queue_;    // waiting
  std::vector<FramePtr> writing_;  // in the write in flight
  std::vector<boost::asio::const_buffer> buffers_;
  uint64_t seq_ = 0;      // published frames up to this one were queued
  uint64_t version_ = 0;  // the meeting version the queued frames reach
  std::chrono::steady_clock::time_point write_started_;
  bool write_pending_ = false;
  bool resync_ = false;
  bool closed_ = false;
  bool closing_ = false;  // CloseSoon() was called
  std::array<char, 64> read_buffer_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_SSE_STREAM_H_
