#include "tests/testing/faulty_log.h"

#include <utility>

namespace speakers::testing {

void FaultyLog::FailNext(int count, absl::Status status, Fault fault) {
  absl::MutexLock lock(&mu_);
  fail_count_ = count;
  fail_status_ = std::move(status);
  fault_ = fault;
}

void FaultyLog::HoldNext() {
  absl::MutexLock lock(&mu_);
  hold_ = Hold::kArmed;
}

void FaultyLog::WaitUntilHeld() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](Hold* h) { return *h == Hold::kHeld; }, &hold_));
}

void FaultyLog::Release() {
  absl::MutexLock lock(&mu_);
  hold_ = Hold::kNone;
}

int FaultyLog::appends() const {
  absl::MutexLock lock(&mu_);
  return appends_;
}

absl::Status FaultyLog::Append(absl::Span<LoggedCommand> records) {
  absl::Status status;
  Fault fault;
  {
    absl::MutexLock lock(&mu_);
    ++appends_;
    if (hold_ == Hold::kArmed) {
      hold_ = Hold::kHeld;
      mu_.Await(absl::Condition(
          +[](Hold* h) { return *h == Hold::kNone; }, &hold_));
    }
    if (fail_count_ > 0) {
      --fail_count_;
      status = fail_status_;
    }
    fault = fault_;
  }
  if (status.ok()) return log_->Append(records);
  if (fault == Fault::kAppendAndFail) log_->Append(records).IgnoreError();
  return status;
}

}  // namespace speakers::testing
