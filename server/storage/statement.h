#ifndef SPEAKERS_SERVER_STORAGE_STATEMENT_H_
#define SPEAKERS_SERVER_STORAGE_STATEMENT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct sqlite3_stmt;

namespace speakers::sqlite {

class Database;

// A prepared statement, finalized by the destructor. Prepare it once, then
// for every use: Bind..., Step until it returns false, Reset.
//
// Binding never fails on its own: the first binding error is kept and
// returned by the next Step, so a sequence of binds needs one check.
// Parameters and columns are numbered as in SQLite: parameters from 1,
// columns from 0. Thread-compatible, like its Database.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds parameter `index`. Text and blobs are copied (any bytes,
  // including NUL); an empty blob is stored as an empty blob, not NULL.
  void BindInt64(int index, int64_t value);
  void BindText(int index, absl::string_view value);
  void BindBlob(int index, absl::string_view value);
  void BindNull(int index);

  // Runs the statement one step: true when a row is ready to be read with
  // Column..., false when it has finished. On error (including a binding
  // error) returns the status and resets the statement.
  absl::StatusOr<bool> Step();

  // Makes the statement ready to run again and clears its bindings and any
  // binding error. Ends the statement's read of the database: reset a
  // statement once done with it, so it does not pin the read snapshot.
  void Reset();

  // The columns of the current row. Text and blob values are returned with
  // all their bytes; NULL reads as 0 or "".
  int64_t ColumnInt64(int column) const;
  std::string ColumnText(int column) const;
  std::string ColumnBlob(int column) const;
  bool ColumnIsNull(int column) const;
  int column_count() const;

  // The SQL text, for messages.
  std::string sql() const;

 private:
  friend class Database;
  Statement(const Database* db, sqlite3_stmt* stmt);

  void RecordBind(int rc, int index);

  const Database* db_;
  sqlite3_stmt* stmt_;
  absl::Status bind_status_;
};

}  // namespace speakers::sqlite

#endif  // SPEAKERS_SERVER_STORAGE_STATEMENT_H_
