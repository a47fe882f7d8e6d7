#ifndef SPEAKERS_TESTS_TESTING_TEST_CERTIFICATES_H_
#define SPEAKERS_TESTS_TESTING_TEST_CERTIFICATES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace speakers::testing {

// Certificates made at test time with Debian's openssl (no certificate is
// kept in the repository): a CA, and signed by it a server certificate for
// 127.0.0.1, ::1 and localhost and a client certificate; and a stranger's
// CA with a server certificate of its own, for the refusals. Files are PEM,
// in `dir`; the *_pem members hold their texts.
struct TestCertificates {
  std::string dir;
  std::string ca_cert;        // DIR/ca.crt
  std::string server_cert;    // DIR/server.crt (signed by ca)
  std::string server_key;     // DIR/server.key
  std::string client_cert;    // DIR/client.crt (signed by ca)
  std::string client_key;     // DIR/client.key
  std::string other_ca_cert;  // DIR/other-ca.crt (a stranger's CA)
  std::string other_cert;     // DIR/other.crt (signed by other-ca)
  std::string other_key;      // DIR/other.key

  // Makes them all in `dir` (created if missing). INTERNAL with openssl's
  // output when a command fails.
  static absl::StatusOr<TestCertificates> Make(const std::string& dir);

  // The text of `path` ("" when it cannot be read).
  static std::string Read(const std::string& path);
};

// One set of TestCertificates for a test suite, in a directory of the
// process's own (tests run in parallel processes), removed at the end:
// call SetUp() from SetUpTestSuite and TearDown() from TearDownTestSuite.
class SuiteCertificates {
 public:
  // Makes them; a failure is the suite's (check with ASSERT_TRUE).
  static absl::Status SetUp(const std::string& name);
  static void TearDown();
  // The current set (after a successful SetUp).
  static const TestCertificates& Get() { return *current_; }

 private:
  static TestCertificates* current_;
};

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_TESTING_TEST_CERTIFICATES_H_
