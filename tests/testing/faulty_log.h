#ifndef SPEAKERS_TESTS_TESTING_FAULTY_LOG_H_
#define SPEAKERS_TESTS_TESTING_FAULTY_LOG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "server/domain/command_log.h"

namespace speakers::testing {

// A CommandLog over a real one that fails, or holds, appends when told:
// the failpoints of the app layer's tests. Reads pass through. Thread-safe.
class FaultyLog : public CommandLog {
 public:
  // What the next Append does.
  enum class Fault {
    kRefuse,         // returns the status, appending nothing
    kAppendAndFail,  // appends for real, then returns the status (a commit
                     // whose fsync failed after the data reached the disk)
  };

  // `log` must outlive this object.
  explicit FaultyLog(CommandLog* log) : log_(log) {}

  // The next `count` Appends fail with `status` in the manner of `fault`.
  void FailNext(int count, absl::Status status, Fault fault = Fault::kRefuse);
  // The next Append waits until Release(); WaitUntilHeld() returns once it
  // is waiting.
  void HoldNext();
  void WaitUntilHeld();
  void Release();
  // Appends seen so far (failed ones included).
  int appends() const;

  absl::Status Append(absl::Span<LoggedCommand> records) override;
  absl::Status ReadAll(const std::function<absl::Status(const LoggedCommand&)>&
                           visit) const override {
    return log_->ReadAll(visit);
  }
  absl::StatusOr<uint64_t> BackupTo(
      const std::string& destination) const override {
    return log_->BackupTo(destination);
  }
  absl::StatusOr<std::optional<LoggedCommand>> FindByRequestId(
      const std::string& meeting, const std::string& actor,
      const std::string& request_id) const override {
    return log_->FindByRequestId(meeting, actor, request_id);
  }
  uint64_t Count() const override { return log_->Count(); }
  absl::Status ReadMeeting(
      const std::string& meeting, uint64_t from_version, uint64_t to_version,
      const std::function<absl::Status(const LoggedCommand&)>& visit)
      const override {
    return log_->ReadMeeting(meeting, from_version, to_version, visit);
  }

 private:
  CommandLog* const log_;
  mutable absl::Mutex mu_;
  int fail_count_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status fail_status_ ABSL_GUARDED_BY(mu_);
  Fault fault_ ABSL_GUARDED_BY(mu_) = Fault::kRefuse;
  enum class Hold {
    kNone,
    kArmed,
    kHeld
  } hold_ ABSL_GUARDED_BY(mu_) = Hold::kNone;
  int appends_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_TESTING_FAULTY_LOG_H_
