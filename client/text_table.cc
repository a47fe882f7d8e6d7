#include "client/text_table.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace speakers::cli {
namespace {

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

int DisplayWidth(absl::string_view text) {
  int width = 0;
  for (char c : text) {
    if (!IsContinuationByte(c)) ++width;
  }
  return width;
}

std::string TruncateToWidth(absl::string_view text, int width) {
  if (width <= 0) return "";
  if (DisplayWidth(text) <= width) return std::string(text);
  // Keep width - 1 code points: stop at the start of the width-th one.
  int kept = 0;
  size_t end = 0;
  for (; end < text.size(); ++end) {
    if (!IsContinuationByte(text[end])) {
      if (kept == width - 1) break;
      ++kept;
    }
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
    : headings_(std::move(headings)) {}

void TextTable::AddRow(std::vector<std::string> cells) {
  rows_.push_back(std::move(cells));
}

std::string TextTable::Render(absl::string_view indent) const {
  std::vector<int> widths;
  auto measure = [&widths](const std::vector<std::string>& cells) {
    if (widths.size() < cells.size()) widths.resize(cells.size(), 0);
    for (size_t i = 0; i < cells.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(cells[i]));
    }
  };
  measure(headings_);
  for (const auto& row : rows_) measure(row);

  std::string out;
  auto print = [&](const std::vector<std::string>& cells) {
    std::string line(indent);
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line += "  ";
      line += PadToWidth(cells[i], widths[i]);
    }
    // Trailing spaces come from padding only; the indent stays.
    while (line.size() > indent.size() && line.back() == ' ') line.pop_back();
    absl::StrAppend(&out, line, "\n");
  };
  if (!headings_.empty()) print(headings_);
  for (const auto& row : rows_) print(row);
  return out;
}

}  // namespace speakers::cli
