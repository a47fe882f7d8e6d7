#include "client/command_runner.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "client/command_context.h"
#include "google/protobuf/descriptor.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::cli {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// The message that names the list in `request`, and its meeting and item
// fields: a ListRef (the request itself, or its `list` field), else the
// request's own `meeting` and `item` fields.
struct ListFields {
  Message* message = nullptr;
  const FieldDescriptor* meeting = nullptr;
  const FieldDescriptor* item = nullptr;
};

bool IsString(const FieldDescriptor* field) {
  return field != nullptr && !field->is_repeated() &&
         field->cpp_type() == FieldDescriptor::CPPTYPE_STRING;
}

absl::StatusOr<ListFields> FindListFields(Message& request) {
  ListFields fields;
  fields.message = &request;
  const FieldDescriptor* list =
      request.GetDescriptor()->FindFieldByName("list");
  if (list != nullptr && list->message_type() == v1::ListRef::descriptor()) {
    fields.message = request.GetReflection()->MutableMessage(&request, list);
  }
  fields.meeting = fields.message->GetDescriptor()->FindFieldByName("meeting");
  fields.item = fields.message->GetDescriptor()->FindFieldByName("item");
  if (!IsString(fields.meeting) || !IsString(fields.item)) {
    return absl::InternalError(
        absl::StrCat("a ", request.GetDescriptor()->full_name(),
                     " names no meeting and item"));
  }
  return fields;
}

}  // namespace

CommandRunner::CommandRunner(client::SpeakersClient* client, std::ostream* out,
                             std::function<FrameStyle()> frame_style,
                             std::function<int()> table_width)
    : client_(client),
      out_(out),
      frame_style_(std::move(frame_style)),
      table_width_(std::move(table_width)) {}

absl::Status CommandRunner::ResolveItem(Message& request) {
  absl::StatusOr<ListFields> fields = FindListFields(request);
  if (!fields.ok()) return fields.status();
  const google::protobuf::Reflection& reflection =
      *fields->message->GetReflection();
  v1::MeetingRef meeting;
  meeting.set_meeting(reflection.GetString(*fields->message, fields->meeting));
  absl::StatusOr<v1::MeetingSnapshot> snapshot =
      client_->Call<v1::MeetingSnapshot>("GetMeeting", meeting);
  if (!snapshot.ok()) return snapshot.status();
  if (snapshot->current_item().empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("meeting \"", meeting.meeting(),
                     "\" has no current item; name the item with --item=ITEM"));
  }
  reflection.SetString(fields->message, fields->item, snapshot->current_item());
  return absl::OkStatus();
}

absl::Status CommandRunner::Run(const ParsedCommand& command) {
  if (command.command == nullptr || command.request == nullptr) {
    return absl::InvalidArgumentError("no command to run");
  }
  std::unique_ptr<Message> request(command.request->New());
  request->CopyFrom(*command.request);
  if (command.resolve_item) {
    absl::Status resolved = ResolveItem(*request);
    if (!resolved.ok()) return resolved;
  }
  CommandContext context(client_, command.command->rpc, &command.args, out_,
                         command.global.json, frame_style_, table_width_);
  return command.command->run(context, *request);
}

}  // namespace speakers::cli
