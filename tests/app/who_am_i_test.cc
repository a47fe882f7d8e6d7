// WhoAmI: a caller learns from its token alone who it is (the delegate page
// signs in with nothing else). Each role, a named and expiring token, no
// token, and the tokens the server refuses.
#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/app/app.h"
#include "server/app/token_store.h"
#include "speakers/v1/speakers.pb.h"
#include "tests/testing/test_app.h"

namespace speakers {
namespace {

class WhoAmITest : public ::testing::Test {
 protected:
  void Start(testing::TestApp::Options options = {}) {
    absl::StatusOr<std::unique_ptr<testing::TestApp>> app =
        testing::TestApp::Start(std::move(options));
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = *std::move(app);
  }

  // WhoAmI with `token` (empty: none).
  absl::StatusOr<v1::Caller> Ask(const std::string& token) {
    return app_->Call<v1::Caller>("WhoAmI", token, v1::WhoAmIRequest());
  }

  std::unique_ptr<testing::TestApp> app_;
};

TEST_F(WhoAmITest, ADelegationTokenNamesItsDelegation) {
  Start();
  absl::StatusOr<v1::Caller> caller = Ask("delegation-aut-token-1");
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->description(), "delegation AUT");
  EXPECT_EQ(caller->token().role(), v1::TOKEN_ROLE_DELEGATION);
  EXPECT_EQ(caller->token().scope(), "AUT");
  EXPECT_EQ(caller->token().id(),
            TokenHash("delegation-aut-token-1").substr(0, 8));
  EXPECT_EQ(caller->token().origin(), "file");
  EXPECT_FALSE(caller->token().has_expires());
  ASSERT_TRUE(caller->has_delegation());
  EXPECT_EQ(caller->delegation().code(), "AUT");
  EXPECT_EQ(caller->delegation().names().at("en"), "Austria");
  EXPECT_EQ(caller->delegation().names().at("fr"), "Autriche");
  EXPECT_EQ(caller->delegation().category(), v1::CATEGORY_STATE_PARTY);
}

TEST_F(WhoAmITest, EachRoleSaysWhatItIs) {
  Start();
  struct Case {
    std::string token, description;
    v1::TokenRole role;
    std::string scope;
  };
  for (const Case& c : {
           Case{"secretariat-token-0001", "secretariat",
                v1::TOKEN_ROLE_SECRETARIAT, ""},
           Case{"chair-plenary-token-01", "chair of plenary",
                v1::TOKEN_ROLE_CHAIR, "plenary"},
           Case{"display-token-00000001", "display", v1::TOKEN_ROLE_DISPLAY,
                ""},
       }) {
    absl::StatusOr<v1::Caller> caller = Ask(c.token);
    ASSERT_TRUE(caller.ok()) << c.token << ": " << caller.status();
    EXPECT_EQ(caller->description(), c.description) << c.token;
    EXPECT_EQ(caller->token().role(), c.role) << c.token;
    EXPECT_EQ(caller->token().scope(), c.scope) << c.token;
    EXPECT_FALSE(caller->has_delegation()) << c.token;
  }
}

TEST_F(WhoAmITest, AHolderAndExpiryAreShown) {
  testing::TestApp::Options options;
  options.tokens = std::string(testing::kTestTokens) +
                   "delegation-fra-token-1 delegation FRA expires=2017-11-10 "
                   "name=Ms. Jane Doe, adviser\n";
  Start(std::move(options));
  absl::StatusOr<v1::Caller> caller = Ask("delegation-fra-token-1");
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->description(), "delegation FRA");
  EXPECT_EQ(caller->token().name(), "Ms. Jane Doe, adviser");
  ASSERT_TRUE(caller->token().has_expires());
  // The end of 10 November in the session's zone (Vienna, CET).
  EXPECT_EQ(
      caller->token().expires().seconds(),
      absl::ToUnixSeconds(absl::FromCivil(
          absl::CivilSecond(2017, 11, 10, 23, 0, 0), absl::UTCTimeZone())));
  EXPECT_EQ(caller->delegation().names().at("en"), "France");
}

TEST_F(WhoAmITest, NoTokenIsAnEmptyCaller) {
  Start();
  absl::StatusOr<v1::Caller> caller = Ask("");
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_FALSE(caller->has_token());
  EXPECT_FALSE(caller->has_delegation());
  EXPECT_EQ(caller->description(), "");
}

TEST_F(WhoAmITest, NoTokenIsRefusedWhereAnonymousReadsAreOff) {
  testing::TestApp::Options options;
  options.app.anonymous_reads = AnonymousReads::kNone;
  Start(std::move(options));
  EXPECT_EQ(Ask("").status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(Ask("delegation-ken-token-1").ok());
}

TEST_F(WhoAmITest, AnUnknownTokenIsRefused) {
  Start();
  absl::StatusOr<v1::Caller> caller = Ask("not-a-token-of-this-server");
  EXPECT_EQ(caller.status().code(), absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace speakers
