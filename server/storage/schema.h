#ifndef SPEAKERS_SERVER_STORAGE_SCHEMA_H_
#define SPEAKERS_SERVER_STORAGE_SCHEMA_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/storage/database.h"

namespace speakers {

// The schema of a command log file, version 2:
//   meta(key, value)        application = speakers, schema_version = 2,
//                           log_id = the log's identity (128 random bits)
//   commands(sequence, ..., chain)
//                           one row per LoggedCommand, UNIQUE(meeting,
//                           version); chain: its link (RecordChain)
//   snapshots(meeting, version, sequence, at_unix_nanos, state)
// plus PRAGMA user_version = 2 and application_id = "SPKR". A file of
// schema 1 (no chain, no identity) is migrated when opened.
inline constexpr int kLogSchemaVersion = 2;
inline constexpr int32_t kLogApplicationId = 0x53504b52;

// Sets up a freshly opened connection for the command log and holds the
// file: exclusive locking, WAL, synchronous=FULL, foreign keys. An empty
// file gets the schema (in one transaction); any other file must be a
// speakers log of this schema version and pass PRAGMA quick_check, and is
// not written to at all when it does not (DATA_LOSS, saying why and what to
// do). FAILED_PRECONDITION when another connection or process holds it.
absl::Status PrepareLogDatabase(sqlite::Database& db);

// The log's identity (meta log_id); DATA_LOSS when missing.
absl::StatusOr<std::string> LogId(const sqlite::Database& db);

// Runs PRAGMA quick_check over the whole file: OK, or DATA_LOSS listing the
// first problems found.
absl::Status QuickCheck(const sqlite::Database& db);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_STORAGE_SCHEMA_H_
