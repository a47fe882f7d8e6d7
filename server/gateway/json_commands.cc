#include "server/gateway/json_commands.h"

#include <algorithm>
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

// What a call's callback shares with every copy the app makes of it.
struct PendingReply {
  CallsInFlight::Hold hold;  // first: released after `done`
  JsonCommands::Done done;
};

}  // namespace

JsonCommands::JsonCommands(App* app)
    : app_(app), calls_(std::make_shared<CallsInFlight>()) {}

void JsonCommands::Close() { calls_->Close(); }

int JsonCommands::in_flight() const { return calls_->count(); }

bool JsonCommands::WaitIdle(std::chrono::milliseconds timeout) {
  return calls_->WaitIdle(timeout);
}

JsonCommands::Result JsonCommands::NoAnswer(std::chrono::milliseconds waited) {
  const long long ms = waited.count();
  const std::string within =
      ms % 1000 == 0 ? absl::StrCat(ms / 1000, " s") : absl::StrCat(ms, " ms");
  return {504,
          ErrorJson(absl::StatusCode::kDeadlineExceeded,
                    absl::StrCat("no answer within ", within,
                                 "; the command may still have been applied "
                                 "\u2014 the list shows the current state; "
                                 "retrying it with the same request_id is "
                                 "safe, it will not be applied twice"))};
}

void JsonCommands::Call(absl::string_view method, absl::string_view json,
                        absl::string_view authorization, Done done) {
  const google::protobuf::Descriptor* type = app_->RequestType(method);
  if (type == nullptr) {
    done({404,
          ErrorJson(absl::StatusCode::kNotFound,
                    absl::StrCat("no command or query named \"", method,
                                 "\"; streams are at /api/watch/<meeting>"))},
         nullptr);
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
    // The parser's first line names the field or the token; what follows
    // it (an excerpt of the body with a marker) is the parser's own.
    absl::string_view why(parsed.message().data(), parsed.message().size());
    why = why.substr(0, std::min<size_t>(why.find('\n'), 160));
    done({400, ErrorJson(absl::StatusCode::kInvalidArgument,
                         absl::StrCat("the body is not a valid ", type->name(),
                                      " in JSON: ", why))},
         nullptr);
    return;
  }
  CallsInFlight::Hold hold = calls_->Begin();
  if (hold == nullptr) {
    done({503, ErrorJson(absl::StatusCode::kUnavailable,
                         "the server is shutting down")},
         nullptr);
    return;
  }
  // The app keeps its callback (and copies of it) until after it returns,
  // possibly on the committer's thread: `done` and the hold are moved out
  // of what the copies share, `done` is destroyed once it has returned, and
  // this callback's hold goes last. The call stops counting once that and
  // the copy `done` handed on (to the session's shard) are both released.
  auto pending = std::make_shared<PendingReply>(
      PendingReply{std::move(hold), std::move(done)});
  const google::protobuf::Message& message = *request;
  app_->Call(method, authorization, message,
             [pending, request](App::Reply reply) {
               CallsInFlight::Hold mine = std::move(pending->hold);
               Done finish = std::move(pending->done);
               pending->done = nullptr;
               finish(ResultOf(reply), mine);
               finish = nullptr;
               mine.reset();
             });
}

}  // namespace speakers
