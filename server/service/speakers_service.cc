#include "server/service/speakers_service.h"

#include <string>
#include <vector>

#include "server/service/grpc_status.h"
#include "server/service/grpc_stream.h"
#include "server/service/unary_call.h"

namespace speakers {
namespace {

std::string Authorization(const grpc::CallbackServerContext* c) {
  const auto& metadata = c->client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

// The peer's IP address from gRPC's "ipv4:1.2.3.4:5678" or
// "ipv6:[::1]:5678" (empty for other transports).
std::string PeerAddress(const grpc::CallbackServerContext* c) {
  const std::string peer = c->peer();
  const size_t colon = peer.find(':');
  const size_t port = peer.rfind(':');
  if (colon == std::string::npos || port == colon) return "";
  const std::string scheme = peer.substr(0, colon);
  if (scheme != "ipv4" && scheme != "ipv6") return "";
  return peer.substr(colon + 1, port - colon - 1);
}

template <typename T>
bool ParseRaw(const grpc::ByteBuffer* raw, T* out) {
  std::vector<grpc::Slice> slices;
  if (!raw->Dump(&slices).ok()) return false;
  std::string bytes;
  for (const grpc::Slice& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return out->ParseFromString(bytes);
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* Malformed() {
  return new FailedStream(
      grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "malformed request"));
}

}  // namespace

SpeakersService::SpeakersService(App* app, Metrics* metrics)
    : app_(app), metrics_(metrics) {
  const google::protobuf::ServiceDescriptor* service =
      v1::Update::descriptor()->file()->FindServiceByName("Speakers");
  for (int i = 0; i < service->method_count(); ++i) {
    const google::protobuf::MethodDescriptor* m = service->method(i);
    if (m->client_streaming() || m->server_streaming()) continue;
    MarkMethodRawCallback(i, UnaryHandler(app_, m->name()).release());
  }
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* SpeakersService::Watch(
    grpc::CallbackServerContext* c, const grpc::ByteBuffer* raw) {
  v1::WatchRequest request;
  if (!ParseRaw(raw, &request)) return Malformed();
  const std::string authorization = Authorization(c);
  return GrpcStream::Start(
      c,
      [&](StreamWriter* writer) {
        return app_->Watch(
            authorization, request.meeting(),
            App::Since{request.since_version(), request.stream()}, writer,
            PeerAddress(c));
      },
      metrics_, Metrics::Watcher::kGrpcWatch);
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* SpeakersService::WatchDelegation(
    grpc::CallbackServerContext* c, const grpc::ByteBuffer* raw) {
  v1::WatchDelegationRequest request;
  if (!ParseRaw(raw, &request)) return Malformed();
  const std::string authorization = Authorization(c);
  return GrpcStream::Start(
      c,
      [&](StreamWriter* writer) {
        return app_->WatchDelegation(authorization, request, writer,
                                     PeerAddress(c));
      },
      metrics_, Metrics::Watcher::kGrpcDelegation);
}

}  // namespace speakers
