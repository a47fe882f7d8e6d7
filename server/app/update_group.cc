#include "server/app/update_group.h"

#include <utility>

namespace speakers {

bool UpdateGroup::Follows(const v1::Update& update) const {
  return update.has_delta() &&
         (group_ == nullptr ||
          update.delta().base_version() == group_->version());
}

bool UpdateGroup::Add(v1::Update update) {
  if (!Follows(update)) return false;
  if (group_ == nullptr) {
    group_ = std::make_unique<v1::Update>(std::move(update));
    commands_ = 1;
    return true;
  }
  v1::Delta* delta = group_->mutable_delta();
  for (v1::Event& e : *update.mutable_delta()->mutable_events())
    delta->mutable_events()->Add(std::move(e));
  for (v1::ListDelta& l : *update.mutable_delta()->mutable_lists())
    delta->mutable_lists()->Add(std::move(l));
  delta->set_status(update.delta().status());
  delta->set_current_item(update.delta().current_item());
  // The points of order after the last command that changed them.
  if (update.delta().has_points())
    *delta->mutable_points() =
        std::move(*update.mutable_delta()->mutable_points());
  group_->set_version(update.version());
  ++commands_;
  return true;
}

std::unique_ptr<v1::Update> UpdateGroup::Take() {
  commands_ = 0;
  return std::move(group_);
}

}  // namespace speakers
