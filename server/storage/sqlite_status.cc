#include "server/storage/sqlite_status.h"

#include <sqlite3.h>

#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"

namespace speakers::sqlite {
namespace {

// "database disk image is malformed" or, with an errno, "disk I/O error:
// No space left on device".
std::string Describe(int rc, absl::string_view detail, int system_error) {
  std::string text(detail.empty() ? sqlite3_errstr(rc) : detail);
  if (system_error != 0)
    absl::StrAppend(&text, ": ", std::strerror(system_error));
  return text;
}

}  // namespace

absl::Status DamagedDatabase(absl::string_view path, absl::string_view what) {
  return absl::DataLossError(
      absl::StrCat("the database file ", path, " is damaged (", what,
                   "); restore it from a backup (speakers backup) or move it "
                   "away to start empty"
                   " — it is never reset silently"));
}

absl::Status ErrorStatus(int rc, absl::string_view detail, int system_error,
                         absl::string_view path, absl::string_view doing) {
  const std::string what =
      absl::StrCat(doing, ": ", Describe(rc, detail, system_error));
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
      return DamagedDatabase(path, what);
    case SQLITE_FULL:
      return absl::UnavailableError(
          absl::StrCat("the disk holding ", path, " is full (", what,
                       "); free some space, then retry"));
    case SQLITE_IOERR:
    case SQLITE_PROTOCOL:
      return absl::UnavailableError(absl::StrCat(
          "I/O error on ", path, " (", what, "); check the disk, then retry"));
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return absl::UnavailableError(absl::StrCat(
          "cannot open ", path, " (", what,
          "); its directory must exist and be writable by the server"));
    case SQLITE_READONLY:
      return absl::UnavailableError(absl::StrCat(
          "cannot write to ", path, " (", what,
          "); the file and its directory must be writable by the server"));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(absl::StrCat(
          path, " is locked by another connection (", what, "); retry later"));
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE ||
          rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(
            absl::StrCat("already in ", path, " (", what, ")"));
      }
      return absl::InvalidArgumentError(
          absl::StrCat("refused by ", path, " (", what, ")"));
    case SQLITE_TOOBIG:
      return absl::InvalidArgumentError(absl::StrCat(
          "a value is too big to store in ", path, " (", what, ")"));
    case SQLITE_NOMEM:
      return absl::ResourceExhaustedError(
          absl::StrCat("out of memory working on ", path, " (", what, ")"));
    case SQLITE_INTERRUPT:
      return absl::CancelledError(
          absl::StrCat("interrupted working on ", path, " (", what, ")"));
    default:
      return absl::InternalError(absl::StrCat("SQLite refused a request on ",
                                              path, " (", what,
                                              "); this is a bug in speakers"));
  }
}

}  // namespace speakers::sqlite
