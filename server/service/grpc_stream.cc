#include "server/service/grpc_stream.h"

#include <utility>

#include "server/service/grpc_status.h"

namespace speakers {
namespace {

// The shared bytes of `item` as a slice, without a copy: the slice keeps
// the message alive until gRPC is done with it.
grpc::Slice SliceOf(const PublishedPtr& item) {
  auto* owner = new PublishedPtr(item);
  return grpc::Slice(
      const_cast<char*>(item->wire().data()), item->wire().size(),
      [](void* p) { delete static_cast<PublishedPtr*>(p); }, owner);
}

}  // namespace

GrpcStream::GrpcStream(grpc::CallbackServerContext* context, Metrics* metrics,
                       Metrics::Watcher kind)
    : context_(context), metrics_(metrics), kind_(kind) {
  if (metrics_ != nullptr) metrics_->WatcherOpened(kind_);
}

GrpcStream::~GrpcStream() {
  if (metrics_ != nullptr) metrics_->WatcherClosed(kind_);
}

GrpcStream* GrpcStream::Start(grpc::CallbackServerContext* context,
                              const Subscribe& subscribe, Metrics* metrics,
                              Metrics::Watcher kind) {
  auto* stream = new GrpcStream(context, metrics, kind);
  absl::StatusOr<App::Watching> watching = subscribe(stream);
  if (!watching.ok()) {
    stream->Finish(ToGrpcStatus(watching.status()));
    return stream;
  }
  stream->watching_ = *std::move(watching);
  stream->Do(stream->watching_.subscription->Next());
  return stream;
}

void GrpcStream::Do(Subscription::Step step) {
  if (step.write != nullptr) {
    grpc::Slice slice = SliceOf(step.write);
    buffer_ = grpc::ByteBuffer(&slice, 1);
    StartWrite(&buffer_);
  } else if (step.finish) {
    Finish(ToGrpcStatus(*step.finish));
  }
  // Idle: nothing to touch. A Wake() on the publishing thread may already
  // be starting the next write with buffer_.
}

void GrpcStream::Wake() { Do(watching_.subscription->Next()); }

void GrpcStream::Abort() { context_->TryCancel(); }

void GrpcStream::OnWriteDone(bool ok) {
  // The write is done and no other can start before Next() hands it out:
  // the only moment buffer_ is ours to drop (an idle stream holds no
  // message).
  buffer_.Clear();
  Do(watching_.subscription->Next(ok));
}

void GrpcStream::OnCancel() {
  if (watching_.subscription != nullptr) {
    watching_.subscription->End(absl::CancelledError("cancelled"));
  }
}

void GrpcStream::OnDone() {
  if (watching_.subscription != nullptr) {
    watching_.subscription->Detach();
    watching_.broadcaster->Unsubscribe(watching_.subscription.get());
  }
  delete this;
}

}  // namespace speakers
