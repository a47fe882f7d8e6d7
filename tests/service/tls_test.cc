// The gRPC service over TLS, with certificates made at test time: a client
// that trusts the server's CA is served; a client that trusts another CA,
// or speaks plain text, is refused before any call; with a client CA
// (mutual TLS) a caller without a certificate signed by it is refused.
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "server/platform/tls_material.h"
#include "server/service/grpc_server.h"
#include "speakers/v1/speakers.grpc.pb.h"
#include "tests/testing/test_app.h"
#include "tests/testing/test_certificates.h"

namespace speakers {
namespace {

using testing::SuiteCertificates;
using testing::TestCertificates;

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const absl::Status made = SuiteCertificates::SetUp("tls-test-certificates");
    ASSERT_TRUE(made.ok()) << made;
    certificates_ = &SuiteCertificates::Get();
  }
  static void TearDownTestSuite() { SuiteCertificates::TearDown(); }

  // Starts the app and a gRPC server on it with the test CA's server
  // certificate, requiring client certificates signed by `client_ca`
  // (empty: none).
  void StartServer(const std::string& client_ca = "") {
    absl::StatusOr<std::unique_ptr<testing::TestApp>> app =
        testing::TestApp::Start();
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = *std::move(app);
    absl::StatusOr<TlsMaterial> tls = TlsMaterial::Load(
        certificates_->server_cert, certificates_->server_key, client_ca);
    ASSERT_TRUE(tls.ok()) << tls.status();
    GrpcServerOptions options;
    options.address = "127.0.0.1:0";
    options.tls = *std::move(tls);
    absl::StatusOr<std::unique_ptr<GrpcServer>> server =
        GrpcServer::Start(&app_->app(), nullptr, options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  // GetSession over `credentials` to "127.0.0.1:PORT" (an address the
  // server's certificate carries; an address, not "localhost", so that no
  // name lookup is needed: a bare build root may have no /etc/hosts).
  grpc::Status GetSession(
      const std::shared_ptr<grpc::ChannelCredentials>& credentials,
      v1::SessionInfo* reply) {
    auto stub = v1::Speakers::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->port()), credentials));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    return stub->GetSession(&context, v1::GetSessionRequest(), reply);
  }

  static std::shared_ptr<grpc::ChannelCredentials> Trusting(
      const std::string& ca, const std::string& cert = "",
      const std::string& key = "") {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = TestCertificates::Read(ca);
    if (!cert.empty()) {
      ssl.pem_cert_chain = TestCertificates::Read(cert);
      ssl.pem_private_key = TestCertificates::Read(key);
    }
    return grpc::SslCredentials(ssl);
  }

  static const TestCertificates* certificates_;
  std::unique_ptr<testing::TestApp> app_;
  std::unique_ptr<GrpcServer> server_;
};

const TestCertificates* TlsTest::certificates_ = nullptr;

TEST_F(TlsTest, AClientTrustingTheServersCaIsServed) {
  StartServer();
  v1::SessionInfo reply;
  const grpc::Status status =
      GetSession(Trusting(certificates_->ca_cert), &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reply.meetings_size(), 4);
}

TEST_F(TlsTest, AClientTrustingAnotherCaIsRefused) {
  StartServer();
  v1::SessionInfo reply;
  const grpc::Status status =
      GetSession(Trusting(certificates_->other_ca_cert), &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_EQ(reply.meetings_size(), 0);
}

TEST_F(TlsTest, PlainTextToTheTlsPortIsRefused) {
  StartServer();
  v1::SessionInfo reply;
  const grpc::Status status =
      GetSession(grpc::InsecureChannelCredentials(), &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
}

TEST_F(TlsTest, MutualTlsRefusesACallerWithoutACertificate) {
  StartServer(certificates_->ca_cert);
  v1::SessionInfo reply;
  const grpc::Status status =
      GetSession(Trusting(certificates_->ca_cert), &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
}

TEST_F(TlsTest, MutualTlsRefusesACertificateOfAnotherCa) {
  StartServer(certificates_->ca_cert);
  v1::SessionInfo reply;
  const grpc::Status status =
      GetSession(Trusting(certificates_->ca_cert, certificates_->other_cert,
                          certificates_->other_key),
                 &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
}

TEST_F(TlsTest, MutualTlsServesACallerWithACertificateOfItsCa) {
  StartServer(certificates_->ca_cert);
  v1::SessionInfo reply;
  const grpc::Status status =
      GetSession(Trusting(certificates_->ca_cert, certificates_->client_cert,
                          certificates_->client_key),
                 &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reply.meetings_size(), 4);
}

TEST_F(TlsTest, TheMaterialRefusesAKeyOfAnotherCertificate) {
  absl::StatusOr<TlsMaterial> tls = TlsMaterial::Load(
      certificates_->server_cert, certificates_->other_key, "");
  ASSERT_EQ(tls.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(tls.status().message(),
            absl::StrCat("the private key ", certificates_->other_key,
                         " is not the key of the certificate in the "
                         "certificate ",
                         certificates_->server_cert));
}

TEST_F(TlsTest, TheMaterialRefusesFilesThatAreNotPem) {
  absl::StatusOr<TlsMaterial> swapped = TlsMaterial::Load(
      certificates_->server_key, certificates_->server_cert, "");
  ASSERT_EQ(swapped.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(
      absl::StrContains(swapped.status().message(), "holds no PEM certificate"))
      << swapped.status();
  absl::StatusOr<TlsMaterial> no_ca =
      TlsMaterial::Load(certificates_->server_cert, certificates_->server_key,
                        certificates_->server_key);
  ASSERT_EQ(no_ca.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(no_ca.status().message(), "the client CA "))
      << no_ca.status();
}

TEST_F(TlsTest, TheMaterialNamesAFileThatIsMissing) {
  absl::StatusOr<TlsMaterial> tls = TlsMaterial::Load(
      certificates_->dir + "/nope.crt", certificates_->server_key, "");
  ASSERT_EQ(tls.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(tls.status().message(),
            absl::StrCat("cannot read the certificate ", certificates_->dir,
                         "/nope.crt: No such file or directory"));
}

}  // namespace
}  // namespace speakers
