#ifndef SPEAKERS_CLIENT_RETRY_POLICY_H_
#define SPEAKERS_CLIENT_RETRY_POLICY_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace speakers::client {

// Waits for the given duration. Injected so that tests never sleep on real
// time; the default is absl::SleepFor.
using Sleeper = std::function<void(absl::Duration)>;

// When and how often a call is tried again: only on UNAVAILABLE (the server
// was not reached or went away, so trying again is safe when the request
// carries a request id), at most `max_attempts` attempts in all, with an
// exponential pause between attempts: initial, 2 x initial, ... capped at
// `max_backoff`. No jitter: the pauses are exact, which tests rely on.
class RetryPolicy {
 public:
  // The defaults: 5 attempts, 50 ms, 100 ms, 200 ms, 400 ms between them,
  // never more than 1 s.
  RetryPolicy() = default;

  // A policy with the given limits. `max_attempts` >= 1 (1: never retry);
  // 0 < initial_backoff <= max_backoff.
  RetryPolicy(int max_attempts, absl::Duration initial_backoff,
              absl::Duration max_backoff);

  int max_attempts() const { return max_attempts_; }
  absl::Duration initial_backoff() const { return initial_backoff_; }
  absl::Duration max_backoff() const { return max_backoff_; }

  // The pause after the `failed_attempts`-th failed attempt (>= 1):
  // initial_backoff * 2^(failed_attempts - 1), at most max_backoff.
  absl::Duration BackoffAfter(int failed_attempts) const;

  // True when `status` is worth another attempt after `attempts_made`
  // attempts: it is UNAVAILABLE and attempts_made < max_attempts.
  bool ShouldRetry(const absl::Status& status, int attempts_made) const;

  // Calls `attempt` until it succeeds, fails with a status ShouldRetry
  // refuses, or the attempts run out, calling `sleep` with BackoffAfter(n)
  // between attempts. Returns the last attempt's result. The caller makes
  // the attempts identical (same request id) so the server can deduplicate.
  template <typename T>
  absl::StatusOr<T> Run(const std::function<absl::StatusOr<T>()>& attempt,
                        const Sleeper& sleep) const {
    for (int made = 1;; ++made) {
      absl::StatusOr<T> result = attempt();
      if (result.ok() || !ShouldRetry(result.status(), made)) return result;
      sleep(BackoffAfter(made));
    }
  }

  // The same for an attempt that yields only a status (its result lands
  // elsewhere, e.g. in a reply message the attempt fills).
  absl::Status Run(const std::function<absl::Status()>& attempt,
                   const Sleeper& sleep) const;

 private:
  int max_attempts_ = 5;
  absl::Duration initial_backoff_ = absl::Milliseconds(50);
  absl::Duration max_backoff_ = absl::Seconds(1);
};

}  // namespace speakers::client

#endif  // SPEAKERS_CLIENT_RETRY_POLICY_H_
