#include "client/watch_view.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <thread>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "client/output_format.h"
#include "client/watch_state.h"

namespace speakers::cli {
namespace {

constexpr absl::string_view kClearScreen = "\x1b[H\x1b[2J";
constexpr int kOnceMaxFailures = 5;

}  // namespace

WatchView::WatchView(client::SpeakersClient* client, std::ostream* out,
                     std::function<FrameStyle()> style)
    : client_(client), out_(out), style_(std::move(style)) {}

absl::Status WatchView::RunOnce(const v1::WatchRequest& request, bool json) {
  WatchState state(request.meeting());
  v1::Update snapshot;
  client::WatchOptions options;
  options.max_consecutive_failures = kOnceMaxFailures;
  absl::Status status = client_->Watch(
      request,
      [&](const v1::Update& update) {
        state.Apply(update, absl::Now());
        if (!state.has_snapshot()) return true;
        snapshot = update;
        return false;
      },
      std::move(options));
  if (!status.ok()) return status;
  if (!state.has_snapshot()) {
    return absl::UnavailableError("the watch ended before the snapshot");
  }
  if (json) {
    absl::StatusOr<std::string> line = ToJsonLine(snapshot);
    if (!line.ok()) return line.status();
    *out_ << *line << "\n";
  } else {
    *out_ << RenderWatchFrame(state, absl::Now(), style_());
  }
  out_->flush();
  return absl::OkStatus();
}

absl::Status WatchView::RunLive(const v1::WatchRequest& request, bool json) {
  absl::Mutex mu;
  WatchState state(request.meeting());
  bool done = false;
  absl::Status result;

  client::WatchOptions options;
  options.on_broken = [&](const absl::Status& status, int failures) {
    absl::MutexLock lock(&mu);
    state.set_connection_note(absl::StrCat(
        "Connection lost (", absl::StatusCodeToString(status.code()), ": ",
        status.message(), "); reconnecting, attempt ", failures + 1, "\u2026"));
  };
  std::unique_ptr<client::Watcher> watcher =
      client_->NewWatcher(std::move(options));
  std::thread stream([&] {
    absl::Status status = watcher->Run(request, [&](const v1::Update& update) {
      absl::MutexLock lock(&mu);
      state.Apply(update, absl::Now());
      state.set_connection_note("");
      if (json) {
        absl::StatusOr<std::string> line = ToJsonLine(update);
        *out_ << (line.ok() ? *line : std::string("{}")) << std::endl;
      }
      return true;
    });
    absl::MutexLock lock(&mu);
    result = std::move(status);
    done = true;
  });

  std::string shown;
  while (true) {
    std::string frame;
    {
      absl::MutexLock lock(&mu);
      if (mu.AwaitWithTimeout(absl::Condition(&done),
                              absl::Milliseconds(200))) {
        break;
      }
      if (json) continue;
      frame = RenderWatchFrame(state, absl::Now(), style_());
    }
    if (frame != shown) {
      *out_ << kClearScreen << frame << std::flush;
      shown = std::move(frame);
    }
  }
  stream.join();
  return result;
}

FrameStyle TerminalFrameStyle() {
  FrameStyle style;
  winsize size{};
  int columns = 0;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    style.width = size.ws_col;
  } else if (const char* env = std::getenv("COLUMNS");
             env != nullptr && absl::SimpleAtoi(env, &columns) && columns > 0) {
    style.width = columns;
  }
  style.color =
      isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
  return style;
}

}  // namespace speakers::cli
