#ifndef SPEAKERS_SERVER_GATEWAY_JSON_COMMANDS_H_
#define SPEAKERS_SERVER_GATEWAY_JSON_COMMANDS_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"

namespace speakers {

// The JSON face of the Speakers service: a method name and a JSON request
// become one unary gRPC call on the server's in-process channel, so that
// tokens, roles and every rule are exactly those of the gRPC path (none is
// written twice). The request type is found through the service's
// descriptor; replies come back as protobuf JSON.
class JsonCommands {
 public:
  // An HTTP answer: status and JSON body.
  struct Result {
    int http_status = 200;
    std::string json;
  };
  using Done = std::function<void(Result)>;

  // `channel`: GrpcServer::InProcessChannel(). `timeout`: each call's deadline.
  JsonCommands(std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds timeout);
  ~JsonCommands();  // waits for calls in flight (see WaitIdle)

  // Calls Speakers.`method` ("Inscribe") with `json` (the request message as
  // protobuf JSON; empty means {}) and `authorization` (the HTTP header,
  // "Bearer TOKEN", forwarded as gRPC metadata; empty: none). `done` runs
  // exactly once, on a gRPC thread or (for a bad method or body) at once on
  // the caller's: 200 with the reply, 404 for an unknown or streaming
  // method, 400 for JSON that does not parse as the request, or the gRPC
  // status mapped by HttpStatusFor with an ErrorJson body.
  void Call(absl::string_view method, absl::string_view json, absl::string_view authorization,
            Done done);

  // Calls in flight; WaitIdle waits up to `timeout` for none.
  int in_flight() const;
  bool WaitIdle(std::chrono::milliseconds timeout);

 private:
  struct CallState;
  void Finish(CallState* state, const grpc::Status& status);

  std::shared_ptr<grpc::Channel> channel_;
  grpc::GenericStub stub_;
  const std::chrono::milliseconds timeout_;
  mutable absl::Mutex mu_;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_JSON_COMMANDS_H_
