#ifndef SPEAKERS_SERVER_GATEWAY_CALLS_IN_FLIGHT_H_
#define SPEAKERS_SERVER_GATEWAY_CALLS_IN_FLIGHT_H_

#include <chrono>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace speakers {

// Counts the JSON calls whose reply path may still use the gateway (a
// session, a shard's io_context), so that shutdown waits for them before
// the gateway's threads and io_contexts go. A call counts while any copy of
// its Hold lives: the reply's callback on the app's thread holds one until
// it has returned from posting to the session's shard, the handler it
// posts holds one until it has let go of the session. Whichever is last
// ends the count, after everything it used. Shared (by shared_ptr: create
// it with std::make_shared) with those callbacks, which may run on the
// app's threads after the gateway is gone. Thread-safe.
class CallsInFlight : public std::enable_shared_from_this<CallsInFlight> {
 public:
  // Keeps one call counted until its last copy is released (on any
  // thread).
  using Hold = std::shared_ptr<const void>;

  // A call starts: its Hold, or nullptr once Close() was called (the
  // caller refuses the call instead).
  Hold Begin();
  // Refuses new calls from now on. Idempotent.
  void Close();

  // Calls counted now.
  int count() const;
  // Waits up to `timeout` for no call in flight; false on timeout.
  bool WaitIdle(std::chrono::milliseconds timeout);

 private:
  // The last copy of a Hold went.
  void End();

  mutable absl::Mutex mu_;
  int count_ ABSL_GUARDED_BY(mu_) = 0;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_CALLS_IN_FLIGHT_H_
