#ifndef SPEAKERS_SERVER_GATEWAY_JSON_COMMANDS_H_
#define SPEAKERS_SERVER_GATEWAY_JSON_COMMANDS_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "server/app/app.h"
#include "server/gateway/calls_in_flight.h"

namespace speakers {

// The JSON face of the API: a method name and a JSON request become one
// App::Call, so that tokens, roles and every rule are exactly those of the
// gRPC path (none is written twice). The request type is the app's
// (App::RequestType); replies go back as protobuf JSON.
class JsonCommands {
 public:
  // An HTTP answer: status and JSON body.
  struct Result {
    int http_status = 200;
    std::string json;
  };
  // Receives the answer and the call's hold (see Call).
  using Done = std::function<void(Result, CallsInFlight::Hold)>;

  // `app` must outlive this object and every call's reply.
  explicit JsonCommands(App* app);

  // Calls `method` ("Inscribe") with `json` (the request message as
  // protobuf JSON; empty means {}) for the caller who sent `authorization`
  // (the HTTP header, "Bearer TOKEN"; empty: none). A `request_id` in the
  // JSON reaches the app unchanged (a retry with the same id gets the
  // first reply). `done` runs exactly once: at once on the caller's thread
  // for a bad method or body, a query or a refusal, else on the
  // committer's thread once the command is durable. 200 with the reply,
  // 404 for an unknown or streaming method, 400 for JSON that does not
  // parse as the request, 503 once Close() was called, or the app's status
  // mapped by HttpStatusFor with an ErrorJson body.
  //
  // `done` gets the call's hold (nullptr for the answers given before the
  // call starts: 404, 400, 503): the call counts as in flight (WaitIdle)
  // until `done` has returned, `done` itself is destroyed, and every copy
  // of the hold is released. Whatever `done` posts that still uses the
  // gateway (the session, its shard's io_context) must keep a copy and
  // release it last, after letting go of everything else.
  void Call(absl::string_view method, absl::string_view json,
            absl::string_view authorization, Done done);

  // The answer to a command that got no reply within `waited` (504,
  // DEADLINE_EXCEEDED): it may still have been applied, the current state
  // shows whether, and a retry with the same request_id is safe.
  static Result NoAnswer(std::chrono::milliseconds waited);

  // Refuses new calls (shutdown). Idempotent.
  void Close();
  // Calls in flight (see Call).
  int in_flight() const;
  // Waits up to `timeout` for no call in flight; false on timeout.
  bool WaitIdle(std::chrono::milliseconds timeout);

 private:
  App* const app_;
  const std::shared_ptr<CallsInFlight> calls_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_JSON_COMMANDS_H_
