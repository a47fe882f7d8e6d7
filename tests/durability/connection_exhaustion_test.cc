// The server binary under a descriptor limit of 1,024 (what Debian gives a
// process by default, and what the server cannot raise when the hard limit
// is the same): 1,100 browser connections once used up the descriptors, and
// after they closed the gRPC listener never accepted again. Now browsers
// hold at most three quarters of the descriptors: while 1,100 connections
// are open, the ones past the cap are answered 503, and a new gRPC
// connection is served; after they close, both ports serve.
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/durability/crash_env.h"
#include "tests/durability/durability_util.h"
#include "tests/testing/server_process.h"

namespace speakers::durability {
namespace {

using ::speakers::testing::ListeningPort;
using ::speakers::testing::MakeTempDir;
using ::speakers::testing::ServerProcess;

// A TCP connection to 127.0.0.1:`port` (-1 on failure), reads timing out
// after 10 s.
int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Sends GET `target` on `fd` and returns what comes back until the
// server closes (or 10 s pass).
std::string Get(int fd, const std::string& target) {
  const std::string request = absl::StrCat(
      "GET ", target, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) < 0) return "";
  std::string reply;
  char buffer[4096];
  for (;;) {
    const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    reply.append(buffer, static_cast<size_t>(got));
  }
  return reply;
}

TEST(ConnectionExhaustionTest, BrowsersCannotTakeTheDescriptorsGrpcNeeds) {
  // This process holds 1,100 sockets itself.
  rlimit own{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &own), 0);
  own.rlim_cur = own.rlim_max;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &own), 0);
  ASSERT_GE(own.rlim_cur, 1400u) << "the test needs 1,400 descriptors";

  absl::StatusOr<std::string> dir = MakeTempDir("speakers-exhaust");
  ASSERT_TRUE(dir.ok()) << dir.status();
  std::vector<std::string> argv = {"/usr/bin/prlimit", "--nofile=1024:1024"};
  for (std::string& arg : ServerArgv(*dir)) argv.push_back(std::move(arg));
  argv.push_back("--http=127.0.0.1:0");
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(argv);
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<std::string> listening =
      (*server)->WaitListening(absl::Seconds(30));
  ASSERT_TRUE(listening.ok()) << listening.status() << (*server)->err();
  const int http = ListeningPort(*listening, "http");
  ASSERT_GT(http, 0) << *listening;
  // "HOST:PORT http=HOST:PORT": the gRPC address first.
  const std::string grpc_address = listening->substr(0, listening->find(' '));
  absl::StatusOr<Tokens> tokens = ReadTokens(*dir + "/new-tokens.txt");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  // A console on a connection of its own, opened after the browsers.
  auto grpc_works = [&](const std::string& when) {
    std::unique_ptr<Stub> stub = v1::Speakers::NewStub(
        MakeChannel(grpc_address, /*own_connection=*/true));
    v1::MeetingRef ref;
    ref.set_meeting("plenary");
    v1::MeetingSnapshot snapshot;
    const grpc::Status status =
        Call(stub.get(), &Stub::GetMeeting, tokens->display, ref, &snapshot,
             absl::Seconds(10));
    EXPECT_TRUE(status.ok()) << when << ": " << StatusText(status);
    EXPECT_EQ(snapshot.meeting(), "plenary") << when;
  };
  grpc_works("before");

  std::vector<int> browsers;
  for (int i = 0; i < 1100; ++i) {
    const int fd = Connect(http);
    ASSERT_GE(fd, 0) << "connection " << i;
    browsers.push_back(fd);
  }
  // The last one is past the cap (768 of 1,024): answered at once.
  const std::string refused = Get(browsers.back(), "/healthz");
  EXPECT_TRUE(absl::StartsWith(refused, "HTTP/1.1 503")) << refused;
  EXPECT_TRUE(absl::StrContains(
      refused, "the server already holds 768 browser connections"))
      << refused;
  grpc_works("with 1,100 browser connections open");

  for (int fd : browsers) close(fd);
  // The places come back as the server sees the closes; until then an
  // attempt is refused at once.
  std::string healthy;
  for (int attempt = 0; attempt < 10000; ++attempt) {
    const int fd = Connect(http);
    ASSERT_GE(fd, 0);
    healthy = Get(fd, "/healthz");
    close(fd);
    if (absl::StartsWith(healthy, "HTTP/1.1 200")) break;
  }
  EXPECT_TRUE(absl::StartsWith(healthy, "HTTP/1.1 200")) << healthy;
  grpc_works("after the browsers closed");
  (*server)->Terminate();
}

}  // namespace
}  // namespace speakers::durability
