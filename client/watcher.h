#ifndef SPEAKERS_CLIENT_WATCHER_H_
#define SPEAKERS_CLIENT_WATCHER_H_

#include <grpcpp/client_context.h>
#include <grpcpp/support/sync_stream.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "client/retry_policy.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::client {

// How a Watcher reconnects after a broken stream.
struct WatchOptions {
  // Pauses between reconnections (BackoffAfter(n) after the n-th failure in
  // a row); its max_attempts is not used, see max_consecutive_failures.
  RetryPolicy backoff;
  // Give up after this many failed connections in a row without a single
  // update in between; 0 reconnects for ever.
  int max_consecutive_failures = 0;
  // Waits between reconnections. Default: waits the duration, or less when
  // Stop() is called meanwhile.
  Sleeper sleep;
  // Told about each broken stream before the pause: the reason and the
  // number of failures in a row. Optional.
  std::function<void(const absl::Status&, int)> on_broken;
};

// Runs a Watch stream, keeps the meeting's copy by folding every update
// into it (proto/fold), and hands each Update to a callback; when the
// stream breaks it reconnects with since_version = the last version seen,
// so the server continues where the stream stopped (or sends a fresh
// snapshot). An update that does not follow the copy (a gap) is not handed
// on: the watcher reconnects at once from the copy's version (or, when the
// copy cannot take it, from a snapshot).
//
// Streams that end with UNAVAILABLE, DEADLINE_EXCEEDED, UNKNOWN, INTERNAL,
// ABORTED, RESOURCE_EXHAUSTED or CANCELLED (by the server), and streams the
// server simply ends, count as broken; any other error ends Run.
//
// Run blocks its thread; Stop may be called from any other thread.
class Watcher {
 public:
  // Opens a Watch stream on a prepared context (metadata set). Never null.
  using Opener =
      std::function<std::unique_ptr<grpc::ClientReaderInterface<v1::Update>>(
          grpc::ClientContext*, const v1::WatchRequest&)>;
  // Called for every update, on Run's thread; returns false to stop.
  using Callback = std::function<bool(const v1::Update&)>;

  // A watcher opening its streams with `opener`.
  Watcher(Opener opener, WatchOptions options);
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Streams `request.meeting()` until the callback returns false or Stop()
  // is called (OK), or a non-reconnectable error or too many failures in a
  // row (that error; UNAVAILABLE when the server ended the stream). The
  // first stream asks for `request.since_version()` (in
  // `request.stream()`); later ones for the last version seen, in the
  // stream of the last snapshot. Call once.
  absl::Status Run(v1::WatchRequest request, const Callback& on_update);

  // Ends Run as soon as possible: cancels the open stream and interrupts
  // the default pause. Thread-safe; idempotent.
  void Stop();

  // The highest Update.version seen so far (0 before the first update).
  uint64_t last_version() const;

  // The meeting as the updates so far make it (empty before the first
  // snapshot: a watch resumed from the caller's version has the caller's
  // copy to fold into). Read it on Run's thread (in the callback) only.
  const v1::MeetingSnapshot& meeting() const { return meeting_; }

  // Reconnections because an update did not follow the copy.
  int resyncs() const;

  // True for the statuses that count as a broken stream (see above).
  static bool IsReconnectable(const absl::Status& status);

 private:
  bool stopped() const;
  // Checks that `update` follows what was seen and folds it into the copy:
  // FAILED_PRECONDITION for a gap, DATA_LOSS for a copy that cannot take
  // it.
  absl::Status Fold(const v1::Update& update);

  Opener opener_;
  WatchOptions options_;
  absl::Notification stop_notice_;
  mutable absl::Mutex mu_;
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
  grpc::ClientContext* context_ ABSL_GUARDED_BY(mu_) = nullptr;
  uint64_t last_version_ ABSL_GUARDED_BY(mu_) = 0;
  std::string stream_ ABSL_GUARDED_BY(mu_);  // of the last snapshot
  int resyncs_ ABSL_GUARDED_BY(mu_) = 0;
  v1::MeetingSnapshot meeting_;  // Run's thread only
  bool has_copy_ = false;        // a snapshot started meeting_
};

}  // namespace speakers::client

#endif  // SPEAKERS_CLIENT_WATCHER_H_
