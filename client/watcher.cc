#include "client/watcher.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "client/grpc_status.h"
#include "fold/meeting_fold.h"

namespace speakers::client {

Watcher::Watcher(Opener opener, WatchOptions options)
    : opener_(std::move(opener)), options_(std::move(options)) {
  if (!options_.sleep) {
    options_.sleep = [this](absl::Duration pause) {
      stop_notice_.WaitForNotificationWithTimeout(pause);
    };
  }
}

bool Watcher::IsReconnectable(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:  // the server ended the stream
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kCancelled:
      return true;
    default:
      return false;
  }
}

absl::Status Watcher::Fold(const v1::Update& update) {
  if (update.has_delta()) {
    const uint64_t last = last_version();
    if (update.delta().base_version() != last) {
      return absl::FailedPreconditionError(
          absl::StrCat("an update from version ", update.delta().base_version(),
                       " after version ", last));
    }
  }
  if (update.has_snapshot()) has_copy_ = true;
  if (!has_copy_) return absl::OkStatus();  // resumed: the caller's copy
  absl::Status folded = fold::ApplyUpdate(update, &meeting_);
  if (!folded.ok()) has_copy_ = false;
  return folded;
}

absl::Status Watcher::Run(v1::WatchRequest request, const Callback& on_update) {
  int failures = 0;
  {
    absl::MutexLock lock(&mu_);
    last_version_ = request.since_version();
    stream_ = request.stream();
  }
  while (!stopped()) {
    grpc::ClientContext context;
    {
      absl::MutexLock lock(&mu_);
      if (stopped_) break;
      context_ = &context;
      request.set_since_version(last_version_);
      request.set_stream(stream_);
    }
    std::unique_ptr<grpc::ClientReaderInterface<v1::Update>> stream =
        opener_(&context, request);
    v1::Update update;
    bool wanted_more = true;
    bool resync = false;
    while (wanted_more && stream->Read(&update)) {
      failures = 0;
      if (absl::Status folded = Fold(update); !folded.ok()) {
        // A gap: continue from the last version (the server sends what was
        // missed, or a snapshot); a copy that cannot take the update
        // (DATA_LOSS): from a snapshot.
        absl::MutexLock lock(&mu_);
        if (folded.code() == absl::StatusCode::kDataLoss) last_version_ = 0;
        ++resyncs_;
        resync = true;
        break;
      }
      {
        absl::MutexLock lock(&mu_);
        if (update.has_snapshot()) {
          // A snapshot starts the copy afresh, possibly in another stream
          // of versions (a restarted server): resume in that one.
          last_version_ = update.version();
          stream_ = update.stream();
        } else {
          last_version_ = std::max(last_version_, update.version());
        }
      }
      wanted_more = on_update(update);
    }
    if (!wanted_more || resync) context.TryCancel();
    absl::Status status = ToAbslStatus(stream->Finish());
    {
      absl::MutexLock lock(&mu_);
      context_ = nullptr;
      if (!wanted_more) stopped_ = true;
    }
    if (stopped()) break;
    if (resync) continue;  // at once: the server is there
    if (!IsReconnectable(status)) return status;
    if (status.ok()) {
      status = absl::UnavailableError("the server ended the watch stream");
    }
    ++failures;
    if (options_.max_consecutive_failures > 0 &&
        failures >= options_.max_consecutive_failures) {
      return status;
    }
    if (options_.on_broken) options_.on_broken(status, failures);
    options_.sleep(options_.backoff.BackoffAfter(failures));
  }
  return absl::OkStatus();
}

void Watcher::Stop() {
  absl::MutexLock lock(&mu_);
  if (stopped_) return;
  stopped_ = true;
  if (context_ != nullptr) context_->TryCancel();
  stop_notice_.Notify();
}

int Watcher::resyncs() const {
  absl::MutexLock lock(&mu_);
  return resyncs_;
}

uint64_t Watcher::last_version() const {
  absl::MutexLock lock(&mu_);
  return last_version_;
}

bool Watcher::stopped() const {
  absl::MutexLock lock(&mu_);
  return stopped_;
}

}  // namespace speakers::client
