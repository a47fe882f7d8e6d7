#ifndef SPEAKERS_SERVER_STORAGE_SQLITE_COMMAND_LOG_H_
#define SPEAKERS_SERVER_STORAGE_SQLITE_COMMAND_LOG_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "server/domain/command_log.h"
#include "server/storage/database.h"
#include "server/storage/file_lock.h"
#include "server/storage/online_backup.h"
#include "server/storage/snapshot.h"
#include "server/storage/statement.h"
#include "server/storage/wal_scan.h"

namespace speakers {

// How the database is set up, as SQLite reports it (for start-up logs and
// tests).
struct StorageSettings {
  std::string journal_mode;  // "wal"
  int synchronous = 0;       // 2: FULL
  bool foreign_keys = false;
  std::string locking_mode;  // "exclusive"
  int schema_version = 0;    // PRAGMA user_version
  int32_t application_id = 0;
  int64_t page_size = 0;
};

// The command log in one SQLite file, for one server at a time.
//
// Durability: WAL journal, synchronous=FULL, so a transaction is on disk
// when COMMIT returns. Exclusivity: for its whole lifetime the object holds
// an flock on PATH.lock and SQLite's exclusive lock on the file, so a second
// server (or a second Open in this process, or any other SQLite program) is
// refused rather than allowed to interleave writes.
//
// Damage is never repaired by starting over: a damaged, truncated, foreign
// or newer-schema file is refused with DATA_LOSS, saying what to do, and
// left exactly as it was.
//
// Thread-safe: every call holds one mutex on the connection, reads for as
// long as they visit, so a long ReadAll delays Append. `visit` callbacks
// must not call back into the log (that deadlocks).
class SqliteCommandLog : public CommandLog {
 public:
  // The schema this build reads and writes (PRAGMA user_version).
  static constexpr int kSchemaVersion = 2;
  // PRAGMA application_id of speakers files: "SPKR".
  static constexpr int32_t kApplicationId = 0x53504b52;

  // Opens the log at `path`, creating the file (and PATH.lock) if missing,
  // and checks it (PRAGMA quick_check: start-up reads the whole file; the
  // WAL is scanned first, see ScanWal).
  //   FAILED_PRECONDITION: another server (or Open) is using it;
  //   DATA_LOSS: damaged or truncated, not a speakers file, or written by a
  //              newer speakers; the message says what to do;
  //   UNAVAILABLE: cannot be opened or created (directory missing or
  //              read-only, disk full or failing).
  static absl::StatusOr<std::unique_ptr<SqliteCommandLog>> Open(
      const std::string& path);

  SqliteCommandLog(const SqliteCommandLog&) = delete;
  SqliteCommandLog& operator=(const SqliteCommandLog&) = delete;
  // Closes the file (checkpointing the WAL into it) and releases the locks.
  ~SqliteCommandLog() override;

  // CommandLog. Append writes all records in one BEGIN IMMEDIATE ... COMMIT
  // (pass many at once: one commit, one fsync). UNKNOWN when COMMIT failed
  // other than on a full disk (the WAL's write or fsync): the transaction
  // may reappear when the file is reopened. Besides UNAVAILABLE and
  // DATA_LOSS it refuses, appending nothing: ALREADY_EXISTS when a
  // (meeting, version) is already in the log or twice in `records`;
  // INVALID_ARGUMENT for a version above 2^63-1 or an `at` that does not
  // round-trip as Unix nanoseconds (infinite, or finer than 1 ns). An
  // empty span is a no-op.
  absl::Status Append(absl::Span<LoggedCommand> records) override;
  absl::Status ReadAll(const std::function<absl::Status(const LoggedCommand&)>&
                           visit) const override;
  // Versions above 2^63-1 are treated as 2^63-1; from > to visits nothing.
  absl::Status ReadMeeting(
      const std::string& meeting, uint64_t from_version, uint64_t to_version,
      const std::function<absl::Status(const LoggedCommand&)>& visit)
      const override;

  // Like ReadAll, from the record after `sequence` on (replay after a
  // snapshot). ReadAfter(0, visit) is ReadAll. Each record's link is
  // checked against the one before it: a missing record or a record that
  // does not match its link is DATA_LOSS naming it (after the records
  // before it were visited).
  absl::Status ReadAfter(
      uint64_t sequence,
      const std::function<absl::Status(const LoggedCommand&)>& visit) const;

  // The first record of `meeting` that `actor` sent with `request_id`, for
  // answering a retried request with the reply it already got (across
  // restarts). nullopt when there is none; an empty request_id never
  // matches.
  absl::StatusOr<std::optional<LoggedCommand>> FindByRequestId(
      const std::string& meeting, const std::string& actor,
      const std::string& request_id) const override;

  // The number of records, which is also the last sequence number.
  uint64_t Count() const override;

  // The log's identity: 128 random bits in hex, made when the file was
  // created (a backup keeps it; another log has another).
  const std::string& log_id() const { return log_id_; }
  // The chain's head: the last record's link (RecordChain), or the genesis
  // link of an empty log.
  std::string head() const;

  // Saves a meeting's state, replacing a snapshot of the same meeting and
  // version. FAILED_PRECONDITION when the snapshot claims more than the log
  // holds: `sequence` beyond Count(), or (version > 0) a version the log
  // does not have at or before `sequence`. INVALID_ARGUMENT as for Append.
  absl::Status SaveSnapshot(const Snapshot& snapshot);

  // The snapshot of `meeting` with the highest version; nullopt when none.
  absl::StatusOr<std::optional<Snapshot>> LatestSnapshot(
      const std::string& meeting) const;

  // Copies the whole database, consistently, to a new file `destination`
  // with SQLite's online backup, a few hundred pages at a time, letting
  // Append run in between (its writes reach the copy too). The copy is
  // itself a log that Open accepts. ALREADY_EXISTS when `destination`
  // exists (never overwritten); UNAVAILABLE when it cannot be written (the
  // partial copy is then removed).
  absl::StatusOr<BackupResult> Backup(const std::string& destination) const;
  // CommandLog: Backup, in bytes.
  absl::StatusOr<uint64_t> BackupTo(
      const std::string& destination) const override;

  // The operator's decision to start from record `sequence`: first copies
  // the whole log to `keep_copy` (which must not exist: ALREADY_EXISTS),
  // then removes every record after `sequence`, and the snapshots that
  // follow it, in one transaction. Returns how many records were removed.
  // INVALID_ARGUMENT when `sequence` is beyond the log's end.
  absl::StatusOr<uint64_t> DropAfter(uint64_t sequence,
                                     const std::string& keep_copy);

  // Runs PRAGMA quick_check over the whole file: OK, or DATA_LOSS listing
  // the first problems found.
  absl::Status IntegrityCheck() const;

  // The effective settings (journal mode, synchronous, ...).
  absl::StatusOr<StorageSettings> Settings() const;

  const std::string& path() const { return path_; }

  // The write-ahead log as found at Open, before SQLite's recovery (e.g.
  // the bytes of an unfinished transaction it discarded after a crash).
  const WalScan& wal_at_open() const { return wal_at_open_; }

 private:
  SqliteCommandLog(FileLock lock, std::unique_ptr<sqlite::Database> db,
                   sqlite::Statement insert, sqlite::Statement find,
                   uint64_t count, std::string log_id, std::string head);

  // Runs `stmt` (bound) and visits each row as a LoggedCommand.
  absl::Status Visit(
      sqlite::Statement& stmt, absl::string_view doing,
      const std::function<absl::Status(const LoggedCommand&)>& visit) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string path_;
  const std::string log_id_;
  FileLock lock_;
  mutable absl::Mutex mu_;
  std::unique_ptr<sqlite::Database> db_ ABSL_GUARDED_BY(mu_)
      ABSL_PT_GUARDED_BY(mu_);
  sqlite::Statement insert_ ABSL_GUARDED_BY(mu_);
  mutable sqlite::Statement find_ ABSL_GUARDED_BY(mu_);
  uint64_t count_ ABSL_GUARDED_BY(mu_);
  std::string head_ ABSL_GUARDED_BY(mu_);  // the last record's link
  WalScan wal_at_open_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_STORAGE_SQLITE_COMMAND_LOG_H_
