#include "tests/bench/flooder.h"

#include "absl/time/clock.h"
#include "tests/bench/floor_client.h"

namespace speakers::bench {

Flooder::Flooder(const std::string& address, const std::string& token,
                 const v1::ListRef& list, const std::string& delegation,
                 int threads)
    : address_(address),
      token_(token),
      list_(list),
      delegation_(delegation),
      start_(absl::Now()) {
  for (int i = 0; i < threads; ++i)
    threads_.emplace_back([this, i] { Loop(i); });
}

Flooder::~Flooder() { Stop(); }

Flooder::Tally Flooder::Stop() {
  if (stopped_) return final_;
  stopped_ = true;
  stop_.store(true);
  for (std::thread& t : threads_) t.join();
  absl::MutexLock lock(&mu_);
  final_ = tally_;
  final_.elapsed = absl::Now() - start_;
  return final_;
}

void Flooder::Loop(int index) {
  FloorClient client(address_, token_, 1000 + index);
  v1::InscribeRequest inscribe;
  *inscribe.mutable_list() = list_;
  inscribe.set_delegation(delegation_);
  inscribe.mutable_speaker()->set_name("Flood speaker");
  v1::DelegationCommand withdraw;
  *withdraw.mutable_list() = list_;
  withdraw.set_delegation(delegation_);
  Tally mine;
  for (int64_t i = 0; !stop_.load(std::memory_order_relaxed); ++i) {
    const grpc::Status s =
        i % 2 == 0 ? client.Command(&v1::Speakers::Stub::Inscribe, inscribe)
                   : client.Command(&v1::Speakers::Stub::Withdraw, withdraw);
    ++mine.sent;
    if (s.ok()) {
      ++mine.accepted;
    } else {
      ++mine.refused[s.error_code()];
    }
  }
  absl::MutexLock lock(&mu_);
  tally_.sent += mine.sent;
  tally_.accepted += mine.accepted;
  for (const auto& [code, n] : mine.refused) tally_.refused[code] += n;
}

}  // namespace speakers::bench
