#ifndef SPEAKERS_CLIENT_COMMAND_CONTEXT_H_
#define SPEAKERS_CLIENT_COMMAND_CONTEXT_H_

#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "client/cli_args.h"
#include "client/speakers_client.h"
#include "client/watch_frame.h"
#include "google/protobuf/message.h"

namespace speakers::cli {

// What a command has at hand while it runs (see CommandSpec::run): the
// client, its own RPC, the command line, and where and how to print. One
// context serves one run of one command.
class CommandContext {
 public:
  // A run of the command whose RPC is `rpc` (a method name of the service
  // in speakers.proto), with the command
  // line `args`, printing to `out` (JSON lines when `json`). `frame_style`
  // gives the terminal's width and colours for watch frames, `table_width`
  // the width tables are made to fit (see table_width.h). The pointers
  // and `args` must outlive the context.
  CommandContext(client::SpeakersClient* client, absl::string_view rpc,
                 const CliArgs* args, std::ostream* out, bool json,
                 std::function<FrameStyle()> frame_style,
                 std::function<int()> table_width);

  // The client, for the command's own calls and streams.
  client::SpeakersClient& client() const { return *client_; }

  // The command line: options that do not go into the request (--once,
  // --output) are read from here.
  const CliArgs& args() const { return *args_; }

  // Where the command prints.
  std::ostream& out() const { return *out_; }

  // True with --json: replies are printed as protobuf JSON lines.
  bool json() const { return json_; }

  // The terminal's width and colours, asked before each watch frame.
  const std::function<FrameStyle()>& frame_style() const {
    return frame_style_;
  }

  // The width a table is made to fit (`speakers list` without --wide).
  int table_width() const { return table_width_(); }

  // The session's time zone, asked of the server once (GetSession); UTC
  // when it cannot be had.
  absl::TimeZone Zone();

  // Calls the command's RPC with `request`; its reply, or the error.
  template <typename Reply>
  absl::StatusOr<Reply> Send(const google::protobuf::Message& request) {
    return client_->Call<Reply>(rpc_, request);
  }

  // Prints `reply`: one JSON line with --json, else `text()` (called only
  // then, so that it may ask for Zone()). INTERNAL when the reply cannot be
  // printed as JSON.
  absl::Status Print(const google::protobuf::Message& reply,
                     absl::FunctionRef<std::string()> text);

 private:
  client::SpeakersClient* client_;
  absl::string_view rpc_;
  const CliArgs* args_;
  std::ostream* out_;
  bool json_;
  std::function<FrameStyle()> frame_style_;
  std::function<int()> table_width_;
  std::optional<absl::TimeZone> zone_;
};

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_COMMAND_CONTEXT_H_
