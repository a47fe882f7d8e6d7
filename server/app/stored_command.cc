#include "server/app/stored_command.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "server/app/command_table.h"
#include "speakers/v1/stored_command.pb.h"

namespace speakers {

std::string EncodeCommand(const Command& command, uint64_t request_digest) {
  return ToStored(command, request_digest).SerializeAsString();
}

absl::StatusOr<StoredPayload> DecodeCommand(absl::string_view kind,
                                            absl::string_view payload) {
  auto damaged = [&](absl::string_view why) {
    return absl::DataLossError(
        absl::StrCat("a stored \"", kind, "\" command ", why));
  };
  v1::StoredCommand stored;
  if (!stored.ParseFromArray(payload.data(),
                             static_cast<int>(payload.size()))) {
    return damaged("is damaged (it does not parse)");
  }
  StoredPayload out{cmd::OpenList{}, stored.request_digest(),
                    static_cast<int>(stored.format())};
  if (stored.format() == 0) {  // format 1: the fields of StoredCommandV1
    v1::StoredCommandV1 old;
    if (!old.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
      return damaged("is damaged (it does not parse)");
    }
    absl::StatusOr<Command> command = FromStoredV1(kind, old);
    if (!command.ok()) return command.status();
    out.command = *std::move(command);
    out.request_digest = 0;
    out.format = 1;
    return out;
  }
  if (stored.format() != 2) {
    return damaged(absl::StrCat(
        "is of format ", stored.format(),
        ", which this speakers does not know; was the log written by a "
        "newer speakers?"));
  }
  absl::StatusOr<Command> command = FromStored(stored);
  if (!command.ok()) return command.status();
  if (KindName(*command) != kind) {
    return damaged(
        absl::StrCat("holds a \"", KindName(*command), "\" command"));
  }
  out.command = *std::move(command);
  return out;
}

}  // namespace speakers
