#include "server/domain/list_entry.h"

#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
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

// The code point that starts at text[i] (well-formed UTF-8), and its length.
std::pair<uint32_t, size_t> DecodeAt(absl::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return {c, 1};
  const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  uint32_t cp = c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  return {cp, len};
}

// Words for a character that a name must not contain, or nullptr.
const char* ForbiddenCharacter(uint32_t cp) {
  switch (cp) {
    case 0x09:
      return "a tab";
    case 0x0A:
    case 0x0D:
    case 0x2028:
    case 0x2029:
      return "a line break";
    case 0x202A:
      return "a left-to-right embedding";
    case 0x202B:
      return "a right-to-left embedding";
    case 0x202C:
      return "a pop directional formatting";
    case 0x202D:
      return "a left-to-right override";
    case 0x202E:
      return "a right-to-left override";
    case 0x2066:
      return "a left-to-right isolate";
    case 0x2067:
      return "a right-to-left isolate";
    case 0x2068:
      return "a first strong isolate";
    case 0x2069:
      return "a pop directional isolate";
  }
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return "a control character";
  return nullptr;
}

absl::Status CheckText(absl::string_view what, absl::string_view text,
                       size_t max) {
  const std::optional<size_t> length = Utf8Length(text);
  if (!length) {
    return absl::InvalidArgumentError(
        absl::StrCat("the ", what, " is not valid UTF-8 text"));
  }
  for (size_t i = 0; i < text.size();) {
    const auto [cp, len] = DecodeAt(text, i);
    if (const char* bad = ForbiddenCharacter(cp)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the ", what, " contains ", bad, absl::StrFormat(" (U+%04X)", cp),
          ", which would change how it reads on the displays; remove it"));
    }
    i += len;
  }
  if (*length > max) {
    return absl::InvalidArgumentError(
        absl::StrCat("the ", what, " has ", *length, " characters; at most ",
                     max, " are accepted"));
  }
  return absl::OkStatus();
}

}  // namespace

std::string CollapseSpaces(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Speaker Normalized(const Speaker& speaker) {
  return Speaker{CollapseSpaces(speaker.name), CollapseSpaces(speaker.title),
                 speaker.rank};
}

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
