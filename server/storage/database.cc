#include "server/storage/database.h"

#include <sqlite3.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "server/storage/sqlite_status.h"

namespace speakers::sqlite {

absl::StatusOr<std::unique_ptr<Database>> Database::Open(
    const std::string& path, Mode mode) {
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  switch (mode) {
    case Mode::kReadWriteCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
    case Mode::kReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::kReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    // SQLite allocates a handle even when opening fails (except without
    // memory).
    absl::Status status =
        db == nullptr ? ErrorStatus(rc, "", 0, path, "opening")
                      : ErrorStatus(rc, sqlite3_errmsg(db),
                                    sqlite3_system_errno(db), path, "opening");
    sqlite3_close_v2(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Database>(new Database(path, db));
}

Database::Database(std::string path, sqlite3* db)
    : path_(std::move(path)), db_(db) {}

Database::~Database() { sqlite3_close_v2(db_); }

absl::StatusOr<Statement> Database::Prepare(absl::string_view sql) const {
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return Error(rc, absl::StrCat("preparing \"", sql, "\""));
  }
  if (stmt == nullptr) {
    return absl::InternalError(
        absl::StrCat("no SQL statement in \"", sql, "\""));
  }
  return Statement(this, stmt);
}

absl::Status Database::Execute(const std::string& sql) const {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return Error(rc, absl::StrCat("running \"", sql, "\""));
  return absl::OkStatus();
}

absl::StatusOr<int64_t> Database::QueryInt(absl::string_view sql) const {
  absl::StatusOr<Statement> stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  absl::StatusOr<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row)
    return absl::InternalError(absl::StrCat("\"", sql, "\" returned no row"));
  return stmt->ColumnInt64(0);
}

absl::StatusOr<std::string> Database::QueryText(absl::string_view sql) const {
  absl::StatusOr<Statement> stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  absl::StatusOr<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row)
    return absl::InternalError(absl::StrCat("\"", sql, "\" returned no row"));
  return stmt->ColumnText(0);
}

absl::Status Database::Error(int rc, absl::string_view doing) const {
  return ErrorStatus(rc, sqlite3_errmsg(db_), sqlite3_system_errno(db_), path_,
                     doing);
}

int Database::last_error_code() const { return sqlite3_extended_errcode(db_); }

std::string Database::last_error_message() const { return sqlite3_errmsg(db_); }

bool Database::InTransaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

}  // namespace speakers::sqlite
