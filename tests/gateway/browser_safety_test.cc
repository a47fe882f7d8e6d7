// What keeps the pages safe on a shared network: no token in an address,
// no command from another site, the security headers on every page.
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"

namespace speakers::gateway_test {
namespace {

constexpr char kChair[] = "chair-plenary-token-01";

class BrowserSafetyTest : public GatewayTest {
 protected:
  // The chair inscribes Kenya on item 2, with `headers` besides the token.
  HttpReply AddKenya(std::vector<std::pair<std::string, std::string>> headers) {
    headers.push_back({"Authorization", std::string("Bearer ") + kChair});
    return Fetch(port(), "POST", "/api/Inscribe", InscribeJson("2", "KEN"),
                 headers);
  }
  // The plenary's version: unchanged by a refused command.
  uint64_t Version() {
    v1::MeetingSnapshot meeting;
    EXPECT_TRUE(ParseJson(Ok("GetMeeting", "{\"meeting\":\"plenary\"}", kChair),
                          &meeting));
    return meeting.version();
  }
};

TEST_F(BrowserSafetyTest, ATokenInTheAddressIsRefused) {
  for (const std::string target :
       {"/api/watch/plenary?token=chair-plenary-token-01",
        "/api/watch/plenary?since=1&stream=x&%74oken=chair-plenary-token-01"}) {
    HttpReply reply = Fetch(port(), "GET", target);
    EXPECT_EQ(reply.status, 400) << target;
    EXPECT_EQ(reply.body,
              "{\"code\":\"INVALID_ARGUMENT\",\"message\":\"a token in the "
              "address is refused: proxies and logs keep addresses; send it "
              "as \\\"Authorization: Bearer TOKEN\\\"\"}")
        << target;
  }
  // In the header it is taken.
  SseReader reader(port(), "/api/watch/plenary",
                   {{"Authorization", std::string("Bearer ") + kChair}});
  EXPECT_EQ(reader.status(), 200);
}

TEST_F(BrowserSafetyTest, ACrossSiteCommandIsRefusedAndChangesNothing) {
  Ok("Inscribe", InscribeJson("2", "AUT"), kChair);
  const uint64_t before = Version();
  const std::vector<std::vector<std::pair<std::string, std::string>>> refused =
      {{{"Content-Type", "application/json"},
        {"Origin", "https://evil.example"}},
       {{"Content-Type", "application/json"},
        {"Origin", "http://127.0.0.1.evil.example"}},
       {{"Content-Type", "application/json"}, {"Origin", "null"}},
       {{"Content-Type", "application/json"},
        {"Sec-Fetch-Site", "cross-site"}}};
  for (const auto& headers : refused) {
    HttpReply reply = AddKenya(headers);
    EXPECT_EQ(reply.status, 403) << headers[1].second;
    EXPECT_EQ(reply.body,
              "{\"code\":\"PERMISSION_DENIED\",\"message\":\"a request from "
              "another site is refused\"}");
  }
  // What an HTML form can send (no preflight) is not a command.
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded",
                           "multipart/form-data; boundary=x"}) {
    HttpReply reply = AddKenya({{"Content-Type", type}});
    EXPECT_EQ(reply.status, 415) << type;
    EXPECT_EQ(reply.body,
              "{\"code\":\"INVALID_ARGUMENT\",\"message\":\"a command is sent "
              "as JSON (Content-Type: application/json)\"}");
  }
  EXPECT_EQ(Version(), before);
  // The page's own origin, and a client that names none, are served.
  HttpReply same = AddKenya({{"Content-Type", "application/json"},
                             {"Origin", "http://127.0.0.1"},
                             {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(Version(), before + 1);
}

TEST_F(BrowserSafetyTest, EveryPageCarriesTheSecurityHeaders) {
  for (const char* target :
       {"/", "/chair/plenary", "/delegation", "/display/plenary",
        "/static/common.js", "/nowhere", "/healthz"}) {
    HttpReply reply = Fetch(port(), "GET", target);
    EXPECT_EQ(reply.header("content-security-policy"),
              "default-src 'none'; script-src 'self'; style-src 'self'; "
              "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
              "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        << target;
    EXPECT_EQ(reply.header("x-frame-options"), "DENY") << target;
    EXPECT_EQ(reply.header("referrer-policy"), "no-referrer") << target;
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff") << target;
    // Plain HTTP (loopback): no HSTS.
    EXPECT_EQ(reply.header("strict-transport-security"), "") << target;
  }
}

// True when `html` holds an attribute such as ` onclick=` (" on", letters,
// "="): an inline event handler, which the CSP would block.
bool HoldsEventHandlerAttribute(const std::string& html) {
  for (size_t at = html.find(" on"); at != std::string::npos;
       at = html.find(" on", at + 1)) {
    size_t end = at + 3;
    while (end < html.size() && html[end] >= 'a' && html[end] <= 'z') ++end;
    if (end > at + 3 && end < html.size() && html[end] == '=') return true;
  }
  return false;
}

TEST_F(BrowserSafetyTest, ThePagesHoldNoInlineScriptOrStyle) {
  for (const char* target :
       {"/", "/chair/plenary", "/delegation", "/display/plenary"}) {
    HttpReply reply = Fetch(port(), "GET", target);
    ASSERT_EQ(reply.status, 200) << target;
    EXPECT_FALSE(absl::StrContains(reply.body, "style=\"")) << target;
    EXPECT_FALSE(absl::StrContains(reply.body, "<style")) << target;
    EXPECT_FALSE(HoldsEventHandlerAttribute(reply.body)) << target;
    size_t at = 0;
    while ((at = reply.body.find("<script", at)) != std::string::npos) {
      EXPECT_EQ(reply.body.compare(at, 13, "<script src=\""), 0)
          << target << ": " << reply.body.substr(at, 40);
      ++at;
    }
  }
}

}  // namespace
}  // namespace speakers::gateway_test
