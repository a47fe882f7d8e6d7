#include "tests/bench/idle_streams.h"

#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/bench/floor_client.h"

namespace speakers::bench {

// One stream: the generic stub's bidi call used as server streaming (one
// request, then half-close); one read, for the first message only.
class IdleStreamSet::Stream
    : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  Stream(IdleStreamSet* set, const IdleStreamSpec& spec) : set_(set) {
    grpc::Slice slice(spec.request);
    request_ = grpc::ByteBuffer(&slice, 1);
    if (!spec.token.empty()) {
      context_.AddMetadata("authorization",
                           absl::StrCat("Bearer ", spec.token));
    }
  }

  void Start(grpc::GenericStub* stub) {
    stub->PrepareBidiStreamingCall(&context_, set_->method_,
                                   grpc::StubOptions(), this);
    StartWriteLast(&request_, grpc::WriteOptions());
    StartRead(&message_);
    StartCall();
  }

  void Cancel() { context_.TryCancel(); }

  void OnReadDone(bool ok) override {
    if (!ok) return;  // ending; OnDone follows
    accepted_ = true;
    message_.Clear();
    set_->OnFirst();  // and never read again
  }

  // The last callback: touches no member after telling the set.
  void OnDone(const grpc::Status& status) override {
    set_->OnDone(accepted_, status);
  }

 private:
  IdleStreamSet* const set_;
  grpc::ClientContext context_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer message_;
  bool accepted_ = false;
};

IdleStreamSet::IdleStreamSet(const std::string& address,
                             const std::string& method)
    : address_(address), method_(method) {}

IdleStreamSet::~IdleStreamSet() { Close(); }

std::unique_ptr<IdleStreamSet> IdleStreamSet::Open(
    const std::string& address, const std::string& method,
    const std::vector<IdleStreamSpec>& specs, int per_conn,
    absl::Duration timeout, int window) {
  std::unique_ptr<IdleStreamSet> set(new IdleStreamSet(address, method));
  set->OpenAll(specs, per_conn, timeout, window);
  return set;
}

void IdleStreamSet::OpenAll(const std::vector<IdleStreamSpec>& specs,
                            int per_conn, absl::Duration timeout, int window) {
  const absl::Time deadline = absl::Now() + timeout;
  per_conn = per_conn < 1 ? 1 : per_conn;
  streams_.reserve(specs.size());
  for (size_t i = 0; i < specs.size(); ++i) {
    if (i / per_conn == channels_.size()) {
      grpc::ChannelArguments args;
      args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
      args.SetInt("speakers.bench.idle_channel",
                  static_cast<int>(channels_.size()));
      channels_.push_back(grpc::CreateCustomChannel(
          address_, grpc::InsecureChannelCredentials(), args));
      stubs_.push_back(std::make_unique<grpc::GenericStub>(channels_.back()));
    }
    {
      absl::MutexLock lock(&mu_);
      auto room = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return started_ - accepted_ - refused_ < window;
      };
      mu_.AwaitWithDeadline(absl::Condition(&room), deadline);
      if (absl::Now() >= deadline) break;
      ++started_;
    }
    streams_.push_back(std::make_unique<Stream>(this, specs[i]));
    streams_.back()->Start(stubs_.back().get());
  }
  absl::MutexLock lock(&mu_);
  auto settled = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return accepted_ + refused_ == started_;
  };
  mu_.AwaitWithDeadline(absl::Condition(&settled), deadline);
}

void IdleStreamSet::OnFirst() {
  absl::MutexLock lock(&mu_);
  ++accepted_;
}

void IdleStreamSet::OnDone(bool accepted, const grpc::Status& status) {
  absl::MutexLock lock(&mu_);
  ++done_;
  if (!accepted) {
    ++refused_;
    ++refusal_codes_[status.error_code()];
    if (first_refusal_.empty()) {
      first_refusal_ = absl::StrCat(CodeName(status.error_code()), ": ",
                                    status.error_message());
    }
  } else if (!closing_) {
    ++ended_after_accept_;
    ++end_codes_[status.error_code()];
  }
}

int IdleStreamSet::accepted() const {
  absl::MutexLock lock(&mu_);
  return accepted_;
}

int IdleStreamSet::refused() const {
  absl::MutexLock lock(&mu_);
  return refused_;
}

int IdleStreamSet::ended_after_accept() const {
  absl::MutexLock lock(&mu_);
  return ended_after_accept_;
}

std::map<grpc::StatusCode, int> IdleStreamSet::refusal_codes() const {
  absl::MutexLock lock(&mu_);
  return refusal_codes_;
}

std::string IdleStreamSet::first_refusal() const {
  absl::MutexLock lock(&mu_);
  return first_refusal_;
}

std::map<grpc::StatusCode, int> IdleStreamSet::end_codes() const {
  absl::MutexLock lock(&mu_);
  return end_codes_;
}

void IdleStreamSet::Close() {
  if (closed_) return;
  closed_ = true;
  {
    absl::MutexLock lock(&mu_);
    closing_ = true;
  }
  for (auto& s : streams_) s->Cancel();
  {
    absl::MutexLock lock(&mu_);
    const int started = started_;
    auto all_done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return done_ == started;
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&all_done), absl::Seconds(60))) {
      std::cerr << "floor_bench: " << started - done_ << " of " << started
                << " idle streams did not end within 60 s of being "
                   "cancelled\n";
      std::_Exit(3);
    }
  }
  streams_.clear();
  stubs_.clear();
  channels_.clear();
}

}  // namespace speakers::bench
