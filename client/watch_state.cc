#include "client/watch_state.h"

#include <algorithm>
#include <utility>

#include "fold/meeting_fold.h"

namespace speakers::cli {
namespace {

absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

}  // namespace

WatchState::WatchState(std::string meeting) {
  meeting_.set_meeting(std::move(meeting));
}

void WatchState::Apply(const v1::Update& update, absl::Time received_at) {
  if (update.has_server_time()) {
    clock_offset_ = FromProto(update.server_time()) - received_at;
  }
  switch (update.body_case()) {
    case v1::Update::kSnapshot:
      meeting_ = update.snapshot();
      has_snapshot_ = true;
      break;
    case v1::Update::kDelta:
      // The watcher hands on only updates that follow (client::Watcher);
      // one that does not leaves the copy for the next snapshot.
      if (!fold::ApplyDelta(update.version(), update.delta(), &meeting_).ok())
        has_snapshot_ = false;
      break;
    default:
      break;  // a timer signal: the timer's instants already tell it
  }
  if (has_snapshot_ && update.version() > meeting_.version()) {
    meeting_.set_version(update.version());
  }
  if (update.has_server_time()) {
    *meeting_.mutable_server_time() = update.server_time();
  }
}

const v1::ListState* WatchState::ActiveList() const {
  const v1::ListState* current = nullptr;
  for (const v1::ListState& list : meeting_.lists()) {
    if (list.item() == "reply" && list.has_current() &&
        list.current().has_entry()) {
      return &list;
    }
    if (list.item() == meeting_.current_item()) current = &list;
  }
  return current;
}

}  // namespace speakers::cli
