#include "server/service/unary_call.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/message.h"
#include "server/service/grpc_status.h"

namespace speakers {
namespace {

std::string Authorization(const grpc::CallbackServerContext* c) {
  const auto& metadata = c->client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

// One call: parse, App::Call, serialize the reply into `response`, finish.
// App::Call may answer on another thread (after the group commit).
grpc::ServerUnaryReactor* Serve(App* app, const std::string& method,
                                grpc::CallbackServerContext* context,
                                const grpc::ByteBuffer* raw,
                                grpc::ByteBuffer* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const google::protobuf::Descriptor* type = app->RequestType(method);
  if (type == nullptr) {
    reactor->Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                                 absl::StrCat("no method ", method)));
    return reactor;
  }
  std::unique_ptr<google::protobuf::Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(type)
          ->New());
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (raw->Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  if (!request->ParseFromString(bytes)) {
    reactor->Finish(
        grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "malformed request"));
    return reactor;
  }
  app->Call(method, Authorization(context), *request,
            [reactor, response](App::Reply reply) {
              if (!reply.ok()) {
                reactor->Finish(ToGrpcStatus(reply.status()));
                return;
              }
              const std::string out = (*reply)->SerializeAsString();
              grpc::Slice slice(out);
              *response = grpc::ByteBuffer(&slice, 1);
              reactor->Finish(grpc::Status::OK);
            });
  return reactor;
}

}  // namespace

std::unique_ptr<grpc::internal::MethodHandler> UnaryHandler(
    App* app, std::string method) {
  return std::make_unique<
      grpc::internal::CallbackUnaryHandler<grpc::ByteBuffer, grpc::ByteBuffer>>(
      [app, method = std::move(method)](grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* raw,
                                        grpc::ByteBuffer* response) {
        return Serve(app, method, context, raw, response);
      });
}

}  // namespace speakers
