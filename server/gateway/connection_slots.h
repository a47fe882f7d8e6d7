#ifndef SPEAKERS_SERVER_GATEWAY_CONNECTION_SLOTS_H_
#define SPEAKERS_SERVER_GATEWAY_CONNECTION_SLOTS_H_

#include <atomic>
#include <cstddef>
#include <memory>

namespace speakers {

// The browser connections a gateway holds at once, capped below the
// process's open-files limit: browsers alone can never use up the
// descriptors that the gRPC listener, the database and the consoles need
// (gRPC 1.51 does not recover from running out of them). A connection
// takes a slot when accepted and gives it back when its socket closes,
// whether it ended as an HTTP session or a browser stream. Thread-safe.
class ConnectionSlots {
 public:
  // A held slot: given back when the last copy is destroyed.
  using Slot = std::shared_ptr<const void>;

  // At most `limit` (>= 1) slots at once.
  explicit ConnectionSlots(size_t limit) : limit_(limit < 1 ? 1 : limit) {}

  ConnectionSlots(const ConnectionSlots&) = delete;
  ConnectionSlots& operator=(const ConnectionSlots&) = delete;

  // A slot, or nullptr when all `limit` are held.
  Slot TryTake();

  size_t held() const { return held_.load(std::memory_order_relaxed); }
  size_t limit() const { return limit_; }

  // The default limit for a process whose open-files soft limit is
  // `open_files`: three quarters of it (the rest for gRPC, the database
  // and the server's own), at least 16.
  static size_t DefaultLimit(size_t open_files);

 private:
  const size_t limit_;
  std::atomic<size_t> held_{0};
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_CONNECTION_SLOTS_H_
