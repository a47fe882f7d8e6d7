#include "tests/gateway/test_http_client.h"

#include <poll.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "boost/asio/connect.hpp"
#include "boost/beast/core.hpp"
#include "boost/beast/http.hpp"

namespace speakers::gateway_test {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using boost::asio::ip::tcp;

tcp::endpoint Local(int port) {
  return tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"),
                       static_cast<uint16_t>(port));
}

}  // namespace

HttpReply Fetch(
    int port, const std::string& method, const std::string& target,
    const std::string& body,
    const std::vector<std::pair<std::string, std::string>>& headers) {
  HttpReply reply;
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  beast::error_code ec;
  stream.expires_after(std::chrono::seconds(10));
  stream.connect(Local(port), ec);
  if (ec) return reply;
  http::request<http::string_body> request{http::string_to_verb(method), target,
                                           11};
  request.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty() || method == "POST") {
    request.body() = body;
    request.prepare_payload();
  }
  http::write(stream, request, ec);
  if (ec) return reply;
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  http::read(stream, buffer, parser, ec);
  if (ec) return reply;
  const auto& response = parser.get();
  reply.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    reply.headers[absl::AsciiStrToLower(std::string(field.name_string()))] =
        std::string(field.value());
  }
  reply.body = response.body();
  return reply;
}

HttpReply Api(int port, const std::string& method, const std::string& json,
              const std::string& token) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "application/json"}};
  if (!token.empty()) headers.push_back({"Authorization", "Bearer " + token});
  return Fetch(port, "POST", "/api/" + method, json, headers);
}

SseReader::SseReader(
    int port, const std::string& target,
    const std::vector<std::pair<std::string, std::string>>& headers,
    int receive_buffer)
    : socket_(io_) {
  beast::error_code ec;
  socket_.open(tcp::v4(), ec);
  if (receive_buffer > 0) {
    socket_.set_option(
        boost::asio::socket_base::receive_buffer_size(receive_buffer), ec);
  }
  socket_.connect(Local(port), ec);
  if (ec) {
    ended_ = true;
    return;
  }
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                        "Accept: text/event-stream\r\n";
  for (const auto& [name, value] : headers)
    request += name + ": " + value + "\r\n";
  request += "\r\n";
  boost::asio::write(socket_, boost::asio::buffer(request), ec);
  if (ec) ended_ = true;
}

bool SseReader::Fill(absl::Time deadline) {
  if (ended_) return false;
  const absl::Duration left = deadline - absl::Now();
  if (left <= absl::ZeroDuration()) return false;
  pollfd fd{socket_.native_handle(), POLLIN, 0};
  if (poll(&fd, 1, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1) <= 0)
    return false;
  char chunk[16384];
  beast::error_code ec;
  const size_t got = socket_.read_some(boost::asio::buffer(chunk), ec);
  if (ec) {
    ended_ = true;
    return false;
  }
  buffer_.append(chunk, got);
  return true;
}

bool SseReader::ReadHead() {
  if (head_read_) return status_ != 0;
  head_read_ = true;
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill(deadline)) return false;
  }
  std::vector<std::string> lines =
      absl::StrSplit(buffer_.substr(0, end), "\r\n");
  buffer_.erase(0, end + 4);
  std::vector<std::string> status_line = absl::StrSplit(lines[0], ' ');
  if (status_line.size() < 2 || !absl::SimpleAtoi(status_line[1], &status_))
    status_ = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::pair<std::string, std::string> kv =
        absl::StrSplit(lines[i], absl::MaxSplits(':', 1));
    headers_[absl::AsciiStrToLower(kv.first)] =
        std::string(absl::StripAsciiWhitespace(kv.second));
  }
  return status_ != 0;
}

int SseReader::status() {
  ReadHead();
  return status_;
}

const std::map<std::string, std::string>& SseReader::headers() {
  ReadHead();
  return headers_;
}

std::string SseReader::ErrorBody() {
  ReadHead();
  size_t length = 0;
  auto it = headers_.find("content-length");
  if (it != headers_.end()) absl::SimpleAtoi(it->second, &length);
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (buffer_.size() < length && Fill(deadline)) {
  }
  return buffer_;
}

std::optional<SseEvent> SseReader::Next(absl::Duration timeout) {
  if (!ReadHead()) return std::nullopt;
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    const size_t end = buffer_.find("\n\n");
    if (end != std::string::npos) {
      const std::string block = buffer_.substr(0, end);
      buffer_.erase(0, end + 2);
      SseEvent event;
      bool any = false;
      for (absl::string_view line : absl::StrSplit(block, '\n')) {
        std::pair<absl::string_view, absl::string_view> kv =
            absl::StrSplit(line, absl::MaxSplits(':', 1));
        absl::string_view value = kv.second;
        absl::ConsumePrefix(&value, " ");
        if (kv.first == "id") {
          event.id = std::string(value);
          any = true;
        } else if (kv.first == "event") {
          event.event = std::string(value);
        } else if (kv.first == "data") {
          if (!event.data.empty()) event.data += "\n";
          event.data += std::string(value);
          any = true;
        }
      }
      if (any) return event;  // "retry:" blocks and comments carry no message
      continue;
    }
    if (!Fill(deadline)) return std::nullopt;
  }
}

std::optional<SseEvent> SseReader::NextUpdate(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    std::optional<SseEvent> event =
        Next(std::max(deadline - absl::Now(), absl::ZeroDuration()));
    if (!event || event->event != "clock") return event;
  }
}

bool SseReader::AwaitClosed(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (!ended_) {
    if (!Fill(deadline) && !ended_) return false;
    buffer_.clear();
  }
  return true;
}

}  // namespace speakers::gateway_test
