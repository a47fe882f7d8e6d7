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
  return std::visit(
      [](const auto& c) -> const std::string& { return MeetingField(c); },
      command);
}

}  // namespace speakers
