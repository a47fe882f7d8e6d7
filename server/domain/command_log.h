#ifndef SPEAKERS_SERVER_DOMAIN_COMMAND_LOG_H_
#define SPEAKERS_SERVER_DOMAIN_COMMAND_LOG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace speakers {

// One accepted command as the log keeps it. Replaying the records of a
// meeting in order, each at its `at`, rebuilds the meeting exactly.
struct LoggedCommand {
  uint64_t sequence =
      0;                 // position in the whole log: 1, 2, ... (set by Append)
  std::string meeting;   // the meeting it was applied to
  uint64_t version = 0;  // the meeting version it produced
  absl::Time at;         // the clock's Now() when it was applied
  std::string actor;     // who made it ("chair of plenary")
  std::string request_id;  // the client's id for retries, may be empty
  std::string kind;        // CommandName(): "inscribe", "call_next", ...
  std::string payload;     // the command, serialized (opaque to the log)
  std::string reply;       // the reply sent, serialized (for retries)
  // The record's link in the log's checksum chain (set by Append, checked
  // by reads; see server/storage/record_chain.h). Ignored by Append.
  std::string chain;

  friend bool operator==(const LoggedCommand&, const LoggedCommand&) = default;
};

// Durable storage of accepted commands, declared by the domain and
// implemented by server/storage. Implementations are thread-compatible:
// callers serialize Append calls.
class CommandLog {
 public:
  virtual ~CommandLog() = default;

  // Appends `records` in one transaction, assigning consecutive sequence
  // numbers (written back into the records). Returns OK only once the
  // records are durable. UNKNOWN when the transaction failed while being
  // made durable (a failed fsync): it may or may not be in the log, and
  // only reopening the log tells; the caller must stop appending. DATA_LOSS
  // for a damaged file. Any other error means nothing was appended:
  // UNAVAILABLE for I/O errors (disk full, ...).
  virtual absl::Status Append(absl::Span<LoggedCommand> records) = 0;

  // Calls `visit` for every record in sequence order; stops at the first
  // error `visit` returns and returns it.
  virtual absl::Status ReadAll(
      const std::function<absl::Status(const LoggedCommand&)>& visit) const = 0;

  // Copies the whole log, consistently, to a new file `destination` while
  // it stays in use (online backup). Returns the bytes written.
  // ALREADY_EXISTS when the destination exists; UNAVAILABLE on I/O errors.
  virtual absl::StatusOr<uint64_t> BackupTo(
      const std::string& destination) const = 0;

  // The record of meeting `meeting` made by `actor` with `request_id`
  // (a client's retry after the server forgot it), or nullopt.
  virtual absl::StatusOr<std::optional<LoggedCommand>> FindByRequestId(
      const std::string& meeting, const std::string& actor,
      const std::string& request_id) const = 0;

  // The number of records.
  virtual uint64_t Count() const = 0;

  // The records of one meeting with versions in [from_version, to_version],
  // in order (the audit trail, resuming clients).
  virtual absl::Status ReadMeeting(
      const std::string& meeting, uint64_t from_version, uint64_t to_version,
      const std::function<absl::Status(const LoggedCommand&)>& visit) const = 0;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_COMMAND_LOG_H_
