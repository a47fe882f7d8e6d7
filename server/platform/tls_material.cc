#include "server/platform/tls_material.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace speakers {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

absl::StatusOr<std::string> ReadWhole(const std::string& path,
                                      absl::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    const std::string text = absl::StrCat("cannot read the ", what, " ", path,
                                          ": ", std::strerror(error));
    return error == EACCES ? absl::PermissionDeniedError(text)
                           : absl::NotFoundError(text);
  }
  std::ostringstream whole;
  whole << in.rdbuf();
  return whole.str();
}

std::unique_ptr<BIO, BioFree> Bio(const std::string& pem) {
  return std::unique_ptr<BIO, BioFree>(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// The first certificate of `pem`, or null.
std::unique_ptr<X509, X509Free> FirstCertificate(const std::string& pem) {
  auto bio = Bio(pem);
  return std::unique_ptr<X509, X509Free>(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

absl::Status Check(const TlsMaterial& tls, absl::string_view cert_name,
                   absl::string_view key_name, absl::string_view ca_name) {
  ERR_clear_error();
  auto cert = FirstCertificate(tls.cert_chain_pem);
  if (cert == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        cert_name, " holds no PEM certificate (\"-----BEGIN CERTIFICATE\")"));
  }
  if (X509_cmp_current_time(X509_get0_notAfter(cert.get())) < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        cert_name, " has expired: browsers and clients would refuse it"));
  }
  if (X509_cmp_current_time(X509_get0_notBefore(cert.get())) > 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(cert_name, " is not valid yet (is the clock right?)"));
  }
  auto key_bio = Bio(tls.private_key_pem);
  std::unique_ptr<EVP_PKEY, KeyFree> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        key_name, " holds no PEM private key (or one with a passphrase)"));
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError(absl::StrCat(
        key_name, " is not the key of the certificate in ", cert_name));
  }
  if (!tls.client_ca_pem.empty() &&
      FirstCertificate(tls.client_ca_pem) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        ca_name, " holds no PEM certificate (\"-----BEGIN CERTIFICATE\")"));
  }
  ERR_clear_error();
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<TlsMaterial> TlsMaterial::Load(
    const std::string& cert_path, const std::string& key_path,
    const std::string& client_ca_path) {
  TlsMaterial tls;
  absl::StatusOr<std::string> cert = ReadWhole(cert_path, "certificate");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadWhole(key_path, "private key");
  if (!key.ok()) return key.status();
  tls.cert_chain_pem = *std::move(cert);
  tls.private_key_pem = *std::move(key);
  if (!client_ca_path.empty()) {
    absl::StatusOr<std::string> ca = ReadWhole(client_ca_path, "client CA");
    if (!ca.ok()) return ca.status();
    tls.client_ca_pem = *std::move(ca);
  }
  absl::Status checked = Check(tls, absl::StrCat("the certificate ", cert_path),
                               absl::StrCat("the private key ", key_path),
                               absl::StrCat("the client CA ", client_ca_path));
  if (!checked.ok()) return checked;
  return tls;
}

absl::StatusOr<TlsMaterial> TlsMaterial::FromPem(std::string cert_chain_pem,
                                                 std::string private_key_pem,
                                                 std::string client_ca_pem) {
  TlsMaterial tls{std::move(cert_chain_pem), std::move(private_key_pem),
                  std::move(client_ca_pem)};
  absl::Status checked =
      Check(tls, "the certificate", "the private key", "the client CA");
  if (!checked.ok()) return checked;
  return tls;
}

}  // namespace speakers
