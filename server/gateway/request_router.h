#ifndef SPEAKERS_SERVER_GATEWAY_REQUEST_ROUTER_H_
#define SPEAKERS_SERVER_GATEWAY_REQUEST_ROUTER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/strings/string_view.h"
#include "boost/beast/http.hpp"
#include "server/app/metrics.h"
#include "server/gateway/static_pages.h"

namespace speakers {

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

// What the HTTP session does with one request.
struct Route {
  enum class Kind {
    kRespond,  // send `response` (pages, /healthz, /metrics, errors)
    kCommand,  // POST /api/<method>: call it with the body
    kWatch,    // GET /api/watch/<meeting>: check access, then stream
    kMetrics,  // GET /metrics from another machine: `response` once the
               // secretariat's token in `authorization` is checked
  };
  Kind kind = Kind::kRespond;
  HttpResponse response;  // kRespond: complete but for version and keep-alive
  std::string method;     // kCommand: "Inscribe"
  std::string meeting;    // kWatch
  // kWatch: the resume point, from Last-Event-ID ("<version>.<stream>"),
  // else ?since=V&stream=S; 0 and "": a snapshot first.
  uint64_t since = 0;
  std::string since_stream;
  std::string authorization;  // kCommand, kWatch: the Authorization header
};

// Maps requests to routes; knows the URL space, nothing of the app layer:
//   GET  /, /display/<meeting>, /chair/<meeting>, /delegation, /static/<file>
//   GET  /healthz            200 "ok"
//   GET  /metrics            the Prometheus text of the injected Metrics
//                            (to this machine; to others with the
//                            secretariat's token)
//   GET  /api/watch/<meeting>[?since=V&stream=S]   Server-Sent Events
//                            (resumed only within the run S)
//   POST /api/<Method>       a JSON command or query
// Anything else is 404; a known path with the wrong method is 405.
// A token travels only in the Authorization header: one in the address
// (?token=, which proxies and access logs record) is refused with 400.
// A POST must be application/json (415: no HTML form can send it) and,
// when the browser names its origin, come from the page's own origin
// (403 for a cross-site request: Origin other than the Host, or
// Sec-Fetch-Site cross-site). Every response carries the security headers
// (SecurityHeaders).
class RequestRouter {
 public:
  // `pages` and `metrics` (may be null: /metrics is empty) must outlive
  // the router; `has_meeting` tells known meetings.
  RequestRouter(const StaticPages* pages,
                std::function<bool(absl::string_view)> has_meeting,
                const Metrics* metrics)
      : pages_(pages),
        has_meeting_(std::move(has_meeting)),
        metrics_(metrics) {}

  // `from_loopback`: the peer is this machine (/metrics is served to it,
  // and elsewhere only with the secretariat's token).
  Route Decide(const HttpRequest& request, bool from_loopback = true) const;

  // A response with `status`, `content_type` and `body`, prepared (length
  // set, no caching by intermediaries, the security headers).
  static HttpResponse Make(int status, absl::string_view content_type,
                           std::string body);
  // The same with a JSON body.
  static HttpResponse Json(int status, std::string json);

  // Sets on `response` what keeps a page safe in the browser: a strict
  // Content-Security-Policy (scripts, styles, connections only from the
  // page's own origin, no inline script or style, never framed), the same
  // as X-Frame-Options for older browsers, Referrer-Policy no-referrer,
  // nosniff.
  static void SecurityHeaders(HttpResponse& response);

  // "%2F" and "+" decoded; malformed escapes are kept as they are.
  static std::string PercentDecode(absl::string_view text);
  // The value of query parameter `name` in `query` ("a=1&b=2"), decoded.
  static std::string QueryParam(absl::string_view query,
                                absl::string_view name);

 private:
  Route Page(const HttpRequest& request, absl::string_view path) const;
  Route Watch(const HttpRequest& request, absl::string_view meeting,
              absl::string_view query) const;

  const StaticPages* pages_;
  std::function<bool(absl::string_view)> has_meeting_;
  const Metrics* metrics_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_REQUEST_ROUTER_H_
