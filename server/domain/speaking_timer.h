#ifndef SPEAKERS_SERVER_DOMAIN_SPEAKING_TIMER_H_
#define SPEAKERS_SERVER_DOMAIN_SPEAKING_TIMER_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace speakers {

// The clock of the speaker who has the floor. Nothing ticks: the timer holds
// the limit, the time accumulated in earlier running spans and the instant
// the current span started; everything else is derived from `now`, so a
// display can draw a smooth countdown from the same four values.
//
// elapsed   = accumulated + (now - started_at)   while running
// remaining = limit - elapsed                    (negative in overrun)
class SpeakingTimer {
 public:
  enum class State { kReady, kRunning, kPaused };

  // A ready timer with the given limit (> 0).
  explicit SpeakingTimer(absl::Duration limit) : limit_(limit) {}

  // Rebuilds a timer from stored values (replay, snapshots).
  static SpeakingTimer Restore(State state, absl::Duration limit,
                               absl::Duration accumulated,
                               absl::Time started_at);

  // ready -> running. FAILED_PRECONDITION when running or paused.
  absl::Status Start(absl::Time now);
  // running -> paused, banking the running span. FAILED_PRECONDITION else.
  absl::Status Pause(absl::Time now);
  // paused -> running. FAILED_PRECONDITION else.
  absl::Status Resume(absl::Time now);
  // Any state -> ready with nothing accumulated; the limit stays.
  void Reset();
  // Extends (or, negative, shortens) the limit. INVALID_ARGUMENT when the
  // limit would not stay above zero.
  absl::Status AddTime(absl::Duration delta);
  // Replaces the limit (> 0, checked by the caller).
  void SetLimit(absl::Duration limit) { limit_ = limit; }

  State state() const { return state_; }
  absl::Duration limit() const { return limit_; }
  absl::Duration accumulated() const { return accumulated_; }
  // The start of the current running span; InfinitePast unless running.
  absl::Time started_at() const { return started_at_; }

  absl::Duration Elapsed(absl::Time now) const;
  // Negative once the limit has passed.
  absl::Duration Remaining(absl::Time now) const;
  // How far past the limit; zero before it.
  absl::Duration Overrun(absl::Time now) const;
  // True when 0 < remaining <= threshold.
  bool InWarning(absl::Time now, absl::Duration threshold) const;
  // The instant remaining reaches `left` if the timer keeps running; nullopt
  // unless running or if that instant has passed before the span started.
  std::optional<absl::Time> InstantRemaining(absl::Duration left) const;

 private:
  State state_ = State::kReady;
  absl::Duration limit_;
  absl::Duration accumulated_ = absl::ZeroDuration();
  absl::Time started_at_ = absl::InfinitePast();
};

// "ready", "running", "paused".
absl::string_view TimerStateName(SpeakingTimer::State state);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_SPEAKING_TIMER_H_
