#ifndef SPEAKERS_TESTS_BENCH_FLOOR_CLIENT_H_
#define SPEAKERS_TESTS_BENCH_FLOOR_CLIENT_H_

#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "speakers/v1/speakers.grpc.pb.h"

namespace speakers::bench {

// One caller of the Speakers service: a stub on its own channel (its own
// TCP connection) and the caller's token, sent as "authorization: Bearer
// TOKEN" on every call ("" sends none). Calls are blocking, with a 30 s
// deadline. Not thread-safe: one thread per client.
class FloorClient {
 public:
  // A new channel to `address` (HOST:PORT); `tag` makes its channel
  // arguments distinct, so that it gets a connection of its own.
  FloorClient(const std::string& address, const std::string& token,
              int tag = 0);

  FloorClient(const FloorClient&) = delete;
  FloorClient& operator=(const FloorClient&) = delete;

  // Calls the unary `method` of the stub with `request` into `reply`;
  // returns the call's status.
  template <typename Request, typename Reply>
  grpc::Status Call(grpc::Status (v1::Speakers::Stub::*method)(
                        grpc::ClientContext*, const Request&, Reply*),
                    const Request& request, Reply* reply) {
    grpc::ClientContext context;
    if (!token_.empty()) {
      context.AddMetadata("authorization", absl::StrCat("Bearer ", token_));
    }
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    return (stub_.get()->*method)(&context, request, reply);
  }

  // A command (a method that replies with CommandReply); the reply is
  // dropped.
  template <typename Request>
  grpc::Status Command(grpc::Status (v1::Speakers::Stub::*method)(
                           grpc::ClientContext*, const Request&,
                           v1::CommandReply*),
                       const Request& request) {
    v1::CommandReply reply;
    return Call(method, request, &reply);
  }

 private:
  const std::string token_;
  std::unique_ptr<v1::Speakers::Stub> stub_;
};

// "RESOURCE_EXHAUSTED" for StatusCode 8, and so on.
std::string CodeName(grpc::StatusCode code);

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_FLOOR_CLIENT_H_
