#include "server/domain/priority_policy.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/domain/delegation.h"

namespace speakers {
namespace {

constexpr Rank kAllRanks[] = {
    Rank::kHeadOfState, Rank::kDeputyHeadOfState, Rank::kHeadOfGovernment,
    Rank::kMinister,    Rank::kViceMinister,      Rank::kHeadOfDelegation,
    Rank::kOther};
constexpr Category kAllCategories[] = {
    Category::kStateParty, Category::kSignatory, Category::kNonSignatory,
    Category::kIntergovernmental, Category::kNonGovernmental};

PriorityPolicy Policy(PolicyKind kind, bool groups_first = false) {
  PriorityPolicy policy;
  policy.kind = kind;
  policy.groups_first = groups_first;
  return policy;
}

TEST(PriorityPolicyTest, DefaultIsMinisterialFirstWithoutGroups) {
  const PriorityPolicy policy;
  EXPECT_EQ(policy.kind, PolicyKind::kMinisterialFirst);
  EXPECT_FALSE(policy.groups_first);
}

TEST(PriorityPolicyTest, PolicyKindNames) {
  EXPECT_EQ(PolicyKindName(PolicyKind::kMinisterialFirst),
            "ministerial rank first");
  EXPECT_EQ(PolicyKindName(PolicyKind::kProtocol), "protocol order");
  EXPECT_EQ(PolicyKindName(PolicyKind::kCategoryOnly), "States parties first");
  EXPECT_EQ(PolicyKindName(PolicyKind::kFirstComeFirstServed),
            "first come, first served");
}

TEST(PriorityPolicyTest,
     MinisterialFirstPutsEveryMinisterialRankAheadOfTheRest) {
  const PriorityPolicy policy = Policy(PolicyKind::kMinisterialFirst);
  for (Rank high : {Rank::kHeadOfState, Rank::kDeputyHeadOfState,
                    Rank::kHeadOfGovernment, Rank::kMinister}) {
    for (Rank low :
         {Rank::kViceMinister, Rank::kHeadOfDelegation, Rank::kOther}) {
      // Even an NGO minister speaks before a State party's head of delegation.
      EXPECT_LT(policy.TierOf(high, Category::kNonGovernmental, false),
                policy.TierOf(low, Category::kStateParty, false))
          << RankName(high) << " vs " << RankName(low);
    }
  }
}

TEST(PriorityPolicyTest, MinisterialFirstTreatsRanksInsideALevelAlike) {
  const PriorityPolicy policy = Policy(PolicyKind::kMinisterialFirst);
  for (Category c : kAllCategories) {
    EXPECT_EQ(policy.TierOf(Rank::kHeadOfState, c, false),
              policy.TierOf(Rank::kMinister, c, false));
    EXPECT_EQ(policy.TierOf(Rank::kViceMinister, c, false),
              policy.TierOf(Rank::kOther, c, false));
  }
}

TEST(PriorityPolicyTest, MinisterialFirstOrdersCategoriesInsideEachLevel) {
  const PriorityPolicy policy = Policy(PolicyKind::kMinisterialFirst);
  for (Rank rank : kAllRanks) {
    for (int c = 0; c + 1 < kCategoryCount; ++c) {
      EXPECT_LT(policy.TierOf(rank, static_cast<Category>(c), false),
                policy.TierOf(rank, static_cast<Category>(c + 1), false));
    }
  }
}

TEST(PriorityPolicyTest, ProtocolOrdersEveryRankThenCategory) {
  const PriorityPolicy policy = Policy(PolicyKind::kProtocol);
  struct Who {
    std::string label;
    Rank rank;
    Category category;
  };
  std::vector<Who> speakers = {
      {"ngo other", Rank::kOther, Category::kNonGovernmental},
      {"party hod", Rank::kHeadOfDelegation, Category::kStateParty},
      {"signatory vice", Rank::kViceMinister, Category::kSignatory},
      {"party minister", Rank::kMinister, Category::kStateParty},
      {"igo hog", Rank::kHeadOfGovernment, Category::kIntergovernmental},
      {"party hog", Rank::kHeadOfGovernment, Category::kStateParty},
      {"party deputy", Rank::kDeputyHeadOfState, Category::kStateParty},
      {"ngo head of state", Rank::kHeadOfState, Category::kNonGovernmental},
      {"party head of state", Rank::kHeadOfState, Category::kStateParty},
  };
  std::stable_sort(speakers.begin(), speakers.end(),
                   [&](const Who& a, const Who& b) {
                     return policy.TierOf(a.rank, a.category, false) <
                            policy.TierOf(b.rank, b.category, false);
                   });
  std::vector<std::string> order;
  for (const Who& s : speakers) order.push_back(s.label);
  EXPECT_THAT(order,
              ::testing::ElementsAre("party head of state", "ngo head of state",
                                     "party deputy", "party hog", "igo hog",
                                     "party minister", "signatory vice",
                                     "party hod", "ngo other"));
}

TEST(PriorityPolicyTest, ProtocolPutsHeadOfDelegationAndOtherOnOneLevel) {
  const PriorityPolicy policy = Policy(PolicyKind::kProtocol);
  for (Category c : kAllCategories) {
    EXPECT_EQ(policy.TierOf(Rank::kHeadOfDelegation, c, false),
              policy.TierOf(Rank::kOther, c, false));
    EXPECT_LT(policy.TierOf(Rank::kViceMinister, c, false),
              policy.TierOf(Rank::kHeadOfDelegation, c, false));
  }
}

TEST(PriorityPolicyTest, CategoryOnlyIgnoresRank) {
  const PriorityPolicy policy = Policy(PolicyKind::kCategoryOnly);
  for (Category c : kAllCategories) {
    for (Rank rank : kAllRanks) {
      EXPECT_EQ(policy.TierOf(rank, c, false),
                policy.TierOf(Rank::kOther, c, false));
    }
  }
  // A State party's "other" still comes before an NGO head of State.
  EXPECT_LT(
      policy.TierOf(Rank::kOther, Category::kStateParty, false),
      policy.TierOf(Rank::kHeadOfState, Category::kNonGovernmental, false));
}

TEST(PriorityPolicyTest, FirstComeFirstServedHasOneTier) {
  for (bool groups_first : {false, true}) {
    const PriorityPolicy policy =
        Policy(PolicyKind::kFirstComeFirstServed, groups_first);
    for (Rank rank : kAllRanks) {
      for (Category c : kAllCategories) {
        EXPECT_EQ(policy.TierOf(rank, c, false), 0);
        EXPECT_EQ(policy.TierOf(rank, c, true), 0);
      }
    }
  }
}

TEST(PriorityPolicyTest, GroupsFirstPutsGroupStatementsAheadOfEverything) {
  for (PolicyKind kind : {PolicyKind::kMinisterialFirst, PolicyKind::kProtocol,
                          PolicyKind::kCategoryOnly}) {
    const PriorityPolicy policy = Policy(kind, /*groups_first=*/true);
    // The lowest-ranked NGO speaking for a group beats a State party's head of
    // State.
    EXPECT_LT(policy.TierOf(Rank::kOther, Category::kNonGovernmental, true),
              policy.TierOf(Rank::kHeadOfState, Category::kStateParty, false))
        << PolicyKindName(kind);
    // Among group statements, the usual order applies.
    EXPECT_LT(policy.TierOf(Rank::kHeadOfState, Category::kStateParty, true),
              policy.TierOf(Rank::kOther, Category::kNonGovernmental, true))
        << PolicyKindName(kind);
  }
}

TEST(PriorityPolicyTest, GroupStatementsAreOrdinaryWithoutGroupsFirst) {
  for (PolicyKind kind : {PolicyKind::kMinisterialFirst, PolicyKind::kProtocol,
                          PolicyKind::kCategoryOnly}) {
    const PriorityPolicy policy = Policy(kind, /*groups_first=*/false);
    for (Rank rank : kAllRanks) {
      for (Category c : kAllCategories) {
        EXPECT_EQ(policy.TierOf(rank, c, true), policy.TierOf(rank, c, false));
      }
    }
  }
}

TEST(PriorityPolicyTest, DescribeTierMinisterialFirst) {
  const PriorityPolicy policy = Policy(PolicyKind::kMinisterialFirst);
  EXPECT_EQ(policy.DescribeTier(
                policy.TierOf(Rank::kMinister, Category::kStateParty, false)),
            "ministerial rank, State party");
  EXPECT_EQ(policy.DescribeTier(policy.TierOf(
                Rank::kHeadOfDelegation, Category::kNonGovernmental, false)),
            "other rank, non-governmental organization (rule 17)");
  EXPECT_EQ(policy.DescribeTier(
                policy.TierOf(Rank::kHeadOfState, Category::kSignatory, true)),
            "ministerial rank, signatory State (rule 14)");
}

TEST(PriorityPolicyTest, DescribeTierProtocol) {
  const PriorityPolicy policy = Policy(PolicyKind::kProtocol);
  EXPECT_EQ(policy.DescribeTier(
                policy.TierOf(Rank::kHeadOfState, Category::kSignatory, false)),
            "head of State, signatory State (rule 14)");
  EXPECT_EQ(policy.DescribeTier(policy.TierOf(Rank::kDeputyHeadOfState,
                                              Category::kStateParty, false)),
            "deputy head of State, State party");
  EXPECT_EQ(policy.DescribeTier(policy.TierOf(
                Rank::kViceMinister, Category::kIntergovernmental, false)),
            "vice-minister, intergovernmental organization (rule 16)");
  EXPECT_EQ(policy.DescribeTier(
                policy.TierOf(Rank::kOther, Category::kNonSignatory, false)),
            "head of delegation or other, non-signatory State (rule 15)");
}

TEST(PriorityPolicyTest, DescribeTierCategoryOnlyAndFirstComeFirstServed) {
  const PriorityPolicy by_category = Policy(PolicyKind::kCategoryOnly);
  EXPECT_EQ(by_category.DescribeTier(by_category.TierOf(
                Rank::kMinister, Category::kNonSignatory, false)),
            "non-signatory State (rule 15)");
  const PriorityPolicy fcfs = Policy(PolicyKind::kFirstComeFirstServed, true);
  EXPECT_EQ(fcfs.DescribeTier(0), "single tier");
}

TEST(PriorityPolicyTest, DescribeTierNamesGroupStatements) {
  const PriorityPolicy policy =
      Policy(PolicyKind::kMinisterialFirst, /*groups_first=*/true);
  EXPECT_EQ(policy.DescribeTier(
                policy.TierOf(Rank::kMinister, Category::kStateParty, true)),
            "on behalf of a group, ministerial rank, State party");
  EXPECT_EQ(policy.DescribeTier(
                policy.TierOf(Rank::kOther, Category::kStateParty, false)),
            "other rank, State party");
  const PriorityPolicy protocol =
      Policy(PolicyKind::kProtocol, /*groups_first=*/true);
  EXPECT_EQ(protocol.DescribeTier(protocol.TierOf(
                Rank::kHeadOfGovernment, Category::kIntergovernmental, true)),
            "on behalf of a group, head of Government, intergovernmental "
            "organization (rule 16)");
}

TEST(PriorityPolicyTest, EveryTierHasItsOwnDescription) {
  // Distinct tiers of a policy read differently, so a message never hides a
  // difference in standing.
  for (PolicyKind kind : {PolicyKind::kMinisterialFirst, PolicyKind::kProtocol,
                          PolicyKind::kCategoryOnly}) {
    for (bool groups_first : {false, true}) {
      const PriorityPolicy policy = Policy(kind, groups_first);
      std::vector<std::pair<int, std::string>> seen;
      for (Rank rank : kAllRanks) {
        for (Category c : kAllCategories) {
          for (bool group : {false, true}) {
            const int tier = policy.TierOf(rank, c, group);
            const std::string words = policy.DescribeTier(tier);
            for (const auto& [other_tier, other_words] : seen) {
              EXPECT_EQ(tier == other_tier, words == other_words) << words;
            }
            seen.emplace_back(tier, words);
          }
        }
      }
    }
  }
}

TEST(PriorityPolicyTest, Equality) {
  EXPECT_EQ(Policy(PolicyKind::kProtocol, true),
            Policy(PolicyKind::kProtocol, true));
  EXPECT_FALSE(Policy(PolicyKind::kProtocol, true) ==
               Policy(PolicyKind::kProtocol, false));
  EXPECT_FALSE(Policy(PolicyKind::kProtocol) ==
               Policy(PolicyKind::kCategoryOnly));
}

}  // namespace
}  // namespace speakers
