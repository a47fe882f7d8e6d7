// The pages compiled into the binary, /healthz and /metrics.
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "server/app/metrics.h"
#include "tests/gateway/gateway_fixture.h"

namespace speakers::gateway_test {
namespace {

class PagesTest : public GatewayTest {};

TEST_F(PagesTest, PagesAreServedWithTheirContentTypes) {
  struct Case {
    std::string path;
    std::string type;
    std::string contains;
  };
  const Case cases[] = {
      {"/", "text/html; charset=utf-8", "<html"},
      {"/display/plenary", "text/html; charset=utf-8", "display.js"},
      {"/display/plenary?lang=ar", "text/html; charset=utf-8", "display.js"},
      {"/chair/plenary", "text/html; charset=utf-8", "chair.js"},
      {"/delegation", "text/html; charset=utf-8", "delegation.js"},
      {"/static/app.css", "text/css; charset=utf-8", "{"},
      {"/static/common.js", "text/javascript; charset=utf-8", "MeetingWatch"},
      {"/static/i18n.js", "text/javascript; charset=utf-8", "rtl"},
      {"/static/display.js", "text/javascript; charset=utf-8", "function"},
      {"/static/chair.js", "text/javascript; charset=utf-8", "function"},
      {"/static/delegation.js", "text/javascript; charset=utf-8", "function"},
      {"/static/index.js", "text/javascript; charset=utf-8", "function"},
  };
  for (const Case& c : cases) {
    HttpReply reply = Fetch(port(), "GET", c.path);
    EXPECT_EQ(reply.status, 200) << c.path;
    EXPECT_EQ(reply.header("content-type"), c.type) << c.path;
    EXPECT_TRUE(absl::StrContains(reply.body, c.contains)) << c.path;
    EXPECT_EQ(reply.header("content-length"), std::to_string(reply.body.size()))
        << c.path;
    EXPECT_FALSE(reply.header("etag").empty()) << c.path;
  }
}

TEST_F(PagesTest, NoExternalResourcesAreReferenced) {
  for (const std::string path :
       {"/", "/display/plenary", "/chair/plenary", "/delegation",
        "/static/app.css", "/static/common.js", "/static/display.js"}) {
    const std::string body = Fetch(port(), "GET", path).body;
    EXPECT_FALSE(absl::StrContains(body, "http://")) << path;
    EXPECT_FALSE(absl::StrContains(body, "https://")) << path;
  }
}

TEST_F(PagesTest, UnknownPathsAreNotFoundAndWrongMethodsRefused) {
  EXPECT_EQ(Fetch(port(), "GET", "/nothing").status, 404);
  EXPECT_EQ(Fetch(port(), "GET", "/static/nothing.js").status, 404);
  EXPECT_EQ(Fetch(port(), "GET", "/display/").status, 404);
  EXPECT_EQ(Fetch(port(), "GET", "/static/../gateway.cc").status, 404);
  HttpReply post = Fetch(port(), "POST", "/display/plenary", "x");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.header("allow"), "GET");
  HttpReply get = Fetch(port(), "GET", "/api/Inscribe");
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.header("allow"), "POST");
}

TEST_F(PagesTest, AnUnchangedPageIsNotSentAgain) {
  HttpReply first = Fetch(port(), "GET", "/display/plenary");
  ASSERT_EQ(first.status, 200);
  HttpReply again = Fetch(port(), "GET", "/display/plenary", "",
                          {{"If-None-Match", first.header("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  HttpReply head = Fetch(port(), "HEAD", "/display/plenary");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), std::to_string(first.body.size()));
}

TEST_F(PagesTest, HealthAndMetrics) {
  HttpReply health = Fetch(port(), "GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, "ok\n");

  const int64_t before = metrics().watchers(Metrics::Watcher::kBrowser);
  SseReader reader(port(), "/api/watch/plenary");
  ASSERT_EQ(reader.status(), 200);
  ASSERT_TRUE(AwaitStreams(1));
  HttpReply metrics = Fetch(port(), "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_TRUE(absl::StartsWith(metrics.header("content-type"),
                               "text/plain; version=0.0.4"));
  EXPECT_TRUE(
      absl::StrContains(metrics.body, "speakers_watchers{kind=\"browser\"} " +
                                          std::to_string(before + 1) + "\n"))
      << metrics.body;
  EXPECT_TRUE(absl::StrContains(metrics.body, "speakers_fanout_seconds_count"));
}

TEST_F(PagesTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  // Two requests in a row on one socket, both answered.
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"),
                  static_cast<uint16_t>(port())});
  const std::string two =
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: "
      "x\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(two));
  std::string got;
  char chunk[4096];
  auto answers = [&got] {
    int n = 0;
    for (size_t at = got.find("\r\n\r\nok\n"); at != std::string::npos;
         at = got.find("\r\n\r\nok\n", at + 1)) {
      ++n;
    }
    return n;
  };
  while (answers() < 2) {
    boost::system::error_code ec;
    const size_t n = socket.read_some(boost::asio::buffer(chunk), ec);
    if (ec) break;
    got.append(chunk, n);
  }
  EXPECT_EQ(answers(), 2) << got;
}

}  // namespace
}  // namespace speakers::gateway_test
