#include "server/storage/schema.h"

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/random/random.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/storage/record_chain.h"
#include "server/storage/sqlite_status.h"
#include "server/storage/statement.h"
#include "server/storage/transaction.h"

namespace speakers {
namespace {

constexpr char kCreateSchema[] = R"sql(
CREATE TABLE meta(
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES
  ('application', 'speakers'),
  ('schema_version', '2'),
  ('content', 'the commands accepted by a speakers server, in order');
CREATE TABLE commands(
  sequence INTEGER PRIMARY KEY CHECK(sequence >= 1),
  meeting TEXT NOT NULL,
  version INTEGER NOT NULL CHECK(version >= 0),
  at_unix_nanos INTEGER NOT NULL,
  actor TEXT NOT NULL,
  request_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload BLOB NOT NULL,
  reply BLOB NOT NULL,
  chain BLOB NOT NULL CHECK(length(chain) = 32),
  UNIQUE(meeting, version)
);
CREATE INDEX commands_by_request_id ON commands(meeting, request_id) WHERE request_id <> '';
CREATE TABLE snapshots(
  meeting TEXT NOT NULL,
  version INTEGER NOT NULL CHECK(version >= 0),
  sequence INTEGER NOT NULL CHECK(sequence >= 0),
  at_unix_nanos INTEGER NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY(meeting, version)
);
PRAGMA application_id = 1397771090;
PRAGMA user_version = 2;
)sql";
static_assert(kLogApplicationId == 1397771090,
              "kCreateSchema spells the application id");
static_assert(kLogSchemaVersion == 2,
              "kCreateSchema spells the schema version");

// A failure while opening: a lock held by someone else means another
// program is using the file, which retrying will not fix.
absl::Status OpeningError(const sqlite::Database& db, absl::Status status) {
  const int rc = db.last_error_code() & 0xff;
  if (!status.ok() && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)) {
    return absl::FailedPreconditionError(
        absl::StrCat("another speakers server or program is using ", db.path(),
                     " (it is locked); stop it first, or give this server "
                     "another data file"));
  }
  return status;
}

// A new log's identity: 128 random bits, in hex.
absl::Status InsertLogId(sqlite::Database& db) {
  absl::BitGen random;
  const std::string id = absl::StrCat(
      absl::Hex(absl::Uniform<uint64_t>(random), absl::kZeroPad16),
      absl::Hex(absl::Uniform<uint64_t>(random), absl::kZeroPad16));
  return db.Execute(absl::StrCat(
      "INSERT INTO meta(key, value) VALUES('log_id', '", id, "')"));
}

absl::Status CreateSchema(sqlite::Database& db) {
  absl::StatusOr<std::string> mode = db.QueryText("PRAGMA journal_mode = WAL");
  if (!mode.ok()) return OpeningError(db, mode.status());
  if (*mode != "wal") {
    return absl::UnavailableError(
        absl::StrCat("cannot use a write-ahead log for ", db.path(),
                     " (journal mode stays \"", *mode, "\")"));
  }
  absl::StatusOr<sqlite::Transaction> txn = sqlite::Transaction::Begin(&db);
  if (!txn.ok()) return OpeningError(db, txn.status());
  absl::Status status = db.Execute(kCreateSchema);
  if (status.ok()) status = InsertLogId(db);
  if (!status.ok()) return status;
  return txn->Commit();
}

// Schema 1 -> 2: every record gets its link of the checksum chain, and the
// log an identity. One transaction: a failure leaves schema 1 as it was.
absl::Status MigrateFrom1(sqlite::Database& db) {
  absl::StatusOr<sqlite::Transaction> txn = sqlite::Transaction::Begin(&db);
  if (!txn.ok()) return OpeningError(db, txn.status());
  absl::Status status = db.Execute(
      "ALTER TABLE commands ADD COLUMN chain BLOB NOT NULL DEFAULT x''");
  if (status.ok()) status = InsertLogId(db);
  if (!status.ok()) return status;
  absl::StatusOr<std::string> log_id = LogId(db);
  if (!log_id.ok()) return log_id.status();
  absl::StatusOr<sqlite::Statement> read = db.Prepare(
      "SELECT sequence, meeting, version, at_unix_nanos, actor, request_id, "
      "kind, payload, reply FROM commands ORDER BY sequence");
  if (!read.ok()) return read.status();
  absl::StatusOr<sqlite::Statement> write =
      db.Prepare("UPDATE commands SET chain = ?1 WHERE sequence = ?2");
  if (!write.ok()) return write.status();
  std::string link = RecordChain::Genesis(*log_id);
  while (true) {
    absl::StatusOr<bool> row = read->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    LoggedCommand record;
    record.sequence = static_cast<uint64_t>(read->ColumnInt64(0));
    record.meeting = read->ColumnText(1);
    record.version = static_cast<uint64_t>(read->ColumnInt64(2));
    record.at = absl::FromUnixNanos(read->ColumnInt64(3));
    record.actor = read->ColumnText(4);
    record.request_id = read->ColumnText(5);
    record.kind = read->ColumnText(6);
    record.payload = read->ColumnBlob(7);
    record.reply = read->ColumnBlob(8);
    link = RecordChain::Next(link, record);
    write->BindBlob(1, link);
    write->BindInt64(2, read->ColumnInt64(0));
    absl::StatusOr<bool> done = write->Step();
    write->Reset();
    if (!done.ok()) return done.status();
  }
  status = db.Execute(
      "UPDATE meta SET value = '2' WHERE key = 'schema_version'; "
      "PRAGMA user_version = 2");
  if (!status.ok()) return status;
  return txn->Commit();
}

// Names the tables of a foreign database, for the message.
std::string TableNames(const sqlite::Database& db) {
  absl::StatusOr<sqlite::Statement> stmt = db.Prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  if (!stmt.ok()) return "?";
  std::vector<std::string> names;
  while (names.size() < 8) {
    absl::StatusOr<bool> row = stmt->Step();
    if (!row.ok() || !*row) break;
    names.push_back(stmt->ColumnText(0));
  }
  return names.empty() ? "no tables"
                       : absl::StrCat("tables ", absl::StrJoin(names, ", "));
}

absl::Status CheckSchema(sqlite::Database& db) {
  absl::StatusOr<int64_t> application_id = db.QueryInt("PRAGMA application_id");
  if (!application_id.ok()) return OpeningError(db, application_id.status());
  absl::StatusOr<int64_t> version = db.QueryInt("PRAGMA user_version");
  if (!version.ok()) return OpeningError(db, version.status());
  if (*application_id != kLogApplicationId) {
    return absl::DataLossError(
        absl::StrCat(db.path(),
                     " is not a speakers database (it is an SQLite database of "
                     "another program,"
                     " application id ",
                     *application_id, ", with ", TableNames(db),
                     "); give the server its own data file, or move this one "
                     "away — it is never reset or"
                     " changed"));
  }
  if (*version > kLogSchemaVersion) {
    return absl::DataLossError(
        absl::StrCat(db.path(), " was written by a newer speakers (schema ",
                     *version, " > ", kLogSchemaVersion,
                     "); upgrade the server — the file is left as it is"));
  }
  if (*version < 1) {
    return sqlite::DamagedDatabase(
        db.path(),
        absl::StrCat("it bears the speakers mark but schema version ",
                     *version));
  }
  absl::StatusOr<std::string> application =
      db.QueryText("SELECT value FROM meta WHERE key = 'application'");
  if (!application.ok() || *application != "speakers") {
    if (!application.ok() &&
        application.status().code() != absl::StatusCode::kInternal) {
      return OpeningError(db, application.status());
    }
    return sqlite::DamagedDatabase(
        db.path(), "its meta table is missing or does not name speakers");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> LogId(const sqlite::Database& db) {
  absl::StatusOr<std::string> id =
      db.QueryText("SELECT value FROM meta WHERE key = 'log_id'");
  if (!id.ok() || id->empty()) {
    return sqlite::DamagedDatabase(db.path(),
                                   "its meta table has no log identity");
  }
  return id;
}

absl::Status PrepareLogDatabase(sqlite::Database& db) {
  // Until the file is known to be ours, closing must not checkpoint (write).
  sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  // Before the first read: the lock, once taken, is held until close, and
  // the WAL index lives in this process's memory (no -shm file).
  absl::StatusOr<std::string> locking =
      db.QueryText("PRAGMA locking_mode = EXCLUSIVE");
  if (!locking.ok()) return locking.status();
  absl::StatusOr<int64_t> pages = db.QueryInt("PRAGMA page_count");
  if (!pages.ok() && db.last_error_code() == SQLITE_NOTADB) {
    return sqlite::DamagedDatabase(
        db.path(),
        "it does not start with an SQLite header: file is not a database");
  }
  if (!pages.ok() && pages.status().code() == absl::StatusCode::kDataLoss) {
    return sqlite::DamagedDatabase(
        db.path(),
        absl::StrCat("its schema cannot be read: ", db.last_error_message()));
  }
  if (!pages.ok()) return OpeningError(db, pages.status());
  absl::Status status = *pages == 0 ? CreateSchema(db) : CheckSchema(db);
  if (!status.ok()) return status;
  if (*pages != 0) {
    // SQLite reads a page cut short as zeros: refuse a file that lost its end.
    absl::StatusOr<int64_t> page_size = db.QueryInt("PRAGMA page_size");
    if (!page_size.ok()) return OpeningError(db, page_size.status());
    std::error_code error;
    const uintmax_t bytes = std::filesystem::file_size(db.path(), error);
    if (!error && *page_size > 0 &&
        bytes % static_cast<uintmax_t>(*page_size) != 0) {
      return sqlite::DamagedDatabase(
          db.path(),
          absl::StrCat("its size (", bytes, " bytes) is not a whole number of ",
                       *page_size,
                       "-byte pages: the end of the file is missing"));
    }
    status = QuickCheck(db);
    if (!status.ok()) return OpeningError(db, status);
    absl::StatusOr<std::string> mode =
        db.QueryText("PRAGMA journal_mode = WAL");
    if (!mode.ok()) return OpeningError(db, mode.status());
  }
  status = db.Execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
  if (!status.ok()) return status;
  if (*pages != 0) {
    // Only a file found sound is migrated (in one transaction).
    absl::StatusOr<int64_t> version = db.QueryInt("PRAGMA user_version");
    if (!version.ok()) return OpeningError(db, version.status());
    if (*version == 1) status = MigrateFrom1(db);
    if (!status.ok()) return status;
  }
  // An empty write transaction takes the exclusive lock, held from now on.
  absl::StatusOr<sqlite::Transaction> txn = sqlite::Transaction::Begin(&db);
  if (!txn.ok()) return OpeningError(db, txn.status());
  status = txn->Commit();
  if (!status.ok()) return OpeningError(db, status);
  sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
  return absl::OkStatus();
}

absl::Status QuickCheck(const sqlite::Database& db) {
  absl::StatusOr<sqlite::Statement> stmt = db.Prepare("PRAGMA quick_check(10)");
  if (!stmt.ok()) return stmt.status();
  std::vector<std::string> problems;
  while (true) {
    absl::StatusOr<bool> row = stmt->Step();
    if (!row.ok() && row.status().code() == absl::StatusCode::kDataLoss) {
      return sqlite::DamagedDatabase(
          db.path(), absl::StrCat("quick_check: ", db.last_error_message()));
    }
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string line = stmt->ColumnText(0);
    if (line != "ok") problems.push_back(std::move(line));
  }
  if (problems.empty()) return absl::OkStatus();
  return sqlite::DamagedDatabase(
      db.path(), absl::StrCat("quick_check: ", absl::StrJoin(problems, "; ")));
}

}  // namespace speakers
