#include "server/domain/list_entry.h"

#include "absl/strings/string_view.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace speakers {
namespace {

// Counts UTF-8 code points; nullopt when `text` is not valid UTF-8.
std::optional<size_t> Utf8Length(absl::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3
                 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > text.size()) return std::nullopt;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return std::nullopt;
    }
    i += len;
    ++count;
  }
  return count;
}

absl::Status CheckText(absl::string_view what, absl::string_view text, size_t max) {
  const std::optional<size_t> length = Utf8Length(text);
  if (!length) {
    return absl::InvalidArgumentError(absl::StrCat("the ", what, " is not valid UTF-8 text"));
  }
  if (*length > max) {
    return absl::InvalidArgumentError(absl::StrCat("the ", what, " has ", *length,
                                                   " characters; at most ", max,
                                                   " are accepted"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateSpeaker(const Speaker& speaker) {
  if (absl::StripAsciiWhitespace(speaker.name).empty()) {
    return absl::InvalidArgumentError(
        "give the name of the speaker, e.g. \"H.E. Ms. Jane Doe\"");
  }
  if (absl::Status s = CheckText("speaker's name", speaker.name, kMaxNameChars); !s.ok()) {
    return s;
  }
  return CheckText("speaker's title", speaker.title, kMaxTitleChars);
}

absl::Status ValidateGroupName(const std::string& group) {
  return CheckText("group name", group, kMaxTitleChars);
}

}  // namespace speakers
