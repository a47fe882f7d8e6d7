#ifndef SPEAKERS_SERVER_APP_ADMISSION_H_
#define SPEAKERS_SERVER_APP_ADMISSION_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "server/app/monotonic_clock.h"
#include "server/app/token_store.h"

namespace speakers {

// What one caller may take of the server, so that nobody can crowd out the
// chair: streams (anonymous ones in total and per network address, and per
// token holder) and the rate of a delegation's commands (a token bucket).
// The chair and the secretariat are never limited in commands. A refusal
// is RESOURCE_EXHAUSTED saying what was exceeded and what to do.
// Thread-safe.
class Admission {
 public:
  struct Options {
    // Streams without a token, all meetings together, and per address.
    size_t anonymous_streams = 5000;
    size_t anonymous_streams_per_address = 64;
    // Streams of one token holder ("delegation AUT", "display"): a mission's
    // phones and laptops, a hall's screens.
    size_t streams_per_holder = 200;
    // A delegation's commands: `command_burst` at once, then one every
    // 1/commands_per_second seconds.
    double commands_per_second = 2;
    int command_burst = 20;
  };

  // A stream's place: given back when the last copy is destroyed.
  using Ticket = std::shared_ptr<const void>;

  // `clock` must outlive the object.
  Admission(const MonotonicClock* clock, Options options);

  Admission(const Admission&) = delete;
  Admission& operator=(const Admission&) = delete;

  // A new stream of `caller` (nullopt: anonymous) from `address` (the
  // peer's IP address; empty: unknown, counted in the total only).
  absl::StatusOr<Ticket> AdmitStream(const std::optional<Principal>& caller,
                                     absl::string_view address);

  // A command of `caller`; only delegations are limited.
  absl::Status AdmitCommand(const Principal& caller);

  // Streams held now (tests, metrics).
  size_t anonymous_streams() const;

 private:
  struct Bucket {
    double tokens = 0;
    MonotonicClock::Instant at;
  };
  void Release(const std::string& holder, const std::string& address);

  const MonotonicClock* clock_;
  const Options options_;
  mutable absl::Mutex mu_;
  size_t anonymous_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, size_t> per_address_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, size_t> per_holder_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_ADMISSION_H_
