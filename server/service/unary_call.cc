#include "server/service/unary_call.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/message.h"
#include "server/service/grpc_status.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {
namespace {

// "/speakers.v1.Speakers/Inscribe" -> "Inscribe"; "" for other services.
absl::string_view MethodOf(absl::string_view path) {
  static const std::string kPrefix =
      absl::StrCat("/",
                   v1::Update::descriptor()
                       ->file()
                       ->FindServiceByName("Speakers")
                       ->full_name(),
                   "/");
  if (!absl::StartsWith(path, kPrefix)) return "";
  return path.substr(kPrefix.size());
}

std::string Authorization(const grpc::GenericCallbackServerContext* c) {
  const auto& metadata = c->client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

}  // namespace

UnaryCall::UnaryCall(grpc::GenericCallbackServerContext* context, App* app)
    : context_(context), app_(app) {
  StartRead(&request_);
}

void UnaryCall::OnReadDone(bool ok) {
  if (!ok) {
    Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "the call sent no request"));
    return;
  }
  const absl::string_view method = MethodOf(context_->method());
  const google::protobuf::Descriptor* type = app_->RequestType(method);
  if (type == nullptr) {
    Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                        absl::StrCat("no method ", context_->method())));
    return;
  }
  std::unique_ptr<google::protobuf::Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(type)
          ->New());
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (request_.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  if (!request->ParseFromString(bytes)) {
    Finish(
        grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "malformed request"));
    return;
  }
  app_->Call(method, Authorization(context_), *request,
             [this](App::Reply reply) { Reply(std::move(reply)); });
}

void UnaryCall::Reply(App::Reply reply) {
  if (!reply.ok()) {
    Finish(ToGrpcStatus(reply.status()));
    return;
  }
  const std::string bytes = (*reply)->SerializeAsString();
  grpc::Slice slice(bytes);
  response_ = grpc::ByteBuffer(&slice, 1);
  StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
}

grpc::ServerGenericBidiReactor* UnaryService::CreateReactor(
    grpc::GenericCallbackServerContext* context) {
  return new UnaryCall(context, app_);
}

}  // namespace speakers
