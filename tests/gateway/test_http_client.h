#ifndef SPEAKERS_TESTS_GATEWAY_TEST_HTTP_CLIENT_H_
#define SPEAKERS_TESTS_GATEWAY_TEST_HTTP_CLIENT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"

namespace speakers::gateway_test {

// An HTTP response as a test sees it.
struct HttpReply {
  int status = 0;  // 0: no answer (connection failed or timed out)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// One request on a fresh connection (Boost.Beast, blocking, 10 s limit).
// `headers`: extra "Name: value" pairs.
HttpReply Fetch(
    int port, const std::string& method, const std::string& target,
    const std::string& body = "",
    const std::vector<std::pair<std::string, std::string>>& headers = {});

// A POST /api/<method> with a JSON body and, unless empty, a bearer token.
HttpReply Api(int port, const std::string& method, const std::string& json,
              const std::string& token = "");

// One Server-Sent Events message.
struct SseEvent {
  std::string id;     // "" when the message had no id field
  std::string event;  // "" for the default "message"
  std::string data;
};

// A browser's event stream read with a plain blocking socket, so that a
// test controls exactly when (and whether) it reads.
class SseReader {
 public:
  // Connects and sends GET `target` with `headers`; `receive_buffer`
  // (bytes, 0: the system's) shrinks the socket's receive buffer before
  // connecting, so that a reader that stops reading stalls the server fast.
  SseReader(
      int port, const std::string& target,
      const std::vector<std::pair<std::string, std::string>>& headers = {},
      int receive_buffer = 0);

  // The response status and headers (read on first use); 0 on failure.
  int status();
  const std::map<std::string, std::string>& headers();
  // The whole body of a non-200 answer.
  std::string ErrorBody();

  // The next message within `timeout`, or nullopt (timeout or end).
  std::optional<SseEvent> Next(absl::Duration timeout = absl::Seconds(5));
  // The next message that is not a clock frame.
  std::optional<SseEvent> NextUpdate(absl::Duration timeout = absl::Seconds(5));

  // Whether the server closed the stream (read returns end of file) within
  // `timeout`, discarding what comes before.
  bool AwaitClosed(absl::Duration timeout);

 private:
  bool Fill(absl::Time deadline);  // reads more bytes; false at end or deadline
  bool ReadHead();

  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  std::string buffer_;
  bool head_read_ = false;
  bool ended_ = false;
  int status_ = 0;
  std::map<std::string, std::string> headers_;
};

}  // namespace speakers::gateway_test

#endif  // SPEAKERS_TESTS_GATEWAY_TEST_HTTP_CLIENT_H_
