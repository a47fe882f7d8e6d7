#ifndef SPEAKERS_SERVER_DOMAIN_ENGINE_H_
#define SPEAKERS_SERVER_DOMAIN_ENGINE_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/domain/clock.h"
#include "server/domain/command.h"
#include "server/domain/meeting.h"
#include "server/domain/session.h"

namespace speakers {

// The whole session's state: one Meeting per meeting of the session, all
// reading time from one injected clock. Meetings are independent, so each
// can have its own writer; Engine itself adds no locking.
class Engine {
 public:
  // `clock` must outlive the engine.
  Engine(std::shared_ptr<const Session> session, const Clock* clock);

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Session& session() const { return *session_; }
  const Clock& clock() const { return *clock_; }

  // The meeting with this id; NOT_FOUND naming the session's meetings.
  absl::StatusOr<Meeting*> FindMeeting(absl::string_view id);
  absl::StatusOr<const Meeting*> FindMeeting(absl::string_view id) const;
  // In the session file's order.
  std::vector<Meeting*> meetings();
  std::vector<const Meeting*> meetings() const;

  // Routes the command to its meeting (Meeting::Apply). Callers that run
  // meetings on several threads lock the meeting, not the engine.
  absl::StatusOr<CommandResult> Apply(const Command& command,
                                      absl::string_view actor);

 private:
  std::shared_ptr<const Session> session_;
  const Clock* clock_;
  std::vector<std::unique_ptr<Meeting>> meetings_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_ENGINE_H_
