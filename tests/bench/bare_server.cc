#include "tests/bench/bare_server.h"

#include <signal.h>

#include <chrono>
#include <deque>
#include <iostream>
#include <list>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bare.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace speakers::bench {
namespace {

class BareHub;

// One Watch stream: a queue of shared slices, one write in flight.
class BareStream : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  explicit BareStream(BareHub* hub) : hub_(hub) {}

  // Queues `wire`; starts writing it if the stream is idle. Thread-safe.
  void Enqueue(const grpc::Slice& wire) {
    {
      absl::MutexLock lock(&mu_);
      if (ending_) return;
      if (writing_) {
        queue_.push_back(wire);
        return;
      }
      writing_ = true;
      buffer_ = grpc::ByteBuffer(&wire, 1);
    }
    StartWrite(&buffer_);
  }

  void OnWriteDone(bool ok) override {
    enum class Next { kNothing, kWrite, kFinish } next = Next::kNothing;
    {
      absl::MutexLock lock(&mu_);
      if (!ok) ending_ = true;
      if (ending_) {
        writing_ = false;
        if (!finished_) next = Next::kFinish;
        finished_ = true;
      } else if (queue_.empty()) {
        writing_ = false;
      } else {
        buffer_ = grpc::ByteBuffer(&queue_.front(), 1);
        queue_.pop_front();
        next = Next::kWrite;
      }
    }
    if (next == Next::kWrite) StartWrite(&buffer_);
    if (next == Next::kFinish) Finish(grpc::Status::CANCELLED);
  }

  void OnCancel() override {
    bool finish = false;
    {
      absl::MutexLock lock(&mu_);
      ending_ = true;
      finish = !writing_ && !finished_;  // else OnWriteDone finishes
      finished_ = finished_ || finish;
    }
    if (finish) Finish(grpc::Status::CANCELLED);
  }

  void OnDone() override;

  // Where the hub keeps this stream; set once, by BareHub::Add.
  void set_position(std::list<BareStream*>::iterator position) {
    position_ = position;
  }

 private:
  BareHub* const hub_;
  std::list<BareStream*>::iterator position_;
  absl::Mutex mu_;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool ending_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  std::deque<grpc::Slice> queue_ ABSL_GUARDED_BY(mu_);
  grpc::ByteBuffer buffer_;  // the message being written
};

// The open streams in the order they came; Broadcast queues one slice on
// each, under the lock (streams leave in OnDone under the same lock, so
// none is freed mid-way).
class BareHub {
 public:
  using Position = std::list<BareStream*>::iterator;

  // Registers `stream` and queues `hello` on it.
  void Add(BareStream* stream, const grpc::Slice& hello) {
    absl::MutexLock lock(&mu_);
    stream->set_position(streams_.insert(streams_.end(), stream));
    stream->Enqueue(hello);
  }
  void Remove(Position position) {
    absl::MutexLock lock(&mu_);
    streams_.erase(position);
  }
  void Broadcast(const grpc::Slice& wire) {
    absl::MutexLock lock(&mu_);
    for (BareStream* s : streams_) s->Enqueue(wire);
  }

 private:
  absl::Mutex mu_;
  std::list<BareStream*> streams_ ABSL_GUARDED_BY(mu_);
};

void BareStream::OnDone() {
  hub_->Remove(position_);
  delete this;
}

grpc::Slice Serialize(const Blob& blob) {
  std::string bytes;
  blob.SerializeToString(&bytes);
  return grpc::Slice(bytes);
}

void Stamp(Blob* blob) {
  const absl::Time now = absl::Now();
  blob->mutable_server_time()->set_seconds(absl::ToUnixSeconds(now));
  blob->mutable_server_time()->set_nanos(static_cast<int32_t>(
      (now - absl::FromUnixSeconds(absl::ToUnixSeconds(now))) /
      absl::Nanoseconds(1)));
}

class BareService
    : public Bare::WithRawCallbackMethod_Watch<Bare::CallbackService> {
 public:
  grpc::ServerWriteReactor<grpc::ByteBuffer>* Watch(
      grpc::CallbackServerContext*, const grpc::ByteBuffer*) override {
    auto* stream = new BareStream(&hub_);
    Blob hello;
    Stamp(&hello);
    hub_.Add(stream, Serialize(hello));
    return stream;
  }

  grpc::ServerUnaryReactor* Broadcast(grpc::CallbackServerContext* context,
                                      const Blob* request, Empty*) override {
    Blob blob = *request;
    Stamp(&blob);
    hub_.Broadcast(Serialize(blob));
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

 private:
  BareHub hub_;
};

}  // namespace

int RunBareServer(const std::string& address) {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);  // before gRPC starts threads
  // Debian's abseil is built with Mutex deadlock detection on: every lock
  // taken under another one (a stream's under the hub's) records a graph
  // edge and a stack trace. The limit should not pay for that.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);

  BareService service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "watch_bench --bare-server: cannot listen on " << address
              << "\n";
    return 1;
  }
  std::cout << "listening grpc=" << address.substr(0, address.rfind(':')) << ":"
            << port << std::endl;
  int signal_number = 0;
  sigwait(&stop, &signal_number);
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  server->Wait();
  return 0;
}

}  // namespace speakers::bench
