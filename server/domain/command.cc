#include "server/domain/command.h"

#include <type_traits>

namespace speakers {
namespace {

template <typename T>
const std::string& MeetingField(const T& c) {
  if constexpr (requires { c.list; }) {
    return c.list.meeting;
  } else {
    return c.meeting;
  }
}

}  // namespace

const std::string& MeetingOf(const Command& command) {
  return std::visit([](const auto& c) -> const std::string& { return MeetingField(c); },
                    command);
}

absl::string_view CommandName(const Command& command) {
  static constexpr absl::string_view kNames[] = {
      "open_list",  "close_list",   "configure_list", "inscribe",      "update_speaker",
      "withdraw",   "remove",       "call_next",      "mark_absent",   "move",
      "swap",       "readd_last",   "set_time_limit", "timer",         "add_time",
      "request_reply", "set_current_item", "change_meeting"};
  static_assert(std::size(kNames) == std::variant_size_v<Command>);
  return kNames[command.index()];
}

}  // namespace speakers
