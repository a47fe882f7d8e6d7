#ifndef SPEAKERS_SERVER_SERVICE_UNARY_CALL_H_
#define SPEAKERS_SERVER_SERVICE_UNARY_CALL_H_

#include <memory>

#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/grpcpp.h"
#include "server/app/app.h"

namespace speakers {

// Every unary method of the Speakers service, commands and queries alike,
// through one path: the request bytes are parsed as the method's request
// type (from the app's tables), handed to App::Call with the caller's
// "authorization" metadata, and the reply serialized back. No method has
// code of its own here. Deletes itself when the call is done.
class UnaryCall : public grpc::ServerGenericBidiReactor {
 public:
  // `app` must outlive the call.
  UnaryCall(grpc::GenericCallbackServerContext* context, App* app);

  void OnReadDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  void Reply(App::Reply reply);

  grpc::GenericCallbackServerContext* const context_;
  App* const app_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
};

// The generic service that creates a UnaryCall for each call of a method
// of the Speakers service that the typed service left to it.
class UnaryService : public grpc::CallbackGenericService {
 public:
  explicit UnaryService(App* app) : app_(app) {}
  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override;

 private:
  App* const app_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_UNARY_CALL_H_
