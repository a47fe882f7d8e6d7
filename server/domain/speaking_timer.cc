#include "server/domain/speaking_timer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "text/time_text.h"

namespace speakers {

SpeakingTimer SpeakingTimer::Restore(State state, absl::Duration limit,
                                     absl::Duration accumulated,
                                     absl::Time started_at) {
  SpeakingTimer timer(limit);
  timer.state_ = state;
  timer.accumulated_ = accumulated;
  timer.started_at_ =
      state == State::kRunning ? started_at : absl::InfinitePast();
  return timer;
}

absl::Status SpeakingTimer::Start(absl::Time now) {
  if (state_ == State::kRunning) {
    return absl::FailedPreconditionError(
        "the speaker's clock is already running");
  }
  if (state_ == State::kPaused) {
    return absl::FailedPreconditionError(
        "the speaker's clock is paused; resume it, or reset it to start again");
  }
  state_ = State::kRunning;
  started_at_ = now;
  return absl::OkStatus();
}

absl::Status SpeakingTimer::Pause(absl::Time now) {
  if (state_ != State::kRunning) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the speaker's clock is ", TimerStateName(state_), ", not running"));
  }
  accumulated_ += std::max(absl::ZeroDuration(), now - started_at_);
  started_at_ = absl::InfinitePast();
  state_ = State::kPaused;
  return absl::OkStatus();
}

absl::Status SpeakingTimer::Resume(absl::Time now) {
  if (state_ != State::kPaused) {
    return absl::FailedPreconditionError(
        absl::StrCat("the speaker's clock is ", TimerStateName(state_),
                     ", not paused; only a paused clock can be resumed"));
  }
  state_ = State::kRunning;
  started_at_ = now;
  return absl::OkStatus();
}

void SpeakingTimer::Reset() {
  state_ = State::kReady;
  accumulated_ = absl::ZeroDuration();
  started_at_ = absl::InfinitePast();
}

absl::Status SpeakingTimer::AddTime(absl::Duration delta) {
  if (limit_ + delta <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("taking ", FormatClock(-delta), " off a limit of ",
                     FormatClock(limit_), " would leave no speaking time"));
  }
  limit_ += delta;
  return absl::OkStatus();
}

absl::Duration SpeakingTimer::Elapsed(absl::Time now) const {
  if (state_ != State::kRunning) return accumulated_;
  // A clock that steps back never makes elapsed time shrink below the bank.
  return accumulated_ + std::max(absl::ZeroDuration(), now - started_at_);
}

absl::Duration SpeakingTimer::Remaining(absl::Time now) const {
  return limit_ - Elapsed(now);
}

absl::Duration SpeakingTimer::Overrun(absl::Time now) const {
  return std::max(absl::ZeroDuration(), -Remaining(now));
}

bool SpeakingTimer::InWarning(absl::Time now, absl::Duration threshold) const {
  const absl::Duration left = Remaining(now);
  return left > absl::ZeroDuration() && left <= threshold;
}

std::optional<absl::Time> SpeakingTimer::InstantRemaining(
    absl::Duration left) const {
  if (state_ != State::kRunning) return std::nullopt;
  const absl::Duration run_for = limit_ - left - accumulated_;
  if (run_for < absl::ZeroDuration()) return std::nullopt;
  return started_at_ + run_for;
}

absl::string_view TimerStateName(SpeakingTimer::State state) {
  switch (state) {
    case SpeakingTimer::State::kReady:
      return "ready";
    case SpeakingTimer::State::kRunning:
      return "running";
    case SpeakingTimer::State::kPaused:
      return "paused";
  }
  return "";
}

}  // namespace speakers
