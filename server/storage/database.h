#ifndef SPEAKERS_SERVER_STORAGE_DATABASE_H_
#define SPEAKERS_SERVER_STORAGE_DATABASE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/storage/statement.h"

struct sqlite3;

namespace speakers::sqlite {

// One SQLite connection, closed by the destructor. Errors come back as
// absl::Status (see sqlite_status.h), naming the file.
//
// Thread-compatible: one thread at a time (the connection is opened without
// SQLite's own mutex; the owner serializes).
class Database {
 public:
  enum class Mode {
    kReadWriteCreate,  // creates the file if missing
    kReadWrite,        // the file must exist
    kReadOnly,
  };

  // Opens the SQLite file at `path`, with extended result codes. UNAVAILABLE
  // when it cannot be opened (missing directory, permissions, ...). SQLite
  // reads the file lazily: a damaged file is reported by the first
  // statement, not here.
  static absl::StatusOr<std::unique_ptr<Database>> Open(
      const std::string& path, Mode mode = Mode::kReadWriteCreate);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  const std::string& path() const { return path_; }
  // The raw handle, for the SQLite calls this class does not wrap (backup).
  sqlite3* handle() const { return db_; }

  // Compiles one SQL statement. INTERNAL for SQL errors (a bug), DATA_LOSS
  // when compiling reads a damaged schema. The statement must not outlive
  // this database.
  absl::StatusOr<Statement> Prepare(absl::string_view sql) const;

  // Runs `sql` (one or more statements; rows are discarded).
  absl::Status Execute(const std::string& sql) const;

  // Runs a statement that yields one value (a PRAGMA, a count) and returns
  // the first column of its first row. INTERNAL when it yields no row.
  absl::StatusOr<int64_t> QueryInt(absl::string_view sql) const;
  absl::StatusOr<std::string> QueryText(absl::string_view sql) const;

  // The status for result code `rc` of the latest call on this connection,
  // with SQLite's message and errno; `doing` says what failed.
  absl::Status Error(int rc, absl::string_view doing) const;

  // The extended result code of the latest failed call (SQLITE_BUSY,
  // SQLITE_CONSTRAINT_UNIQUE, ...), to tell apart errors with one status code.
  int last_error_code() const;
  // SQLite's message for it ("database disk image is malformed").
  std::string last_error_message() const;

  // Whether a transaction is open (SQLite is not in autocommit mode).
  bool InTransaction() const;

 private:
  Database(std::string path, sqlite3* db);

  std::string path_;
  sqlite3* db_;
};

}  // namespace speakers::sqlite

#endif  // SPEAKERS_SERVER_STORAGE_DATABASE_H_
