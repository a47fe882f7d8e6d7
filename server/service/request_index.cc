#include "server/service/request_index.h"

#include "absl/strings/str_cat.h"

namespace speakers {

void RequestIndex::Add(const LoggedCommand& record) {
  if (record.request_id.empty()) return;
  requests_.push_back({record.meeting, record.actor, record.request_id, record.reply});
  std::deque<size_t>& recent = recent_[record.meeting];
  recent.push_back(requests_.size() - 1);
  if (recent.size() > kRepliesPerMeeting) {
    requests_[recent.front()].reply.clear();
    requests_[recent.front()].reply.shrink_to_fit();
    recent.pop_front();
  }
}

absl::Status RequestIndex::ApplyTo(const std::vector<MeetingHub*>& hubs) const {
  for (const Request& r : requests_) {
    MeetingHub* hub = nullptr;
    for (MeetingHub* h : hubs) {
      if (h->id() == r.meeting) hub = h;
    }
    if (hub == nullptr) continue;  // Recover already refused unknown meetings
    if (r.reply.empty()) {
      hub->RememberRequestId(r.actor, r.request_id);
      continue;
    }
    v1::CommandReply reply;
    if (!reply.ParseFromString(r.reply)) {
      return absl::DataLossError(absl::StrCat("the stored reply to request ", r.request_id,
                                              " of meeting ", r.meeting, " is damaged"));
    }
    hub->RememberReply(r.actor, r.request_id, std::move(reply));
  }
  return absl::OkStatus();
}

}  // namespace speakers
