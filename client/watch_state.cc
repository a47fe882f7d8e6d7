#include "client/watch_state.h"

#include <algorithm>
#include <utility>

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
    case v1::Update::kChange: {
      const v1::Change& change = update.change();
      for (const v1::ListState& list : change.lists()) {
        auto* lists = meeting_.mutable_lists();
        auto it = std::find_if(lists->begin(), lists->end(),
                               [&list](const v1::ListState& known) {
                                 return known.item() == list.item();
                               });
        if (it != lists->end()) {
          *it = list;
        } else {
          *lists->Add() = list;
        }
      }
      if (change.status() != v1::MEETING_STATUS_UNSPECIFIED) {
        meeting_.set_status(change.status());
      }
      if (!change.current_item().empty()) {
        meeting_.set_current_item(change.current_item());
      }
      break;
    }
    default:
      break;  // a timer signal: the timer's instants already tell it
  }
  if (update.version() > meeting_.version()) {
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
