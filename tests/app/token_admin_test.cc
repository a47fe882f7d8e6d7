// Token administration through the app: the secretariat issues, revokes and
// rotates tokens as durable commands of the log. A new token works at once;
// a revoked one is refused at once; a restart gives the same tokens; a
// refused change and a failed write leave no trace; a retry is answered
// without issuing twice.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/app/app.h"
#include "server/app/token_store.h"
#include "speakers/v1/speakers.pb.h"
#include "tests/testing/test_app.h"

namespace speakers {
namespace {

constexpr char kSecretariat[] = "secretariat-token-0001";
constexpr char kChair[] = "chair-plenary-token-01";

class TokenAdminTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(); }

  void Start(const std::string& db_path = "", bool faulty = false) {
    app_.reset();
    testing::TestApp::Options options;
    options.db_path = db_path;
    options.faulty = faulty;
    absl::StatusOr<std::unique_ptr<testing::TestApp>> app =
        testing::TestApp::Start(options);
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = *std::move(app);
  }
  // Stops the app and starts another on its database (the first one's
  // directory is kept until the test ends).
  void Restart() {
    const std::string db = app_->db_path();
    app_->Stop();
    stopped_.push_back(std::move(app_));
    Start(db);
  }

  template <typename Reply>
  absl::StatusOr<Reply> Call(const std::string& method,
                             const google::protobuf::Message& request,
                             const std::string& token = kSecretariat) {
    return app_->Call<Reply>(method, token, request);
  }

  absl::StatusOr<v1::IssuedToken> Issue(v1::TokenRole role,
                                        const std::string& scope,
                                        const std::string& name = "") {
    v1::IssueTokenRequest request;
    request.set_role(role);
    request.set_scope(scope);
    request.set_name(name);
    return Call<v1::IssuedToken>("IssueToken", request);
  }
  static v1::TokenRef Ref(const std::string& id) {
    v1::TokenRef ref;
    ref.set_id(id);
    return ref;
  }
  // GetSession with `token`: OK or its refusal.
  absl::Status Read(const std::string& token) {
    return Call<v1::SessionInfo>("GetSession", v1::GetSessionRequest(), token)
        .status();
  }
  absl::StatusOr<v1::TokenList> List() {
    return Call<v1::TokenList>("ListTokens", v1::ListTokensRequest());
  }
  uint64_t Records() { return app_->log().Count(); }

  std::vector<std::unique_ptr<testing::TestApp>> stopped_;
  std::unique_ptr<testing::TestApp> app_;
};

TEST_F(TokenAdminTest, AnIssuedTokenWorksAtOnceAndIsShownOnce) {
  absl::StatusOr<v1::IssuedToken> issued =
      Issue(v1::TOKEN_ROLE_DELEGATION, "AUT", "Ms. Jane Doe, adviser");
  ASSERT_TRUE(issued.ok()) << issued.status();
  ASSERT_EQ(issued->token().size(), 32u);
  EXPECT_EQ(issued->info().id(), TokenHash(issued->token()).substr(0, 8));
  EXPECT_EQ(issued->info().role(), v1::TOKEN_ROLE_DELEGATION);
  EXPECT_EQ(issued->info().scope(), "AUT");
  EXPECT_EQ(issued->info().name(), "Ms. Jane Doe, adviser");
  EXPECT_EQ(issued->info().origin(), "issued");
  EXPECT_EQ(issued->info().issued_by(), "secretariat");
  EXPECT_FALSE(issued->info().revoked());
  EXPECT_TRUE(Read(issued->token()).ok());
  EXPECT_EQ(Records(), 1u);
  // The log keeps the hash, never the token.
  absl::Status read = app_->log().ReadAll([&](const LoggedCommand& r) {
    EXPECT_EQ(r.meeting, "");
    EXPECT_EQ(r.kind, "token_change");
    EXPECT_EQ(r.actor, "secretariat");
    EXPECT_EQ(r.payload.find(issued->token()), std::string::npos);
    EXPECT_EQ(r.reply.find(issued->token()), std::string::npos);
    EXPECT_NE(r.payload.find(TokenHash(issued->token())), std::string::npos);
    return absl::OkStatus();
  });
  EXPECT_TRUE(read.ok()) << read;
  absl::StatusOr<v1::TokenList> list = List();
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->tokens_size(), 7);  // the six of the file, then it
  EXPECT_EQ(list->tokens(0).origin(), "file");
  EXPECT_EQ(list->tokens(6).id(), issued->info().id());
}

TEST_F(TokenAdminTest, ARevokedTokenIsRefusedAtOnceAndAfterARestart) {
  absl::StatusOr<v1::IssuedToken> issued =
      Issue(v1::TOKEN_ROLE_DISPLAY, "", "Hall M display");
  ASSERT_TRUE(issued.ok()) << issued.status();
  absl::StatusOr<v1::TokenInfo> revoked =
      Call<v1::TokenInfo>("RevokeToken", Ref(issued->info().id()));
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  EXPECT_TRUE(revoked->revoked());
  EXPECT_EQ(revoked->revoked_by(), "secretariat");
  const std::string refusal = absl::StrCat(
      "this access token (", issued->info().id(),
      ", display) was revoked at 11:00 on 6 November 2017, Vienna time; ask "
      "the secretariat for a new one");
  absl::Status refused = Read(issued->token());
  EXPECT_EQ(refused.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(refused.message(), refusal);
  // A token of the file, revoked the same way.
  const std::string chair_id = TokenHash(kChair).substr(0, 8);
  ASSERT_TRUE(Call<v1::TokenInfo>("RevokeToken", Ref(chair_id)).ok());
  EXPECT_EQ(Read(kChair).code(), absl::StatusCode::kUnauthenticated);

  Restart();
  EXPECT_EQ(app_->app().recovered().records, 3u);
  EXPECT_EQ(Read(issued->token()).message(), refusal);
  EXPECT_EQ(Read(kChair).code(), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(Read("delegation-aut-token-1").ok());
  absl::StatusOr<v1::TokenList> list = List();
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->tokens_size(), 7);
  EXPECT_TRUE(list->tokens(2).revoked());  // the chair of plenary
  EXPECT_TRUE(list->tokens(6).revoked());
}

TEST_F(TokenAdminTest, RotatingGivesTheHolderANewTokenAndEndsTheOld) {
  absl::StatusOr<v1::IssuedToken> first =
      Issue(v1::TOKEN_ROLE_CHAIR, "plenary", "Vice-President");
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<v1::IssuedToken> second =
      Call<v1::IssuedToken>("RotateToken", Ref(first->info().id()));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_NE(second->token(), first->token());
  EXPECT_EQ(second->info().role(), v1::TOKEN_ROLE_CHAIR);
  EXPECT_EQ(second->info().scope(), "plenary");
  EXPECT_EQ(second->info().name(), "Vice-President");
  EXPECT_EQ(Read(first->token()).code(), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(Read(second->token()).ok());
  EXPECT_EQ(Records(), 2u);  // the rotation is one command
  Restart();
  EXPECT_EQ(Read(first->token()).code(), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(Read(second->token()).ok());
}

TEST_F(TokenAdminTest, RefusedChangesLeaveNoTrace) {
  v1::IssueTokenRequest no_role;
  v1::IssueTokenRequest past;
  past.set_role(v1::TOKEN_ROLE_DISPLAY);
  past.mutable_expires()->set_seconds(absl::ToUnixSeconds(absl::FromCivil(
      absl::CivilSecond(2017, 11, 6, 9, 0, 0), absl::UTCTimeZone())));
  EXPECT_EQ(Call<v1::IssuedToken>("IssueToken", no_role).status().message(),
            "give the token's role: secretariat, chair, delegation or display");
  EXPECT_EQ(Call<v1::IssuedToken>("IssueToken", past).status().message(),
            "the expiry, 10:00 on 6 November 2017, Vienna time, is past; give "
            "a time ahead");
  EXPECT_EQ(Issue(v1::TOKEN_ROLE_CHAIR, "").status().message(),
            "a chair token names its meeting (scope)");
  absl::Status nowhere = Issue(v1::TOKEN_ROLE_CHAIR, "nowhere").status();
  EXPECT_EQ(nowhere.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(nowhere.message(), "no meeting \"nowhere\" in the session");
  EXPECT_EQ(Issue(v1::TOKEN_ROLE_DELEGATION, "XYZ").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(Issue(v1::TOKEN_ROLE_DISPLAY, "plenary").status().message(),
            "the display role takes no scope");
  EXPECT_EQ(
      Issue(v1::TOKEN_ROLE_DISPLAY, "", std::string(201, 'x')).status().code(),
      absl::StatusCode::kInvalidArgument);
  absl::Status unknown =
      Call<v1::TokenInfo>("RevokeToken", Ref("0000abcd")).status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(unknown.message(),
            "no token has the id 0000abcd; see `speakers tokens`");
  EXPECT_EQ(Call<v1::TokenInfo>("RevokeToken", Ref("3fa2")).status().code(),
            absl::StatusCode::kInvalidArgument);
  // The only secretariat token cannot be revoked: nobody could issue one.
  absl::Status last =
      Call<v1::TokenInfo>("RevokeToken",
                          Ref(TokenHash(kSecretariat).substr(0, 8)))
          .status();
  EXPECT_EQ(last.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(last.message(),
            absl::StrCat("the token ", TokenHash(kSecretariat).substr(0, 8),
                         " is the last valid secretariat token: issue another "
                         "one first, or nobody could administer the server"));
  // Only the secretariat administers tokens.
  for (const char* token :
       {kChair, "delegation-aut-token-1", "display-token-00000001"}) {
    absl::Status denied = Call<v1::IssuedToken>(
                              "IssueToken",
                              [] {
                                v1::IssueTokenRequest r;
                                r.set_role(v1::TOKEN_ROLE_SECRETARIAT);
                                return r;
                              }(),
                              token)
                              .status();
    EXPECT_EQ(denied.code(), absl::StatusCode::kPermissionDenied) << token;
    EXPECT_EQ(Call<v1::TokenList>("ListTokens", v1::ListTokensRequest(), token)
                  .status()
                  .code(),
              absl::StatusCode::kPermissionDenied)
        << token;
  }
  EXPECT_EQ(Records(), 0u);
  absl::StatusOr<v1::TokenList> list = List();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->tokens_size(), 6);
}

TEST_F(TokenAdminTest, RevokingTwiceIsRefused) {
  const std::string id = TokenHash("display-token-00000001").substr(0, 8);
  ASSERT_TRUE(Call<v1::TokenInfo>("RevokeToken", Ref(id)).ok());
  absl::Status again = Call<v1::TokenInfo>("RevokeToken", Ref(id)).status();
  EXPECT_EQ(again.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.message(),
            absl::StrCat("the token ", id,
                         " (display) was revoked already, at 11:00 on 6 "
                         "November 2017, Vienna time by the secretariat"));
  EXPECT_EQ(Call<v1::IssuedToken>("RotateToken", Ref(id)).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Records(), 1u);
}

TEST_F(TokenAdminTest, ARetryIsAnsweredWithoutIssuingTwice) {
  v1::IssueTokenRequest request;
  request.set_role(v1::TOKEN_ROLE_DELEGATION);
  request.set_scope("KEN");
  request.set_request_id("issue-ken-1");
  absl::StatusOr<v1::IssuedToken> first =
      Call<v1::IssuedToken>("IssueToken", request);
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<v1::IssuedToken> retry =
      Call<v1::IssuedToken>("IssueToken", request);
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(retry->info().id(), first->info().id());
  EXPECT_EQ(retry->token(), "");  // never kept
  request.set_scope("AUT");
  EXPECT_EQ(Call<v1::IssuedToken>("IssueToken", request).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Records(), 1u);
  // Also after a restart.
  Restart();
  request.set_scope("KEN");
  absl::StatusOr<v1::IssuedToken> later =
      Call<v1::IssuedToken>("IssueToken", request);
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_EQ(later->info().id(), first->info().id());
  EXPECT_EQ(Records(), 1u);
}

TEST_F(TokenAdminTest, AFailedWriteLeavesNoTrace) {
  Start("", /*faulty=*/true);
  app_->faulty().FailNext(1, absl::UnavailableError("disk full"));
  absl::StatusOr<v1::IssuedToken> issued =
      Issue(v1::TOKEN_ROLE_DELEGATION, "AUT");
  ASSERT_EQ(issued.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(Records(), 0u);
  absl::StatusOr<v1::TokenList> list = List();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->tokens_size(), 6);
  // The next change is taken, as version 1 of the stream.
  ASSERT_TRUE(Issue(v1::TOKEN_ROLE_DELEGATION, "AUT").ok());
  EXPECT_EQ(Records(), 1u);
  Restart();
  absl::StatusOr<v1::TokenList> after = List();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->tokens_size(), 7);
}

}  // namespace
}  // namespace speakers
