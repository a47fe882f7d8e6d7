#include "server/gateway/connection_slots.h"

#include <algorithm>

namespace speakers {

ConnectionSlots::Slot ConnectionSlots::TryTake() {
  size_t held = held_.load(std::memory_order_relaxed);
  do {
    if (held >= limit_) return nullptr;
  } while (
      !held_.compare_exchange_weak(held, held + 1, std::memory_order_relaxed));
  return Slot(static_cast<const void*>(this), [this](const void*) {
    held_.fetch_sub(1, std::memory_order_relaxed);
  });
}

size_t ConnectionSlots::DefaultLimit(size_t open_files) {
  return std::max<size_t>(16, open_files / 4 * 3);
}

}  // namespace speakers
