#ifndef SPEAKERS_CLIENT_COMMAND_RUNNER_H_
#define SPEAKERS_CLIENT_COMMAND_RUNNER_H_

#include <functional>
#include <ostream>

#include "absl/status/status.h"
#include "client/command_parser.h"
#include "client/speakers_client.h"
#include "client/watch_frame.h"
#include "google/protobuf/message.h"

namespace speakers::cli {

// Runs a parsed command against the server as its row says (see
// CommandSpec::run), which prints the reply: text for people, or one JSON
// line with --json. A command on a stream runs until the stream ends.
class CommandRunner {
 public:
  // Prints to `out`; both pointers must outlive the runner. `frame_style`
  // gives the terminal's width and colours for each watch frame,
  // `table_width` the width a list is made to fit (see table_width.h).
  CommandRunner(client::SpeakersClient* client, std::ostream* out,
                std::function<FrameStyle()> frame_style,
                std::function<int()> table_width);

  // Runs `command` (not a help request): first, when its item is to be
  // resolved, fills in the meeting's current item. Returns the first error:
  // the server's, or FAILED_PRECONDITION when the meeting has no current
  // item to default to.
  absl::Status Run(const ParsedCommand& command);

 private:
  // Fills the empty item of `request`'s list with the meeting's current
  // item.
  absl::Status ResolveItem(google::protobuf::Message& request);

  client::SpeakersClient* client_;
  std::ostream* out_;
  std::function<FrameStyle()> frame_style_;
  std::function<int()> table_width_;
};

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_COMMAND_RUNNER_H_
