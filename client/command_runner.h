#ifndef SPEAKERS_CLIENT_COMMAND_RUNNER_H_
#define SPEAKERS_CLIENT_COMMAND_RUNNER_H_

#include <functional>
#include <optional>
#include <ostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/command_parser.h"
#include "client/speakers_client.h"
#include "client/watch_frame.h"
#include "google/protobuf/message.h"

namespace speakers::cli {

// Runs a parsed command against the server and prints the reply: text for
// people, or one JSON line with --json. `watch` runs until interrupted
// (or, with --once, until the first snapshot).
class CommandRunner {
 public:
  // Prints to `out`; both pointers must outlive the runner. `frame_style`
  // gives the terminal's width and colours for each watch frame.
  CommandRunner(client::SpeakersClient* client, std::ostream* out,
                std::function<FrameStyle()> frame_style);

  // Runs `command` (not a help request). Returns the first error: the
  // server's, or FAILED_PRECONDITION when the meeting has no current item
  // to default to.
  absl::Status Run(const ParsedCommand& command);

 private:
  // Fills the empty item of `request`'s list with the meeting's current item.
  absl::Status ResolveItem(google::protobuf::Message& request);

  // The session's time zone (asked once); UTC when it cannot be had.
  absl::TimeZone Zone();

  // Prints `reply` (JSON or text); returns its error.
  template <typename T>
  absl::Status Print(const absl::StatusOr<T>& reply);

  // The text form of each reply type.
  std::string Text(const v1::SessionInfo& reply);
  std::string Text(const v1::MeetingSnapshot& reply);
  std::string Text(const v1::ListState& reply);
  std::string Text(const v1::Position& reply);
  std::string Text(const v1::SpeakingTimeReport& reply);
  std::string Text(const v1::CommandReply& reply);
  std::string Text(const v1::BackupReply& reply);
  // Writes the record to `output` (a file) or to the standard output.
  absl::Status Audit(const v1::AuditRequest& request, const std::string& output);

  // configure: the list's settings with the given ones replaced.
  absl::Status Configure(v1::ConfigureListRequest request);

  client::SpeakersClient* client_;
  std::ostream* out_;
  std::function<FrameStyle()> frame_style_;
  bool json_ = false;
  std::optional<absl::TimeZone> zone_;
};

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_COMMAND_RUNNER_H_
