#include "server/app/published.h"

#include <utility>

#include "google/protobuf/util/json_util.h"

namespace speakers {

Published::Published(std::unique_ptr<const google::protobuf::Message> message,
                     uint64_t version, bool resumable,
                     MonotonicClock::Instant published_at)
    : message_(std::move(message)),
      version_(version),
      resumable_(resumable),
      published_at_(published_at) {
  message_->SerializeToString(&wire_);
}

const std::string& Published::json() const {
  absl::call_once(json_once_, [this] {
    if (!google::protobuf::util::MessageToJsonString(*message_, &json_).ok())
      json_ = "{}";
  });
  return json_;
}

}  // namespace speakers
