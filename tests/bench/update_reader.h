#ifndef SPEAKERS_TESTS_BENCH_UPDATE_READER_H_
#define SPEAKERS_TESTS_BENCH_UPDATE_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "speakers/v1/speakers.grpc.pb.h"

namespace speakers::bench {

// One Watch stream of a meeting that reads every update on its own thread
// (a room display that keeps up), keeping counts and sizes.
class UpdateReader {
 public:
  // What it has seen so far.
  struct Seen {
    int64_t updates = 0;           // messages of every kind
    int64_t snapshots = 0;         // the first, and any resync
    uint64_t version = 0;          // of the latest message
    size_t last_change_bytes = 0;  // serialized size of the latest Delta
    // The latest Delta parsed, in memory (Message::SpaceUsedLong): what a
    // process holding that message as a protobuf object spends on it.
    size_t last_change_space = 0;
    size_t max_bytes = 0;    // of the largest message
    size_t first_bytes = 0;  // of the first message (a snapshot)
    bool ended = false;
    std::string end_status;  // when ended
  };

  // Opens Watch(meeting) at `address` on a channel of its own, with
  // `token` ("" for none), and starts reading.
  UpdateReader(const std::string& address, const std::string& token,
               const std::string& meeting);
  ~UpdateReader();  // Close()

  UpdateReader(const UpdateReader&) = delete;
  UpdateReader& operator=(const UpdateReader&) = delete;

  // A copy of the counts so far.
  Seen seen() const;

  // Waits up to `timeout` for a message at `version` or later (0: for the
  // first message); false if none came (or the stream ended).
  bool WaitFor(uint64_t version, absl::Duration timeout);

  // Cancels the stream and joins the thread. Idempotent.
  void Close();

 private:
  void Loop();

  std::unique_ptr<v1::Speakers::Stub> stub_;
  grpc::ClientContext context_;
  v1::WatchRequest request_;
  std::thread thread_;
  bool closed_ = false;

  mutable absl::Mutex mu_;
  Seen seen_ ABSL_GUARDED_BY(mu_);
};

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_UPDATE_READER_H_
