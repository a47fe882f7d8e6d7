#include "server/app/published.h"

#include <utility>

#include "google/protobuf/util/json_util.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {
namespace {

bool IsSignal(const google::protobuf::Message& message) {
  return message.GetDescriptor() == v1::Update::descriptor() &&
         static_cast<const v1::Update&>(message).has_signal();
}

uint64_t BaseVersionOf(const google::protobuf::Message& message,
                       uint64_t version, bool resumable) {
  if (message.GetDescriptor() == v1::Update::descriptor()) {
    const auto& update = static_cast<const v1::Update&>(message);
    if (update.has_delta()) return update.delta().base_version();
  }
  return resumable && version > 0 ? version - 1 : version;
}

}  // namespace

Published::Published(std::unique_ptr<const google::protobuf::Message> message,
                     uint64_t version, bool resumable,
                     MonotonicClock::Instant published_at)
    : prototype_(
          google::protobuf::MessageFactory::generated_factory()->GetPrototype(
              message->GetDescriptor())),
      version_(version),
      base_version_(BaseVersionOf(*message, version, resumable)),
      resumable_(resumable),
      signal_(IsSignal(*message)),
      published_at_(published_at) {
  message->SerializeToString(&wire_);
}

const std::string& Published::json() const {
  absl::call_once(json_once_, [this] {
    std::unique_ptr<google::protobuf::Message> message(prototype_->New());
    if (!message->ParseFromString(wire_) ||
        !google::protobuf::util::MessageToJsonString(*message, &json_).ok())
      json_ = "{}";
  });
  return json_;
}

size_t Published::bytes() const {
  return sizeof(*this) + wire_.capacity() + kJsonPerWireByte * wire_.size();
}

}  // namespace speakers
