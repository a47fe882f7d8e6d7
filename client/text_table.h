#ifndef SPEAKERS_CLIENT_TEXT_TABLE_H_
#define SPEAKERS_CLIENT_TEXT_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace speakers::cli {

// The number of terminal columns `text` takes, counted as UTF-8 code
// points (wide CJK characters count as one; combining marks as one each).
int DisplayWidth(absl::string_view text);

// `text` cut to at most `width` columns: when it is longer, its first
// width - 1 code points and "…" (U+2026). Never splits a UTF-8 sequence.
// width <= 0 gives "".
std::string TruncateToWidth(absl::string_view text, int width);

// `text` padded with spaces on the right to `width` columns (unchanged when
// already as wide).
std::string PadToWidth(absl::string_view text, int width);

// A plain-text table: columns left-aligned to their widest cell, two spaces
// apart, trailing spaces removed. For the CLI's listings.
class TextTable {
 public:
  // A table with these column headings (printed as the first row); an
  // empty vector prints no heading row.
  explicit TextTable(std::vector<std::string> headings);

  // Appends a row; missing cells are empty, extra cells get columns.
  void AddRow(std::vector<std::string> cells);

  // The number of rows added (the heading not counted).
  int size() const { return static_cast<int>(rows_.size()); }

  // The table, one "\n"-terminated line per row, each prefixed by `indent`.
  std::string Render(absl::string_view indent = "") const;

 private:
  std::vector<std::string> headings_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_TEXT_TABLE_H_
