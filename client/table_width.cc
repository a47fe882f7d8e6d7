#include "client/table_width.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "absl/strings/numbers.h"

namespace speakers::cli {

int TableWidthFor(const std::optional<std::string>& columns,
                  std::optional<int> terminal_columns) {
  int width = kDefaultTableWidth;
  int given = 0;
  if (columns.has_value() && absl::SimpleAtoi(*columns, &given) && given > 0) {
    width = given;
  } else if (terminal_columns.has_value() && *terminal_columns > 0) {
    width = *terminal_columns;
  }
  return std::max(width, kMinTableWidth);
}

int TerminalTableWidth() {
  std::optional<std::string> columns;
  if (const char* env = std::getenv("COLUMNS")) columns = env;
  std::optional<int> terminal;
  winsize size{};
  if (isatty(STDOUT_FILENO) != 0 &&
      ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    terminal = size.ws_col;
  }
  return TableWidthFor(columns, terminal);
}

}  // namespace speakers::cli
