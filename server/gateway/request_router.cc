#include "server/gateway/request_router.h"

#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "server/gateway/http_errors.h"
#include "server/gateway/sse_frame.h"

namespace speakers {
namespace {

Route Respond(HttpResponse response) {
  Route route;
  route.kind = Route::Kind::kRespond;
  route.response = std::move(response);
  return route;
}

Route MethodNotAllowed(absl::string_view allow) {
  HttpResponse response = RequestRouter::Json(
      405, ErrorJson(absl::StatusCode::kInvalidArgument,
                     absl::StrCat("this address takes ", allow, " requests")));
  response.set(http::field::allow, std::string(allow));
  return Respond(std::move(response));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsGetOrHead(const HttpRequest& request) {
  return request.method() == http::verb::get ||
         request.method() == http::verb::head;
}

Route Refuse(int status, absl::StatusCode code, absl::string_view message) {
  return Respond(RequestRouter::Json(status, ErrorJson(code, message)));
}

absl::string_view Header(const HttpRequest& request, absl::string_view name) {
  auto value = request[boost::beast::string_view(name.data(), name.size())];
  return absl::string_view(value.data(), value.size());
}

// Why a POST is refused before it reaches the app (a cross-site request or
// one no page sends), or nullopt.
std::optional<Route> RefuseCrossSite(const HttpRequest& request) {
  const absl::string_view type = Header(request, "Content-Type");
  if (!absl::StartsWithIgnoreCase(absl::StripLeadingAsciiWhitespace(type),
                                  "application/json")) {
    return Refuse(415, absl::StatusCode::kInvalidArgument,
                  "a command is sent as JSON (Content-Type: application/json)");
  }
  if (absl::EqualsIgnoreCase(Header(request, "Sec-Fetch-Site"), "cross-site")) {
    return Refuse(403, absl::StatusCode::kPermissionDenied,
                  "a request from another site is refused");
  }
  absl::string_view origin = Header(request, "Origin");
  if (origin.empty()) return std::nullopt;  // not a browser's cross-site call
  if (!absl::ConsumePrefix(&origin, "https://") &&
      !absl::ConsumePrefix(&origin, "http://")) {
    return Refuse(403, absl::StatusCode::kPermissionDenied,
                  "a request from another site is refused");
  }
  if (!absl::EqualsIgnoreCase(origin, Header(request, "Host"))) {
    return Refuse(403, absl::StatusCode::kPermissionDenied,
                  "a request from another site is refused");
  }
  return std::nullopt;
}

}  // namespace

void RequestRouter::SecurityHeaders(HttpResponse& response) {
  response.set("Content-Security-Policy",
               "default-src 'none'; script-src 'self'; style-src 'self'; "
               "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
}

HttpResponse RequestRouter::Make(int status, absl::string_view content_type,
                                 std::string body) {
  HttpResponse response{static_cast<http::status>(status), 11};
  response.set(http::field::server, "speakers");
  response.set(http::field::content_type, std::string(content_type));
  response.set(http::field::cache_control, "no-cache");
  SecurityHeaders(response);
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

HttpResponse RequestRouter::Json(int status, std::string json) {
  return Make(status, "application/json; charset=utf-8", std::move(json));
}

std::string RequestRouter::PercentDecode(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() &&
               HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out +=
          static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string RequestRouter::QueryParam(absl::string_view query,
                                      absl::string_view name) {
  for (absl::string_view pair : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(pair, absl::MaxSplits('=', 1));
    if (PercentDecode(kv.first) == name) return PercentDecode(kv.second);
  }
  return "";
}

Route RequestRouter::Decide(const HttpRequest& request,
                            bool from_loopback) const {
  const absl::string_view target(request.target().data(),
                                 request.target().size());
  std::pair<absl::string_view, absl::string_view> parts =
      absl::StrSplit(target, absl::MaxSplits('?', 1));
  const absl::string_view path = parts.first;
  const absl::string_view query = parts.second;

  if (path == "/healthz") {
    if (!IsGetOrHead(request)) return MethodNotAllowed("GET");
    return Respond(Make(200, "text/plain; charset=utf-8", "ok\n"));
  }
  if (path == "/metrics") {
    if (!IsGetOrHead(request)) return MethodNotAllowed("GET");
    Route route =
        Respond(Make(200, "text/plain; version=0.0.4; charset=utf-8",
                     metrics_ == nullptr ? "" : metrics_->PrometheusText()));
    if (!from_loopback) {
      route.kind = Route::Kind::kMetrics;
      route.authorization = std::string(request[http::field::authorization]);
    }
    return route;
  }
  absl::string_view rest = path;
  if (absl::ConsumePrefix(&rest, "/api/watch/")) {
    if (request.method() != http::verb::get) return MethodNotAllowed("GET");
    return Watch(request, rest, query);
  }
  rest = path;
  if (absl::ConsumePrefix(&rest, "/api/")) {
    if (request.method() != http::verb::post) return MethodNotAllowed("POST");
    if (std::optional<Route> refused = RefuseCrossSite(request)) {
      return *std::move(refused);
    }
    Route route;
    route.kind = Route::Kind::kCommand;
    route.method = std::string(rest);
    route.authorization = std::string(request[http::field::authorization]);
    return route;
  }
  return Page(request, path);
}

Route RequestRouter::Page(const HttpRequest& request,
                          absl::string_view path) const {
  std::optional<StaticPages::Page> page = pages_->ForPath(path);
  if (!page) {
    return Respond(Make(404, "text/plain; charset=utf-8",
                        absl::StrCat("no page at ", path, "\n")));
  }
  if (!IsGetOrHead(request)) return MethodNotAllowed("GET");
  if (request[http::field::if_none_match] == page->etag) {
    HttpResponse response = Make(304, page->content_type, "");
    response.set(http::field::etag, page->etag);
    return Respond(std::move(response));
  }
  HttpResponse response =
      Make(200, page->content_type, std::string(page->body));
  response.set(http::field::etag, page->etag);
  return Respond(std::move(response));
}

Route RequestRouter::Watch(const HttpRequest& request,
                           absl::string_view meeting,
                           absl::string_view query) const {
  Route route;
  route.kind = Route::Kind::kWatch;
  route.meeting = PercentDecode(meeting);
  if (!has_meeting_(route.meeting)) {
    return Respond(Json(
        404, ErrorJson(absl::StatusCode::kNotFound,
                       absl::StrCat("no meeting \"", route.meeting, "\""))));
  }
  // The browser's own resume point wins over the page's initial one.
  std::string since(absl::StripAsciiWhitespace(absl::string_view(
      request["Last-Event-ID"].data(), request["Last-Event-ID"].size())));
  if (since.empty()) {
    since = QueryParam(query, "since");
    const std::string stream = QueryParam(query, "stream");
    if (!since.empty() && !stream.empty()) absl::StrAppend(&since, ".", stream);
  }
  if (!since.empty() &&
      !ParseEventId(since, &route.since, &route.since_stream)) {
    return Respond(
        Json(400, ErrorJson(absl::StatusCode::kInvalidArgument,
                            absl::StrCat("since must be a version number (and "
                                         "stream the letters and digits of a "
                                         "stream id), not \"",
                                         since, "\""))));
  }
  // The pages read the stream with fetch and send the token in the header.
  for (absl::string_view pair : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    if (PercentDecode(pair.substr(0, pair.find('='))) != "token") continue;
    return Refuse(400, absl::StatusCode::kInvalidArgument,
                  "a token in the address is refused: proxies and logs keep "
                  "addresses; send it as \"Authorization: Bearer TOKEN\"");
  }
  route.authorization = std::string(request[http::field::authorization]);
  return route;
}

}  // namespace speakers
