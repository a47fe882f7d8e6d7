#include "server/gateway/calls_in_flight.h"

#include "absl/time/time.h"

namespace speakers {

CallsInFlight::Hold CallsInFlight::Begin() {
  {
    absl::MutexLock lock(&mu_);
    if (closed_) return nullptr;
    ++count_;
  }
  std::shared_ptr<CallsInFlight> self = shared_from_this();
  CallsInFlight* calls = self.get();
  return Hold(calls, [self = std::move(self)](const void*) { self->End(); });
}

void CallsInFlight::End() {
  absl::MutexLock lock(&mu_);
  --count_;
}

void CallsInFlight::Close() {
  absl::MutexLock lock(&mu_);
  closed_ = true;
}

int CallsInFlight::count() const {
  absl::MutexLock lock(&mu_);
  return count_;
}

bool CallsInFlight::WaitIdle(std::chrono::milliseconds timeout) {
  absl::MutexLock lock(&mu_);
  auto idle = [this]()
                  ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return count_ == 0; };
  return mu_.AwaitWithTimeout(absl::Condition(&idle),
                              absl::FromChrono(timeout));
}

}  // namespace speakers
