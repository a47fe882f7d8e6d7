#include "server/domain/priority_policy.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace speakers {
namespace {

// Tier = group_level * kGroupStride + rank_level * kCategoryCount + category.
constexpr int kGroupStride = 100;

// The rank level used by a policy: lower is earlier.
int RankLevel(PolicyKind kind, Rank rank) {
  switch (kind) {
    case PolicyKind::kMinisterialFirst:
      return IsMinisterialRank(rank) ? 0 : 1;
    case PolicyKind::kProtocol:
      // Head of delegation and other share the last level.
      return rank >= Rank::kHeadOfDelegation
                 ? static_cast<int>(Rank::kHeadOfDelegation)
                 : static_cast<int>(rank);
    case PolicyKind::kCategoryOnly:
    case PolicyKind::kFirstComeFirstServed:
      return 0;
    case PolicyKind::kStatesPartiesFirst:
      return IsMinisterialRank(rank) ? 0 : 1;
  }
  return 0;
}

// kStatesPartiesFirst: tier = group_level * kGroupStride + observer *
// kObserverStride + rank_level * kCategoryCount + category.
constexpr int kObserverStride = 10;

}  // namespace

absl::string_view PolicyKindName(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kMinisterialFirst:
      return "ministerial rank first";
    case PolicyKind::kProtocol:
      return "protocol order";
    case PolicyKind::kCategoryOnly:
      return "States parties first";
    case PolicyKind::kFirstComeFirstServed:
      return "first come, first served";
    case PolicyKind::kStatesPartiesFirst:
      return "States parties before observers, then rank";
  }
  return "";
}

int PriorityPolicy::TierOf(Rank rank, Category category,
                           bool on_behalf_of_group) const {
  if (kind == PolicyKind::kFirstComeFirstServed) return 0;
  const int group_level = groups_first && on_behalf_of_group ? 0 : 1;
  if (kind == PolicyKind::kStatesPartiesFirst) {
    const int observer = category == Category::kStateParty ? 0 : 1;
    return group_level * kGroupStride + observer * kObserverStride +
           RankLevel(kind, rank) * kCategoryCount + static_cast<int>(category);
  }
  return group_level * kGroupStride + RankLevel(kind, rank) * kCategoryCount +
         static_cast<int>(category);
}

std::string PriorityPolicy::DescribeTier(int tier) const {
  if (kind == PolicyKind::kFirstComeFirstServed) return "single tier";
  std::vector<std::string> words;
  if (groups_first && tier / kGroupStride == 0) {
    words.push_back("on behalf of a group");
  }
  const int rank_level = kind == PolicyKind::kStatesPartiesFirst
                             ? (tier % kObserverStride) / kCategoryCount
                             : (tier % kGroupStride) / kCategoryCount;
  const auto category = static_cast<Category>(tier % kCategoryCount);
  if (kind == PolicyKind::kMinisterialFirst ||
      kind == PolicyKind::kStatesPartiesFirst) {
    words.push_back(rank_level == 0 ? "ministerial rank" : "other rank");
  } else if (kind == PolicyKind::kProtocol) {
    words.push_back(rank_level == static_cast<int>(Rank::kHeadOfDelegation)
                        ? "head of delegation or other"
                        : std::string(RankName(static_cast<Rank>(rank_level))));
  }
  words.push_back(std::string(CategoryName(category)));
  return absl::StrJoin(words, ", ");
}

}  // namespace speakers
