#ifndef SPEAKERS_SERVER_STORAGE_WAL_SCAN_H_
#define SPEAKERS_SERVER_STORAGE_WAL_SCAN_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace speakers {

// What an SQLite write-ahead log holds, read the way SQLite's recovery reads
// it (header and frame checksums, salts), before SQLite opens the database.
// SQLite stops at the first frame that does not check and silently drops
// it and everything after: right for a transaction that was being written
// when the process died (never acknowledged), wrong for a byte changed
// later in a frame that committed transactions follow. ScanWal tells the
// two apart: frames after the bad one that still check against its stored
// checksum, up to a commit, were written whole after it, so it was damaged
// after the fact.
struct WalScan {
  uint64_t bytes = 0;    // the file's size (0: no WAL)
  uint64_t frames = 0;   // frames SQLite will apply (to the last commit)
  uint64_t commits = 0;  // of which commit frames: transactions
  uint64_t discarded_bytes = 0;  // after them, of this generation: an
                                 // unfinished transaction, discarded
};

// Scans the WAL at `wal_path` (a missing file is an empty scan).
// DATA_LOSS naming the frame when committed transactions would be dropped:
// a damaged header before frames, or a bad frame followed by a commit that
// checks. UNAVAILABLE when it cannot be read.
absl::StatusOr<WalScan> ScanWal(const std::string& wal_path);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_STORAGE_WAL_SCAN_H_
