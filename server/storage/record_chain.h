#ifndef SPEAKERS_SERVER_STORAGE_RECORD_CHAIN_H_
#define SPEAKERS_SERVER_STORAGE_RECORD_CHAIN_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "server/domain/command_log.h"

namespace speakers {

// The checksum chain of a command log: every record carries a link, the
// SHA-256 of the previous record's link and of every field of the record
// (sequence, meeting, version, at, actor, request id, kind, payload,
// reply), each length-prefixed. The first record follows the log's genesis
// link, made from the log's identity. A changed byte anywhere, a record
// missing from the middle or records in another order break the chain at
// the first record concerned; and the head (the last link) names the whole
// log up to it, so that a printed record can be checked against it later.
// Every log engine computes the same links.
class RecordChain {
 public:
  static constexpr size_t kLinkBytes = 32;

  // The link before the first record of the log `log_id`.
  static std::string Genesis(absl::string_view log_id);
  // The link of `record` after `previous` (record.chain is ignored).
  static std::string Next(absl::string_view previous,
                          const LoggedCommand& record) {
    return Next(previous, record, record.sequence);
  }
  // The same, as if record.sequence were `sequence` (before Append has set
  // it).
  static std::string Next(absl::string_view previous,
                          const LoggedCommand& record, uint64_t sequence);
  // A link as 64 lower-case hex digits (for messages and the audit).
  static std::string Hex(absl::string_view link);
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_STORAGE_RECORD_CHAIN_H_
