#ifndef SPEAKERS_SERVER_STORAGE_ONLINE_BACKUP_H_
#define SPEAKERS_SERVER_STORAGE_ONLINE_BACKUP_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/storage/database.h"

namespace speakers {

// What a backup copied.
struct BackupResult {
  int64_t pages = 0;
  int64_t bytes = 0;  // pages * page size: the size of the backup file
};

// Copies the database open on `source` to a new file `destination` with
// SQLite's online backup API, a few hundred pages per step. Each step holds
// `mu` (the mutex that guards `source`); between steps the owner may write
// through `source`, and those writes reach the copy too, so the copy is
// consistent as of the end. The copy is synced to disk, with its directory.
//
// ALREADY_EXISTS when `destination` exists: it is never overwritten (the
// check and the creation are one step). UNAVAILABLE when it cannot be
// created or written, DATA_LOSS when the source is damaged; on any error the
// partial copy is removed.
absl::StatusOr<BackupResult> OnlineBackup(const sqlite::Database& source,
                                          absl::Mutex* mu,
                                          const std::string& destination);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_STORAGE_ONLINE_BACKUP_H_
