#ifndef SPEAKERS_TESTS_BENCH_FLOODER_H_
#define SPEAKERS_TESTS_BENCH_FLOODER_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::bench {

// One delegation's token sending Inscribe then Withdraw (of that
// delegation, on one list), back to back, as fast as the replies come,
// from several threads, each with its own connection.
class Flooder {
 public:
  // What the flood got, from Start to Stop.
  struct Tally {
    int64_t sent = 0;
    int64_t accepted = 0;                         // OK replies
    std::map<grpc::StatusCode, int64_t> refused;  // by code
    absl::Duration elapsed;
  };

  // Starts `threads` threads against `address` with `token` for
  // `delegation` on `list`.
  Flooder(const std::string& address, const std::string& token,
          const v1::ListRef& list, const std::string& delegation, int threads);
  ~Flooder();  // Stop()

  Flooder(const Flooder&) = delete;
  Flooder& operator=(const Flooder&) = delete;

  // Stops the threads (after their call in flight) and returns the tally.
  // Idempotent: later calls return the same tally.
  Tally Stop();

 private:
  void Loop(int index);

  const std::string address_;
  const std::string token_;
  const v1::ListRef list_;
  const std::string delegation_;
  const absl::Time start_;
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
  bool stopped_ = false;
  Tally final_;

  absl::Mutex mu_;
  Tally tally_ ABSL_GUARDED_BY(mu_);
};

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_FLOODER_H_
