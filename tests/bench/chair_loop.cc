#include "tests/bench/chair_loop.h"

#include <utility>

#include "absl/time/clock.h"

namespace speakers::bench {

ChairLoop::ChairLoop(FloorClient* client, const v1::ListRef& list,
                     std::vector<std::string> on_list)
    : client_(client), list_(list), on_list_(std::move(on_list)) {}

grpc::Status ChairLoop::Issue(absl::Duration* rtt) {
  if (!primed_) {
    // Who is first now (untimed): a Move to where the entry already is
    // would be refused.
    v1::ListState state;
    const grpc::Status s =
        client_->Call(&v1::Speakers::Stub::GetList, list_, &state);
    if (!s.ok()) return s;
    if (state.waiting_size() > 0) front_ = state.waiting(0).delegation();
    primed_ = true;
  }
  const uint64_t n = on_list_.size();
  const uint64_t k = round_++;
  v1::CommandReply reply;
  grpc::Status status;
  absl::Time start;
  if (k % 2 == 0) {
    // A stride that walks the list; never the entry already in front.
    std::string code = on_list_[(k / 2 * 7 + 3) % n];
    if (code == front_) code = on_list_[(k / 2 * 7 + 4) % n];
    v1::MoveRequest move;
    *move.mutable_list() = list_;
    move.set_delegation(code);
    move.set_position(1);
    start = absl::Now();
    status = client_->Call(&v1::Speakers::Stub::Move, move, &reply);
    if (status.ok()) front_ = code;
  } else {
    const std::string& first = on_list_[(k * 13 + 1) % n];
    const std::string& second = on_list_[(k * 13 + 1 + n / 2) % n];
    v1::SwapRequest swap;
    *swap.mutable_list() = list_;
    swap.set_first(first);
    swap.set_second(second);
    start = absl::Now();
    status = client_->Call(&v1::Speakers::Stub::Swap, swap, &reply);
    if (status.ok() && front_ == first) {
      front_ = second;
    } else if (status.ok() && front_ == second) {
      front_ = first;
    }
  }
  *rtt = absl::Now() - start;
  if (status.ok()) version_ = reply.version();
  return status;
}

}  // namespace speakers::bench
