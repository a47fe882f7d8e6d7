// Delegation codes are read in any case, everywhere a request names one:
// "aut" is AUT for commands, the access check, the request ledger, tokens
// issued or in the tokens file. The state keeps the session's spelling; a
// code the session does not have is refused naming it as written.
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/app/app.h"
#include "server/app/request_parts.h"
#include "speakers/v1/speakers.pb.h"
#include "tests/testing/test_app.h"

namespace speakers {
namespace {

using testing::TestApp;

constexpr char kAustria[] = "delegation-aut-token-1";
constexpr char kChair[] = "chair-plenary-token-01";
constexpr char kSecretariat[] = "secretariat-token-0001";

class DelegationCodesTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(TestApp::Options()); }
  void Start(TestApp::Options options) {
    absl::StatusOr<std::unique_ptr<TestApp>> app =
        TestApp::Start(std::move(options));
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = *std::move(app);
  }

  template <typename Reply>
  absl::StatusOr<Reply> Call(const std::string& method,
                             const std::string& token,
                             const google::protobuf::Message& request) {
    return app_->Call<Reply>(method, token, request);
  }
  absl::StatusOr<v1::CommandReply> Command(
      const std::string& method, const std::string& token,
      const google::protobuf::Message& request) {
    return Call<v1::CommandReply>(method, token, request);
  }

  static v1::InscribeRequest Inscribe(const std::string& code) {
    v1::InscribeRequest r;
    r.mutable_list()->set_meeting("plenary");
    r.mutable_list()->set_item("2");
    r.set_delegation(code);
    r.mutable_speaker()->set_name("Ms. Doe");
    return r;
  }
  // The codes waiting on item 2, in order.
  std::vector<std::string> Waiting() {
    v1::ListRef ref;
    ref.set_meeting("plenary");
    ref.set_item("2");
    absl::StatusOr<v1::ListState> list =
        Call<v1::ListState>("GetList", kChair, ref);
    EXPECT_TRUE(list.ok()) << list.status();
    std::vector<std::string> out;
    if (list.ok()) {
      for (const v1::Entry& e : list->waiting()) out.push_back(e.delegation());
    }
    return out;
  }

  std::unique_ptr<TestApp> app_;
};

TEST_F(DelegationCodesTest, ADelegationInscribesWithItsCodeInAnyCase) {
  absl::StatusOr<v1::CommandReply> reply =
      Command("Inscribe", kAustria, Inscribe("aut"));
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(Waiting(), std::vector<std::string>{"AUT"});
  // Its own entry, whatever the case it names it in.
  v1::DelegationCommand withdraw;
  withdraw.mutable_list()->set_meeting("plenary");
  withdraw.mutable_list()->set_item("2");
  withdraw.set_delegation("Aut");
  ASSERT_TRUE(Command("Withdraw", kAustria, withdraw).ok());
  EXPECT_TRUE(Waiting().empty());
}

TEST_F(DelegationCodesTest, AnotherDelegationIsRefusedInAnyCase) {
  absl::StatusOr<v1::CommandReply> reply =
      Command("Inscribe", kAustria, Inscribe("ken"));
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(Waiting().empty());
}

TEST_F(DelegationCodesTest, AnUnknownCodeIsRefusedAsWritten) {
  absl::StatusOr<v1::CommandReply> reply =
      Command("AddSpeaker", kChair, Inscribe("xyz"));
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(reply.status().message().find("\"xyz\""), std::string::npos)
      << reply.status();
  EXPECT_TRUE(Waiting().empty());
}

TEST_F(DelegationCodesTest, ARetryInAnotherCaseIsTheSameRequest) {
  v1::InscribeRequest lower = Inscribe("aut");
  lower.set_request_id("phone-1");
  absl::StatusOr<v1::CommandReply> first = Command("Inscribe", kAustria, lower);
  ASSERT_TRUE(first.ok()) << first.status();
  v1::InscribeRequest upper = Inscribe("AUT");
  upper.set_request_id("phone-1");
  absl::StatusOr<v1::CommandReply> again = Command("Inscribe", kAustria, upper);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->SerializeAsString(), first->SerializeAsString());
  EXPECT_EQ(Waiting(), std::vector<std::string>{"AUT"});
  EXPECT_EQ(app_->log().Count(), 1u);
}

TEST_F(DelegationCodesTest, TheChairSwapsAndMovesInAnyCase) {
  ASSERT_TRUE(Command("AddSpeaker", kChair, Inscribe("AUT")).ok());
  ASSERT_TRUE(Command("AddSpeaker", kChair, Inscribe("ken")).ok());
  ASSERT_TRUE(Command("AddSpeaker", kChair, Inscribe("Fra")).ok());
  EXPECT_EQ(Waiting(), (std::vector<std::string>{"AUT", "KEN", "FRA"}));
  v1::SwapRequest swap;
  swap.mutable_list()->set_meeting("plenary");
  swap.mutable_list()->set_item("2");
  swap.set_first("aut");
  swap.set_second("fra");
  ASSERT_TRUE(Command("Swap", kChair, swap).ok());
  EXPECT_EQ(Waiting(), (std::vector<std::string>{"FRA", "KEN", "AUT"}));
  v1::MoveRequest move;
  move.mutable_list()->set_meeting("plenary");
  move.mutable_list()->set_item("2");
  move.set_delegation("aut");
  move.set_position(1);
  ASSERT_TRUE(Command("Move", kChair, move).ok());
  EXPECT_EQ(Waiting(), (std::vector<std::string>{"AUT", "FRA", "KEN"}));
}

TEST_F(DelegationCodesTest, AnIssuedTokenKeepsTheSessionsSpelling) {
  v1::IssueTokenRequest issue;
  issue.set_role(v1::TOKEN_ROLE_DELEGATION);
  issue.set_scope("ken");
  absl::StatusOr<v1::IssuedToken> issued =
      Call<v1::IssuedToken>("IssueToken", kSecretariat, issue);
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_EQ(issued->info().scope(), "KEN");
  EXPECT_TRUE(Command("Inscribe", issued->token(), Inscribe("KEN")).ok());
  issue.set_scope("kenya");
  EXPECT_EQ(
      Call<v1::IssuedToken>("IssueToken", kSecretariat, issue).status().code(),
      absl::StatusCode::kNotFound);
}

TEST_F(DelegationCodesTest, TheTokensFileMayWriteACodeInAnyCase) {
  TestApp::Options options;
  options.tokens = std::string(testing::kTestTokens) +
                   "delegation-fra-token-1 delegation fra\n";
  Start(std::move(options));
  absl::StatusOr<v1::Caller> caller =
      Call<v1::Caller>("WhoAmI", "delegation-fra-token-1", v1::WhoAmIRequest());
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->token().scope(), "FRA");
  EXPECT_TRUE(
      Command("Inscribe", "delegation-fra-token-1", Inscribe("FRA")).ok());
}

TEST(WithSessionCodesTest, RewritesOnlyWhatDiffers) {
  absl::StatusOr<std::unique_ptr<TestApp>> app = TestApp::Start();
  ASSERT_TRUE(app.ok()) << app.status();
  const Session& session = (*app)->engine().session();
  v1::InscribeRequest same;
  same.set_delegation("AUT");
  same.set_on_behalf_of("aut");  // a group's name, not a code
  EXPECT_EQ(WithSessionCodes(same, session), nullptr);
  v1::InscribeRequest unknown;
  unknown.set_delegation("xyz");
  EXPECT_EQ(WithSessionCodes(unknown, session), nullptr);
  v1::InscribeRequest lower = same;
  lower.set_delegation("aut");
  std::unique_ptr<google::protobuf::Message> fixed =
      WithSessionCodes(lower, session);
  ASSERT_NE(fixed, nullptr);
  const auto& r = static_cast<const v1::InscribeRequest&>(*fixed);
  EXPECT_EQ(r.delegation(), "AUT");
  EXPECT_EQ(r.on_behalf_of(), "aut");
  EXPECT_EQ(lower.delegation(), "aut");  // the request itself is unchanged
}

}  // namespace
}  // namespace speakers
