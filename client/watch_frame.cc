#include "client/watch_frame.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "client/text_table.h"
#include "client/value_parsers.h"
#include "text/time_text.h"

namespace speakers::cli {
namespace {

constexpr int kNextShown = 5;
constexpr int kMinWidth = 20;
constexpr absl::string_view kYellow = "\x1b[33m";
constexpr absl::string_view kRed = "\x1b[31m";
constexpr absl::string_view kReset = "\x1b[0m";

absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

absl::Duration FromProto(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

std::string Capitalized(absl::string_view text) {
  std::string out(text);
  if (!out.empty()) {
    out[0] = absl::ascii_toupper(static_cast<unsigned char>(out[0]));
  }
  return out;
}

// Collects the frame's lines, each cut to the width.
class FrameBuilder {
 public:
  FrameBuilder(int width, bool color) : width_(width), color_(color) {}

  void Line(absl::string_view text) {
    absl::StrAppend(&out_, TruncateToWidth(text, width_), "\n");
  }
  void ColouredLine(absl::string_view text, absl::string_view colour) {
    if (!color_ || colour.empty()) {
      Line(text);
      return;
    }
    absl::StrAppend(&out_, colour, TruncateToWidth(text, width_), kReset, "\n");
  }
  std::string Take() { return std::move(out_); }

 private:
  int width_;
  bool color_;
  std::string out_;
};

void RenderCurrent(const v1::ListState& list, absl::Time server_now,
                   FrameBuilder& frame) {
  if (!list.has_current() || !list.current().has_entry()) {
    frame.Line("Now speaking: nobody");
    return;
  }
  const v1::CurrentSpeaker& current = list.current();
  const v1::Entry& entry = current.entry();
  frame.Line(absl::StrCat("Now speaking: ", entry.delegation(), "  ",
                          entry.delegation_name()));
  if (!entry.speaker().name().empty()) {
    frame.Line(absl::StrCat("  ", entry.speaker().name()));
  }
  if (!entry.speaker().title().empty()) {
    frame.Line(absl::StrCat("  ", entry.speaker().title()));
  }
  const TimerReading reading = ReadTimer(current.timer(), server_now,
                                         FromProto(list.settings().warning()));
  const absl::string_view colour =
      reading.overrun ? kRed
                      : (reading.warning ? kYellow : absl::string_view());
  frame.ColouredLine(absl::StrCat("  ", FormatReading(reading)), colour);
}

void RenderNext(const v1::ListState& list, FrameBuilder& frame) {
  if (list.waiting().empty()) {
    frame.Line("Nobody is waiting.");
    return;
  }
  frame.Line("Next speakers:");
  const int shown = std::min(list.waiting_size(), kNextShown);
  for (int i = 0; i < shown; ++i) {
    const v1::Entry& entry = list.waiting(i);
    std::string line = absl::StrCat("  ", i + 1, ". ", entry.delegation(), "  ",
                                    entry.delegation_name());
    if (!entry.speaker().name().empty()) {
      absl::StrAppend(&line, " \u2014 ", entry.speaker().name());
    }
    frame.Line(line);
  }
  if (list.waiting_size() > shown) {
    frame.Line(absl::StrCat("  and ", list.waiting_size() - shown, " more"));
  }
}

}  // namespace

TimerReading ReadTimer(const v1::Timer& timer, absl::Time server_now,
                       absl::Duration fallback_warning) {
  TimerReading reading;
  reading.state = timer.state() == v1::TIMER_STATE_UNSPECIFIED ? v1::TIMER_READY
                                                               : timer.state();
  absl::Duration elapsed = FromProto(timer.accumulated());
  if (reading.state == v1::TIMER_RUNNING && timer.has_started_at()) {
    elapsed += server_now - FromProto(timer.started_at());
  }
  reading.remaining = FromProto(timer.limit()) - elapsed;
  const absl::Duration warning =
      timer.has_warning() ? FromProto(timer.warning()) : fallback_warning;
  reading.overrun = reading.remaining <= absl::ZeroDuration();
  reading.warning = !reading.overrun && reading.remaining <= warning;
  return reading;
}

std::string FormatReading(const TimerReading& reading) {
  std::string text;
  if (reading.overrun) {
    text = absl::StrCat(
        "OVERRUN +",
        FormatClock(absl::Floor(-reading.remaining, absl::Seconds(1))));
  } else {
    text = FormatClock(absl::Ceil(reading.remaining, absl::Seconds(1)));
    if (reading.warning) text += " WARNING";
  }
  if (reading.state == v1::TIMER_PAUSED) text += " paused";
  if (reading.state == v1::TIMER_READY) text += " ready";
  return text;
}

std::string RenderWatchFrame(const WatchState& state, absl::Time now,
                             const FrameStyle& style) {
  FrameBuilder frame(std::max(style.width, kMinWidth), style.color);
  const v1::MeetingSnapshot& meeting = state.meeting();
  if (!state.has_snapshot()) {
    frame.Line(absl::StrCat("Waiting for the state of meeting \"",
                            meeting.meeting(), "\"\u2026"));
  } else {
    frame.Line(absl::StrCat(
        meeting.name().empty() ? meeting.meeting() : meeting.name(), " \u2014 ",
        MeetingStatusLabel(meeting.status())));
    const v1::ListState* list = state.ActiveList();
    if (list == nullptr) {
      frame.Line(
          meeting.current_item().empty()
              ? std::string("No current item.")
              : absl::StrCat("No list for item ", meeting.current_item(), "."));
    } else {
      std::string heading = Capitalized(
          list->label().empty() ? absl::StrCat("item ", list->item())
                                : list->label());
      if (!list->title().empty())
        absl::StrAppend(&heading, ": ", list->title());
      frame.Line(heading);
      frame.Line(
          absl::StrCat("List of speakers: ", ListStatusLabel(list->status()),
                       ", ", list->waiting_size(), " waiting"));
      frame.Line("");
      RenderCurrent(*list, now + state.clock_offset(), frame);
      frame.Line("");
      RenderNext(*list, frame);
    }
  }
  if (!state.connection_note().empty()) {
    frame.Line("");
    frame.Line(state.connection_note());
  }
  return frame.Take();
}

}  // namespace speakers::cli
