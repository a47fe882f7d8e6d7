#ifndef SPEAKERS_SERVER_SERVICE_GRPC_STATUS_H_
#define SPEAKERS_SERVER_SERVICE_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace speakers {

// The one mapping from absl::Status to grpc::Status: the same code (the two
// code spaces are numerically identical) and the same message.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The reverse, for clients and tests.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_GRPC_STATUS_H_
