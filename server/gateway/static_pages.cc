#include "server/gateway/static_pages.h"

#include <functional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "server/gateway/embedded_assets.h"

namespace speakers {
namespace {

// A path segment that names a meeting: non-empty, no further slash.
bool IsSegment(absl::string_view s) {
  return !s.empty() && !absl::StrContains(s, '/');
}

}  // namespace

StaticPages::StaticPages() {
  for (size_t i = 0; i < kEmbeddedAssetCount; ++i) {
    const EmbeddedAsset& asset = kEmbeddedAssets[i];
    const absl::string_view body = asset.bytes();
    // FNV-1a over the body: changes whenever the file does.
    uint64_t hash = 1469598103934665603ull;
    for (const char c : body) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
    pages_[asset.name] = Page{ContentTypeOf(asset.name), body,
                              absl::StrFormat("\"%016x\"", hash)};
  }
}

absl::string_view StaticPages::ContentTypeOf(absl::string_view name) {
  if (absl::EndsWith(name, ".html")) return "text/html; charset=utf-8";
  if (absl::EndsWith(name, ".css")) return "text/css; charset=utf-8";
  if (absl::EndsWith(name, ".js")) return "text/javascript; charset=utf-8";
  if (absl::EndsWith(name, ".svg")) return "image/svg+xml";
  if (absl::EndsWith(name, ".json")) return "application/json";
  return "application/octet-stream";
}

std::optional<StaticPages::Page> StaticPages::Find(
    absl::string_view name) const {
  auto it = pages_.find(name);
  if (it == pages_.end()) return std::nullopt;
  return it->second;
}

std::optional<StaticPages::Page> StaticPages::ForPath(
    absl::string_view path) const {
  if (path == "/" || path == "/index.html") return Find("index.html");
  if (path == "/delegation" || path == "/delegation/")
    return Find("delegation.html");
  absl::string_view rest = path;
  if (absl::ConsumePrefix(&rest, "/display/") && IsSegment(rest))
    return Find("display.html");
  rest = path;
  if (absl::ConsumePrefix(&rest, "/chair/") && IsSegment(rest))
    return Find("chair.html");
  rest = path;
  if (absl::ConsumePrefix(&rest, "/static/") && IsSegment(rest) &&
      !absl::EndsWith(rest, ".html")) {
    return Find(rest);
  }
  return std::nullopt;
}

}  // namespace speakers
