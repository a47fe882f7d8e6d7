// Fuzz target: the HTTP face of the gateway (server/gateway/http_session.cc,
// request_router.h), without sockets.
//
// Feeds: one byte, then the bytes a browser connection sends. The first
// byte's low 7 bits are how many bytes each read delivers (0: up to
// 64 KiB), so requests also arrive split at every place; its high bit set
// means the peer is another machine, not this one (/metrics then needs the
// secretariat's token). The rest goes through Beast's request
// parser exactly as HttpSession sets it (string body, the default
// GatewayOptions' body and header limits, http::read over a
// beast::test::stream), one request after another while the connection is
// kept alive (pipelining, at most 8), and each request as HttpSession
// handles it: RequestRouter::Decide (the real has_meeting, over the app's
// runners), then a response is serialized, a command goes to JsonCommands,
// a stream to App::CheckRead and remote metrics to App::CheckSecretariat. The
// app (tests/testing/test_app.h: the built-in session, SQLite in a temporary
// directory) is built once per process and knows no token, so nothing is ever
// applied: every input runs against the same state. /metrics shows a Metrics of
// its own that never changes. Asserts: the parser and the router return; every
// response has a status of 100-599 and serializes as HTTP/1.x; a stream is
// routed only for a known meeting; a call answers exactly once before it
// returns, and never 200 for a command; remote metrics are never served (no
// token exists).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "boost/asio/io_context.hpp"
#include "boost/beast/_experimental/test/stream.hpp"
#include "boost/beast/core/flat_buffer.hpp"
#include "boost/beast/http.hpp"
#include "server/app/command_table.h"
#include "server/app/metrics.h"
#include "server/gateway/gateway_options.h"
#include "server/gateway/http_errors.h"
#include "server/gateway/json_commands.h"
#include "server/gateway/request_router.h"
#include "server/gateway/static_pages.h"
#include "tests/testing/test_app.h"

namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using speakers::HttpRequest;
using speakers::HttpResponse;
using speakers::JsonCommands;
using speakers::RequestRouter;
using speakers::Route;

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "HTTP path broke its contract: %s\n", what);
  std::abort();
}

// Built on the first input, stopped at exit (its directory removed).
struct Fixture {
  Fixture() {
    speakers::testing::TestApp::Options options;
    options.tokens = "";  // no token: every caller is anonymous
    absl::StatusOr<std::unique_ptr<speakers::testing::TestApp>> started =
        speakers::testing::TestApp::Start(options);
    if (!started.ok()) Fail("the test app does not start");
    app = *std::move(started);
    commands = std::make_unique<JsonCommands>(&app->app());
    speakers::App* const a = &app->app();
    router = std::make_unique<RequestRouter>(
        &pages,
        [a](absl::string_view meeting) {
          return a->runner(meeting) != nullptr;
        },
        &metrics);
  }
  ~Fixture() {
    commands->Close();
    router.reset();
    commands.reset();
    app.reset();
  }

  speakers::GatewayOptions options;
  boost::asio::io_context io;
  std::unique_ptr<speakers::testing::TestApp> app;
  std::unique_ptr<JsonCommands> commands;
  speakers::StaticPages pages;
  speakers::Metrics metrics;  // for /metrics only: never changes
  std::unique_ptr<RequestRouter> router;
};

// HttpSession::Send, up to the bytes it would write.
void Send(HttpResponse response, unsigned version, bool keep_alive, bool head) {
  const int status = response.result_int();
  if (status < 100 || status > 599) Fail("a response status out of range");
  response.version(version);
  response.keep_alive(keep_alive);
  if (head) response.body().clear();
  std::ostringstream out;
  out << response;
  if (!absl::StartsWith(out.str(), "HTTP/1.")) Fail("a response not HTTP/1");
}

// HttpSession::StartCall, answered at once (no caller has a token).
void Call(Fixture& f, const Route& route, const HttpRequest& request,
          unsigned version, bool keep_alive, bool head) {
  struct Answers {
    int count = 0;
    JsonCommands::Result result;
  };
  // Shared: a late answer (a broken contract) must not write to the stack.
  auto answers = std::make_shared<Answers>();
  f.commands->Call(
      route.method, request.body(), route.authorization,
      [answers](JsonCommands::Result r, speakers::CallsInFlight::Hold) {
        ++answers->count;
        answers->result = std::move(r);
      });
  if (answers->count != 1) Fail("a call not answered exactly once at once");
  if (answers->result.http_status == 200 &&
      speakers::FindApiCommand(route.method) != nullptr) {
    Fail("a command accepted without a token");
  }
  Send(RequestRouter::Json(answers->result.http_status,
                           std::move(answers->result.json)),
       version, keep_alive, head);
}

// HttpSession::Handle; false when the connection ends (a stream starts).
bool Handle(Fixture& f, const HttpRequest& request, bool from_loopback) {
  const unsigned version = request.version();
  const bool keep_alive = request.keep_alive();
  const bool head = request.method() == http::verb::head;
  Route route = f.router->Decide(request, from_loopback);
  switch (route.kind) {
    case Route::Kind::kRespond:
      Send(std::move(route.response), version, keep_alive, head);
      return keep_alive;
    case Route::Kind::kMetrics: {
      const absl::Status allowed =
          f.app->app().CheckSecretariat(route.authorization);
      if (allowed.ok()) Fail("metrics served to a caller without a token");
      Send(RequestRouter::Json(speakers::HttpStatusFor(allowed.code()),
                               speakers::ErrorJson(allowed)),
           version, keep_alive, head);
      return keep_alive;
    }
    case Route::Kind::kCommand:
      Call(f, route, request, version, keep_alive, head);
      return keep_alive;
    case Route::Kind::kWatch: {
      if (f.app->app().runner(route.meeting) == nullptr) {
        Fail("a stream routed for an unknown meeting");
      }
      const absl::Status allowed =
          f.app->app().CheckRead(route.authorization, route.meeting);
      if (allowed.ok()) return false;  // SseStream takes the connection
      Send(RequestRouter::Json(speakers::HttpStatusFor(allowed.code()),
                               speakers::ErrorJson(allowed)),
           version, keep_alive, head);
      return keep_alive;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fixture;
  if (size == 0) return 0;
  const size_t read_size = (data[0] & 0x7f) == 0 ? 64 * 1024 : data[0] & 0x7f;
  const bool from_loopback = (data[0] & 0x80) == 0;
  beast::test::stream stream(fixture.io);
  stream.read_size(read_size);
  stream.append(
      beast::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  stream.close_remote();
  beast::flat_buffer buffer;
  for (int i = 0; i < 8; ++i) {  // HttpSession::Read, OnRead
    http::request_parser<http::string_body> parser;
    parser.body_limit(fixture.options.max_body_bytes);
    parser.header_limit(
        static_cast<std::uint32_t>(fixture.options.max_header_bytes));
    beast::error_code ec;
    http::read(stream, buffer, parser, ec);
    if (ec == http::error::end_of_stream) return 0;
    if (ec == http::error::body_limit) {
      Send(RequestRouter::Json(
               413, speakers::ErrorJson(absl::StatusCode::kInvalidArgument,
                                        "the request body is too large")),
           11, false, false);
      return 0;
    }
    if (ec == http::error::header_limit) {
      Send(RequestRouter::Make(431, "text/plain; charset=utf-8",
                               "request headers too large\n"),
           11, false, false);
      return 0;
    }
    if (ec) {
      if (buffer.size() != 0 || parser.got_some()) {
        Send(RequestRouter::Make(400, "text/plain; charset=utf-8",
                                 "malformed HTTP request\n"),
             11, false, false);
      }
      return 0;
    }
    if (!Handle(fixture, parser.release(), from_loopback)) return 0;
  }
  return 0;
}
