#ifndef SPEAKERS_SERVER_GATEWAY_STATIC_PAGES_H_
#define SPEAKERS_SERVER_GATEWAY_STATIC_PAGES_H_

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace speakers {

// The browser pages (HTML, CSS, JavaScript) compiled into the binary: no
// files are read at run time and nothing is fetched from elsewhere.
class StaticPages {
 public:
  struct Page {
    absl::string_view content_type;  // "text/html; charset=utf-8"
    absl::string_view body;
    std::string etag;  // a strong validator of the body
  };

  // Indexes the embedded assets.
  StaticPages();

  // The asset named `name` ("display.html", "app.css"), or nullopt.
  std::optional<Page> Find(absl::string_view name) const;

  // The page for a URL path (without query): "/" the index, "/display/M"
  // the room display, "/chair/M" the chair's console, "/delegation" the
  // delegation page, "/static/NAME" an asset; nullopt otherwise.
  std::optional<Page> ForPath(absl::string_view path) const;

  // The content type for a file name's extension.
  static absl::string_view ContentTypeOf(absl::string_view name);

 private:
  absl::flat_hash_map<std::string, Page> pages_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_STATIC_PAGES_H_
