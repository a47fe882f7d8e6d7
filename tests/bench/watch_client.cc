#include "tests/bench/watch_client.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"

namespace speakers::bench {

bool ParseHeader(const grpc::ByteBuffer& message, Header* header) {
  // The header fields come first (protobuf writes fields in number order)
  // and take at most 1 + 10 + 2 + 11 + 6 bytes.
  std::vector<grpc::Slice> slices;
  if (!message.Dump(&slices).ok()) return false;
  uint8_t head[64];
  size_t length = 0;
  for (const grpc::Slice& s : slices) {
    const size_t take = std::min(s.size(), sizeof head - length);
    std::memcpy(head + length, s.begin(), take);
    length += take;
    if (length == sizeof head) break;
  }
  google::protobuf::io::CodedInputStream in(head, static_cast<int>(length));
  *header = Header();
  while (true) {
    const uint32_t tag = in.ReadTag();
    if (tag == (1 << 3 | 0)) {  // version, varint
      if (!in.ReadVarint64(&header->version)) return false;
    } else if (tag == (2 << 3 | 2)) {  // server_time, a Timestamp
      uint32_t size = 0;
      if (!in.ReadVarint32(&size)) return false;
      const auto limit = in.PushLimit(static_cast<int>(size));
      uint64_t seconds = 0;
      uint32_t nanos = 0;
      while (const uint32_t field = in.ReadTag()) {
        if (field == (1 << 3 | 0) && in.ReadVarint64(&seconds)) continue;
        if (field == (2 << 3 | 0) && in.ReadVarint32(&nanos)) continue;
        return false;
      }
      in.PopLimit(limit);
      header->server_time =
          absl::FromUnixSeconds(static_cast<int64_t>(seconds)) +
          absl::Nanoseconds(nanos);
      header->has_time = true;
      return true;
    } else {
      return true;  // past the header (or the end of a short message)
    }
  }
}

// One stream: the generic stub's bidi call used as server streaming (one
// request, then half-close), so messages stay raw bytes.
class WatcherSet::Watcher
    : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  Watcher(WatcherSet* set, int index)
      : set_(set), index_(index), request_(set->request_) {}

  void Start(grpc::GenericStub* stub) {
    stub->PrepareBidiStreamingCall(&context_, set_->target_.method,
                                   grpc::StubOptions(), this);
    StartWriteLast(&request_, grpc::WriteOptions());
    StartRead(&message_);
    StartCall();
  }

  void Cancel() { context_.TryCancel(); }

  void OnReadDone(bool ok) override {
    if (!ok) return;  // the stream is ending; OnDone follows
    const absl::Time received = absl::Now();
    if (first_) {
      first_ = false;
      set_->OnFirst(message_.Length());
    } else {
      set_->OnUpdate(index_, message_, received);
    }
    StartRead(&message_);
  }

  // The last callback: touches no member after telling the set.
  void OnDone(const grpc::Status& status) override {
    set_->OnDone(!first_, status);
  }

 private:
  WatcherSet* const set_;
  const int index_;
  grpc::ClientContext context_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer message_;
  bool first_ = true;
};

WatcherSet::WatcherSet(const WatchTarget& target, int n, int per_conn)
    : target_(target),
      n_(n),
      per_conn_(std::max(1, per_conn)),
      latency_ns_(n, -1) {
  grpc::Slice slice(target_.request);
  request_ = grpc::ByteBuffer(&slice, 1);
}

WatcherSet::~WatcherSet() { Close(); }

absl::StatusOr<std::unique_ptr<WatcherSet>> WatcherSet::Open(
    const WatchTarget& target, int n, int per_conn, absl::Duration timeout,
    int window) {
  std::unique_ptr<WatcherSet> set(new WatcherSet(target, n, per_conn));
  if (absl::Status s = set->OpenAll(timeout, window); !s.ok()) return s;
  return set;
}

absl::Status WatcherSet::OpenAll(absl::Duration timeout, int window) {
  const absl::Time deadline = absl::Now() + timeout;
  watchers_.reserve(n_);
  for (int i = 0; i < n_; ++i) {
    if (static_cast<size_t>(i / per_conn_) == channels_.size()) {
      grpc::ChannelArguments args;
      args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
      args.SetInt("speakers.bench.channel", static_cast<int>(channels_.size()));
      channels_.push_back(grpc::CreateCustomChannel(
          target_.address, grpc::InsecureChannelCredentials(), args));
      stubs_.push_back(std::make_unique<grpc::GenericStub>(channels_.back()));
    }
    {
      absl::MutexLock lock(&mu_);
      auto room = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return started_ - ready_ - failed_ < window || failed_ > 0;
      };
      mu_.AwaitWithDeadline(absl::Condition(&room), deadline);
      if (failed_ > 0 || absl::Now() >= deadline) break;
      ++started_;
    }
    watchers_.push_back(std::make_unique<Watcher>(this, i));
    watchers_.back()->Start(stubs_.back().get());
  }
  absl::MutexLock lock(&mu_);
  auto settled = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return ready_ + failed_ == started_;
  };
  mu_.AwaitWithDeadline(absl::Condition(&settled), deadline);
  if (failed_ > 0) {
    return absl::UnavailableError(
        absl::StrCat(failed_, " of ", started_, " Watch streams to ",
                     target_.address, " failed: ", first_error_));
  }
  if (ready_ < n_) {
    return absl::DeadlineExceededError(absl::StrCat(
        "only ", ready_, " of ", n_, " Watch streams were open after ",
        absl::FormatDuration(timeout)));
  }
  return absl::OkStatus();
}

void WatcherSet::OnFirst(size_t bytes) {
  size_t seen = first_bytes_.load();
  while (bytes > seen && !first_bytes_.compare_exchange_weak(seen, bytes)) {
  }
  absl::MutexLock lock(&mu_);
  ++ready_;
}

void WatcherSet::OnUpdate(int index, const grpc::ByteBuffer& message,
                          absl::Time received) {
  Header header;
  if (!ParseHeader(message, &header) || !header.has_time ||
      header.version != expected_.load(std::memory_order_acquire)) {
    unexpected_.fetch_add(1);
    return;
  }
  latency_ns_[index] = absl::ToInt64Nanoseconds(received - header.server_time);
  update_bytes_.store(message.Length(), std::memory_order_relaxed);
  if (received_.fetch_add(1, std::memory_order_acq_rel) + 1 == n_) {
    absl::MutexLock lock(&mu_);  // the unlock wakes Await
    all_received_ = true;
  }
}

void WatcherSet::OnDone(bool was_ready, const grpc::Status& status) {
  absl::MutexLock lock(&mu_);
  ++done_;
  if (!was_ready) ++failed_;
  if (first_error_.empty() && !status.ok() && !closed_) {
    first_error_ = absl::StrCat("code ", status.error_code(), ": ",
                                status.error_message());
  }
}

void WatcherSet::Expect(uint64_t version) {
  {
    absl::MutexLock lock(&mu_);
    all_received_ = false;
  }
  std::fill(latency_ns_.begin(), latency_ns_.end(), -1);
  received_.store(0);
  expected_.store(version, std::memory_order_release);
}

absl::StatusOr<std::vector<int64_t>> WatcherSet::Await(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto finished = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return all_received_ || done_ > 0;
  };
  mu_.AwaitWithTimeout(absl::Condition(&finished), timeout);
  if (!all_received_) {
    const std::string got =
        absl::StrCat(received_.load(), " of ", n_, " watchers got version ",
                     expected_.load());
    if (done_ > 0) {
      return absl::AbortedError(
          absl::StrCat(got, "; ", done_, " streams ended: ", first_error_));
    }
    return absl::DeadlineExceededError(
        absl::StrCat(got, " within ", absl::FormatDuration(timeout)));
  }
  return latency_ns_;
}

void WatcherSet::Close() {
  if (closed_) return;
  {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }
  for (auto& w : watchers_) w->Cancel();
  {
    absl::MutexLock lock(&mu_);
    const int started = started_;
    auto all_done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return done_ == started;
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&all_done), absl::Seconds(60))) {
      // Streams still running would call back into freed memory.
      std::cerr << "watch_bench: " << started - done_ << " of " << started
                << " streams did not end within 60 s of being cancelled\n";
      std::_Exit(3);
    }
  }
  watchers_.clear();
  stubs_.clear();
  channels_.clear();
}

}  // namespace speakers::bench
