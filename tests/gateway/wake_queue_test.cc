#include "server/gateway/wake_queue.h"

#include <memory>

#include "boost/asio/io_context.hpp"
#include "gtest/gtest.h"
#include "server/gateway/sse_stream.h"

namespace speakers {
namespace {

// A stream that is already gone: the queue must skip it, not touch it.
std::weak_ptr<SseStream> Gone() { return std::weak_ptr<SseStream>(); }

TEST(WakeQueueTest, ABurstOfWakesPostsOneHandler) {
  boost::asio::io_context io;
  WakeQueue queue(io);
  for (int i = 0; i < 1000; ++i) queue.Add(Gone());
  EXPECT_EQ(queue.pending(), 1000u);
  EXPECT_EQ(io.poll(), 1u);  // one handler for the whole burst
  EXPECT_EQ(queue.pending(), 0u);
  EXPECT_EQ(io.poll(), 0u);
}

TEST(WakeQueueTest, AWakeAfterTheDrainPostsAgain) {
  boost::asio::io_context io;
  WakeQueue queue(io);
  queue.Add(Gone());
  EXPECT_EQ(io.poll(), 1u);
  queue.Add(Gone());
  queue.Add(Gone());
  EXPECT_EQ(queue.pending(), 2u);
  io.restart();
  EXPECT_EQ(io.poll(), 1u);
  EXPECT_EQ(queue.pending(), 0u);
}

TEST(WakeQueueTest, NothingRunsOnAStoppedShard) {
  boost::asio::io_context io;
  {
    WakeQueue queue(io);
    queue.Add(Gone());
    io.stop();
    EXPECT_EQ(io.poll(), 0u);
    EXPECT_EQ(queue.pending(), 1u);
  }
  // The queue is gone; its handler is dropped with the io_context, unrun.
}

}  // namespace
}  // namespace speakers
