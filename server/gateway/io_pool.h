#ifndef SPEAKERS_SERVER_GATEWAY_IO_POOL_H_
#define SPEAKERS_SERVER_GATEWAY_IO_POOL_H_

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "boost/asio/executor_work_guard.hpp"
#include "boost/asio/io_context.hpp"

namespace speakers {

// The gateway's threads: `size` io_contexts, each run by exactly one thread
// (a "shard"). A connection lives on one shard for its whole life, so its
// handlers never run concurrently and need no strand or lock; work for a
// shard from another thread is posted to its io_context.
class IoPool {
 public:
  explicit IoPool(int size);
  ~IoPool();  // Stop()s and joins

  IoPool(const IoPool&) = delete;
  IoPool& operator=(const IoPool&) = delete;

  // Starts the threads. Call once.
  void Start();

  int size() const { return static_cast<int>(contexts_.size()); }
  boost::asio::io_context& context(int shard) { return *contexts_[shard]; }

  // The shard for the next connection (round robin). Thread-safe.
  int NextShard();

  // Lets the threads return once their queues are empty (no new work),
  // or at once with `force`. Joins them. Idempotent.
  void Stop(bool force);

 private:
  using WorkGuard =
      boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<WorkGuard> work_;
  std::vector<std::thread> threads_;
  std::atomic<unsigned> next_{0};
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_IO_POOL_H_
