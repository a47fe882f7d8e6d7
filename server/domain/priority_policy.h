#ifndef SPEAKERS_SERVER_DOMAIN_PRIORITY_POLICY_H_
#define SPEAKERS_SERVER_DOMAIN_PRIORITY_POLICY_H_

#include <string>

#include "server/domain/delegation.h"

namespace speakers {

// How a list ranks its speakers into tiers. Inside a tier the receipt
// decides: first come, first served.
enum class PolicyKind {
  // The seed's rule: ministerial or similar rank first, then the rest;
  // inside each, States parties, signatories, non-signatories,
  // intergovernmental bodies, NGOs.
  kMinisterialFirst = 0,
  // Strict protocol: head of State > deputy > head of Government > minister >
  // vice-minister > others; inside each, by category as above.
  kProtocol = 1,
  // Rank plays no part; categories still in order.
  kCategoryOnly = 2,
  // One tier: pure first come, first served (the right-of-reply list).
  kFirstComeFirstServed = 3,
  // UN practice: States parties before observers; inside each, ministerial
  // or similar rank first; then categories in order (signatories,
  // non-signatories, intergovernmental bodies, NGOs).
  kStatesPartiesFirst = 4,
};

// "ministerial rank first", "protocol order", ...
absl::string_view PolicyKindName(PolicyKind kind);

// A list's priority rule. A value type; compare tiers with operator<.
struct PriorityPolicy {
  PolicyKind kind = PolicyKind::kMinisterialFirst;
  // Statements on behalf of a group of States (a regional group, the Group
  // of 77 and China) come before all others.
  bool groups_first = false;

  // The tier of a speaker: lower speaks earlier. Depends only on the
  // arguments, so a change of rank re-tiers an entry deterministically.
  int TierOf(Rank rank, Category category, bool on_behalf_of_group) const;

  // Words for a tier, for messages: "ministerial rank, State party".
  std::string DescribeTier(int tier) const;

  friend bool operator==(const PriorityPolicy&,
                         const PriorityPolicy&) = default;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_PRIORITY_POLICY_H_
