#ifndef SPEAKERS_SERVER_APP_PUBLISHED_H_
#define SPEAKERS_SERVER_APP_PUBLISHED_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/base/call_once.h"
#include "google/protobuf/message.h"
#include "server/app/monotonic_clock.h"

namespace speakers {

// One message of a stream (a meeting's Update, a delegation's
// DelegationUpdate), built and serialized once and shared by every stream
// that carries it, whatever its transport. Only the serialized form is
// kept (the parsed message is ~4x its size, and streams keep hundreds of
// these in their history); the JSON is made from it when first asked for.
class Published {
 public:
  // `message` serialized once, now. `version`: the meeting version it
  // brings a reader to. `resumable`: a change that a reader resuming from
  // an older version needs (kept in the history); snapshots and passing
  // signals are not. A change applies to a reader at `base_version` only
  // (a delta's; by default version - 1); others are at `version`.
  Published(std::unique_ptr<const google::protobuf::Message> message,
            uint64_t version, bool resumable,
            MonotonicClock::Instant published_at);

  uint64_t version() const { return version_; }
  // The version a reader must hold to apply it (see above).
  uint64_t base_version() const { return base_version_; }
  bool resumable() const { return resumable_; }
  // Whether it is an Update carrying a TimerSignal.
  bool is_signal() const { return signal_; }
  // The message in the protobuf binary format.
  const std::string& wire() const { return wire_; }
  // The message as protobuf JSON (browsers), encoded on the first call
  // only. Thread-safe.
  const std::string& json() const;
  MonotonicClock::Instant published_at() const { return published_at_; }
  // What keeping it costs, for the history's bound: this object, the wire
  // form, and the JSON (counted ahead, at kJsonPerWireByte per wire byte,
  // until a browser asked for it).
  size_t bytes() const;
  static constexpr size_t kJsonPerWireByte = 3;

 private:
  const google::protobuf::Message* const prototype_;  // the default instance
  const uint64_t version_;
  const uint64_t base_version_;
  const bool resumable_;
  const bool signal_;
  const MonotonicClock::Instant published_at_;
  std::string wire_;
  mutable absl::once_flag json_once_;
  mutable std::string json_;
};
using PublishedPtr = std::shared_ptr<const Published>;

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_PUBLISHED_H_
