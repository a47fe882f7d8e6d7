#include "server/storage/sqlite_command_log.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/platform/file_sync.h"
#include "server/storage/record_chain.h"
#include "server/storage/schema.h"
#include "server/storage/sqlite_status.h"
#include "server/storage/transaction.h"
#include "server/storage/wal_scan.h"

namespace speakers {
namespace {

static_assert(SqliteCommandLog::kSchemaVersion == kLogSchemaVersion);
static_assert(SqliteCommandLog::kApplicationId == kLogApplicationId);

constexpr uint64_t kMaxInteger = std::numeric_limits<int64_t>::max();

constexpr char kSelectCommands[] =
    "SELECT sequence, meeting, version, at_unix_nanos, actor, request_id, "
    "kind, payload, reply, chain"
    " FROM commands ";
constexpr char kInsertCommand[] =
    "INSERT INTO commands(sequence, meeting, version, at_unix_nanos, actor, "
    "request_id, kind,"
    " payload, reply, chain) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr char kFindByRequestId[] =
    "WHERE meeting = ?1 AND request_id = ?2 AND actor = ?3 AND request_id <> ''"
    " ORDER BY sequence LIMIT 1";

int64_t Clamp(uint64_t value) {
  return static_cast<int64_t>(std::min(value, kMaxInteger));
}

LoggedCommand RecordFromRow(const sqlite::Statement& stmt) {
  LoggedCommand record;
  record.sequence = static_cast<uint64_t>(stmt.ColumnInt64(0));
  record.meeting = stmt.ColumnText(1);
  record.version = static_cast<uint64_t>(stmt.ColumnInt64(2));
  record.at = absl::FromUnixNanos(stmt.ColumnInt64(3));
  record.actor = stmt.ColumnText(4);
  record.request_id = stmt.ColumnText(5);
  record.kind = stmt.ColumnText(6);
  record.payload = stmt.ColumnBlob(7);
  record.reply = stmt.ColumnBlob(8);
  record.chain = stmt.ColumnBlob(9);
  return record;
}

// INVALID_ARGUMENT unless `version` and `at` can be stored exactly.
absl::Status CheckStorable(const std::string& meeting, uint64_t version,
                           absl::Time at) {
  if (version > kMaxInteger) {
    return absl::InvalidArgumentError(
        absl::StrCat("meeting \"", meeting, "\" version ", version,
                     " is beyond the largest storable (2^63-1)"));
  }
  if (absl::FromUnixNanos(absl::ToUnixNanos(at)) != at) {
    return absl::InvalidArgumentError(
        absl::StrCat("the time of meeting \"", meeting, "\" version ", version,
                     " (", absl::FormatTime(at, absl::UTCTimeZone()),
                     ") cannot be stored to the nanosecond"));
  }
  return absl::OkStatus();
}

bool HasData(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && info.st_size > 0;
}

// Creates an empty log at `path` atomically: the schema is written and
// checkpointed under a temporary name, which is then renamed into place, so
// a crash during the first start never leaves a half-made file behind.
absl::Status CreateFresh(const std::string& path) {
  const std::string temp = path + ".new";
  std::error_code error;
  for (const std::string& stale :
       {temp, temp + "-wal", temp + "-shm", path, path + "-wal"}) {
    std::filesystem::remove(stale, error);
  }
  {
    absl::StatusOr<std::unique_ptr<sqlite::Database>> db =
        sqlite::Database::Open(temp);
    if (!db.ok()) return db.status();
    absl::Status status = PrepareLogDatabase(**db);
    if (status.ok()) status = (*db)->Execute("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!status.ok()) return status;
  }
  std::filesystem::remove(temp + "-wal", error);
  if (absl::Status s = SyncFile(temp); !s.ok()) return s;
  std::filesystem::rename(temp, path, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", path, ": ", error.message()));
  }
  return SyncDirectoryOf(path);
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteCommandLog>> SqliteCommandLog::Open(
    const std::string& path) {
  absl::StatusOr<FileLock> lock = FileLock::Acquire(path + ".lock", path);
  if (!lock.ok()) return lock.status();
  const std::string wal = path + "-wal";
  if (!HasData(path)) {
    // A WAL with frames beside a missing or empty database holds commits
    // whose database is gone (a truncated or deleted file): starting empty
    // would throw them away.
    std::error_code error;
    const uintmax_t wal_bytes = std::filesystem::file_size(wal, error);
    if (!error && wal_bytes > 0) {
      return absl::DataLossError(absl::StrCat(
          "the database file ", path,
          " is missing or empty, but its "
          "write-ahead log ",
          wal, " holds ", wal_bytes, " bytes of commands: restore ", path,
          " from a backup (speakers "
          "backup), or move ",
          wal,
          " away to start empty — it is never "
          "reset silently"));
    }
    if (absl::Status created = CreateFresh(path); !created.ok()) return created;
  }
  // What SQLite's recovery will drop from the WAL: an unfinished
  // transaction is expected after a crash; committed ones never.
  absl::StatusOr<WalScan> wal_scan = ScanWal(wal);
  if (!wal_scan.ok()) return wal_scan.status();
  const bool had_wal = std::filesystem::exists(wal);
  absl::StatusOr<std::unique_ptr<sqlite::Database>> db =
      sqlite::Database::Open(path);
  if (!db.ok()) return db.status();
  absl::Status status = PrepareLogDatabase(**db);
  if (!status.ok()) {
    // A refused file is left as it was: SQLite may have made an empty WAL
    // for it (reading a WAL-mode file), which holds nothing.
    db->reset();
    std::error_code error;
    if (!had_wal && std::filesystem::file_size(wal, error) == 0 && !error) {
      std::filesystem::remove(wal, error);
    }
    return status;
  }

  absl::StatusOr<sqlite::Statement> count = (*db)->Prepare(
      "SELECT count(*), coalesce(max(sequence), 0) FROM commands");
  if (!count.ok()) return count.status();
  absl::StatusOr<bool> row = count->Step();
  if (!row.ok()) return row.status();
  const int64_t records = count->ColumnInt64(0);
  const int64_t last = count->ColumnInt64(1);
  if (records != last) {
    return sqlite::DamagedDatabase(
        path, absl::StrCat("it holds ", records,
                           " commands but the last has sequence ", last,
                           ": commands are missing"));
  }
  absl::StatusOr<std::string> log_id = LogId(**db);
  if (!log_id.ok()) return log_id.status();
  std::string head = RecordChain::Genesis(*log_id);
  if (records > 0) {
    absl::StatusOr<sqlite::Statement> last_link = (*db)->Prepare(
        "SELECT chain FROM commands ORDER BY sequence DESC LIMIT 1");
    if (!last_link.ok()) return last_link.status();
    absl::StatusOr<bool> found = last_link->Step();
    if (!found.ok()) return found.status();
    head = last_link->ColumnBlob(0);
  }
  absl::StatusOr<sqlite::Statement> insert = (*db)->Prepare(kInsertCommand);
  if (!insert.ok()) return insert.status();
  absl::StatusOr<sqlite::Statement> find =
      (*db)->Prepare(absl::StrCat(kSelectCommands, kFindByRequestId));
  if (!find.ok()) return find.status();
  auto opened = std::unique_ptr<SqliteCommandLog>(new SqliteCommandLog(
      *std::move(lock), *std::move(db), *std::move(insert), *std::move(find),
      static_cast<uint64_t>(records), *std::move(log_id), std::move(head)));
  opened->wal_at_open_ = *wal_scan;
  return opened;
}

SqliteCommandLog::SqliteCommandLog(FileLock lock,
                                   std::unique_ptr<sqlite::Database> db,
                                   sqlite::Statement insert,
                                   sqlite::Statement find, uint64_t count,
                                   std::string log_id, std::string head)
    : path_(db->path()),
      log_id_(std::move(log_id)),
      lock_(std::move(lock)),
      db_(std::move(db)),
      insert_(std::move(insert)),
      find_(std::move(find)),
      count_(count),
      head_(std::move(head)) {}

// Members go in reverse order: the statements, then the connection (which
// checkpoints the WAL into the file), and only then the lock file.
SqliteCommandLog::~SqliteCommandLog() = default;

absl::Status SqliteCommandLog::Append(absl::Span<LoggedCommand> records) {
  if (records.empty()) return absl::OkStatus();
  for (const LoggedCommand& record : records) {
    absl::Status status =
        CheckStorable(record.meeting, record.version, record.at);
    if (!status.ok()) return status;
  }
  absl::MutexLock lock(&mu_);
  absl::StatusOr<sqlite::Transaction> txn =
      sqlite::Transaction::Begin(db_.get());
  if (!txn.ok()) return txn.status();
  uint64_t sequence = count_;
  std::string link = head_;
  std::vector<std::string> links;
  links.reserve(records.size());
  for (const LoggedCommand& record : records) {
    ++sequence;
    link = RecordChain::Next(link, record, sequence);
    links.push_back(link);
    insert_.BindInt64(1, static_cast<int64_t>(sequence));
    insert_.BindText(2, record.meeting);
    insert_.BindInt64(3, static_cast<int64_t>(record.version));
    insert_.BindInt64(4, absl::ToUnixNanos(record.at));
    insert_.BindText(5, record.actor);
    insert_.BindText(6, record.request_id);
    insert_.BindText(7, record.kind);
    insert_.BindBlob(8, record.payload);
    insert_.BindBlob(9, record.reply);
    insert_.BindBlob(10, link);
    absl::StatusOr<bool> row = insert_.Step();
    insert_.Reset();
    if (!row.ok()) {
      if (db_->last_error_code() == SQLITE_CONSTRAINT_UNIQUE) {
        return absl::AlreadyExistsError(absl::StrCat(
            "meeting \"", record.meeting, "\" version ", record.version,
            " is already in the log ", path_, " (record ", sequence - count_,
            " of ", records.size(), " to append); nothing was appended"));
      }
      return row.status();
    }
  }
  int rc = 0;
  absl::Status status = txn->Commit(&rc);
  if (!status.ok()) {
    // A full disk refuses the commit before it is complete; any other
    // failure of COMMIT (a write or fsync of the WAL) may have left the
    // transaction whole on disk, to reappear when the file is reopened.
    if ((rc & 0xff) == SQLITE_FULL ||
        status.code() == absl::StatusCode::kDataLoss)
      return status;
    return absl::UnknownError(absl::StrCat(
        "the command log ", path_,
        " failed while making a commit durable, so it may or may not hold "
        "it (",
        status.message(), ")"));
  }
  for (size_t i = 0; i < records.size(); ++i) {
    records[i].sequence = ++count_;
    records[i].chain = std::move(links[i]);
  }
  head_ = std::move(link);
  return absl::OkStatus();
}

absl::Status SqliteCommandLog::Visit(
    sqlite::Statement& stmt, absl::string_view doing,
    const std::function<absl::Status(const LoggedCommand&)>& visit) const {
  while (true) {
    absl::StatusOr<bool> row = stmt.Step();
    if (!row.ok()) {
      return absl::Status(row.status().code(),
                          absl::StrCat(doing, ": ", row.status().message()));
    }
    if (!*row) return absl::OkStatus();
    absl::Status status = visit(RecordFromRow(stmt));
    if (!status.ok()) return status;
  }
}

absl::Status SqliteCommandLog::ReadAll(
    const std::function<absl::Status(const LoggedCommand&)>& visit) const {
  return ReadAfter(0, visit);
}

absl::Status SqliteCommandLog::ReadAfter(
    uint64_t sequence,
    const std::function<absl::Status(const LoggedCommand&)>& visit) const {
  absl::MutexLock lock(&mu_);
  std::string link = RecordChain::Genesis(log_id_);
  if (sequence > 0) {
    absl::StatusOr<sqlite::Statement> before =
        db_->Prepare("SELECT chain FROM commands WHERE sequence = ?1");
    if (!before.ok()) return before.status();
    before->BindInt64(1, Clamp(sequence));
    absl::StatusOr<bool> found = before->Step();
    if (!found.ok()) return found.status();
    if (!*found) return absl::OkStatus();  // nothing after the end
    link = before->ColumnBlob(0);
  }
  absl::StatusOr<sqlite::Statement> stmt = db_->Prepare(
      absl::StrCat(kSelectCommands, "WHERE sequence > ?1 ORDER BY sequence"));
  if (!stmt.ok()) return stmt.status();
  stmt->BindInt64(1, Clamp(sequence));
  uint64_t expected = sequence;
  return Visit(
      *stmt, absl::StrCat("reading the log after sequence ", sequence),
      [&](const LoggedCommand& record) -> absl::Status {
        ++expected;
        const std::string next = RecordChain::Next(link, record);
        if (record.sequence != expected || record.chain != next) {
          return sqlite::DamagedDatabase(
              path_,
              absl::StrCat(
                  "record ", expected,
                  record.sequence != expected
                      ? absl::StrCat(" is missing (the next is ",
                                     record.sequence, ")")
                      : absl::StrCat(" (", record.kind, " on ", record.meeting,
                                     ", version ", record.version,
                                     ") does not match its checksum: it or "
                                     "the record before it was changed"),
                  "; if you decide to drop it and every later record, start "
                  "the server with --recover-until=",
                  expected - 1));
        }
        link = next;
        return visit(record);
      });
}

absl::Status SqliteCommandLog::ReadMeeting(
    const std::string& meeting, uint64_t from_version, uint64_t to_version,
    const std::function<absl::Status(const LoggedCommand&)>& visit) const {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<sqlite::Statement> stmt = db_->Prepare(absl::StrCat(
      kSelectCommands,
      "WHERE meeting = ?1 AND version BETWEEN ?2 AND ?3 ORDER BY version"));
  if (!stmt.ok()) return stmt.status();
  stmt->BindText(1, meeting);
  stmt->BindInt64(2, Clamp(from_version));
  stmt->BindInt64(3, Clamp(to_version));
  return Visit(*stmt,
               absl::StrCat("reading meeting \"", meeting, "\" versions ",
                            from_version, " to ", to_version),
               visit);
}

absl::StatusOr<std::optional<LoggedCommand>> SqliteCommandLog::FindByRequestId(
    const std::string& meeting, const std::string& actor,
    const std::string& request_id) const {
  if (request_id.empty()) return std::nullopt;
  absl::MutexLock lock(&mu_);
  find_.BindText(1, meeting);
  find_.BindText(2, request_id);
  find_.BindText(3, actor);
  absl::StatusOr<bool> row = find_.Step();
  std::optional<LoggedCommand> found;
  if (row.ok() && *row) found = RecordFromRow(find_);
  find_.Reset();
  if (!row.ok()) return row.status();
  return found;
}

std::string SqliteCommandLog::head() const {
  absl::MutexLock lock(&mu_);
  return head_;
}

uint64_t SqliteCommandLog::Count() const {
  absl::MutexLock lock(&mu_);
  return count_;
}

absl::Status SqliteCommandLog::SaveSnapshot(const Snapshot& snapshot) {
  absl::Status status =
      CheckStorable(snapshot.meeting, snapshot.version, snapshot.at);
  if (!status.ok()) return status;
  absl::MutexLock lock(&mu_);
  if (snapshot.sequence > count_) {
    return absl::FailedPreconditionError(absl::StrCat(
        "a snapshot of meeting \"", snapshot.meeting, "\" at sequence ",
        snapshot.sequence, " claims more than the log holds (", count_,
        " commands)"));
  }
  if (snapshot.version > 0) {
    absl::StatusOr<sqlite::Statement> stmt = db_->Prepare(
        "SELECT sequence FROM commands WHERE meeting = ?1 AND version = ?2");
    if (!stmt.ok()) return stmt.status();
    stmt->BindText(1, snapshot.meeting);
    stmt->BindInt64(2, static_cast<int64_t>(snapshot.version));
    absl::StatusOr<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row ||
        static_cast<uint64_t>(stmt->ColumnInt64(0)) > snapshot.sequence) {
      return absl::FailedPreconditionError(absl::StrCat(
          "a snapshot of meeting \"", snapshot.meeting, "\" at version ",
          snapshot.version,
          " must follow the command that produced that version, but the log "
          "has ",
          *row ? absl::StrCat("it at sequence ", stmt->ColumnInt64(0),
                              ", after ", snapshot.sequence)
               : "no such version"));
    }
  }
  absl::StatusOr<sqlite::Statement> insert = db_->Prepare(
      "INSERT OR REPLACE INTO snapshots(meeting, version, sequence, "
      "at_unix_nanos, state)"
      " VALUES(?1, ?2, ?3, ?4, ?5)");
  if (!insert.ok()) return insert.status();
  insert->BindText(1, snapshot.meeting);
  insert->BindInt64(2, static_cast<int64_t>(snapshot.version));
  insert->BindInt64(3, static_cast<int64_t>(snapshot.sequence));
  insert->BindInt64(4, absl::ToUnixNanos(snapshot.at));
  insert->BindBlob(5, snapshot.state);
  absl::StatusOr<bool> row = insert->Step();
  return row.status();
}

absl::StatusOr<std::optional<Snapshot>> SqliteCommandLog::LatestSnapshot(
    const std::string& meeting) const {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<sqlite::Statement> stmt = db_->Prepare(
      "SELECT meeting, version, sequence, at_unix_nanos, state FROM snapshots"
      " WHERE meeting = ?1 ORDER BY version DESC LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  stmt->BindText(1, meeting);
  absl::StatusOr<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::nullopt;
  Snapshot snapshot;
  snapshot.meeting = stmt->ColumnText(0);
  snapshot.version = static_cast<uint64_t>(stmt->ColumnInt64(1));
  snapshot.sequence = static_cast<uint64_t>(stmt->ColumnInt64(2));
  snapshot.at = absl::FromUnixNanos(stmt->ColumnInt64(3));
  snapshot.state = stmt->ColumnBlob(4);
  return snapshot;
}

absl::StatusOr<BackupResult> SqliteCommandLog::Backup(
    const std::string& destination) const {
  return OnlineBackup(*db_, &mu_, destination);
}

absl::StatusOr<uint64_t> SqliteCommandLog::DropAfter(
    uint64_t sequence, const std::string& keep_copy) {
  const uint64_t count = Count();
  if (sequence > count) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the log ", path_, " holds ", count, " records; there is no record ",
        sequence, " to start from"));
  }
  if (sequence == count) return 0;
  absl::StatusOr<BackupResult> kept = Backup(keep_copy);
  if (!kept.ok()) return kept.status();
  absl::MutexLock lock(&mu_);
  absl::StatusOr<sqlite::Transaction> txn =
      sqlite::Transaction::Begin(db_.get());
  if (!txn.ok()) return txn.status();
  absl::StatusOr<sqlite::Statement> drop =
      db_->Prepare("DELETE FROM snapshots WHERE sequence > ?1");
  if (!drop.ok()) return drop.status();
  drop->BindInt64(1, Clamp(sequence));
  if (absl::Status s = drop->Step().status(); !s.ok()) return s;
  drop = db_->Prepare("DELETE FROM commands WHERE sequence > ?1");
  if (!drop.ok()) return drop.status();
  drop->BindInt64(1, Clamp(sequence));
  if (absl::Status s = drop->Step().status(); !s.ok()) return s;
  std::string head = RecordChain::Genesis(log_id_);
  if (sequence > 0) {
    absl::StatusOr<sqlite::Statement> link =
        db_->Prepare("SELECT chain FROM commands WHERE sequence = ?1");
    if (!link.ok()) return link.status();
    link->BindInt64(1, Clamp(sequence));
    absl::StatusOr<bool> found = link->Step();
    if (!found.ok()) return found.status();
    if (*found) head = link->ColumnBlob(0);
  }
  if (absl::Status s = txn->Commit(); !s.ok()) return s;
  head_ = std::move(head);
  const uint64_t dropped = count_ - sequence;
  count_ = sequence;
  return dropped;
}

absl::Status SqliteCommandLog::IntegrityCheck() const {
  absl::MutexLock lock(&mu_);
  return QuickCheck(*db_);
}

absl::StatusOr<StorageSettings> SqliteCommandLog::Settings() const {
  absl::MutexLock lock(&mu_);
  StorageSettings settings;
  absl::StatusOr<std::string> text = db_->QueryText("PRAGMA journal_mode");
  if (!text.ok()) return text.status();
  settings.journal_mode = *text;
  text = db_->QueryText("PRAGMA locking_mode");
  if (!text.ok()) return text.status();
  settings.locking_mode = *text;
  struct {
    const char* pragma;
    int64_t value;
  } ints[] = {{"PRAGMA synchronous", 0},
              {"PRAGMA foreign_keys", 0},
              {"PRAGMA user_version", 0},
              {"PRAGMA application_id", 0},
              {"PRAGMA page_size", 0}};
  for (auto& pragma : ints) {
    absl::StatusOr<int64_t> value = db_->QueryInt(pragma.pragma);
    if (!value.ok()) return value.status();
    pragma.value = *value;
  }
  settings.synchronous = static_cast<int>(ints[0].value);
  settings.foreign_keys = ints[1].value != 0;
  settings.schema_version = static_cast<int>(ints[2].value);
  settings.application_id = static_cast<int32_t>(ints[3].value);
  settings.page_size = ints[4].value;
  return settings;
}

absl::StatusOr<uint64_t> SqliteCommandLog::BackupTo(
    const std::string& destination) const {
  absl::StatusOr<BackupResult> result = Backup(destination);
  if (!result.ok()) return result.status();
  return static_cast<uint64_t>(result->bytes);
}

}  // namespace speakers
