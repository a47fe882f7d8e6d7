#include "client/retry_policy.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace speakers::client {
namespace {

// Records the pauses instead of sleeping.
struct FakeSleeper {
  std::vector<absl::Duration> pauses;
  Sleeper AsSleeper() {
    return [this](absl::Duration d) { pauses.push_back(d); };
  }
};

TEST(RetryPolicyTest, DefaultsAreFiveAttemptsFrom50MsTo1s) {
  const RetryPolicy policy;
  EXPECT_EQ(policy.max_attempts(), 5);
  EXPECT_EQ(policy.initial_backoff(), absl::Milliseconds(50));
  EXPECT_EQ(policy.max_backoff(), absl::Seconds(1));
}

TEST(RetryPolicyTest, BackoffDoublesUpToTheCap) {
  const RetryPolicy policy;
  EXPECT_EQ(policy.BackoffAfter(1), absl::Milliseconds(50));
  EXPECT_EQ(policy.BackoffAfter(2), absl::Milliseconds(100));
  EXPECT_EQ(policy.BackoffAfter(3), absl::Milliseconds(200));
  EXPECT_EQ(policy.BackoffAfter(4), absl::Milliseconds(400));
  EXPECT_EQ(policy.BackoffAfter(5), absl::Milliseconds(800));
  EXPECT_EQ(policy.BackoffAfter(6), absl::Seconds(1));
  EXPECT_EQ(policy.BackoffAfter(60), absl::Seconds(1));
}

TEST(RetryPolicyTest, RetriesOnlyUnavailableWhileAttemptsRemain) {
  const RetryPolicy policy;
  EXPECT_TRUE(policy.ShouldRetry(absl::UnavailableError("down"), 1));
  EXPECT_TRUE(policy.ShouldRetry(absl::UnavailableError("down"), 4));
  EXPECT_FALSE(policy.ShouldRetry(absl::UnavailableError("down"), 5));
  EXPECT_FALSE(policy.ShouldRetry(absl::OkStatus(), 1));
  EXPECT_FALSE(policy.ShouldRetry(absl::DeadlineExceededError("slow"), 1));
  EXPECT_FALSE(policy.ShouldRetry(absl::FailedPreconditionError("closed"), 1));
  EXPECT_FALSE(policy.ShouldRetry(absl::InternalError("bug"), 1));
}

TEST(RetryPolicyTest, GivesUpAfterFiveUnavailableAttempts) {
  FakeSleeper sleeper;
  int attempts = 0;
  const absl::StatusOr<int> result = RetryPolicy().Run<int>(
      [&]() -> absl::StatusOr<int> {
        ++attempts;
        return absl::UnavailableError(absl::StrCat("down ", attempts));
      },
      sleeper.AsSleeper());
  EXPECT_EQ(attempts, 5);
  EXPECT_EQ(result.status(), absl::UnavailableError("down 5"));
  EXPECT_EQ(sleeper.pauses,
            (std::vector<absl::Duration>{
                absl::Milliseconds(50), absl::Milliseconds(100),
                absl::Milliseconds(200), absl::Milliseconds(400)}));
}

TEST(RetryPolicyTest, ReturnsTheFirstSuccess) {
  FakeSleeper sleeper;
  int attempts = 0;
  const absl::StatusOr<int> result = RetryPolicy().Run<int>(
      [&]() -> absl::StatusOr<int> {
        if (++attempts < 3) return absl::UnavailableError("down");
        return 42;
      },
      sleeper.AsSleeper());
  EXPECT_EQ(*result, 42);
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(sleeper.pauses,
            (std::vector<absl::Duration>{absl::Milliseconds(50),
                                         absl::Milliseconds(100)}));
}

TEST(RetryPolicyTest, OtherErrorsAreNotRetried) {
  FakeSleeper sleeper;
  int attempts = 0;
  const absl::StatusOr<int> result = RetryPolicy().Run<int>(
      [&]() -> absl::StatusOr<int> {
        ++attempts;
        return absl::AlreadyExistsError("FRA is already inscribed");
      },
      sleeper.AsSleeper());
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(result.status(),
            absl::AlreadyExistsError("FRA is already inscribed"));
  EXPECT_TRUE(sleeper.pauses.empty());
}

TEST(RetryPolicyTest, AttemptsThatYieldOnlyAStatus) {
  FakeSleeper sleeper;
  int attempts = 0;
  const absl::Status result = RetryPolicy().Run(
      [&]() -> absl::Status {
        if (++attempts < 2) return absl::UnavailableError("down");
        return absl::OkStatus();
      },
      sleeper.AsSleeper());
  EXPECT_TRUE(result.ok()) << result;
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(sleeper.pauses,
            (std::vector<absl::Duration>{absl::Milliseconds(50)}));

  attempts = 0;
  EXPECT_EQ(RetryPolicy().Run(
                [&]() -> absl::Status {
                  ++attempts;
                  return absl::PermissionDeniedError("chair only");
                },
                sleeper.AsSleeper()),
            absl::PermissionDeniedError("chair only"));
  EXPECT_EQ(attempts, 1);
}

TEST(RetryPolicyTest, CustomLimits) {
  const RetryPolicy policy(8, absl::Milliseconds(100), absl::Milliseconds(300));
  EXPECT_EQ(policy.BackoffAfter(1), absl::Milliseconds(100));
  EXPECT_EQ(policy.BackoffAfter(2), absl::Milliseconds(200));
  EXPECT_EQ(policy.BackoffAfter(3), absl::Milliseconds(300));
  EXPECT_TRUE(policy.ShouldRetry(absl::UnavailableError(""), 7));
  EXPECT_FALSE(policy.ShouldRetry(absl::UnavailableError(""), 8));
  const RetryPolicy never(1, absl::Milliseconds(50), absl::Seconds(1));
  EXPECT_FALSE(never.ShouldRetry(absl::UnavailableError(""), 1));
}

}  // namespace
}  // namespace speakers::client
