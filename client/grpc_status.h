#ifndef SPEAKERS_CLIENT_GRPC_STATUS_H_
#define SPEAKERS_CLIENT_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace speakers::client {

// The absl::Status with the same code and message as `status` (gRPC and
// absl share the canonical code numbers). OK stays OK.
absl::Status ToAbslStatus(const grpc::Status& status);

// The grpc::Status with the same code and message as `status`; for fakes
// and servers written against the client's types.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace speakers::client

#endif  // SPEAKERS_CLIENT_GRPC_STATUS_H_
