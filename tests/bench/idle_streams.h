#ifndef SPEAKERS_TESTS_BENCH_IDLE_STREAMS_H_
#define SPEAKERS_TESTS_BENCH_IDLE_STREAMS_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"

namespace speakers::bench {

// One stream to open: its serialized request and the token to send with
// it ("" for none).
struct IdleStreamSpec {
  std::string request;
  std::string token;
};

// Server streams that never read: each reads its first message (which
// tells that the server accepted it) and then nothing more, so the
// server's later writes pile up against HTTP/2 flow control like those of
// a stalled phone. A stream that ends before its first message was
// refused; its status code is counted. Streams are spread over channels,
// `per_conn` to a channel, each channel its own TCP connection.
class IdleStreamSet {
 public:
  // Opens one stream of `method` ("/speakers.v1.Speakers/Watch") at
  // `address` per spec, at most `window` of them awaiting their outcome at
  // a time, and returns once each is accepted or refused, or after
  // `timeout` (the rest count as pending).
  static std::unique_ptr<IdleStreamSet> Open(
      const std::string& address, const std::string& method,
      const std::vector<IdleStreamSpec>& specs, int per_conn,
      absl::Duration timeout, int window = 256);
  ~IdleStreamSet();  // Close()

  IdleStreamSet(const IdleStreamSet&) = delete;
  IdleStreamSet& operator=(const IdleStreamSet&) = delete;

  // Streams started (fewer than the specs when Open timed out) and the
  // connections they use.
  int size() const { return static_cast<int>(streams_.size()); }
  int connections() const { return static_cast<int>(channels_.size()); }
  // Streams that got their first message; streams that ended before it.
  int accepted() const;
  int refused() const;
  // Accepted streams that the server has ended since (a stall policy).
  int ended_after_accept() const;
  // Refusals by status code, and the first refusal's message.
  std::map<grpc::StatusCode, int> refusal_codes() const;
  std::string first_refusal() const;
  // Ends of accepted streams by status code.
  std::map<grpc::StatusCode, int> end_codes() const;

  // Cancels every stream and waits (up to 60 s, else exits the process
  // with code 3: callbacks would touch freed memory) for them to end.
  // Idempotent.
  void Close();

 private:
  class Stream;

  IdleStreamSet(const std::string& address, const std::string& method);
  void OpenAll(const std::vector<IdleStreamSpec>& specs, int per_conn,
               absl::Duration timeout, int window);
  void OnFirst();
  void OnDone(bool accepted, const grpc::Status& status);

  const std::string address_;
  const std::string method_;  // outlives every call
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs_;
  std::vector<std::unique_ptr<Stream>> streams_;
  bool closed_ = false;

  mutable absl::Mutex mu_;
  int started_ ABSL_GUARDED_BY(mu_) = 0;
  int accepted_ ABSL_GUARDED_BY(mu_) = 0;
  int refused_ ABSL_GUARDED_BY(mu_) = 0;
  int done_ ABSL_GUARDED_BY(mu_) = 0;
  int ended_after_accept_ ABSL_GUARDED_BY(mu_) = 0;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  std::map<grpc::StatusCode, int> refusal_codes_ ABSL_GUARDED_BY(mu_);
  std::map<grpc::StatusCode, int> end_codes_ ABSL_GUARDED_BY(mu_);
  std::string first_refusal_ ABSL_GUARDED_BY(mu_);
};

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_IDLE_STREAMS_H_
