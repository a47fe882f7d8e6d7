#include "client/text_table.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "client/display_width.h"

namespace speakers::cli {

int DisplayWidth(absl::string_view text) {
  int width = 0;
  size_t at = 0;
  while (at < text.size()) {
    char32_t cp = 0;
    at += DecodeUtf8(text, at, &cp);
    width += CodePointWidth(cp);
  }
  return width;
}

std::string TruncateToWidth(absl::string_view text, int width) {
  if (width <= 0) return "";
  if (DisplayWidth(text) <= width) return std::string(text);
  // Keep code points while they fit in width - 1 columns; the combining
  // marks after the last one kept take no column and stay with it.
  int used = 0;
  size_t end = 0;
  while (end < text.size()) {
    char32_t cp = 0;
    const size_t length = DecodeUtf8(text, end, &cp);
    const int w = CodePointWidth(cp);
    if (used + w > width - 1) break;
    used += w;
    end += length;
  }
  return absl::StrCat(text.substr(0, end), "\u2026");
}

std::string PadToWidth(absl::string_view text, int width) {
  std::string padded(text);
  const int missing = width - DisplayWidth(text);
  if (missing > 0) padded.append(static_cast<size_t>(missing), ' ');
  return padded;
}

TextTable::TextTable(std::vector<std::string> headings)
    : headed_(!headings.empty()) {
  for (std::string& heading : headings) {
    columns_.push_back(TextColumn{.heading = std::move(heading)});
  }
}

TextTable TextTable::Fitting(std::vector<TextColumn> columns) {
  TextTable table({});
  table.headed_ = !columns.empty();
  table.columns_ = std::move(columns);
  return table;
}

void TextTable::AddRow(std::vector<std::string> cells) {
  rows_.push_back(std::move(cells));
}

std::string TextTable::Render(absl::string_view indent, int width) const {
  size_t count = columns_.size();
  for (const auto& row : rows_) count = std::max(count, row.size());
  // Extra cells get columns that are never cut or left out.
  std::vector<TextColumn> columns = columns_;
  columns.resize(count);
  std::vector<int> widths(count, 0);
  for (size_t i = 0; i < count; ++i) {
    if (headed_) widths[i] = DisplayWidth(columns[i].heading);
    for (const auto& row : rows_) {
      if (i < row.size()) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  }
  std::vector<bool> shown(count, true);
  // The width of the lines; with `cut`, every cuttable column at its
  // minimum.
  auto total = [&](bool cut) {
    int sum = DisplayWidth(indent);
    int n = 0;
    for (size_t i = 0; i < count; ++i) {
      if (!shown[i]) continue;
      const int w = cut && columns[i].min_width > 0
                        ? std::min(widths[i], columns[i].min_width)
                        : widths[i];
      sum += w + (n++ > 0 ? 2 : 0);
    }
    return sum;
  };
  if (width > 0) {
    // Leave out columns, the highest drop order first (the rightmost of
    // equals), while the rest would not fit even cut.
    while (total(/*cut=*/true) > width) {
      int drop = -1;
      for (size_t i = 0; i < count; ++i) {
        if (shown[i] && columns[i].drop_order > 0 &&
            (drop < 0 || columns[i].drop_order >= columns[drop].drop_order)) {
          drop = static_cast<int>(i);
        }
      }
      if (drop < 0) break;
      shown[drop] = false;
    }
    // Then cut the widest cuttable column (the leftmost of equals) by one
    // column at a time.
    while (total(/*cut=*/false) > width) {
      int widest = -1;
      for (size_t i = 0; i < count; ++i) {
        if (shown[i] && columns[i].min_width > 0 &&
            widths[i] > columns[i].min_width &&
            (widest < 0 || widths[i] > widths[widest])) {
          widest = static_cast<int>(i);
        }
      }
      if (widest < 0) break;
      --widths[widest];
    }
  }

  std::string out;
  auto print = [&](auto cell_of) {
    std::string line(indent);
    bool first = true;
    for (size_t i = 0; i < count; ++i) {
      if (!shown[i]) continue;
      if (!first) line += "  ";
      first = false;
      line += PadToWidth(TruncateToWidth(cell_of(i), widths[i]), widths[i]);
    }
    // Trailing spaces come from padding only; the indent stays.
    while (line.size() > indent.size() && line.back() == ' ') line.pop_back();
    absl::StrAppend(&out, line, "\n");
  };
  if (headed_) {
    print([&](size_t i) -> absl::string_view { return columns[i].heading; });
  }
  for (const auto& row : rows_) {
    print([&](size_t i) -> absl::string_view {
      return i < row.size() ? absl::string_view(row[i]) : absl::string_view();
    });
  }
  return out;
}

}  // namespace speakers::cli
