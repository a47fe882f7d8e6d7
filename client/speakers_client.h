#ifndef SPEAKERS_CLIENT_SPEAKERS_CLIENT_H_
#define SPEAKERS_CLIENT_SPEAKERS_CLIENT_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "client/retry_policy.h"
#include "client/watcher.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "speakers/v1/speakers.grpc.pb.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::client {

// How a SpeakersClient talks to the server.
struct ClientOptions {
  // Sent as "authorization: Bearer <token>" on every call; empty sends no
  // authorization (enough for Watch where the session allows it).
  std::string token;
  // How Connect secures the channel: plain text, or TLS checking the
  // server's certificate against `ca_pem` (PEM; empty: the system's CAs).
  bool plain_text = true;
  std::string ca_pem;
  // The deadline of each attempt of a unary call.
  absl::Duration deadline = absl::Seconds(5);
  // Retries on UNAVAILABLE: 5 attempts, 50 ms .. 1 s apart.
  RetryPolicy retry;
  // Waits between attempts. Default: absl::SleepFor.
  Sleeper sleep;
  // Makes request ids for commands that have none. Default: NewRequestId.
  std::function<std::string()> new_request_id;
};

// The speakers API over one gRPC channel. Unary RPCs are called by their
// name in the service descriptor (speakers.v1.Speakers), so that a new RPC
// needs no new method here:
//
//   absl::StatusOr<ReplyType> reply = client.Call<ReplyType>("Rpc", request);
//
// Each call returns the reply or the server's error as an absl::Status with
// the same code and message.
//
// Every command (a request message with a `string request_id` field) gets a
// fresh random request_id when the caller left it empty; a call that fails
// with UNAVAILABLE is tried again (see RetryPolicy) with the very same
// request, request_id included, so the server applies it at most once.
// Queries are retried the same way.
//
// Thread-safe: calls may run concurrently from several threads.
class SpeakersClient {
 public:
  // A client on `channel`.
  SpeakersClient(std::shared_ptr<grpc::ChannelInterface> channel,
                 ClientOptions options);
  // A client on a channel to "HOST:PORT", plain or TLS as `options` say.
  // Connects lazily.
  static std::unique_ptr<SpeakersClient> Connect(const std::string& address,
                                                 ClientOptions options);

  // The service these calls go to: speakers.v1.Speakers.
  static const google::protobuf::ServiceDescriptor& Service();

  // The RPC called `name` in the service. INVALID_ARGUMENT naming
  // the service when it has no such RPC.
  static absl::StatusOr<const google::protobuf::MethodDescriptor*> FindMethod(
      absl::string_view name);

  // Calls the unary RPC `method` of Service() with `request` (of the
  // method's input type) and stores the reply in `*reply` (of its output
  // type): the bearer token and a deadline on each attempt, a fresh
  // request_id for a command that has none, retries on UNAVAILABLE.
  // Returns the server's error, or INVALID_ARGUMENT when `method` is a
  // stream or belongs to another service, or a message is of another type.
  absl::Status Call(const google::protobuf::MethodDescriptor& method,
                    const google::protobuf::Message& request,
                    google::protobuf::Message* reply);

  // The RPC called `method` (see FindMethod) with `request`; its reply as a
  // `Reply`, which must be the RPC's output type (else INVALID_ARGUMENT).
  template <typename Reply>
  absl::StatusOr<Reply> Call(absl::string_view method,
                             const google::protobuf::Message& request) {
    absl::StatusOr<const google::protobuf::MethodDescriptor*> found =
        FindMethod(method);
    if (!found.ok()) return found.status();
    Reply reply;
    absl::Status status = Call(**found, request, &reply);
    if (!status.ok()) return status;
    return reply;
  }

  // ---- Streams ----

  // Watches `request.meeting()`, calling `on_update` for each Update and
  // reconnecting by version after a broken stream (see Watcher). Returns
  // when the callback returns false (OK) or the watch fails for good.
  absl::Status Watch(const v1::WatchRequest& request,
                     const Watcher::Callback& on_update,
                     WatchOptions options = {});

  // A Watcher on this client's channel and token, for callers that need to
  // Stop() it from another thread. The client must outlive it.
  std::unique_ptr<Watcher> NewWatcher(WatchOptions options = {});

 private:
  // Adds the authorization metadata and, if `with_deadline`, the deadline.
  void Prepare(grpc::ClientContext* context, bool with_deadline) const;

  // `request` with a fresh request_id when it is a command without one;
  // null when it is to be sent as it is.
  std::unique_ptr<google::protobuf::Message> WithRequestId(
      const google::protobuf::Message& request) const;

  std::unique_ptr<v1::Speakers::StubInterface> stub_;
  grpc::TemplatedGenericStub<google::protobuf::Message,
                             google::protobuf::Message>
      generic_stub_;
  ClientOptions options_;
};

}  // namespace speakers::client

#endif  // SPEAKERS_CLIENT_SPEAKERS_CLIENT_H_
