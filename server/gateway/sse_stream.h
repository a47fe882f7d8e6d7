#ifndef SPEAKERS_SERVER_GATEWAY_SSE_STREAM_H_
#define SPEAKERS_SERVER_GATEWAY_SSE_STREAM_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "boost/asio/buffer.hpp"
#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "server/app/app.h"
#include "server/app/published.h"
#include "server/app/subscription.h"
#include "server/gateway/gateway_context.h"
#include "server/gateway/gateway_stream.h"

namespace speakers {

// One browser's live stream of a meeting (Server-Sent Events) on a socket
// taken over from its HTTP session: the transport side of one reader of
// the meeting's Broadcaster. The app layer keeps the history, resumes by
// version, sends a snapshot after a gap and applies the slow-reader policy
// (one write in flight, a bounded backlog, a snapshot instead of an
// overflowed one, a drop when a write stalls); this class only writes what
// its Subscription hands it, framed as SSE around the update's shared JSON
// (see sse_frame.h), plus the gateway's own clock frames.
//
// Lives on one shard: every method but Wake and Abort (the app's calls,
// from any thread, which post to the shard) runs on that shard's thread.
class SseStream : public StreamWriter,
                  public std::enable_shared_from_this<SseStream> {
 public:
  // slot() of a stream that is in no ShardStreams list.
  static constexpr size_t kNoSlot = static_cast<size_t>(-1);

  // Starts a stream of `meeting` from `since` (version 0, or a stream other
  // than this run's: a snapshot first) for the caller who sent
  // `authorization` (already let in by App::CheckRead) on `connection`, from
  // `shard`'s thread: lists it in context->streams, subscribes through
  // App::Watch (which counts it against the caps of its token or, without
  // one, of the peer's address), writes the response head with its
  // "retry:" line, the server's clock, then every update. When the app
  // refuses (RESOURCE_EXHAUSTED past a cap), answers with its status and
  // message as JSON and closes; closes if the shard is closing.
  // `slot` (the connection's place under the cap) is held until Close.
  static void Start(GatewayStream connection, ConnectionSlots::Slot slot,
                    int shard, const GatewayContext* context,
                    absl::string_view meeting, absl::string_view authorization,
                    const App::Since& since);

  // Use Start. `context` must outlive the stream's shard thread.
  SseStream(GatewayStream connection, int shard, const GatewayContext* context);
  // Leaves the broadcaster if Close() never ran (the threads stopped
  // first).
  ~SseStream() override;

  SseStream(const SseStream&) = delete;
  SseStream& operator=(const SseStream&) = delete;

  // StreamWriter. Wake: the subscription has something; queues the stream
  // on its shard's WakeQueue (see Woken). Abort: posts Close() to the
  // shard.
  void Wake() override;
  void Abort() override;
  // On the shard, for the WakeQueue: our turn to call Next() and write.
  void Woken();

  // A gateway frame (the clock) for this stream, written with the next
  // write; it replaces one still waiting. Never closes synchronously.
  void SendControl(std::shared_ptr<const std::string> frame);

  // Leaves the broadcaster (Detach, then Unsubscribe), leaves the shard's
  // list and closes the socket. Idempotent.
  void Close();
  // Answers `refused` (the app's refusal of the stream) as an HTTP error
  // with its JSON body, then closes.
  void Refuse(const absl::Status& refused);

  // The stream's place in its shard's list (for O(1) removal).
  size_t slot() const { return slot_; }
  void set_slot(size_t slot) { slot_ = slot; }

 private:
  // Writes while there is something to write: the waiting gateway frame
  // and, when it is our turn, the subscription's next step. Directly when
  // the socket takes it all, else the rest asynchronously (then OnWrite).
  // Never closes synchronously (see CloseSoon).
  void Pump();
  // Writes writing_control_ and writing_item_: true when the socket took
  // all of it at once.
  bool Write();
  void OnWrite(const boost::system::error_code& ec);
  // The write of writing_* completed: the next step is ours again if it
  // carried an update.
  void Written();
  // Keeps a read pending: the browser sends nothing, so any end or error
  // means it went away.
  void Read();
  // Close() from a fresh handler on the shard: safe while ShardStreams
  // walks its list.
  void CloseSoon();

  GatewayStream connection_;
  boost::asio::io_context& io_;  // the shard's
  const int shard_;
  const GatewayContext* const context_;
  ConnectionSlots::Slot
      connection_slot_;  // released in Close, after the socket
  App::Watching watching_;
  size_t slot_ = kNoSlot;

  std::shared_ptr<const std::string> control_;          // waiting
  std::shared_ptr<const std::string> writing_control_;  // in the write
  PublishedPtr writing_item_;                           // in the write
  std::string prefix_;  // writing_item_'s "id: ..."
  std::vector<boost::asio::const_buffer> buffers_;
  // The version of the last snapshot or change handed to the socket (the
  // SSE id of a timer signal).
  uint64_t version_ = 0;
  bool turn_ = true;  // the subscription waits for our Next()
  bool write_pending_ = false;
  bool closed_ = false;
  bool closing_ = false;  // CloseSoon() was called
  bool counted_ = false;  // counted in the metrics' open watchers
  std::array<char, 64> read_buffer_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_SSE_STREAM_H_
