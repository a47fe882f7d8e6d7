#ifndef SPEAKERS_SERVER_APP_REQUEST_LEDGER_H_
#define SPEAKERS_SERVER_APP_REQUEST_LEDGER_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {

// The requests a meeting has seen, by (actor, request id), so that a
// client's retry gets the first reply instead of a second application, and
// a request id reused for a different request is told apart (by its
// digest, see RequestDigest). The replies of the latest `remembered`
// requests are kept; for older ones only the digest, and their reply is
// read back from the log. Not thread-safe: the meeting's runner holds its
// lock around every call.
class RequestLedger {
 public:
  using Done = std::function<void(absl::StatusOr<v1::CommandReply>)>;

  explicit RequestLedger(size_t remembered = 10000) : remembered_(remembered) {}

  // The key of a request: "actor|request_id".
  static std::string Key(absl::string_view actor, absl::string_view request_id);

  struct Known {
    uint64_t digest = 0;  // 0: unknown (a record of speakers 0.1)
    bool durable = false;
    std::optional<v1::CommandReply> reply;  // nullopt: only in the log
    std::vector<Done> waiting;              // retries waiting for the commit
  };
  // The request `key`, or nullptr if never seen (or forgotten after its
  // commit failed).
  Known* Find(const std::string& key);

  // A request just applied, not yet durable.
  void Pending(const std::string& key, uint64_t digest, v1::CommandReply reply);
  // Its commit finished: durable when `ok`, else forgotten. Returns the
  // retries that waited for it.
  std::vector<Done> Committed(const std::string& key, bool ok);
  // A request found in the log at recovery, with its reply, or nullopt
  // for one older than the latest `remembered` (its reply stays in the
  // log).
  void Recovered(const std::string& key, uint64_t digest,
                 std::optional<v1::CommandReply> reply);

  size_t size() const { return known_.size(); }

 private:
  void Trim();

  const size_t remembered_;
  absl::flat_hash_map<std::string, Known> known_;
  std::deque<std::string>
      with_reply_;  // keys whose reply is kept, oldest first
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_REQUEST_LEDGER_H_
