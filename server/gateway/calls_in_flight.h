#ifndef SPEAKERS_SERVER_GATEWAY_CALLS_IN_FLIGHT_H_
#define SPEAKERS_SERVER_GATEWAY_CALLS_IN_FLIGHT_H_

#include <chrono>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace speakers {

// Counts the JSON calls whose reply has not been handed back to its
// session yet, so that shutdown waits for them before the gateway's
// threads and io_contexts go. Shared (by shared_ptr) with the calls'
// callbacks, which may run on the app's threads after the gateway is gone.
// Thread-safe.
class CallsInFlight {
 public:
  // A call starts: true, or false once Close() was called (the caller
  // refuses the call instead).
  bool Begin();
  // A call's reply has been handed over (every reference the callback held
  // to the session released first).
  void End();
  // Refuses new calls from now on. Idempotent.
  void Close();

  int count() const;
  // Waits up to `timeout` for no call in flight; false on timeout.
  bool WaitIdle(std::chrono::milliseconds timeout);

 private:
  mutable absl::Mutex mu_;
  int count_ ABSL_GUARDED_BY(mu_) = 0;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_CALLS_IN_FLIGHT_H_
