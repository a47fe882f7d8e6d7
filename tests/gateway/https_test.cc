// The browser gateway over TLS (HTTPS), with certificates made at test
// time: pages and streams are served to a client that trusts the CA; a
// client that trusts another CA fails the handshake; plain HTTP to the
// HTTPS port gets no answer at all (nothing it sent is read as a request).
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "boost/asio/connect.hpp"
#include "boost/asio/ssl.hpp"
#include "boost/beast/core.hpp"
#include "boost/beast/http.hpp"
#include "boost/beast/ssl.hpp"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"
#include "tests/testing/test_certificates.h"

namespace speakers::gateway_test {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = boost::asio::ssl;
using boost::asio::ip::tcp;
using testing::SuiteCertificates;
using testing::TestCertificates;

// One HTTPS request to 127.0.0.1:`port`, verifying the server's
// certificate against `ca` for the name "localhost". `*error` says why
// there is no answer (the handshake's error). For an event stream, reads
// until `until` is in the body.
struct TlsReply {
  int status = 0;
  std::string content_type;
  std::string body;
  std::string error;
};
TlsReply TlsGet(int port, const std::string& ca, const std::string& target,
                const std::string& until = "") {
  TlsReply reply;
  boost::asio::io_context io;
  ssl::context context(ssl::context::tls_client);
  context.add_certificate_authority(
      boost::asio::buffer(TestCertificates::Read(ca)));
  context.set_verify_mode(ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, context);
  SSL_set_tlsext_host_name(stream.native_handle(), "localhost");
  stream.set_verify_callback(ssl::host_name_verification("localhost"));
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
  beast::error_code ec;
  beast::get_lowest_layer(stream).connect(
      tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"),
                    static_cast<unsigned short>(port)),
      ec);
  if (!ec) stream.handshake(ssl::stream_base::client, ec);
  if (ec) {
    reply.error = ec.message();
    return reply;
  }
  http::request<http::empty_body> request(http::verb::get, target, 11);
  request.set(http::field::host, "localhost");
  http::write(stream, request, ec);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(1 << 20);
  if (until.empty()) {
    http::read(stream, buffer, parser, ec);
  } else {
    http::read_header(stream, buffer, parser, ec);
    while (!ec && !absl::StrContains(parser.get().body(), until)) {
      http::read_some(stream, buffer, parser, ec);
    }
  }
  if (ec && !parser.is_header_done()) {
    reply.error = ec.message();
    return reply;
  }
  reply.status = static_cast<int>(parser.get().result_int());
  reply.content_type = std::string(parser.get()[http::field::content_type]);
  reply.body = parser.get().body();
  return reply;
}

class HttpsTest : public GatewayTest {
 protected:
  static void SetUpTestSuite() {
    const absl::Status made =
        SuiteCertificates::SetUp("https-test-certificates");
    ASSERT_TRUE(made.ok()) << made;
    certificates_ = &SuiteCertificates::Get();
  }
  static void TearDownTestSuite() { SuiteCertificates::TearDown(); }

  void SetUp() override {
    absl::StatusOr<TlsMaterial> tls = TlsMaterial::Load(
        certificates_->server_cert, certificates_->server_key, "");
    ASSERT_TRUE(tls.ok()) << tls.status();
    GatewayOptions options;
    options.tls = *std::move(tls);
    Start({}, options);
  }

  static const TestCertificates* certificates_;
};

const TestCertificates* HttpsTest::certificates_ = nullptr;

TEST_F(HttpsTest, ServesThePagesToAClientTrustingTheCa) {
  TlsReply page = TlsGet(port(), certificates_->ca_cert, "/chair/plenary");
  ASSERT_EQ(page.status, 200) << page.error;
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_TRUE(absl::StrContains(page.body, "<html")) << page.body;
}

TEST_F(HttpsTest, StreamsTheMeetingOverTls) {
  TlsReply stream = TlsGet(port(), certificates_->ca_cert, "/api/watch/plenary",
                           "\"snapshot\"");
  ASSERT_EQ(stream.status, 200) << stream.error;
  EXPECT_EQ(stream.content_type, "text/event-stream; charset=utf-8");
  EXPECT_TRUE(absl::StrContains(stream.body, "\"snapshot\"")) << stream.body;
}

TEST_F(HttpsTest, AClientTrustingAnotherCaFailsTheHandshake) {
  TlsReply page = TlsGet(port(), certificates_->other_ca_cert, "/healthz");
  EXPECT_EQ(page.status, 0);
  EXPECT_TRUE(absl::StrContains(page.error, "certificate verify failed"))
      << page.error;
}

TEST_F(HttpsTest, PlainHttpToTheHttpsPortGetsNoAnswer) {
  HttpReply reply = Fetch(port(), "GET", "/healthz");
  EXPECT_EQ(reply.status, 0) << reply.body;
}

}  // namespace
}  // namespace speakers::gateway_test
