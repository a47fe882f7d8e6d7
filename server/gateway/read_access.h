#ifndef SPEAKERS_SERVER_GATEWAY_READ_ACCESS_H_
#define SPEAKERS_SERVER_GATEWAY_READ_ACCESS_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "server/gateway/json_commands.h"

namespace speakers {

// Whether a browser may open a meeting's live stream. The gateway decides
// nothing itself: it asks the gRPC path with the browser's credentials
// (GetMeeting, which applies the same read rule as Watch) and remembers
// who was let in, so that thousands of displays reconnecting cost one
// call. Refusals are not remembered. Thread-safe.
class ReadAccess {
 public:
  // `commands` must outlive this object.
  explicit ReadAccess(JsonCommands* commands) : commands_(commands) {}

  // `done` gets 200 when `authorization` ("Bearer TOKEN" or empty) may
  // watch `meeting`, else the mapped error (401, 403, 404...). It runs at
  // once for a remembered caller, else on a gRPC thread.
  void Check(absl::string_view meeting, absl::string_view authorization, JsonCommands::Done done);

 private:
  static constexpr size_t kMaxRemembered = 4096;
  JsonCommands* commands_;
  absl::Mutex mu_;
  absl::flat_hash_set<std::string> allowed_ ABSL_GUARDED_BY(mu_);  // "meeting|authorization"
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_READ_ACCESS_H_
