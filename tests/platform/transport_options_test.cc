// The server's transport on the command line: plain text only on loopback
// unless the operator says --insecure, the TLS files in pairs, and what
// counts as loopback.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "net/host_port.h"
#include "server/platform/server_options.h"

namespace speakers {
namespace {

absl::StatusOr<ServerOptions> Parse(std::vector<std::string> args) {
  std::vector<const char*> argv = {"speakers-server"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  return ParseServerOptions(static_cast<int>(argv.size()), argv.data());
}

TEST(TransportOptionsTest, PlainTextOnTheNetworkIsRefusedWithoutInsecure) {
  absl::StatusOr<ServerOptions> grpc = Parse({"--grpc=0.0.0.0:50051"});
  ASSERT_EQ(grpc.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(grpc.status().message(),
            "--grpc=0.0.0.0:50051 is reachable from the network, where the "
            "tokens would travel in clear: give --tls-cert and --tls-key (see "
            "\"Running it at a conference\" in the README), or --insecure on a "
            "network you trust");
  absl::StatusOr<ServerOptions> http =
      Parse({"--http=10.0.0.5:8080", "--grpc=127.0.0.1:0"});
  ASSERT_EQ(http.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(http.status().message().substr(0, 39),
            "--http=10.0.0.5:8080 is reachable from ");
  // Every interface: an empty host.
  EXPECT_EQ(Parse({"--http=:8080"}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TransportOptionsTest, InsecureOrTlsAllowsTheNetwork) {
  absl::StatusOr<ServerOptions> insecure =
      Parse({"--grpc=0.0.0.0:50051", "--http=0.0.0.0:8080", "--insecure"});
  ASSERT_TRUE(insecure.ok()) << insecure.status();
  EXPECT_TRUE(insecure->insecure);
  absl::StatusOr<ServerOptions> tls =
      Parse({"--grpc=0.0.0.0:50051", "--tls-cert=/etc/speakers/server.crt",
             "--tls-key", "/etc/speakers/server.key",
             "--tls-client-ca=/etc/speakers/replicas.crt"});
  ASSERT_TRUE(tls.ok()) << tls.status();
  EXPECT_EQ(tls->tls_cert, "/etc/speakers/server.crt");
  EXPECT_EQ(tls->tls_key, "/etc/speakers/server.key");
  EXPECT_EQ(tls->tls_client_ca, "/etc/speakers/replicas.crt");
  EXPECT_FALSE(tls->insecure);
}

TEST(TransportOptionsTest, LoopbackNeedsNeither) {
  for (const char* address :
       {"127.0.0.1:0", "localhost:50051", "[::1]:8080", "127.1.2.3:80"}) {
    absl::StatusOr<ServerOptions> options =
        Parse({std::string("--grpc=") + address});
    EXPECT_TRUE(options.ok()) << address << ": " << options.status();
  }
}

TEST(TransportOptionsTest, TheTlsFilesGoInPairs) {
  absl::StatusOr<ServerOptions> cert = Parse({"--tls-cert=a.crt"});
  ASSERT_EQ(cert.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(cert.status().message(),
            "--tls-cert and --tls-key go together: the certificate and its "
            "key");
  EXPECT_EQ(Parse({"--tls-key=a.key"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<ServerOptions> ca = Parse({"--tls-client-ca=ca.crt"});
  ASSERT_EQ(ca.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ca.status().message(),
            "--tls-client-ca needs --tls-cert and --tls-key");
  EXPECT_EQ(Parse({"--insecure=yes"}).status().message(),
            "--insecure takes no value");
}

TEST(TransportOptionsTest, LoopbackIsOnlyTheLoopbackInterface) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackAddress("localhost:1"));
  EXPECT_TRUE(IsLoopbackAddress("[::1]:50051"));
  EXPECT_TRUE(IsLoopbackAddress("::1"));
  EXPECT_FALSE(IsLoopbackAddress("0.0.0.0:50051"));
  EXPECT_FALSE(IsLoopbackAddress(":50051"));
  EXPECT_FALSE(IsLoopbackAddress("[::]:50051"));
  EXPECT_FALSE(IsLoopbackAddress("10.1.2.3:50051"));
  EXPECT_FALSE(IsLoopbackAddress("127.0.0.1.example.org:50051"));
  EXPECT_FALSE(IsLoopbackAddress("127.0.0:50051"));
  EXPECT_FALSE(IsLoopbackAddress("1270.0.0.1:50051"));
  EXPECT_FALSE(IsLoopbackAddress("localhost.example.org:50051"));
  EXPECT_FALSE(IsLoopbackAddress("[::1"));
}

}  // namespace
}  // namespace speakers
