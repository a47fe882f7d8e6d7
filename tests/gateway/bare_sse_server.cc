#include "tests/gateway/bare_sse_server.h"

#include <deque>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "boost/asio/executor_work_guard.hpp"
#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/post.hpp"
#include "boost/asio/read_until.hpp"
#include "boost/asio/streambuf.hpp"
#include "boost/asio/write.hpp"

namespace speakers::gateway_test {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Frame = std::shared_ptr<const std::string>;

constexpr absl::string_view kStreamHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
    "Cache-Control: no-store\r\n\r\nid: 0\ndata: {}\n\n";
constexpr absl::string_view kTriggered =
    "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

// One open event stream; touched only on its shard's thread.
class BareStream : public std::enable_shared_from_this<BareStream> {
 public:
  explicit BareStream(tcp::socket socket) : socket_(std::move(socket)) {
    boost::system::error_code ignored;
    socket_.set_option(tcp::no_delay(true), ignored);
    socket_.non_blocking(true, ignored);
  }

  // Queues `frame`; writes at once when nothing is pending.
  void Send(const Frame& frame) {
    if (closed_) return;
    queue_.push_back(frame);
    if (!writing_) Pump();
  }

  bool closed() const { return closed_; }

 private:
  void Pump() {
    while (!queue_.empty() && !closed_) {
      const std::string& bytes = *queue_.front();
      boost::system::error_code ec;
      const size_t n = socket_.write_some(asio::buffer(bytes), ec);
      if (ec && ec != asio::error::would_block &&
          ec != asio::error::try_again) {
        closed_ = true;
        return;
      }
      if (!ec && n == bytes.size()) {
        queue_.pop_front();
        continue;
      }
      writing_ = true;
      const size_t done = ec ? 0 : n;
      asio::async_write(socket_,
                        asio::buffer(bytes.data() + done, bytes.size() - done),
                        [self = shared_from_this()](
                            const boost::system::error_code& e, size_t) {
                          self->writing_ = false;
                          if (e) {
                            self->closed_ = true;
                            return;
                          }
                          self->queue_.pop_front();
                          self->Pump();
                        });
      return;
    }
  }

  tcp::socket socket_;
  std::deque<Frame> queue_;
  bool writing_ = false;
  bool closed_ = false;
};

struct Shard {
  asio::io_context io{1};
  std::vector<std::shared_ptr<BareStream>> streams;
};

class BareServer {
 public:
  explicit BareServer(int threads) : acceptor_(accept_io_) {
    for (int i = 0; i < threads; ++i)
      shards_.push_back(std::make_unique<Shard>());
  }

  bool Listen() {
    boost::system::error_code ec;
    const tcp::endpoint at(asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(at.protocol(), ec);
    if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_.bind(at, ec);
    if (!ec) acceptor_.listen(4096, ec);
    if (ec) {
      std::cerr << "bare_sse_server: cannot listen: " << ec.message() << "\n";
      return false;
    }
    std::cout << "listening grpc=- http=127.0.0.1:"
              << acceptor_.local_endpoint().port() << std::endl;
    return true;
  }

  void Run() {
    Accept();
    std::vector<std::thread> threads;
    for (auto& shard : shards_) {
      threads.emplace_back([s = shard.get()] {
        auto guard = asio::make_work_guard(s->io);
        s->io.run();
      });
    }
    accept_io_.run();
    for (std::thread& t : threads) t.join();
  }

 private:
  void Accept() {
    Shard* shard = shards_[next_++ % shards_.size()].get();
    acceptor_.async_accept(
        shard->io,
        [this, shard](const boost::system::error_code& ec, tcp::socket socket) {
          if (!ec) {
            auto socket_ptr = std::make_shared<tcp::socket>(std::move(socket));
            asio::post(shard->io, [this, shard, socket_ptr] {
              ReadRequest(shard, socket_ptr);
            });
          }
          Accept();
        });
  }

  void ReadRequest(Shard* shard, std::shared_ptr<tcp::socket> socket) {
    auto buffer = std::make_shared<asio::streambuf>();
    asio::async_read_until(
        *socket, *buffer, "\r\n\r\n",
        [this, shard, socket, buffer](const boost::system::error_code& ec,
                                      size_t) {
          if (ec) return;
          std::string head(asio::buffers_begin(buffer->data()),
                           asio::buffers_end(buffer->data()));
          const std::string line = head.substr(0, head.find("\r\n"));
          const std::vector<std::string> words = absl::StrSplit(line, ' ');
          if (words.size() >= 2 && words[0] == "POST") {
            Trigger(words[1]);
            boost::system::error_code ignored;
            asio::write(*socket,
                        asio::buffer(kTriggered.data(), kTriggered.size()),
                        ignored);
            socket->shutdown(tcp::socket::shutdown_both, ignored);
            return;
          }
          auto stream = std::make_shared<BareStream>(std::move(*socket));
          shard->streams.push_back(stream);
          stream->Send(std::make_shared<const std::string>(kStreamHead));
        });
  }

  // "/trigger?v=12&bytes=3000": one message to every stream of every shard.
  void Trigger(absl::string_view target) {
    uint64_t version = 0;
    size_t bytes = 0;
    const size_t query = target.find('?');
    if (query != absl::string_view::npos) {
      for (absl::string_view kv :
           absl::StrSplit(target.substr(query + 1), '&')) {
        std::pair<absl::string_view, absl::string_view> p =
            absl::StrSplit(kv, absl::MaxSplits('=', 1));
        if (p.first == "v") (void)absl::SimpleAtoi(p.second, &version);
        if (p.first == "bytes") (void)absl::SimpleAtoi(p.second, &bytes);
      }
    }
    auto frame = std::make_shared<const std::string>(absl::StrCat(
        "id: ", version, "\ndata: ", std::string(bytes, 'x'), "\n\n"));
    for (auto& shard : shards_) {
      asio::post(shard->io, [s = shard.get(), frame] {
        for (const std::shared_ptr<BareStream>& stream : s->streams) {
          stream->Send(frame);
        }
      });
    }
  }

  asio::io_context accept_io_{1};
  tcp::acceptor acceptor_;
  std::vector<std::unique_ptr<Shard>> shards_;
  size_t next_ = 0;
};

}  // namespace

int RunBareSseServer(int threads) {
  BareServer server(threads < 1 ? 1 : threads);
  if (!server.Listen()) return 1;
  server.Run();
  return 0;
}

}  // namespace speakers::gateway_test
