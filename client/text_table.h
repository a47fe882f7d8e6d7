#ifndef SPEAKERS_CLIENT_TEXT_TABLE_H_
#define SPEAKERS_CLIENT_TEXT_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace speakers::cli {

// The number of terminal columns `text` (UTF-8) takes: wide and fullwidth
// code points (Chinese, Japanese, Korean, fullwidth forms, emoji) count 2,
// combining marks and format characters (the accent of a decomposed "é",
// Arabic vowel signs) 0, every other code point 1 (see CodePointWidth). A
// byte that is not valid UTF-8 counts 1.
int DisplayWidth(absl::string_view text);

// `text` cut to at most `width` columns: when it is wider, its longest
// beginning of at most width - 1 columns (with the combining marks of its
// last character) and "…" (U+2026, one column). The result may be a
// column narrower than `width` when a wide character does not fit. Never
// splits a UTF-8 sequence. width <= 0 gives "".
std::string TruncateToWidth(absl::string_view text, int width);

// `text` padded with spaces on the right to `width` columns (unchanged when
// already as wide).
std::string PadToWidth(absl::string_view text, int width);

// A column of a table that may have to fit a width (TextTable::Render).
struct TextColumn {
  std::string heading;
  // The narrowest the column may be cut to, its cells ending in "…"; 0:
  // never cut.
  int min_width = 0;
  // When the table is too wide even cut, columns with a drop order are
  // left out, the highest first; 0: always shown.
  int drop_order = 0;
};

// A plain-text table: columns left-aligned to their widest cell (in
// display columns, see DisplayWidth), two spaces apart, trailing spaces
// removed. For the CLI's listings.
class TextTable {
 public:
  // A table with these column headings (printed as the first row), none of
  // them cut or left out; an empty vector prints no heading row.
  explicit TextTable(std::vector<std::string> headings);

  // A table of these columns, which may be cut and left out to fit a width.
  static TextTable Fitting(std::vector<TextColumn> columns);

  // Appends a row; missing cells are empty, extra cells get columns.
  void AddRow(std::vector<std::string> cells);

  // The number of rows added (the heading not counted).
  int size() const { return static_cast<int>(rows_.size()); }

  // The table, one "\n"-terminated line per row, each prefixed by
  // `indent`. With `width` > 0 the lines are made to fit `width` columns
  // (the indent included): while they would not fit even with every
  // cuttable column at its minimum, the shown column with the highest drop
  // order is left out; then the widest cuttable column loses one column at
  // a time (its cells cut with "…", see TruncateToWidth) down to its
  // minimum, until the lines fit. A table that cannot fit is printed at
  // its smallest. width <= 0: every column at full width.
  std::string Render(absl::string_view indent = "", int width = 0) const;

 private:
  std::vector<TextColumn> columns_;
  bool headed_ = true;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_TEXT_TABLE_H_
