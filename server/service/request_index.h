#ifndef SPEAKERS_SERVER_SERVICE_REQUEST_INDEX_H_
#define SPEAKERS_SERVER_SERVICE_REQUEST_INDEX_H_

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "server/domain/command_log.h"
#include "server/service/meeting_hub.h"

namespace speakers {

// The request ids found in the log at recovery, so that a client's retry
// after a restart gets its original reply instead of a second application.
// The replies of the latest kRepliesPerMeeting requests of each meeting are
// kept in memory; older ones are answered from the log.
class RequestIndex {
 public:
  static constexpr size_t kRepliesPerMeeting = 10000;

  // Notes one replayed record (use as Recover's on_record).
  void Add(const LoggedCommand& record);

  // Hands the ids (and the recent replies) to the hub of each meeting.
  // DATA_LOSS when a stored reply does not parse.
  absl::Status ApplyTo(const std::vector<MeetingHub*>& hubs) const;

  size_t size() const { return requests_.size(); }

 private:
  struct Request {
    std::string meeting;
    std::string actor;
    std::string request_id;
    std::string reply;  // empty once older than the latest kRepliesPerMeeting
  };
  std::vector<Request> requests_;
  std::map<std::string, std::deque<size_t>> recent_;  // per meeting
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_REQUEST_INDEX_H_
