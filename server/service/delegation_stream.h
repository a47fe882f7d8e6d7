#ifndef SPEAKERS_SERVER_SERVICE_DELEGATION_STREAM_H_
#define SPEAKERS_SERVER_SERVICE_DELEGATION_STREAM_H_

#include <string>

#include "server/service/buffered_stream.h"
#include "server/service/meeting_hub.h"

namespace speakers {

// A delegation's positions on a meeting's lists, with its expected start.
// The notice says "You have the floor on item 1 (f)", "You are next on item
// 1 (f)" or, at position 2..notify_within, "2 speakers before you on item
// 1 (f)".
v1::DelegationUpdate DelegationUpdateFor(const Meeting& meeting, const std::string& delegation,
                                         int notify_within, absl::Time now);

// WatchDelegation: a DelegationUpdate after every change of the meeting.
class DelegationStream : public BufferedStream {
 public:
  // The object deletes itself when the RPC is done.
  static DelegationStream* Start(grpc::CallbackServerContext* context, MeetingHub* hub,
                                 std::string delegation, int notify_within);

  void Push(const UpdatePtr& update, const Meeting& meeting) override;
  ~DelegationStream() override;

 private:
  DelegationStream(grpc::CallbackServerContext* context, MeetingHub* hub, std::string delegation,
                   int notify_within);

  grpc::Slice Encode(const Meeting& meeting) const;
  std::pair<grpc::Slice, uint64_t> Resync() override;
  void Unsubscribe() override;

  MeetingHub* hub_;
  const std::string delegation_;
  const int notify_within_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_DELEGATION_STREAM_H_
