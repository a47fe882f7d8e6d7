#ifndef SPEAKERS_SERVER_APP_PUBLISHED_QUEUE_H_
#define SPEAKERS_SERVER_APP_PUBLISHED_QUEUE_H_

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "server/app/published.h"

namespace speakers {

// A subscription's backlog: first in, first out. A vector and the index
// of its front rather than a std::deque, which allocates about 600 bytes
// when constructed; an idle stream's empty queue allocates nothing, and
// one that drained keeps only the few slots it used. Not thread-safe.
class PublishedQueue {
 public:
  PublishedQueue() = default;
  explicit PublishedQueue(std::vector<PublishedPtr> items)
      : items_(std::move(items)) {}

  bool empty() const { return head_ == items_.size(); }
  size_t size() const { return items_.size() - head_; }
  const PublishedPtr& front() const { return items_[head_]; }

  void push_back(const PublishedPtr& item) { items_.push_back(item); }
  // Takes the front item out.
  PublishedPtr pop_front() {
    PublishedPtr item = std::move(items_[head_++]);
    if (head_ == items_.size()) clear();
    return item;
  }
  void clear() {
    items_.clear();
    head_ = 0;
  }
  // Drops every item for which `drop(item)` is true; keeps the order.
  template <typename Predicate>
  void erase_if(Predicate drop) {
    items_.erase(items_.begin(), items_.begin() + static_cast<long>(head_));
    head_ = 0;
    items_.erase(std::remove_if(items_.begin(), items_.end(), drop),
                 items_.end());
  }

 private:
  std::vector<PublishedPtr> items_;
  size_t head_ = 0;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_PUBLISHED_QUEUE_H_
