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
// that carries it, whatever its transport.
class Published {
 public:
  // `message` serialized once, now. `version`: the meeting version it
  // brings a reader to. `resumable`: a change that a reader resuming from
  // an older version needs (kept in the history); snapshots and passing
  // signals are not.
  Published(std::unique_ptr<const google::protobuf::Message> message,
            uint64_t version, bool resumable,
            MonotonicClock::Instant published_at);

  uint64_t version() const { return version_; }
  bool resumable() const { return resumable_; }
  const google::protobuf::Message& message() const { return *message_; }
  // The message in the protobuf binary format.
  const std::string& wire() const { return wire_; }
  // The message as protobuf JSON (browsers), encoded on the first call
  // only. Thread-safe.
  const std::string& json() const;
  MonotonicClock::Instant published_at() const { return published_at_; }
  size_t bytes() const { return wire_.size() + sizeof(*this); }

 private:
  const std::unique_ptr<const google::protobuf::Message> message_;
  const uint64_t version_;
  const bool resumable_;
  const MonotonicClock::Instant published_at_;
  std::string wire_;
  mutable absl::once_flag json_once_;
  mutable std::string json_;
};
using PublishedPtr = std::shared_ptr<const Published>;

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_PUBLISHED_H_
