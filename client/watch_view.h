#ifndef SPEAKERS_CLIENT_WATCH_VIEW_H_
#define SPEAKERS_CLIENT_WATCH_VIEW_H_

#include <functional>
#include <ostream>

#include "absl/status/status.h"
#include "client/speakers_client.h"
#include "client/watch_frame.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::cli {

// The `speakers watch` display: follows a meeting's Watch stream and draws
// RenderWatchFrame on the terminal.
class WatchView {
 public:
  // Draws on `out`, asking `style` for the terminal's width and colours
  // before each frame. The pointers must outlive the view.
  WatchView(client::SpeakersClient* client, std::ostream* out,
            std::function<FrameStyle()> style);

  // Waits for the meeting's snapshot, prints one frame (no screen
  // clearing), or with `json` the snapshot update as one JSON line, and
  // returns. Gives up after 5 failed connections in a row (their error).
  absl::Status RunOnce(const v1::WatchRequest& request, bool json);

  // Clears the screen and redraws whenever the frame changes: at each
  // update and as the countdown ticks (checked 5 times a second). With
  // `json`, prints every update as one JSON line instead. Reconnects after
  // broken streams (noted on screen) and returns only when the watch fails
  // for good.
  absl::Status RunLive(const v1::WatchRequest& request, bool json);

 private:
  client::SpeakersClient* client_;
  std::ostream* out_;
  std::function<FrameStyle()> style_;
};

// The style for standard output: the width of the terminal (TIOCGWINSZ,
// else $COLUMNS, else 80) and colours when it is a terminal and $NO_COLOR
// is not set.
FrameStyle TerminalFrameStyle();

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_WATCH_VIEW_H_
