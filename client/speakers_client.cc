#include "client/speakers_client.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/stub_options.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "client/grpc_status.h"
#include "client/request_id.h"

namespace speakers::client {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

SpeakersClient::SpeakersClient(std::shared_ptr<grpc::ChannelInterface> channel,
                               ClientOptions options)
    : stub_(v1::Speakers::NewStub(channel)),
      generic_stub_(channel),
      options_(std::move(options)) {
  if (!options_.sleep)
    options_.sleep = [](absl::Duration d) { absl::SleepFor(d); };
  if (!options_.new_request_id) options_.new_request_id = NewRequestId;
}

std::unique_ptr<SpeakersClient> SpeakersClient::Connect(
    const std::string& address, ClientOptions options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (options.plain_text) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = options.ca_pem;
    credentials = grpc::SslCredentials(ssl);
  }
  return std::make_unique<SpeakersClient>(
      grpc::CreateChannel(address, credentials), std::move(options));
}

const google::protobuf::ServiceDescriptor& SpeakersClient::Service() {
  // Registered by the generated code this library links.
  static const google::protobuf::ServiceDescriptor* const kService =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          v1::Speakers::service_full_name());
  return *kService;
}

absl::StatusOr<const MethodDescriptor*> SpeakersClient::FindMethod(
    absl::string_view name) {
  const MethodDescriptor* method =
      Service().FindMethodByName(std::string(name));
  if (method == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        Service().full_name(), " has no RPC called \"", name, "\""));
  }
  return method;
}

void SpeakersClient::Prepare(grpc::ClientContext* context,
                             bool with_deadline) const {
  if (!options_.token.empty()) {
    context->AddMetadata("authorization",
                         absl::StrCat("Bearer ", options_.token));
  }
  if (with_deadline) {
    context->set_deadline(absl::ToChronoTime(absl::Now() + options_.deadline));
  }
}

std::unique_ptr<Message> SpeakersClient::WithRequestId(
    const Message& request) const {
  const FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->is_repeated() ||
      field->cpp_type() != FieldDescriptor::CPPTYPE_STRING ||
      !request.GetReflection()->GetString(request, field).empty()) {
    return nullptr;
  }
  std::unique_ptr<Message> copy(request.New());
  copy->CopyFrom(request);
  copy->GetReflection()->SetString(copy.get(), field,
                                   options_.new_request_id());
  return copy;
}

absl::Status SpeakersClient::Call(const MethodDescriptor& method,
                                  const Message& request, Message* reply) {
  if (method.service() != &Service()) {
    return absl::InvalidArgumentError(absl::StrCat(
        method.full_name(), " is not an RPC of ", Service().full_name()));
  }
  if (method.client_streaming() || method.server_streaming()) {
    return absl::InvalidArgumentError(
        absl::StrCat(method.name(), " is a stream, not a unary RPC"));
  }
  if (request.GetDescriptor() != method.input_type() ||
      reply->GetDescriptor() != method.output_type()) {
    return absl::InvalidArgumentError(absl::StrCat(
        method.name(), " takes a ", method.input_type()->full_name(),
        " and returns a ", method.output_type()->full_name(), ", not a ",
        request.GetDescriptor()->full_name(), " and a ",
        reply->GetDescriptor()->full_name()));
  }
  // The same request, request id included, on every attempt.
  const std::unique_ptr<Message> with_id = WithRequestId(request);
  const Message& sent = with_id != nullptr ? *with_id : request;
  const std::string path =
      absl::StrCat("/", Service().full_name(), "/", method.name());
  return options_.retry.Run(
      [&]() -> absl::Status {
        // A context serves one call only: a fresh one per attempt.
        grpc::ClientContext context;
        Prepare(&context, /*with_deadline=*/true);
        reply->Clear();
        absl::Notification done;
        grpc::Status status;
        generic_stub_.UnaryCall(&context, path, grpc::StubOptions(), &sent,
                                reply, [&](grpc::Status result) {
                                  status = std::move(result);
                                  done.Notify();
                                });
        done.WaitForNotification();
        return ToAbslStatus(status);
      },
      options_.sleep);
}

absl::Status SpeakersClient::Watch(const v1::WatchRequest& request,
                                   const Watcher::Callback& on_update,
                                   WatchOptions options) {
  return NewWatcher(std::move(options))->Run(request, on_update);
}

std::unique_ptr<Watcher> SpeakersClient::NewWatcher(WatchOptions options) {
  Watcher::Opener opener = [this](grpc::ClientContext* context,
                                  const v1::WatchRequest& request) {
    Prepare(context, /*with_deadline=*/false);
    return stub_->Watch(context, request);
  };
  return std::make_unique<Watcher>(std::move(opener), std::move(options));
}

}  // namespace speakers::client
