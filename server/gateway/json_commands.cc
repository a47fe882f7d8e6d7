#include "server/gateway/json_commands.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"
#include "server/gateway/http_errors.h"

namespace speakers {
namespace {

std::unique_ptr<google::protobuf::Message> NewMessage(
    const google::protobuf::Descriptor* type) {
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  return std::unique_ptr<google::protobuf::Message>(prototype->New());
}

JsonCommands::Result ResultOf(const App::Reply& reply) {
  if (!reply.ok()) {
    return {HttpStatusFor(reply.status().code()), ErrorJson(reply.status())};
  }
  std::string json;
  if (*reply == nullptr ||
      !google::protobuf::util::MessageToJsonString(**reply, &json).ok()) {
    return {500, ErrorJson(absl::StatusCode::kInternal,
                           "the reply could not be printed")};
  }
  return {200, std::move(json)};
}

}  // namespace

JsonCommands::JsonCommands(App* app)
    : app_(app), calls_(std::make_shared<CallsInFlight>()) {}

void JsonCommands::Close() { calls_->Close(); }

int JsonCommands::in_flight() const { return calls_->count(); }

bool JsonCommands::WaitIdle(std::chrono::milliseconds timeout) {
  return calls_->WaitIdle(timeout);
}

void JsonCommands::Call(absl::string_view method, absl::string_view json,
                        absl::string_view authorization, Done done) {
  const google::protobuf::Descriptor* type = app_->RequestType(method);
  if (type == nullptr) {
    done({404,
          ErrorJson(absl::StatusCode::kNotFound,
                    absl::StrCat("no command or query named \"", method,
                                 "\"; streams are at /api/watch/<meeting>"))});
    return;
  }
  // Shared with the callback: the app may read the request until it
  // replies.
  std::shared_ptr<google::protobuf::Message> request = NewMessage(type);
  google::protobuf::util::JsonParseOptions parse_options;
  parse_options.ignore_unknown_fields = false;
  auto parsed = google::protobuf::util::JsonStringToMessage(
      json.empty() ? "{}"
                   : google::protobuf::StringPiece(json.data(), json.size()),
      request.get(), parse_options);
  if (!parsed.ok()) {
    done({400, ErrorJson(
                   absl::StatusCode::kInvalidArgument,
                   absl::StrCat("the body is not a valid ", type->name(),
                                " in JSON: ", std::string(parsed.message())))});
    return;
  }
  if (!calls_->Begin()) {
    done({503, ErrorJson(absl::StatusCode::kUnavailable,
                         "the server is shutting down")});
    return;
  }
  // The app keeps its callback (and what it captures) until after it
  // returns, possibly on the committer's thread: the session's `done` is
  // moved out and destroyed in the callback, before End(), so that nothing
  // of the gateway's threads outlives the count that shutdown waits on.
  auto pending = std::make_shared<Done>(std::move(done));
  const google::protobuf::Message& message = *request;
  app_->Call(method, authorization, message,
             [pending, request, calls = calls_](App::Reply reply) {
               Done finish = std::move(*pending);
               *pending = nullptr;
               finish(ResultOf(reply));
               finish = nullptr;
               calls->End();
             });
}

}  // namespace speakers
