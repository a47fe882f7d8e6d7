#ifndef SPEAKERS_SERVER_APP_SCHEDULER_H_
#define SPEAKERS_SERVER_APP_SCHEDULER_H_

#include <functional>
#include <memory>

#include "absl/time/time.h"

namespace speakers {

// Runs the app layer's timed work (clock deadlines, the stalled-stream
// sweep) on one thread of its own. server/platform has the Asio one; tests
// can run tasks by hand.
class Scheduler {
 public:
  // One re-armable timer. Destroying it cancels it: its callback does not
  // run after the destructor returns (destroy alarms before the scheduler
  // stops).
  class Alarm {
   public:
    virtual ~Alarm() = default;
    // Runs the alarm's callback once, `after` from now (0: soon), or
    // earlier if an earlier setting is pending (the earliest wins; the
    // callback re-arms for what remains). Thread-safe.
    virtual void Set(absl::Duration after) = 0;
  };

  virtual ~Scheduler() = default;

  // An alarm that runs `callback` on the scheduler's thread.
  virtual std::unique_ptr<Alarm> NewAlarm(std::function<void()> callback) = 0;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_SCHEDULER_H_
