#ifndef SPEAKERS_SERVER_APP_UPDATE_GROUP_H_
#define SPEAKERS_SERVER_APP_UPDATE_GROUP_H_

#include <memory>

#include "speakers/v1/speakers.pb.h"

namespace speakers {

// The updates of commands committed in one transaction, merged into one
// (Delta of the first's base version, every command's events and list
// changes in order, the last one's version and meeting fields), so that a
// burst is one write per stream per group, not one per command. Not
// thread-safe: its meeting's runner holds it under its lock.
class UpdateGroup {
 public:
  // Whether `update` (a delta) may join the group: it is empty, or the
  // delta follows the group's last version.
  bool Follows(const v1::Update& update) const;
  // Appends the update of the next command (false, and nothing changed,
  // unless Follows(update)).
  bool Add(v1::Update update);

  bool empty() const { return group_ == nullptr; }
  // Commands in the group.
  int commands() const { return commands_; }

  // The merged update; the group is empty again.
  std::unique_ptr<v1::Update> Take();

 private:
  std::unique_ptr<v1::Update> group_;
  int commands_ = 0;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_UPDATE_GROUP_H_
