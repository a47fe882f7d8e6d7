#ifndef SPEAKERS_CLIENT_DISPLAY_WIDTH_H_
#define SPEAKERS_CLIENT_DISPLAY_WIDTH_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace speakers::cli {

// The columns a terminal gives code point `cp`: 0 for combining marks and
// format characters (U+0301, the Arabic harakat, U+200D), 2 for East Asian
// wide and fullwidth ones (CJK ideographs, kana, hangul syllables, fullwidth
// forms, emoji), 1 for every other.
int CodePointWidth(char32_t cp);

// Decodes the UTF-8 sequence starting at byte `at` of `text` (at <
// text.size()) into `*cp` and returns its length in bytes. A byte that
// starts no valid sequence is returned alone, as the code point of its
// value, so that every byte is counted exactly once.
size_t DecodeUtf8(absl::string_view text, size_t at, char32_t* cp);

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_DISPLAY_WIDTH_H_
