#ifndef SPEAKERS_SERVER_APP_REQUEST_PARTS_H_
#define SPEAKERS_SERVER_APP_REQUEST_PARTS_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "server/domain/session.h"

namespace speakers {

// The parts every command request has, read through its descriptor (so no
// command needs code for them): the meeting (`list.meeting`, else
// `meeting`), the delegation acting (`delegation`, empty when the request
// has none) and the client's `request_id`.
struct RequestParts {
  std::string meeting;
  std::string delegation;
  std::string request_id;
};
RequestParts PartsOf(const google::protobuf::Message& request);

// Delegation codes are read in any case: `request` with every delegation
// code it names (the string fields `delegation`, and `first` and `second`
// of a swap, at any depth) in the session's own spelling ("aut" becomes
// "AUT"), or nullptr when it already has them so (or names none). A code
// the session does not have is left as it is, for the refusal to name.
std::unique_ptr<google::protobuf::Message> WithSessionCodes(
    const google::protobuf::Message& request, const Session& session);

// A digest of `request` for `method`, without its request id: equal for a
// retry of the same request, different (but for a 2^-64 chance) for any
// other. Stable across runs and builds (FNV-1a over the deterministic
// serialization), so it can be stored. Never 0.
uint64_t RequestDigest(absl::string_view method,
                       const google::protobuf::Message& request);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_REQUEST_PARTS_H_
