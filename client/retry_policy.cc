#include "client/retry_policy.h"

#include <algorithm>

namespace speakers::client {

RetryPolicy::RetryPolicy(int max_attempts, absl::Duration initial_backoff,
                         absl::Duration max_backoff)
    : max_attempts_(std::max(1, max_attempts)),
      initial_backoff_(initial_backoff),
      max_backoff_(std::max(initial_backoff, max_backoff)) {}

absl::Duration RetryPolicy::BackoffAfter(int failed_attempts) const {
  absl::Duration pause = initial_backoff_;
  for (int i = 1; i < failed_attempts && pause < max_backoff_; ++i) {
    pause *= 2;
  }
  return std::min(pause, max_backoff_);
}

bool RetryPolicy::ShouldRetry(const absl::Status& status,
                              int attempts_made) const {
  return absl::IsUnavailable(status) && attempts_made < max_attempts_;
}

absl::Status RetryPolicy::Run(const std::function<absl::Status()>& attempt,
                              const Sleeper& sleep) const {
  for (int made = 1;; ++made) {
    absl::Status status = attempt();
    if (status.ok() || !ShouldRetry(status, made)) return status;
    sleep(BackoffAfter(made));
  }
}

}  // namespace speakers::client
