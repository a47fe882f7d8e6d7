#include "server/service/watch_stream.h"

namespace speakers {

WatchStream* WatchStream::Start(grpc::CallbackServerContext* context, MeetingHub* hub,
                                uint64_t since_version) {
  auto* stream = new WatchStream(context, hub);
  hub->Subscribe(stream, since_version);
  return stream;
}

void WatchStream::Push(const UpdatePtr& update, const Meeting&) {
  Enqueue(update->wire, update->version);
}

std::pair<grpc::Slice, uint64_t> WatchStream::Resync() {
  UpdatePtr snapshot = hub_->SnapshotUpdate();
  return {snapshot->wire, snapshot->version};
}

void WatchStream::Unsubscribe() { hub_->Unsubscribe(this); }

}  // namespace speakers
