#include "server/storage/transaction.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace speakers::sqlite {

absl::StatusOr<Transaction> Transaction::Begin(Database* db, Mode mode) {
  if (db->InTransaction()) {
    return absl::InternalError(absl::StrCat("a transaction is already open on ",
                                            db->path(), "; they do not nest"));
  }
  const char* sql = "BEGIN";
  if (mode == Mode::kImmediate) sql = "BEGIN IMMEDIATE";
  if (mode == Mode::kExclusive) sql = "BEGIN EXCLUSIVE";
  absl::Status status = db->Execute(sql);
  if (!status.ok()) return status;
  return Transaction(db);
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
  if (db_ != nullptr && db_->InTransaction()) {
    // Nothing to report: a failed rollback leaves SQLite to roll back the
    // journal the next time the file is opened.
    db_->Execute("ROLLBACK").IgnoreError();
  }
}

absl::Status Transaction::Commit(int* sqlite_code) {
  if (db_ == nullptr)
    return absl::FailedPreconditionError("the transaction has already ended");
  absl::Status status = db_->Execute("COMMIT");
  if (sqlite_code != nullptr)
    *sqlite_code = status.ok() ? 0 : db_->last_error_code();
  if (!status.ok()) {
    // SQLite may have rolled back already; if not, do it now.
    if (db_->InTransaction()) db_->Execute("ROLLBACK").IgnoreError();
  }
  db_ = nullptr;
  return status;
}

absl::Status Transaction::Rollback() {
  if (db_ == nullptr)
    return absl::FailedPreconditionError("the transaction has already ended");
  Database* db = std::exchange(db_, nullptr);
  if (!db->InTransaction())
    return absl::OkStatus();  // SQLite already rolled back
  return db->Execute("ROLLBACK");
}

}  // namespace speakers::sqlite
