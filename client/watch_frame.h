#ifndef SPEAKERS_CLIENT_WATCH_FRAME_H_
#define SPEAKERS_CLIENT_WATCH_FRAME_H_

#include <string>

#include "absl/time/time.h"
#include "client/watch_state.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::cli {

// How a frame is drawn.
struct FrameStyle {
  // Terminal columns; longer lines end in "…". At least 20 is used.
  int width = 80;
  // ANSI colours: yellow for WARNING, red for OVERRUN.
  bool color = false;
};

// The speaker's clock at one instant, derived from the Timer's instants.
struct TimerReading {
  v1::TimerState state = v1::TIMER_READY;
  // limit - elapsed; negative in overrun.
  absl::Duration remaining = absl::ZeroDuration();
  // 0 < remaining <= warning.
  bool warning = false;
  // remaining <= 0: the limit is reached or past.
  bool overrun = false;
};

// Reads `timer` at `server_now` (an instant on the server's clock):
// elapsed = accumulated + (server_now - started_at) while running, else
// accumulated; remaining = limit - elapsed. `fallback_warning` applies when
// the timer carries no warning threshold.
TimerReading ReadTimer(const v1::Timer& timer, absl::Time server_now,
                       absl::Duration fallback_warning);

// The clock as the display shows it: "4:59" (remaining rounded up to whole
// seconds, so it shows 0:01 until the limit and never 0:00 while time is
// left), then " WARNING" in the warning zone; "OVERRUN +0:12" (the overrun
// rounded down) from the limit on; " paused" or " ready" appended in those
// states.
std::string FormatReading(const TimerReading& reading);

// One frame of the watch display at the local instant `now` (the state's
// clock offset turns it into server time):
//
//   <meeting name> — <meeting status>
//   <Item label>: <item title>
//   List of speakers: <status>, <N> waiting
//   (blank)
//   Now speaking: <CODE>  <delegation name>      ("nobody" when none)
//     <speaker name>
//     <speaker title>                            (when there is one)
//     <clock, see FormatReading>                 (coloured when asked)
//   (blank)
//   Next speakers:                               ("Nobody is waiting.")
//     1. <CODE>  <delegation name> — <speaker name>
//     ... at most 5, then "  and N more"
//   <connection note>                            (when there is one)
//
// Each line is cut to style.width columns with "…"; every line ends in
// "\n". Before the first snapshot: a line saying the view waits for it.
std::string RenderWatchFrame(const WatchState& state, absl::Time now,
                             const FrameStyle& style);

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_WATCH_FRAME_H_
