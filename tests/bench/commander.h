#ifndef SPEAKERS_TESTS_BENCH_COMMANDER_H_
#define SPEAKERS_TESTS_BENCH_COMMANDER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/bench/watch_client.h"

namespace speakers::bench {

// Issues the commands whose updates the watchers time, one at a time,
// over its own channel; each publishes exactly one update.
class Commander {
 public:
  virtual ~Commander() = default;

  // One-time preparation, before the watchers open.
  virtual absl::Status Setup() = 0;

  // The version of the update the next Issue() publishes.
  virtual uint64_t NextVersion() const = 0;

  // Issues one command and returns its round-trip time (unary call).
  virtual absl::StatusOr<absl::Duration> Issue() = 0;

  // The Watch stream that carries the updates.
  virtual WatchTarget Target() const = 0;
};

// The chair of the plenary on a speakers-server at `address`. Setup opens
// the meeting, makes item 1 (f) current and adds the session's delegations
// in order to its list (AddSpeaker: the chair bypasses the list's 2017
// closing time) until it is one short of `entries`. The first Issue adds
// the last one (one inscription on a full list: the warm-up update); each
// later one swaps two neighbours, so every update is a typical Change (one
// event and, today, the whole list).
std::unique_ptr<Commander> NewChairCommander(const std::string& address,
                                             const std::string& chair_token,
                                             int entries);

// Broadcasts on the bare server at `address`, each Blob carrying
// `payload_bytes` bytes of payload.
std::unique_ptr<Commander> NewBareCommander(const std::string& address,
                                            size_t payload_bytes);

// The payload size that makes a serialized Blob (with its header) about
// `message_bytes` long, as the speakers update it stands for.
size_t BarePayloadFor(size_t message_bytes);

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_COMMANDER_H_
