#include "tests/config/session_files.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace speakers::config_testing {
namespace {

// The number of occurrences of `needle` in `text`, and the first one.
size_t Count(absl::string_view text, absl::string_view needle, size_t* first) {
  size_t n = 0;
  *first = absl::string_view::npos;
  for (size_t at = text.find(needle); at != absl::string_view::npos;
       at = text.find(needle, at + 1)) {
    if (n++ == 0) *first = at;
  }
  return n;
}

}  // namespace

std::string ReplaceOnce(absl::string_view text, absl::string_view from,
                        absl::string_view to) {
  size_t at = 0;
  const size_t n = Count(text, from, &at);
  if (n != 1) {
    ADD_FAILURE() << "\"" << from << "\" occurs " << n
                  << " times in the session text, not once";
    return std::string(text);
  }
  return absl::StrCat(text.substr(0, at), to, text.substr(at + from.size()));
}

std::string PositionOf(absl::string_view text, absl::string_view needle) {
  size_t at = 0;
  const size_t n = Count(text, needle, &at);
  if (n != 1) {
    ADD_FAILURE() << "\"" << needle << "\" occurs " << n
                  << " times in the session text, not once";
    return "?";
  }
  const absl::string_view before = text.substr(0, at);
  const size_t line = 1 + std::count(before.begin(), before.end(), '\n');
  const size_t line_start = before.rfind('\n');
  const size_t column =
      1 + (line_start == absl::string_view::npos ? at : at - line_start - 1);
  return absl::StrCat(line, ":", column);
}

}  // namespace speakers::config_testing
