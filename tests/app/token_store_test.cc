// The token store: hashed lines and lines in clear, names, expiry dates,
// several tokens of one delegation, the refusals of bad lines; and the
// access policy refusing a token past its expiry.
#include "server/app/token_store.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/app/access_policy.h"
#include "server/app/token_registry.h"
#include "server/config/session_loader.h"
#include "tests/testing/fake_clock.h"

namespace speakers {
namespace {

class TokenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<Session> session = LoadBuiltinSession();
    ASSERT_TRUE(session.ok()) << session.status();
    session_ = std::make_unique<Session>(*std::move(session));
  }

  absl::StatusOr<TokenStore> Parse(absl::string_view text,
                                   int* clear = nullptr) {
    return TokenStore::Parse(text, "tokens.txt", *session_, clear);
  }

  // Vienna time on `day` November 2017.
  static absl::Time Vienna(int day, int hour, int minute = 0) {
    return absl::FromCivil(absl::CivilSecond(2017, 11, day, hour, minute, 0),
                           *Zone());
  }
  static const absl::TimeZone* Zone() {
    static absl::TimeZone* zone = [] {
      auto* z = new absl::TimeZone;
      absl::LoadTimeZone("Europe/Vienna", z);
      return z;
    }();
    return zone;
  }

  std::unique_ptr<Session> session_;
};

TEST_F(TokenStoreTest, KeepsOnlyHashesAndFindsTokensByThem) {
  int clear = -1;
  absl::StatusOr<TokenStore> store = Parse(
      absl::StrCat("sha256:", TokenHash("delegation-aut-token-1"),
                   " delegation AUT name=Ms. Jane Doe, adviser\n"
                   "delegation-aut-token-2 delegation AUT\n"
                   "# a comment\n\n"
                   "chair-plenary-token-01 chair plenary  # the President\n"),
      &clear);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(clear, 2);
  ASSERT_EQ(store->entries().size(), 3u);
  const TokenEntry* first = store->Find("delegation-aut-token-1");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->principal.Describe(), "delegation AUT");
  EXPECT_EQ(first->name, "Ms. Jane Doe, adviser");
  EXPECT_EQ(first->id(), TokenHash("delegation-aut-token-1").substr(0, 8));
  const TokenEntry* second = store->Find("delegation-aut-token-2");
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->principal.Describe(), "delegation AUT");
  EXPECT_NE(first->id(), second->id());
  EXPECT_EQ(store->Find("chair-plenary-token-01")->principal.Describe(),
            "chair of plenary");
  EXPECT_EQ(store->Find("delegation-aut-token-3"), nullptr);
  // Its text has hashes only, and reads back the same.
  const std::string text = store->Text();
  EXPECT_EQ(text.find("delegation-aut-token-2"), std::string::npos);
  EXPECT_NE(
      text.find(absl::StrCat("sha256:", TokenHash("delegation-aut-token-2"),
                             " delegation AUT\n")),
      std::string::npos)
      << text;
  absl::StatusOr<TokenStore> reread = Parse(text, &clear);
  ASSERT_TRUE(reread.ok()) << reread.status();
  EXPECT_EQ(clear, 0);
  EXPECT_EQ(reread->Text(), text);
}

TEST_F(TokenStoreTest, AnExpiryDateEndsWithThatDayInTheSessionsTimeZone) {
  absl::StatusOr<TokenStore> store = Parse(
      "delegation-ken-token-1 delegation KEN expires=2017-11-10\n"
      "display-token-00000001 display expires=2017-11-06T18:30:00+01:00 "
      "name=Hall M display\n");
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(store->Find("delegation-ken-token-1")->expires, Vienna(11, 0));
  EXPECT_EQ(store->Find("display-token-00000001")->expires, Vienna(6, 18, 30));
  EXPECT_EQ(store->Find("display-token-00000001")->name, "Hall M display");
  absl::StatusOr<TokenStore> reread = Parse(store->Text());
  ASSERT_TRUE(reread.ok()) << reread.status();
  EXPECT_EQ(reread->Find("delegation-ken-token-1")->expires, Vienna(11, 0));
}

TEST_F(TokenStoreTest, ATokenPastItsExpiryIsRefused) {
  absl::StatusOr<TokenStore> store =
      Parse("delegation-ken-token-1 delegation KEN expires=2017-11-10\n");
  ASSERT_TRUE(store.ok()) << store.status();
  testing::FakeClock clock(Vienna(10, 23, 59));
  TokenRegistry registry(*store, session_.get(), &clock);
  AccessPolicy access(&registry, &clock, AnonymousReads::kPublic);
  absl::StatusOr<std::optional<Principal>> before =
      access.Authenticate("Bearer delegation-ken-token-1");
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ((*before)->Describe(), "delegation KEN");
  clock.Set(Vienna(11, 0));
  absl::StatusOr<std::optional<Principal>> after =
      access.Authenticate("Bearer delegation-ken-token-1");
  ASSERT_EQ(after.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(after.status().message(),
            absl::StrCat("this access token (",
                         TokenHash("delegation-ken-token-1").substr(0, 8),
                         ", delegation KEN) expired at 00:00 on 11 November "
                         "2017, Vienna time; ask the secretariat for a new "
                         "one"));
}

TEST_F(TokenStoreTest, RefusesBadLinesNamingThem) {
  const std::pair<std::string, std::string> cases[] = {
      {"sha256:abc secretariat",
       "tokens.txt:1: a hash is sha256: and 64 "
       "lower-case hex digits"},
      {"short-token secretariat",
       "tokens.txt:1: a token needs at least 16 characters"},
      {"\nsecretariat-token-0001 secretariat plenary",
       "tokens.txt:2: the secretariat role takes no scope"},
      {"secretariat-token-0001 president",
       "tokens.txt:1: unknown role \"president\"; use secretariat, chair, "
       "delegation or display"},
      {"chair-token-000000001 chair nowhere",
       "tokens.txt:1: a chair token names its meeting; \"nowhere\" is not a "
       "meeting of the session"},
      {"delegation-token-0001 delegation",
       "tokens.txt:1: a delegation token names its delegation; \"\" is not "
       "accredited to the session"},
      {"delegation-token-0001 delegation AUT expires=soon",
       "tokens.txt:1: expires= takes a date (2017-11-10: the end of that "
       "day) or an RFC 3339 time, not \"soon\""},
      {"delegation-token-0001 delegation AUT extra",
       "tokens.txt:1: unexpected \"extra\"; write TOKEN ROLE [SCOPE] "
       "[expires=DATE] [name=NAME]"},
      {"secretariat-token-0001",
       "tokens.txt:1: write TOKEN ROLE [SCOPE] [expires=DATE] [name=NAME]"},
      {absl::StrCat("secretariat-token-0001 secretariat\nsha256:",
                    TokenHash("secretariat-token-0001"), " display"),
       "tokens.txt:2: this token appears twice"},
  };
  for (const auto& [text, message] : cases) {
    absl::StatusOr<TokenStore> store = Parse(text);
    ASSERT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument)
        << text;
    EXPECT_EQ(store.status().message(), message) << text;
  }
}

}  // namespace
}  // namespace speakers
