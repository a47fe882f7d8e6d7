#include "server/storage/statement.h"

#include <sqlite3.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "server/storage/database.h"

namespace speakers::sqlite {

Statement::Statement(const Database* db, sqlite3_stmt* stmt)
    : db_(db), stmt_(stmt) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      bind_status_(std::move(other.bind_status_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_status_ = std::move(other.bind_status_);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::RecordBind(int rc, int index) {
  if (rc == SQLITE_OK || !bind_status_.ok()) return;
  bind_status_ = db_->Error(
      rc, absl::StrCat("binding parameter ", index, " of \"", sql(), "\""));
}

void Statement::BindInt64(int index, int64_t value) {
  RecordBind(sqlite3_bind_int64(stmt_, index, value), index);
}

void Statement::BindText(int index, absl::string_view value) {
  // data() of an empty string_view may be null, which SQLite would take for
  // NULL.
  RecordBind(
      sqlite3_bind_text64(stmt_, index, value.empty() ? "" : value.data(),
                          value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      index);
}

void Statement::BindBlob(int index, absl::string_view value) {
  if (value.empty()) {
    RecordBind(sqlite3_bind_zeroblob(stmt_, index, 0), index);
    return;
  }
  RecordBind(sqlite3_bind_blob64(stmt_, index, value.data(), value.size(),
                                 SQLITE_TRANSIENT),
             index);
}

void Statement::BindNull(int index) {
  RecordBind(sqlite3_bind_null(stmt_, index), index);
}

absl::StatusOr<bool> Statement::Step() {
  if (!bind_status_.ok()) {
    absl::Status status = std::move(bind_status_);
    Reset();
    return status;
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  absl::Status status = db_->Error(rc, absl::StrCat("running \"", sql(), "\""));
  sqlite3_reset(stmt_);
  return status;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_status_ = absl::OkStatus();
}

int64_t Statement::ColumnInt64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  const int size =
      sqlite3_column_bytes(stmt_, column);  // after _text: the UTF-8 size
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(size));
}

std::string Statement::ColumnBlob(int column) const {
  const void* blob = sqlite3_column_blob(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (blob == nullptr) return std::string();
  return std::string(static_cast<const char*>(blob), static_cast<size_t>(size));
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }

std::string Statement::sql() const {
  const char* text = sqlite3_sql(stmt_);
  return text == nullptr ? std::string() : std::string(text);
}

}  // namespace speakers::sqlite
