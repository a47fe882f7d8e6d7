#include "server/platform/asio_scheduler.h"

#include <utility>

#include "absl/synchronization/mutex.h"
#include "boost/asio/post.hpp"
#include "boost/asio/steady_timer.hpp"

namespace speakers {

// The timer is touched on the io thread only; Set posts there. Its state
// is shared with the posted handlers, so that destroying the alarm while a
// handler is queued is safe: the handler sees `cancelled` and does nothing.
class AsioScheduler::AsioAlarm : public Scheduler::Alarm {
 public:
  AsioAlarm(boost::asio::io_context* io, std::function<void()> callback)
      : io_(io), state_(std::make_shared<State>(*io, std::move(callback))) {}

  ~AsioAlarm() override {
    {
      absl::MutexLock lock(&state_->mu);
      state_->cancelled = true;
      // A callback running now finishes before the owner goes on.
      state_->mu.Await(absl::Condition(
          +[](bool* running) { return !*running; }, &state_->running));
    }
    boost::asio::post(*io_, [state = state_] { state->timer.cancel(); });
  }

  void Set(absl::Duration after) override {
    boost::asio::post(*io_, [state = state_, after] {
      {
        absl::MutexLock lock(&state->mu);
        if (state->cancelled) return;
      }
      const auto at =
          std::chrono::steady_clock::now() +
          absl::ToChronoNanoseconds(std::max(after, absl::ZeroDuration()));
      // The earliest setting wins: a callback that runs early re-arms.
      if (state->armed && state->armed_at <= at) return;
      state->armed = true;
      state->armed_at = at;
      const uint64_t generation = ++state->generation;
      state->timer.expires_at(at);
      state->timer.async_wait(
          [state, generation](const boost::system::error_code& ec) {
            if (ec || generation != state->generation)
              return;  // replaced by an earlier one
            state->armed = false;
            {
              absl::MutexLock lock(&state->mu);
              if (state->cancelled) return;
              state->running = true;
            }
            state->callback();
            absl::MutexLock lock(&state->mu);
            state->running = false;
          });
    });
  }

 private:
  struct State {
    State(boost::asio::io_context& io, std::function<void()> f)
        : timer(io), callback(std::move(f)) {}
    // io thread only:
    boost::asio::steady_timer timer;
    bool armed = false;
    std::chrono::steady_clock::time_point armed_at;
    uint64_t generation = 0;
    std::function<void()> callback;
    absl::Mutex mu;
    bool cancelled = false;
    bool running = false;
  };
  boost::asio::io_context* io_;
  std::shared_ptr<State> state_;
};

AsioScheduler::AsioScheduler()
    : work_(boost::asio::make_work_guard(io_)),
      thread_([this] { io_.run(); }) {}

AsioScheduler::~AsioScheduler() { Stop(); }

std::unique_ptr<Scheduler::Alarm> AsioScheduler::NewAlarm(
    std::function<void()> callback) {
  return std::make_unique<AsioAlarm>(&io_, std::move(callback));
}

void AsioScheduler::Stop() {
  work_.reset();
  io_.stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace speakers
