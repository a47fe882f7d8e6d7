#ifndef SPEAKERS_CLIENT_TABLE_WIDTH_H_
#define SPEAKERS_CLIENT_TABLE_WIDTH_H_

#include <optional>
#include <string>

namespace speakers::cli {

// The width `speakers list` fits when no --wide is given.
inline constexpr int kDefaultTableWidth = 100;
// The narrowest width it is made to fit; smaller widths are raised to it.
inline constexpr int kMinTableWidth = 40;

// The rule: `columns` ($COLUMNS) when it is a whole number above 0; else
// `terminal_columns` (the terminal's width when standard output is one,
// else nullopt); else kDefaultTableWidth. At least kMinTableWidth.
int TableWidthFor(const std::optional<std::string>& columns,
                  std::optional<int> terminal_columns);

// TableWidthFor of this process: $COLUMNS, and the width of the terminal on
// standard output (TIOCGWINSZ) when it is one.
int TerminalTableWidth();

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_TABLE_WIDTH_H_
