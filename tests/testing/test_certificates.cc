#include "tests/testing/test_certificates.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace speakers::testing {
namespace {

// Runs `command` in `dir` with its output in DIR/openssl.log.
absl::Status Run(const std::string& dir, const std::string& command) {
  const std::string log = dir + "/openssl.log";
  const std::string line =
      absl::StrCat("cd '", dir, "' && ", command, " >>'", log, "' 2>&1");
  if (std::system(line.c_str()) != 0) {
    return absl::InternalError(absl::StrCat("openssl failed: ", command, "\n",
                                            TestCertificates::Read(log)));
  }
  return absl::OkStatus();
}

// A key and a certificate NAME signed by CA (NAME.key, NAME.crt) with the
// given extensions.
absl::Status Signed(const std::string& dir, const std::string& name,
                    const std::string& ca, const std::string& subject,
                    const std::string& extensions) {
  std::ofstream(dir + "/" + name + ".ext") << extensions << "\n";
  absl::Status made = Run(
      dir, absl::StrCat("openssl req -newkey rsa:2048 -nodes -keyout ", name,
                        ".key -subj '", subject, "' -out ", name, ".csr"));
  if (!made.ok()) return made;
  return Run(dir, absl::StrCat("openssl x509 -req -in ", name, ".csr -CA ", ca,
                               ".crt -CAkey ", ca,
                               ".key -CAcreateserial -days "
                               "2 -sha256 -extfile ",
                               name, ".ext -out ", name, ".crt"));
}

absl::Status Authority(const std::string& dir, const std::string& name,
                       const std::string& subject) {
  return Run(dir,
             absl::StrCat("openssl req -x509 -newkey rsa:2048 -nodes -keyout ",
                          name, ".key -subj '", subject, "' -days 2 -sha256 ",
                          "-addext basicConstraints=critical,CA:TRUE ",
                          "-addext keyUsage=critical,keyCertSign -out ", name,
                          ".crt"));
}

}  // namespace

absl::StatusOr<TestCertificates> TestCertificates::Make(
    const std::string& dir) {
  std::filesystem::create_directories(dir);
  const std::string server_ext =
      "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\n"
      "extendedKeyUsage=serverAuth";
  for (absl::Status step : {
           Authority(dir, "ca", "/CN=speakers test CA"),
           Signed(dir, "server", "ca", "/CN=localhost", server_ext),
           Signed(dir, "client", "ca", "/CN=replica-2",
                  "extendedKeyUsage=clientAuth"),
           Authority(dir, "other-ca", "/CN=another CA"),
           Signed(dir, "other", "other-ca", "/CN=localhost", server_ext),
       }) {
    if (!step.ok()) return step;
  }
  TestCertificates made;
  made.dir = dir;
  made.ca_cert = dir + "/ca.crt";
  made.server_cert = dir + "/server.crt";
  made.server_key = dir + "/server.key";
  made.client_cert = dir + "/client.crt";
  made.client_key = dir + "/client.key";
  made.other_ca_cert = dir + "/other-ca.crt";
  made.other_cert = dir + "/other.crt";
  made.other_key = dir + "/other.key";
  return made;
}

std::string TestCertificates::Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TestCertificates* SuiteCertificates::current_ = nullptr;

absl::Status SuiteCertificates::SetUp(const std::string& name) {
  const std::string dir =
      absl::StrCat(std::filesystem::temp_directory_path().string(), "/", name,
                   "-", getpid());
  absl::StatusOr<TestCertificates> made = TestCertificates::Make(dir);
  if (!made.ok()) return made.status();
  current_ = new TestCertificates(*std::move(made));
  return absl::OkStatus();
}

void SuiteCertificates::TearDown() {
  if (current_ == nullptr) return;
  std::error_code ignored;
  std::filesystem::remove_all(current_->dir, ignored);
  delete current_;
  current_ = nullptr;
}

}  // namespace speakers::testing
