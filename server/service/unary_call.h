#ifndef SPEAKERS_SERVER_SERVICE_UNARY_CALL_H_
#define SPEAKERS_SERVER_SERVICE_UNARY_CALL_H_

#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"
#include "grpcpp/impl/codegen/server_callback_handlers.h"
#include "server/app/app.h"

namespace speakers {

// The handler of one unary method of the Speakers service, commands and
// queries alike, all through one path: the request bytes are parsed as the
// method's request type (from the app's tables), handed to App::Call with
// the caller's "authorization" metadata, and the reply serialized back. No
// method has code of its own here. `method` is the rpc's name ("Inscribe");
// `app` must outlive the handler. A raw callback handler, as gRPC's
// generated WithRawCallbackMethod_* install: the caller owns it.
std::unique_ptr<grpc::internal::MethodHandler> UnaryHandler(App* app,
                                                            std::string method);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_UNARY_CALL_H_
