#ifndef SPEAKERS_SERVER_STORAGE_SQLITE_STATUS_H_
#define SPEAKERS_SERVER_STORAGE_SQLITE_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace speakers::sqlite {

// Turns an SQLite result code into a status a person can act on. `rc` is a
// primary or extended result code other than SQLITE_OK/ROW/DONE; `detail`
// is SQLite's message (sqlite3_errmsg) and `system_error` the errno behind
// an I/O error (0: none); `path` names the database file and `doing` says
// what failed ("appending 3 records").
//
//   SQLITE_CORRUPT, NOTADB, FORMAT   -> DATA_LOSS (restore or move away)
//   SQLITE_FULL, IOERR, CANTOPEN,
//     READONLY, PERM, PROTOCOL       -> UNAVAILABLE (fix the disk, retry)
//   SQLITE_BUSY, LOCKED              -> UNAVAILABLE (another connection)
//   SQLITE_CONSTRAINT (unique key)   -> ALREADY_EXISTS
//   SQLITE_CONSTRAINT (other)        -> INVALID_ARGUMENT
//   SQLITE_TOOBIG                    -> INVALID_ARGUMENT
//   SQLITE_NOMEM                     -> RESOURCE_EXHAUSTED
//   SQLITE_INTERRUPT                 -> CANCELLED
//   anything else (MISUSE, ERROR...) -> INTERNAL (a bug in speakers)
absl::Status ErrorStatus(int rc, absl::string_view detail, int system_error,
                         absl::string_view path, absl::string_view doing);

// The DATA_LOSS status for a damaged database file: what is wrong (`what`)
// and what to do, with the promise that it is never reset silently.
absl::Status DamagedDatabase(absl::string_view path, absl::string_view what);

}  // namespace speakers::sqlite

#endif  // SPEAKERS_SERVER_STORAGE_SQLITE_STATUS_H_
