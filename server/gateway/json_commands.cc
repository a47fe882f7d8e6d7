#include "server/gateway/json_commands.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/util/json_util.h"
#include "server/gateway/http_errors.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {
namespace {

const google::protobuf::ServiceDescriptor* SpeakersService() {
  return v1::Update::descriptor()->file()->FindServiceByName("Speakers");
}

std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor* type) {
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  return std::unique_ptr<google::protobuf::Message>(prototype->New());
}

}  // namespace

struct JsonCommands::CallState {
  grpc::ClientContext context;
  grpc::ByteBuffer request;
  grpc::ByteBuffer response;
  std::unique_ptr<google::protobuf::Message> reply;
  Done done;
};

JsonCommands::JsonCommands(std::shared_ptr<grpc::Channel> channel,
                           std::chrono::milliseconds timeout)
    : channel_(std::move(channel)), stub_(channel_), timeout_(timeout) {}

JsonCommands::~JsonCommands() { WaitIdle(timeout_ + std::chrono::seconds(1)); }

int JsonCommands::in_flight() const {
  absl::MutexLock lock(&mu_);
  return in_flight_;
}

bool JsonCommands::WaitIdle(std::chrono::milliseconds timeout) {
  absl::MutexLock lock(&mu_);
  auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return in_flight_ == 0; };
  return mu_.AwaitWithTimeout(absl::Condition(&idle), absl::FromChrono(timeout));
}

void JsonCommands::Call(absl::string_view method, absl::string_view json,
                        absl::string_view authorization, Done done) {
  const google::protobuf::MethodDescriptor* descriptor =
      SpeakersService()->FindMethodByName(std::string(method));
  if (descriptor == nullptr || descriptor->client_streaming() || descriptor->server_streaming()) {
    done({404, ErrorJson(grpc::StatusCode::NOT_FOUND,
                         absl::StrCat("no command or query named \"", method,
                                      "\"; streams are at /api/watch/<meeting>"))});
    return;
  }
  std::unique_ptr<google::protobuf::Message> request = NewMessage(descriptor->input_type());
  google::protobuf::util::JsonParseOptions parse_options;
  parse_options.ignore_unknown_fields = false;
  auto parsed = google::protobuf::util::JsonStringToMessage(
      json.empty() ? "{}" : google::protobuf::StringPiece(json.data(), json.size()),
      request.get(), parse_options);
  if (!parsed.ok()) {
    done({400, ErrorJson(grpc::StatusCode::INVALID_ARGUMENT,
                         absl::StrCat("the body is not a valid ", descriptor->input_type()->name(),
                                      " in JSON: ", std::string(parsed.message())))});
    return;
  }
  auto* state = new CallState;
  state->reply = NewMessage(descriptor->output_type());
  state->done = std::move(done);
  const std::string wire = request->SerializeAsString();
  grpc::Slice slice(wire);
  state->request = grpc::ByteBuffer(&slice, 1);
  if (!authorization.empty()) {
    state->context.AddMetadata("authorization", std::string(authorization));
  }
  state->context.set_deadline(std::chrono::system_clock::now() + timeout_);
  {
    absl::MutexLock lock(&mu_);
    ++in_flight_;
  }
  stub_.UnaryCall(&state->context, absl::StrCat("/", SpeakersService()->full_name(), "/", method),
                  grpc::StubOptions(), &state->request, &state->response,
                  [this, state](grpc::Status status) { Finish(state, status); });
}

void JsonCommands::Finish(CallState* state, const grpc::Status& status) {
  std::unique_ptr<CallState> owned(state);
  Result result;
  if (!status.ok()) {
    result = {HttpStatusFor(status.error_code()),
              ErrorJson(status.error_code(), status.error_message())};
  } else {
    std::vector<grpc::Slice> slices;
    std::string wire;
    if (state->response.Dump(&slices).ok()) {
      for (const grpc::Slice& s : slices) {
        wire.append(reinterpret_cast<const char*>(s.begin()), s.size());
      }
    }
    std::string json;
    if (!state->reply->ParseFromString(wire) ||
        !google::protobuf::util::MessageToJsonString(*state->reply, &json).ok()) {
      result = {500, ErrorJson(grpc::StatusCode::INTERNAL, "the reply could not be read")};
    } else {
      result = {200, std::move(json)};
    }
  }
  Done done = std::move(state->done);
  owned.reset();
  done(std::move(result));
  absl::MutexLock lock(&mu_);
  --in_flight_;
}

}  // namespace speakers
