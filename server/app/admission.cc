#include "server/app/admission.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace speakers {

Admission::Admission(const MonotonicClock* clock, Options options)
    : clock_(clock), options_(options) {}

absl::StatusOr<Admission::Ticket> Admission::AdmitStream(
    const std::optional<Principal>& caller, absl::string_view address) {
  absl::MutexLock lock(&mu_);
  std::string holder;
  std::string counted_address;
  if (caller) {
    holder = caller->Describe();
    size_t& held = per_holder_[holder];
    if (held >= options_.streams_per_holder) {
      return absl::ResourceExhaustedError(absl::StrCat(
          holder, " already has ", held,
          " open streams, the most one token may hold; close some (other "
          "tabs or devices), then reconnect"));
    }
    ++held;
  } else {
    if (anonymous_ >= options_.anonymous_streams) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the server already serves ", anonymous_,
          " streams without a token, the most it takes; sign in with a "
          "token (a display or delegation token), or retry later"));
    }
    if (!address.empty()) {
      size_t& held = per_address_[address];
      if (held >= options_.anonymous_streams_per_address) {
        return absl::ResourceExhaustedError(absl::StrCat(
            address, " already has ", held,
            " streams without a token, the most one address may hold; "
            "close some, or sign in with a token"));
      }
      ++held;
      counted_address = std::string(address);
    }
    ++anonymous_;
  }
  // The ticket gives the place back, whichever thread drops it last.
  return Ticket(static_cast<const void*>(this),
                [this, holder = std::move(holder),
                 counted_address = std::move(counted_address)](const void*) {
                  Release(holder, counted_address);
                });
}

void Admission::Release(const std::string& holder, const std::string& address) {
  absl::MutexLock lock(&mu_);
  if (!holder.empty()) {
    auto it = per_holder_.find(holder);
    if (it != per_holder_.end() && --it->second == 0) per_holder_.erase(it);
    return;
  }
  --anonymous_;
  if (!address.empty()) {
    auto it = per_address_.find(address);
    if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
  }
}

absl::Status Admission::AdmitCommand(const Principal& caller) {
  if (caller.role != Role::kDelegation) return absl::OkStatus();
  const MonotonicClock::Instant now = clock_->Now();
  absl::MutexLock lock(&mu_);
  auto [it, fresh] = buckets_.try_emplace(caller.Describe());
  Bucket& bucket = it->second;
  const double burst = options_.command_burst;
  if (fresh) {
    bucket.tokens = burst;
  } else {
    const double elapsed =
        std::chrono::duration<double>(now - bucket.at).count();
    bucket.tokens =
        std::min(burst, bucket.tokens + elapsed * options_.commands_per_second);
  }
  bucket.at = now;
  if (bucket.tokens < 1) {
    return absl::ResourceExhaustedError(absl::StrCat(
        caller.Describe(), " sent more than ", options_.command_burst,
        " commands in a short time; wait a few seconds, then retry (",
        options_.commands_per_second, " per second are taken)"));
  }
  bucket.tokens -= 1;
  return absl::OkStatus();
}

size_t Admission::anonymous_streams() const {
  absl::MutexLock lock(&mu_);
  return anonymous_;
}

}  // namespace speakers
