#include "server/domain/engine.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace speakers {

Engine::Engine(std::shared_ptr<const Session> session, const Clock* clock)
    : session_(std::move(session)), clock_(clock) {
  for (const MeetingConfig& config : session_->config().meetings) {
    meetings_.push_back(
        std::make_unique<Meeting>(session_.get(), &config, clock_));
  }
}

absl::StatusOr<const Meeting*> Engine::FindMeeting(absl::string_view id) const {
  for (const auto& meeting : meetings_) {
    if (meeting->id() == id) return meeting.get();
  }
  std::vector<std::string> ids;
  for (const auto& meeting : meetings_) ids.push_back(meeting->id());
  return absl::NotFoundError(
      absl::StrCat("no meeting \"", id, "\" in this session; its meetings are ",
                   absl::StrJoin(ids, ", ")));
}

absl::StatusOr<Meeting*> Engine::FindMeeting(absl::string_view id) {
  absl::StatusOr<const Meeting*> meeting = std::as_const(*this).FindMeeting(id);
  if (!meeting.ok()) return meeting.status();
  return const_cast<Meeting*>(*meeting);
}

std::vector<Meeting*> Engine::meetings() {
  std::vector<Meeting*> out;
  for (auto& meeting : meetings_) out.push_back(meeting.get());
  return out;
}

std::vector<const Meeting*> Engine::meetings() const {
  std::vector<const Meeting*> out;
  for (const auto& meeting : meetings_) out.push_back(meeting.get());
  return out;
}

absl::StatusOr<CommandResult> Engine::Apply(const Command& command,
                                            absl::string_view actor) {
  absl::StatusOr<Meeting*> meeting = FindMeeting(MeetingOf(command));
  if (!meeting.ok()) return meeting.status();
  return (*meeting)->Apply(command, actor);
}

}  // namespace speakers
