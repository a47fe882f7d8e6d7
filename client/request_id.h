#ifndef SPEAKERS_CLIENT_REQUEST_ID_H_
#define SPEAKERS_CLIENT_REQUEST_ID_H_

#include <string>

#include "absl/numeric/int128.h"

namespace speakers::client {

// The text form of a request id: 32 lowercase hex digits, the high 64 bits
// first, zero-padded ("0000000000000000000000000000002a" for 42).
std::string FormatRequestId(absl::uint128 value);

// A fresh random 128-bit request id in FormatRequestId's form. The server
// uses it to recognise a retried command; two calls practically never
// return the same id. Thread-safe.
std::string NewRequestId();

}  // namespace speakers::client

#endif  // SPEAKERS_CLIENT_REQUEST_ID_H_
