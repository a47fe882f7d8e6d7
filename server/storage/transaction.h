#ifndef SPEAKERS_SERVER_STORAGE_TRANSACTION_H_
#define SPEAKERS_SERVER_STORAGE_TRANSACTION_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/storage/database.h"

namespace speakers::sqlite {

// A transaction that rolls back unless committed:
//
//   absl::StatusOr<Transaction> txn = Transaction::Begin(db);
//   if (!txn.ok()) return txn.status();
//   ... writes; on error just return: the destructor rolls back ...
//   return txn->Commit();
//
// Transactions do not nest. The database must outlive the transaction.
class Transaction {
 public:
  enum class Mode {
    kDeferred,   // BEGIN: locks on first read/write
    kImmediate,  // BEGIN IMMEDIATE: takes the write lock now
    kExclusive,  // BEGIN EXCLUSIVE
  };

  // Starts a transaction. UNAVAILABLE when the write lock is held by another
  // connection; INTERNAL when one is already open on `db`.
  static absl::StatusOr<Transaction> Begin(Database* db,
                                           Mode mode = Mode::kImmediate);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // Rolls back when neither Commit nor Rollback has run (or Commit failed).
  ~Transaction();

  // Makes the writes durable (as durable as PRAGMA synchronous says). On
  // error the transaction is rolled back in this connection, now or by the
  // destructor; `sqlite_code` (if given) receives SQLite's extended error
  // code of the failed COMMIT (a failed fsync may still leave the
  // transaction on disk: see SqliteCommandLog::Append).
  // FAILED_PRECONDITION when already ended.
  absl::Status Commit(int* sqlite_code = nullptr);

  // Discards the writes. FAILED_PRECONDITION when already ended.
  absl::Status Rollback();

 private:
  explicit Transaction(Database* db) : db_(db) {}

  Database* db_;  // null once ended or moved from
};

}  // namespace speakers::sqlite

#endif  // SPEAKERS_SERVER_STORAGE_TRANSACTION_H_
