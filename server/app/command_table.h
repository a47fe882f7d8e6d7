#ifndef SPEAKERS_SERVER_APP_COMMAND_TABLE_H_
#define SPEAKERS_SERVER_APP_COMMAND_TABLE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "server/app/access_policy.h"
#include "server/domain/command.h"
#include "server/domain/meeting.h"
#include "speakers/v1/stored_command.pb.h"

namespace speakers {

// The one table of commands (command_table.cc). Every command is declared
// there once:
//   - its kind: the domain struct, its stable name ("call_next", the log's
//     kind column) and its stored form (a field of
//     the StoredCommand oneof, with the conversions both ways);
//   - its API methods: the RPC name ("CallNext"), the role it needs, and
//     the conversion of the request message to the domain command.
// Adding a command is: its domain struct and rule, one proto message (and
// rpc), one row of each list in command_table.cc, and its tests. A domain
// command without a kind row does not compile; an rpc of the Speakers
// service without a row fails tests/app/command_table_test.cc.

// The role a method needs (see AccessPolicy).
// kRead: the public state (session, meeting, lists, the meeting's stream);
// kPrivateRead: what concerns a delegation or the record of the room
// (positions, speaking time, a delegation's stream). Anonymous callers get
// what AppOptions::anonymous_reads allows.
enum class Need { kRead, kPrivateRead, kChair, kDelegation, kSecretariat };

// One command method of the API.
struct ApiCommand {
  absl::string_view method;                     // "CallNext"
  const google::protobuf::Descriptor* request;  // v1::CallNextRequest
  Need need = Need::kChair;
  // The domain command for `request` (of type `request`), given the
  // meeting's current state (ConfigureList keeps the settings a request
  // leaves unset). Runs under the meeting's lock, so the state cannot
  // change in between. INVALID_ARGUMENT naming the field for a request
  // that is incomplete or has an unknown enum value.
  std::function<absl::StatusOr<Command>(
      const google::protobuf::Message& request, const Meeting& meeting)>
      to_command;
};

// Every command method, in the proto's order.
const std::vector<ApiCommand>& ApiCommands();

// The command method called `method` ("CallNext"), or nullptr.
const ApiCommand* FindApiCommand(absl::string_view method);

// The kind of a command: "inscribe", "call_next", ... Stable: it is
// stored in the log.
absl::string_view KindName(const Command& command);

// Every kind name, in the order of the Command variant.
std::vector<absl::string_view> KindNames();

// The stored form of `command` (format 2), with `request_digest` (0: none).
v1::StoredCommand ToStored(const Command& command, uint64_t request_digest);

// The command of a stored format 2 payload. DATA_LOSS for an unset or
// unknown command, an unknown enum value, or a missing list or meeting.
absl::StatusOr<Command> FromStored(const v1::StoredCommand& stored);

// The command of a format 1 payload (speakers 0.1) of kind `kind`.
// DATA_LOSS for an unknown kind or an enum value format 1 never wrote.
absl::StatusOr<Command> FromStoredV1(absl::string_view kind,
                                     const v1::StoredCommandV1& stored);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_COMMAND_TABLE_H_
