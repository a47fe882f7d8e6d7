#include "tests/gateway/sse_load.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace speakers::gateway_test {

struct SseLoad::Stream {
  int fd = -1;
  bool sent = false;     // the request is written
  uint64_t version = 0;  // the highest id seen
  bool seen_id = false;
  std::string carry;  // the unfinished last line (at most an id line)
};

struct SseLoad::Loop {
  int epoll = -1;
  std::vector<Stream> streams;
  std::thread thread;
};

SseLoad::SseLoad(int port, std::string target, int streams, int threads)
    : port_(port),
      request_(absl::StrCat("GET ", target, " HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                            "Accept: text/event-stream\r\n\r\n")),
      streams_(streams) {
  if (threads < 1) threads = 1;
  for (int i = 0; i < threads; ++i) {
    auto loop = std::make_unique<Loop>();
    loop->epoll = epoll_create1(EPOLL_CLOEXEC);
    loop->streams.resize(streams / threads + (i < streams % threads ? 1 : 0));
    loops_.push_back(std::move(loop));
  }
}

SseLoad::~SseLoad() {
  stop_ = true;
  for (auto& loop : loops_) {
    if (loop->thread.joinable()) loop->thread.join();
    for (Stream& s : loop->streams) {
      if (s.fd >= 0) close(s.fd);
    }
    close(loop->epoll);
  }
}

absl::Status SseLoad::Open(std::chrono::milliseconds timeout) {
  for (auto& loop : loops_)
    loop->thread = std::thread([this, l = loop.get()] { Run(l); });
  absl::MutexLock lock(&mu_);
  auto all = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return ready_ + failed_.load() >= streams_;
  };
  mu_.AwaitWithTimeout(absl::Condition(&all), absl::FromChrono(timeout));
  if (ready_ < streams_) {
    return absl::UnavailableError(absl::StrCat(ready_, " of ", streams_,
                                               " streams opened (",
                                               failed_.load(), " failed)"));
  }
  return absl::OkStatus();
}

void SseLoad::Expect(uint64_t version, Clock::time_point issued) {
  absl::MutexLock lock(&mu_);
  expected_ = version;
  issued_ = issued;
  latencies_.clear();
  latencies_.reserve(streams_);
}

std::vector<int64_t> SseLoad::Wait(std::chrono::milliseconds timeout) {
  absl::MutexLock lock(&mu_);
  auto all = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return static_cast<int>(latencies_.size()) >= streams_;
  };
  if (!mu_.AwaitWithTimeout(absl::Condition(&all), absl::FromChrono(timeout)))
    return {};
  return latencies_;
}

void SseLoad::Arrived(Stream* stream, uint64_t version, Clock::time_point at) {
  const uint64_t before = stream->version;
  const bool first = !stream->seen_id;
  stream->seen_id = true;
  if (version > stream->version) stream->version = version;
  absl::MutexLock lock(&mu_);
  if (first) ++ready_;
  if (expected_ != 0 && before < expected_ && version >= expected_) {
    latencies_.push_back(
        std::chrono::duration_cast<std::chrono::nanoseconds>(at - issued_)
            .count());
  }
}

void SseLoad::Run(Loop* loop) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port_));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  size_t next = 0;      // the next stream to connect
  int in_progress = 0;  // connecting or waiting for the first id
  std::vector<epoll_event> events(1024);
  std::vector<char> buffer(256 * 1024);
  while (!stop_) {
    // Connect more, a bounded number at a time (the listen backlog).
    while (next < loop->streams.size() &&
           in_progress < 256 / static_cast<int>(loops_.size()) + 1) {
      Stream& s = loop->streams[next];
      s.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      int one = 1;
      setsockopt(s.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      if (s.fd < 0 || (connect(s.fd, reinterpret_cast<sockaddr*>(&address),
                               sizeof address) != 0 &&
                       errno != EINPROGRESS)) {
        ++failed_;
        ++next;
        continue;
      }
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLOUT;
      ev.data.u64 = next;
      epoll_ctl(loop->epoll, EPOLL_CTL_ADD, s.fd, &ev);
      ++next;
      ++in_progress;
    }
    const int n = epoll_wait(loop->epoll, events.data(),
                             static_cast<int>(events.size()), 50);
    const auto now = Clock::now();
    for (int i = 0; i < n; ++i) {
      Stream& s = loop->streams[events[i].data.u64];
      if ((events[i].events & EPOLLOUT) && !s.sent) {
        if (write(s.fd, request_.data(), request_.size()) ==
            static_cast<ssize_t>(request_.size())) {
          s.sent = true;
          epoll_event ev{};
          ev.events = EPOLLIN;
          ev.data.u64 = events[i].data.u64;
          epoll_ctl(loop->epoll, EPOLL_CTL_MOD, s.fd, &ev);
        }
      }
      if (!(events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
      const bool had_id = s.seen_id;
      while (true) {
        const ssize_t got = read(s.fd, buffer.data(), buffer.size());
        if (got <= 0) {
          if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
            epoll_ctl(loop->epoll, EPOLL_CTL_DEL, s.fd, nullptr);
            if (!s.seen_id) {
              ++failed_;
              --in_progress;
              absl::MutexLock lock(&mu_);  // wake Open
            }
          }
          break;
        }
        // Scan the carried partial line and the new bytes for "id: N\n".
        std::string_view chunk(buffer.data(), static_cast<size_t>(got));
        std::string joined;
        if (!s.carry.empty()) {
          joined = s.carry + std::string(chunk);
          chunk = joined;
          s.carry.clear();
        }
        size_t line = 0;
        while (line < chunk.size()) {
          const size_t end = chunk.find('\n', line);
          if (end == std::string_view::npos) {
            // Keep an unfinished "id:" line (short); other lines need no carry.
            if (chunk.size() - line < 32)
              s.carry = std::string(chunk.substr(line));
            break;
          }
          if (chunk.compare(line, 4, "id: ") == 0) {
            uint64_t version = 0;
            // "id: <version>.<stream>" (speakers) or "id: <version>".
            absl::string_view id(chunk.data() + line + 4, end - line - 4);
            id = id.substr(0, id.find('.'));
            if (absl::SimpleAtoi(id, &version)) {
              Arrived(&s, version, now);
            }
          }
          line = end + 1;
        }
        if (static_cast<size_t>(got) < buffer.size()) break;
      }
      if (!had_id && s.seen_id) --in_progress;
    }
  }
}

}  // namespace speakers::gateway_test
