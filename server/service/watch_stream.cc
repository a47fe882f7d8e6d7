#include "server/service/watch_stream.h"

#include "server/service/metrics.h"

namespace speakers {

WatchStream::WatchStream(grpc::CallbackServerContext* context, MeetingHub* hub)
    : BufferedStream(context), hub_(hub) {
  Metrics::Global().WatcherOpened(Metrics::Watcher::kGrpcWatch);
}

WatchStream::~WatchStream() { Metrics::Global().WatcherClosed(Metrics::Watcher::kGrpcWatch); }

WatchStream* WatchStream::Start(grpc::CallbackServerContext* context, MeetingHub* hub,
                                uint64_t since_version) {
  auto* stream = new WatchStream(context, hub);
  hub->Subscribe(stream, since_version);
  return stream;
}

void WatchStream::Push(const UpdatePtr& update, const Meeting&) {
  Enqueue(update->wire, update->version, update->published_at);
}

std::pair<grpc::Slice, uint64_t> WatchStream::Resync() {
  UpdatePtr snapshot = hub_->SnapshotUpdate();
  return {snapshot->wire, snapshot->version};
}

void WatchStream::Unsubscribe() { hub_->Unsubscribe(this); }

}  // namespace speakers
