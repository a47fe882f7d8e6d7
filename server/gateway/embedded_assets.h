#ifndef SPEAKERS_SERVER_GATEWAY_EMBEDDED_ASSETS_H_
#define SPEAKERS_SERVER_GATEWAY_EMBEDDED_ASSETS_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace speakers {

// One file of server/gateway/assets, embedded at build time (see
// CMakeLists.txt: server/config/embed.cmake per file and a generated table).
struct EmbeddedAsset {
  const char* name;              // "display.html"
  absl::string_view (*bytes)();  // the file's content
};

extern const EmbeddedAsset kEmbeddedAssets[];
extern const size_t kEmbeddedAssetCount;

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_EMBEDDED_ASSETS_H_
