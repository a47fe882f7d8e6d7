// Admission: caps on streams (anonymous ones in total and per address, and
// per token holder) and a delegation's command rate, which never limits
// the chair.
#include "server/app/admission.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "tests/testing/test_app.h"

namespace speakers {
namespace {

using ::speakers::testing::TestApp;

class FakeMonotonic : public MonotonicClock {
 public:
  Instant Now() const override { return now; }
  Instant now{};
};

Admission::Options Small() {
  Admission::Options options;
  options.anonymous_streams = 3;
  options.anonymous_streams_per_address = 2;
  options.streams_per_holder = 2;
  options.commands_per_second = 2;
  options.command_burst = 3;
  return options;
}

const Principal kAustria{Role::kDelegation, "AUT", ""};
const Principal kChair{Role::kChair, "plenary", ""};
const Principal kDisplay{Role::kDisplay, "", ""};

// Austria's Ms. Doe on item 2 of the plenary.
v1::InscribeRequest InscribeAustria() {
  v1::InscribeRequest inscribe;
  inscribe.mutable_list()->set_meeting("plenary");
  inscribe.mutable_list()->set_item("2");
  inscribe.set_delegation("AUT");
  inscribe.mutable_speaker()->set_name("Ms. Doe");
  return inscribe;
}

TEST(AdmissionTest, AnonymousStreamsAreCappedInTotalAndPerAddress) {
  FakeMonotonic clock;
  Admission admission(&clock, Small());
  std::vector<Admission::Ticket> held;
  for (int i = 0; i < 2; ++i) {
    absl::StatusOr<Admission::Ticket> t =
        admission.AdmitStream(std::nullopt, "10.0.0.1");
    ASSERT_TRUE(t.ok()) << t.status();
    held.push_back(*t);
  }
  absl::StatusOr<Admission::Ticket> third =
      admission.AdmitStream(std::nullopt, "10.0.0.1");
  EXPECT_EQ(third.status(),
            absl::ResourceExhaustedError(
                "10.0.0.1 already has 2 streams without a token, the most one "
                "address may hold; close some, or sign in with a token"));
  held.push_back(*admission.AdmitStream(std::nullopt, "10.0.0.2"));
  EXPECT_EQ(admission.anonymous_streams(), 3u);
  EXPECT_EQ(admission.AdmitStream(std::nullopt, "10.0.0.3").status(),
            absl::ResourceExhaustedError(
                "the server already serves 3 streams without a token, the "
                "most it takes; sign in with a token (a display or "
                "delegation token), or retry later"));
  // A token holder is not counted with the anonymous.
  EXPECT_TRUE(admission.AdmitStream(kDisplay, "10.0.0.3").ok());
  // A place comes back when its stream ends.
  held.erase(held.begin());
  EXPECT_EQ(admission.anonymous_streams(), 2u);
  EXPECT_TRUE(admission.AdmitStream(std::nullopt, "10.0.0.1").ok());
}

TEST(AdmissionTest, AHolderHasAtMostItsStreams) {
  FakeMonotonic clock;
  Admission admission(&clock, Small());
  Admission::Ticket a = *admission.AdmitStream(kAustria, "10.0.0.1");
  Admission::Ticket b = *admission.AdmitStream(kAustria, "10.0.0.2");
  EXPECT_EQ(admission.AdmitStream(kAustria, "10.0.0.3").status(),
            absl::ResourceExhaustedError(
                "delegation AUT already has 2 open streams, the most one token "
                "may hold; close some (other tabs or devices), then "
                "reconnect"));
  EXPECT_TRUE(admission.AdmitStream(kChair, "").ok());  // another holder
  a.reset();
  EXPECT_TRUE(admission.AdmitStream(kAustria, "10.0.0.3").ok());
}

TEST(AdmissionTest, ADelegationsCommandsAreRateLimitedAndTheChairsAreNot) {
  FakeMonotonic clock;
  Admission admission(&clock, Small());
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(admission.AdmitCommand(kAustria).ok());
  EXPECT_EQ(admission.AdmitCommand(kAustria),
            absl::ResourceExhaustedError(
                "delegation AUT sent more than 3 commands in a short time; "
                "wait a few seconds, then retry (2 per second are taken)"));
  for (int i = 0; i < 100; ++i)
    EXPECT_TRUE(admission.AdmitCommand(kChair).ok());
  // Another delegation has its own bucket.
  EXPECT_TRUE(
      admission.AdmitCommand(Principal{Role::kDelegation, "KEN", ""}).ok());
  clock.now += std::chrono::milliseconds(499);
  EXPECT_FALSE(admission.AdmitCommand(kAustria).ok());
  clock.now += std::chrono::milliseconds(2);  // 0.5 s: one more
  EXPECT_TRUE(admission.AdmitCommand(kAustria).ok());
  EXPECT_FALSE(admission.AdmitCommand(kAustria).ok());
  clock.now += std::chrono::seconds(60);  // never more than the burst
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(admission.AdmitCommand(kAustria).ok());
  EXPECT_FALSE(admission.AdmitCommand(kAustria).ok());
}

// Through the app: a flooding delegation is refused, changes nothing, and
// the chair's command is taken meanwhile.
TEST(AdmissionTest, TheAppRefusesAFloodButNotTheChair) {
  TestApp::Options options;
  options.app.admission = Small();
  absl::StatusOr<std::unique_ptr<TestApp>> app = TestApp::Start(options);
  ASSERT_TRUE(app.ok()) << app.status();
  auto call = [&](const std::string& method, const std::string& token,
                  const google::protobuf::Message& request) {
    return (*app)->Call<v1::CommandReply>(method, token, request).status();
  };
  v1::InscribeRequest inscribe = InscribeAustria();
  v1::DelegationCommand withdraw;
  *withdraw.mutable_list() = inscribe.list();
  withdraw.set_delegation("AUT");
  ASSERT_TRUE(call("Inscribe", "delegation-aut-token-1", inscribe).ok());
  ASSERT_TRUE(call("Withdraw", "delegation-aut-token-1", withdraw).ok());
  ASSERT_TRUE(call("Inscribe", "delegation-aut-token-1", inscribe).ok());
  const uint64_t version = (*app)->app().runner("plenary")->Read(
      [](const Meeting& m) { return m.version(); });
  EXPECT_EQ(call("Withdraw", "delegation-aut-token-1", withdraw).code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_EQ((*app)->app().runner("plenary")->Read(
                [](const Meeting& m) { return m.version(); }),
            version);
  v1::InscribeRequest by_chair = inscribe;
  by_chair.set_delegation("KEN");
  EXPECT_TRUE(call("AddSpeaker", "chair-plenary-token-01", by_chair).ok());
}

// A phone resending after a lost reply (or after a restart) past its
// burst learns the outcome of its command instead of "wait": the ledger
// answers before the rate is charged, and nothing is applied again. A new
// command is still refused, and a reused id still told apart.
TEST(AdmissionTest, ARetryOfATakenCommandIsAnsweredPastTheRate) {
  TestApp::Options options;
  options.app.admission = Small();
  absl::StatusOr<std::unique_ptr<TestApp>> app = TestApp::Start(options);
  ASSERT_TRUE(app.ok()) << app.status();
  auto call = [&](const std::string& method,
                  const google::protobuf::Message& request) {
    return (*app)->Call<v1::CommandReply>(method, "delegation-aut-token-1",
                                          request);
  };
  v1::InscribeRequest inscribe = InscribeAustria();
  inscribe.set_request_id("phone-1");
  v1::DelegationCommand withdraw;
  *withdraw.mutable_list() = inscribe.list();
  withdraw.set_delegation("AUT");
  withdraw.set_request_id("phone-2");
  absl::StatusOr<v1::CommandReply> first = call("Inscribe", inscribe);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(call("Withdraw", withdraw).ok());
  inscribe.set_request_id("phone-3");
  ASSERT_TRUE(call("Inscribe", inscribe).ok());  // the burst of 3 is spent
  const uint64_t version = (*app)->app().runner("plenary")->Read(
      [](const Meeting& m) { return m.version(); });

  inscribe.set_request_id("phone-1");
  absl::StatusOr<v1::CommandReply> again = call("Inscribe", inscribe);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version(), first->version());
  EXPECT_EQ(again->SerializeAsString(), first->SerializeAsString());

  withdraw.set_request_id("phone-4");
  EXPECT_EQ(call("Withdraw", withdraw).status().code(),
            absl::StatusCode::kResourceExhausted);
  withdraw.set_request_id("phone-1");  // the id of the Inscribe
  EXPECT_EQ(call("Withdraw", withdraw).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*app)->app().runner("plenary")->Read(
                [](const Meeting& m) { return m.version(); }),
            version);
}

}  // namespace
}  // namespace speakers
