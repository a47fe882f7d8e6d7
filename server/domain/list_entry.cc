#include "server/domain/list_entry.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace speakers {
namespace {

// Counts UTF-8 code points; nullopt when `text` is not well-formed UTF-8
// (Unicode 15, table 3-7: no overlong forms, no surrogates, <= U+10FFFF).
std::optional<size_t> Utf8Length(absl::string_view text) {
  size_t count = 0;
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  for (size_t i = 0; i < text.size(); ++count) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return std::nullopt;
    }
    if (i + len > text.size() || byte(i + 1) < lo || byte(i + 1) > hi)
      return std::nullopt;
    for (size_t k = 2; k < len; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
    }
    i += len;
  }
  return count;
}

absl::Status CheckText(absl::string_view what, absl::string_view text,
                       size_t max) {
  const std::optional<size_t> length = Utf8Length(text);
  if (!length) {
    return absl::InvalidArgumentError(
        absl::StrCat("the ", what, " is not valid UTF-8 text"));
  }
  if (*length > max) {
    return absl::InvalidArgumentError(
        absl::StrCat("the ", what, " has ", *length, " characters; at most ",
                     max, " are accepted"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateSpeaker(const Speaker& speaker) {
  if (absl::StripAsciiWhitespace(speaker.name).empty()) {
    return absl::InvalidArgumentError(
        "give the name of the speaker, e.g. \"H.E. Ms. Jane Doe\"");
  }
  if (absl::Status s = CheckText("speaker's name", speaker.name, kMaxNameChars);
      !s.ok()) {
    return s;
  }
  return CheckText("speaker's title", speaker.title, kMaxTitleChars);
}

absl::Status ValidateGroupName(const std::string& group) {
  return CheckText("group name", group, kMaxTitleChars);
}

}  // namespace speakers
