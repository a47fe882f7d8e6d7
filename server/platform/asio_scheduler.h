#ifndef SPEAKERS_SERVER_PLATFORM_ASIO_SCHEDULER_H_
#define SPEAKERS_SERVER_PLATFORM_ASIO_SCHEDULER_H_

#include <memory>
#include <thread>

#include "boost/asio/executor_work_guard.hpp"
#include "boost/asio/io_context.hpp"
#include "server/app/scheduler.h"

namespace speakers {

// The app layer's Scheduler on a Boost.Asio io_context with a thread of its
// own; alarms are steady timers (real elapsed time).
class AsioScheduler : public Scheduler {
 public:
  // Starts the thread.
  AsioScheduler();
  // Stop().
  ~AsioScheduler() override;

  std::unique_ptr<Alarm> NewAlarm(std::function<void()> callback) override;

  // Stops the thread; pending alarms never run. Idempotent. Alarms must be
  // destroyed before the scheduler.
  void Stop();

 private:
  class AsioAlarm;

  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type>
      work_;
  std::thread thread_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_PLATFORM_ASIO_SCHEDULER_H_
