#include "client/request_id.h"

#include <cstdint>

#include "absl/random/random.h"
#include "absl/strings/str_format.h"

namespace speakers::client {

std::string FormatRequestId(absl::uint128 value) {
  return absl::StrFormat("%016x%016x", absl::Uint128High64(value),
                         absl::Uint128Low64(value));
}

std::string NewRequestId() {
  // One generator per thread: absl::BitGen is not thread-safe, and seeding
  // one per call would be slow.
  thread_local absl::BitGen gen;
  const uint64_t high = absl::Uniform<uint64_t>(gen);
  const uint64_t low = absl::Uniform<uint64_t>(gen);
  return FormatRequestId(absl::MakeUint128(high, low));
}

}  // namespace speakers::client
