#include "server/domain/delegation.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace speakers {
namespace {

constexpr std::array<absl::string_view, kCategoryCount> kCategoryNames = {
    "State party", "signatory State (rule 14)", "non-signatory State (rule 15)",
    "intergovernmental organization (rule 16)",
    "non-governmental organization (rule 17)"};

constexpr std::array<absl::string_view, kRankCount> kRankNames = {
    "head of State", "deputy head of State", "head of Government",
    "minister",      "vice-minister",        "head of delegation",
    "other"};

std::string Normalize(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '_' || c == '-' || c == ' ') {
      out.push_back(' ');
    } else {
      out.push_back(
          static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

}  // namespace

absl::string_view CategoryName(Category category) {
  return kCategoryNames[static_cast<int>(category)];
}

absl::string_view RankName(Rank rank) {
  return kRankNames[static_cast<int>(rank)];
}

std::optional<Rank> ParseRank(absl::string_view text) {
  const std::string wanted = Normalize(text);
  for (int i = 0; i < kRankCount; ++i) {
    if (Normalize(kRankNames[i]) == wanted) return static_cast<Rank>(i);
  }
  if (wanted == "crown prince") return Rank::kDeputyHeadOfState;
  if (wanted == "deputy head of state or crown prince") {
    return Rank::kDeputyHeadOfState;
  }
  return std::nullopt;
}

bool IsMinisterialRank(Rank rank) { return rank <= Rank::kMinister; }

const std::string& Delegation::Name(absl::string_view lang) const {
  auto it = names.find(lang);
  if (it == names.end() || it->second.empty()) it = names.find("en");
  static const std::string kEmpty;
  return it == names.end() ? kEmpty : it->second;
}

}  // namespace speakers
