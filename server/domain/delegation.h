#ifndef SPEAKERS_SERVER_DOMAIN_DELEGATION_H_
#define SPEAKERS_SERVER_DOMAIN_DELEGATION_H_

#include <map>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace speakers {

// The standing of a delegation under the rules of procedure. The order of
// the enumerators is the order in which categories are given the floor.
enum class Category {
  kStateParty = 0,         // member of the body
  kSignatory = 1,          // rule 14 observer
  kNonSignatory = 2,       // rule 15 observer
  kIntergovernmental = 3,  // rule 16 observer (UN bodies, IGOs)
  kNonGovernmental = 4,    // rule 17 observer
};
inline constexpr int kCategoryCount = 5;

// The rank of a speaker, highest first.
enum class Rank {
  kHeadOfState = 0,
  kDeputyHeadOfState = 1,  // deputy head of State, crown prince
  kHeadOfGovernment = 2,
  kMinister = 3,
  kViceMinister = 4,
  kHeadOfDelegation = 5,
  kOther = 6,
};
inline constexpr int kRankCount = 7;

// "State party", "signatory State (rule 14)", ...
absl::string_view CategoryName(Category category);

// "head of State", "minister", ...
absl::string_view RankName(Rank rank);

// Parses the words RankName returns, and the enumerator-style spellings
// ("minister", "MINISTER", "head-of-state", "head_of_state"). nullopt if
// the text names no rank.
std::optional<Rank> ParseRank(absl::string_view text);

// True for the ranks the seed calls "ministerial or similar rank": head of
// State, deputy head of State, head of Government, minister.
bool IsMinisterialRank(Rank rank);

// A delegation accredited to the session.
struct Delegation {
  // Stable code ("AUT", "EU", "TI") used in commands.
  std::string code;
  // Display names by language code ("en", "fr", ...); "en" is always set.
  std::map<std::string, std::string, std::less<>> names;
  Category category = Category::kStateParty;
  // Regional group of a State, empty for organizations.
  std::string regional_group;

  // The name in `lang`, falling back to English.
  const std::string& Name(absl::string_view lang = "en") const;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_DELEGATION_H_
