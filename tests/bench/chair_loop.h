#ifndef SPEAKERS_TESTS_BENCH_CHAIR_LOOP_H_
#define SPEAKERS_TESTS_BENCH_CHAIR_LOOP_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "speakers/v1/speakers.pb.h"
#include "tests/bench/floor_client.h"

namespace speakers::bench {

// The chair's edits of a long list, one at a time: Move (an entry to the
// front) and Swap (an exchange of two entries) in turn, over entries that
// are on the list, so that every command is accepted, changes the order
// and leaves the list as long as it was (each update carries the whole
// list).
class ChairLoop {
 public:
  // `client` (the chair's or the secretariat's) must outlive the loop;
  // `on_list`: delegation codes with an entry on `list` (at least 3).
  ChairLoop(FloorClient* client, const v1::ListRef& list,
            std::vector<std::string> on_list);

  // One command (the first call also reads the list, untimed); its round
  // trip (unary call to reply: the server applies
  // it and commits it durably before replying) when it was accepted.
  grpc::Status Issue(absl::Duration* rtt);

  // The version the last accepted command made (0: none yet).
  uint64_t version() const { return version_; }

 private:
  FloorClient* const client_;
  const v1::ListRef list_;
  const std::vector<std::string> on_list_;
  bool primed_ = false;
  std::string front_;  // the delegation in front, as far as we know
  uint64_t round_ = 0;
  uint64_t version_ = 0;
};

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_CHAIR_LOOP_H_
