#ifndef SPEAKERS_SERVER_APP_AUDIT_EXPORT_H_
#define SPEAKERS_SERVER_APP_AUDIT_EXPORT_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/domain/command_log.h"
#include "server/domain/session.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {

// The record of a meeting (or one of its lists) from the command log: one
// row per event of every acknowledged command, in order — version, server
// time (UTC and local), who made the change, what happened, the delegation,
// receipt number and time, duration (a speech's actual length, time added,
// a new limit), position, the sentence for people, and the record's number
// and link in the log's checksum chain (chain_head: the last one's).
// `item` empty: all the meeting's lists. CSV (RFC 4180, header row) or a
// JSON array.
//
// DATA_LOSS when a stored reply does not parse.
absl::StatusOr<v1::AuditExport> ExportAudit(const CommandLog& log,
                                            const Session& session,
                                            const std::string& meeting,
                                            const std::string& item,
                                            v1::AuditFormat format);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_AUDIT_EXPORT_H_
