#include <sqlite3.h>

#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "server/storage/database.h"
#include "server/storage/sqlite_status.h"
#include "server/storage/statement.h"
#include "server/storage/transaction.h"
#include "tests/storage/storage_test_util.h"

namespace speakers::sqlite {
namespace {

using ::speakers::testing::TempDir;

TEST(ErrorStatusTest, MapsResultCodesToStatusCodes) {
  const struct {
    int rc;
    absl::StatusCode code;
  } cases[] = {
      {SQLITE_CORRUPT, absl::StatusCode::kDataLoss},
      {SQLITE_CORRUPT_INDEX, absl::StatusCode::kDataLoss},
      {SQLITE_NOTADB, absl::StatusCode::kDataLoss},
      {SQLITE_FULL, absl::StatusCode::kUnavailable},
      {SQLITE_IOERR_FSYNC, absl::StatusCode::kUnavailable},
      {SQLITE_IOERR_WRITE, absl::StatusCode::kUnavailable},
      {SQLITE_CANTOPEN, absl::StatusCode::kUnavailable},
      {SQLITE_READONLY, absl::StatusCode::kUnavailable},
      {SQLITE_BUSY, absl::StatusCode::kUnavailable},
      {SQLITE_LOCKED, absl::StatusCode::kUnavailable},
      {SQLITE_CONSTRAINT_UNIQUE, absl::StatusCode::kAlreadyExists},
      {SQLITE_CONSTRAINT_PRIMARYKEY, absl::StatusCode::kAlreadyExists},
      {SQLITE_CONSTRAINT_NOTNULL, absl::StatusCode::kInvalidArgument},
      {SQLITE_TOOBIG, absl::StatusCode::kInvalidArgument},
      {SQLITE_NOMEM, absl::StatusCode::kResourceExhausted},
      {SQLITE_INTERRUPT, absl::StatusCode::kCancelled},
      {SQLITE_MISUSE, absl::StatusCode::kInternal},
      {SQLITE_RANGE, absl::StatusCode::kInternal},
      {SQLITE_ERROR, absl::StatusCode::kInternal},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ErrorStatus(c.rc, "", 0, "/data/log.db", "testing").code(),
              c.code)
        << sqlite3_errstr(c.rc);
  }
}

TEST(ErrorStatusTest, MessagesSayWhatHappenedAndWhatToDo) {
  EXPECT_EQ(ErrorStatus(SQLITE_CORRUPT, "database disk image is malformed", 0,
                        "/data/log.db", "reading the log")
                .message(),
            "the database file /data/log.db is damaged (reading the log: "
            "database disk image is "
            "malformed); restore it from a backup (speakers backup) or move it "
            "away to start "
            "empty — it is never reset silently");
  EXPECT_EQ(ErrorStatus(SQLITE_FULL, "database or disk is full", 0,
                        "/data/log.db", "appending")
                .message(),
            "the disk holding /data/log.db is full (appending: database or "
            "disk is full); free "
            "some space, then retry");
  EXPECT_EQ(ErrorStatus(SQLITE_IOERR_FSYNC, "disk I/O error", EIO,
                        "/data/log.db", "committing")
                .message(),
            "I/O error on /data/log.db (committing: disk I/O error: "
            "Input/output error); check "
            "the disk, then retry");
  // Without SQLite's message, the generic text for the code.
  EXPECT_EQ(ErrorStatus(SQLITE_MISUSE, "", 0, "x.db", "stepping").message(),
            "SQLite refused a request on x.db (stepping: bad parameter or "
            "other API misuse); "
            "this is a bug in speakers");
}

TEST(DatabaseTest, OpeningInAMissingDirectoryIsUnavailable) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(dir.File("missing/x.db"));
  ASSERT_EQ(db.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(db.status().message(),
            "cannot open " + dir.File("missing/x.db") +
                " (opening: unable to open database file: No such file or "
                "directory); its "
                "directory must exist and be writable by the server");
}

TEST(DatabaseTest, ReadOnlyModeDoesNotCreate) {
  TempDir dir;
  EXPECT_EQ(Database::Open(dir.File("x.db"), Database::Mode::kReadOnly)
                .status()
                .code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(Database::Open(dir.File("x.db"), Database::Mode::kReadWrite)
                .status()
                .code(),
            absl::StatusCode::kUnavailable);
  EXPECT_FALSE(std::filesystem::exists(dir.File("x.db")));
}

TEST(DatabaseTest, BadSqlIsInternal) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(dir.File("x.db"));
  ASSERT_TRUE(db.ok()) << db.status();
  absl::StatusOr<Statement> stmt = (*db)->Prepare("SELEKT 1");
  ASSERT_EQ(stmt.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(stmt.status().message(),
            "SQLite refused a request on " + dir.File("x.db") +
                " (preparing \"SELEKT 1\": near \"SELEKT\": syntax error); "
                "this is a bug in "
                "speakers");
  EXPECT_EQ((*db)->Prepare("").status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ((*db)->Execute("CREATE TABLE").code(), absl::StatusCode::kInternal);
  EXPECT_EQ((*db)->QueryInt("SELECT 1 WHERE 0").status().code(),
            absl::StatusCode::kInternal);
}

TEST(DatabaseTest, RandomBytesAreDataLossOnFirstRead) {
  TempDir dir;
  std::string bytes(4096, '\0');
  for (size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<char>(i * 7919 % 251);
  speakers::testing::WriteFileBytes(dir.File("x.db"), bytes);
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(dir.File("x.db"));
  ASSERT_TRUE(db.ok()) << db.status();  // SQLite reads lazily
  absl::StatusOr<int64_t> count = (*db)->QueryInt("PRAGMA page_count");
  EXPECT_EQ(count.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ((*db)->last_error_code(), SQLITE_NOTADB);
}

TEST(StatementTest, RoundTripsEveryByteAndExtremeIntegers) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(dir.File("x.db"));
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE(
      (*db)
          ->Execute("CREATE TABLE t(i INTEGER, s TEXT, b BLOB, e BLOB, n)")
          .ok());
  absl::StatusOr<Statement> insert =
      (*db)->Prepare("INSERT INTO t VALUES(?1, ?2, ?3, ?4, ?5)");
  ASSERT_TRUE(insert.ok()) << insert.status();
  const std::string text = std::string("a\0b", 3) + " — Côte d’Ivoire, 中国";
  const std::string blob("\0\1\2\xff\0", 5);
  for (int64_t value : {std::numeric_limits<int64_t>::min(), int64_t{0},
                        std::numeric_limits<int64_t>::max()}) {
    insert->BindInt64(1, value);
    insert->BindText(2, text);
    insert->BindBlob(3, blob);
    insert->BindBlob(4, "");
    insert->BindNull(5);
    absl::StatusOr<bool> row = insert->Step();
    ASSERT_TRUE(row.ok()) << row.status();
    EXPECT_FALSE(*row);
    insert->Reset();
  }
  absl::StatusOr<Statement> select = (*db)->Prepare(
      "SELECT i, s, b, e, n, typeof(e), typeof(n) FROM t ORDER BY i");
  ASSERT_TRUE(select.ok()) << select.status();
  EXPECT_EQ(select->column_count(), 7);
  int64_t expected[] = {std::numeric_limits<int64_t>::min(), 0,
                        std::numeric_limits<int64_t>::max()};
  for (int64_t value : expected) {
    absl::StatusOr<bool> row = select->Step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ(select->ColumnInt64(0), value);
    EXPECT_EQ(select->ColumnText(1), text);
    EXPECT_EQ(select->ColumnBlob(2), blob);
    EXPECT_EQ(select->ColumnBlob(3), "");
    EXPECT_FALSE(select->ColumnIsNull(3));
    EXPECT_TRUE(select->ColumnIsNull(4));
    EXPECT_EQ(select->ColumnText(5), "blob");
    EXPECT_EQ(select->ColumnText(6), "null");
  }
  absl::StatusOr<bool> row = select->Step();
  ASSERT_TRUE(row.ok());
  EXPECT_FALSE(*row);
}

TEST(StatementTest, ABindingErrorIsReportedByStepAndClearedByReset) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(dir.File("x.db"));
  ASSERT_TRUE(db.ok()) << db.status();
  absl::StatusOr<Statement> stmt = (*db)->Prepare("SELECT ?1 + 1");
  ASSERT_TRUE(stmt.ok()) << stmt.status();
  stmt->BindInt64(3, 1);  // no parameter 3
  stmt->BindInt64(1, 41);
  absl::StatusOr<bool> row = stmt->Step();
  ASSERT_EQ(row.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(row.status().message(),
            "SQLite refused a request on " + dir.File("x.db") +
                " (binding parameter 3 of \"SELECT ?1 + 1\": column index out "
                "of range); this is "
                "a bug in speakers");
  stmt->BindInt64(1, 41);
  row = stmt->Step();
  ASSERT_TRUE(row.ok()) << row.status();
  EXPECT_TRUE(*row);
  EXPECT_EQ(stmt->ColumnInt64(0), 42);
}

TEST(TransactionTest, RollsBackUnlessCommitted) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(dir.File("x.db"));
  ASSERT_TRUE(db.ok()) << db.status();
  Database& database = **db;
  ASSERT_TRUE(database.Execute("CREATE TABLE t(x)").ok());
  {
    absl::StatusOr<Transaction> txn = Transaction::Begin(&database);
    ASSERT_TRUE(txn.ok()) << txn.status();
    ASSERT_TRUE(database.Execute("INSERT INTO t VALUES(1)").ok());
    EXPECT_TRUE(database.InTransaction());
    // Transactions do not nest.
    EXPECT_EQ(Transaction::Begin(&database).status().code(),
              absl::StatusCode::kInternal);
  }  // destroyed without Commit
  EXPECT_FALSE(database.InTransaction());
  EXPECT_EQ(*database.QueryInt("SELECT count(*) FROM t"), 0);

  absl::StatusOr<Transaction> txn =
      Transaction::Begin(&database, Transaction::Mode::kDeferred);
  ASSERT_TRUE(txn.ok()) << txn.status();
  ASSERT_TRUE(database.Execute("INSERT INTO t VALUES(2)").ok());
  Transaction moved = *std::move(txn);
  EXPECT_TRUE(moved.Commit().ok());
  EXPECT_EQ(moved.Commit().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(moved.Rollback().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(*database.QueryInt("SELECT count(*) FROM t"), 1);

  absl::StatusOr<Transaction> discarded =
      Transaction::Begin(&database, Transaction::Mode::kExclusive);
  ASSERT_TRUE(discarded.ok()) << discarded.status();
  ASSERT_TRUE(database.Execute("INSERT INTO t VALUES(3)").ok());
  EXPECT_TRUE(discarded->Rollback().ok());
  EXPECT_EQ(*database.QueryInt("SELECT count(*) FROM t"), 1);
}

TEST(TransactionTest, AFailedCommitLeavesNothing) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(dir.File("x.db"));
  ASSERT_TRUE(db.ok()) << db.status();
  Database& database = **db;
  ASSERT_TRUE(database
                  .Execute("PRAGMA foreign_keys = ON; CREATE TABLE p(id "
                           "INTEGER PRIMARY KEY);"
                           "CREATE TABLE c(p REFERENCES p(id) DEFERRABLE "
                           "INITIALLY DEFERRED)")
                  .ok());
  absl::StatusOr<Transaction> txn = Transaction::Begin(&database);
  ASSERT_TRUE(txn.ok()) << txn.status();
  ASSERT_TRUE(
      database.Execute("INSERT INTO c VALUES(7)").ok());  // checked at COMMIT
  absl::Status status = txn->Commit();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_FALSE(database.InTransaction());
  EXPECT_EQ(*database.QueryInt("SELECT count(*) FROM c"), 0);
}

}  // namespace
}  // namespace speakers::sqlite
