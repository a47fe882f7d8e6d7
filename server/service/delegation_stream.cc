#include "server/service/delegation_stream.h"

#include "absl/strings/str_cat.h"
#include "server/service/metrics.h"
#include "server/service/state_to_proto.h"

namespace speakers {

v1::DelegationUpdate DelegationUpdateFor(const Meeting& meeting, const std::string& delegation,
                                         int notify_within, absl::Time now) {
  v1::DelegationUpdate out;
  out.set_version(meeting.version());
  TimeToProto(now, out.mutable_server_time());
  int best = -1;
  std::string best_label;
  for (const SpeakersList* list : meeting.lists()) {
    absl::StatusOr<Expectation> e = list->ExpectationOf(delegation, now);
    if (!e.ok()) continue;
    *out.add_positions() = PositionToProto(meeting, *list, delegation, *e);
    if (best < 0 || static_cast<int>(e->position) < best) {
      best = static_cast<int>(e->position);
      best_label = list->label();
    }
  }
  if (best == 0) {
    out.set_notice(absl::StrCat("You have the floor on ", best_label));
  } else if (best == 1) {
    out.set_notice(absl::StrCat("You are next on ", best_label));
  } else if (best > 1 && best <= notify_within) {
    out.set_notice(absl::StrCat(best - 1, " speaker", best == 2 ? "" : "s", " before you on ",
                                best_label));
  }
  return out;
}

DelegationStream::DelegationStream(grpc::CallbackServerContext* context, MeetingHub* hub,
                                   std::string delegation, int notify_within)
    : BufferedStream(context),
      hub_(hub),
      delegation_(std::move(delegation)),
      notify_within_(notify_within) {
  Metrics::Global().WatcherOpened(Metrics::Watcher::kGrpcDelegation);
}

DelegationStream::~DelegationStream() {
  Metrics::Global().WatcherClosed(Metrics::Watcher::kGrpcDelegation);
}

DelegationStream* DelegationStream::Start(grpc::CallbackServerContext* context, MeetingHub* hub,
                                          std::string delegation, int notify_within) {
  auto* stream = new DelegationStream(context, hub, std::move(delegation), notify_within);
  hub->Subscribe(stream, 0);
  return stream;
}

grpc::Slice DelegationStream::Encode(const Meeting& meeting) const {
  std::string bytes;
  DelegationUpdateFor(meeting, delegation_, notify_within_, meeting.Now())
      .SerializeToString(&bytes);
  return grpc::Slice(bytes);
}

void DelegationStream::Push(const UpdatePtr& update, const Meeting& meeting) {
  if (update->message.has_signal()) return;  // positions do not change
  Enqueue(Encode(meeting), update->version, update->published_at);
}

std::pair<grpc::Slice, uint64_t> DelegationStream::Resync() {
  return hub_->Read([&](const Meeting& m) { return std::make_pair(Encode(m), m.version()); });
}

void DelegationStream::Unsubscribe() { hub_->Unsubscribe(this); }

}  // namespace speakers
