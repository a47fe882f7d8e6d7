#include "server/gateway/io_pool.h"

namespace speakers {

IoPool::IoPool(int size) {
  if (size < 1) size = 1;
  for (int i = 0; i < size; ++i) {
    contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
    work_.push_back(boost::asio::make_work_guard(*contexts_.back()));
  }
}

IoPool::~IoPool() { Stop(/*force=*/true); }

void IoPool::Start() {
  for (auto& context : contexts_) {
    threads_.emplace_back([c = context.get()] { c->run(); });
  }
}

int IoPool::NextShard() { return static_cast<int>(next_++ % contexts_.size()); }

void IoPool::Stop(bool force) {
  work_.clear();
  if (force) {
    for (auto& context : contexts_) context->stop();
  }
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

}  // namespace speakers
