#ifndef SPEAKERS_SERVER_PLATFORM_TLS_MATERIAL_H_
#define SPEAKERS_SERVER_PLATFORM_TLS_MATERIAL_H_

#include <string>

#include "absl/status/statusor.h"

namespace speakers {

// A server's certificate, its private key and, for mutual TLS, the CA that
// signs the clients' certificates: PEM texts, checked when loaded. The
// gRPC server and the HTTPS gateway are both built from one of these.
struct TlsMaterial {
  std::string cert_chain_pem;   // the server's certificate, then its chain
  std::string private_key_pem;  // the key of the first certificate
  std::string client_ca_pem;    // empty: clients show no certificate

  // Reads and checks the files: the certificate chain parses and its first
  // certificate is valid now, the key parses and belongs to it, the client
  // CA (when `client_ca_path` is not empty) parses. NOT_FOUND or
  // PERMISSION_DENIED naming a file that cannot be read; INVALID_ARGUMENT
  // naming the file and what is wrong with it (not PEM, expired, a key of
  // another certificate).
  static absl::StatusOr<TlsMaterial> Load(const std::string& cert_path,
                                          const std::string& key_path,
                                          const std::string& client_ca_path);

  // The same checks on texts already read; messages name the part
  // ("the certificate") instead of a file.
  static absl::StatusOr<TlsMaterial> FromPem(std::string cert_chain_pem,
                                             std::string private_key_pem,
                                             std::string client_ca_pem);
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_PLATFORM_TLS_MATERIAL_H_
