#include "server/storage/record_chain.h"

#include <openssl/evp.h>

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/time/time.h"

namespace speakers {
namespace {

// SHA-256 fetched once (an implicit fetch per digest costs a lock and a
// lookup in OpenSSL 3), fed field by field without building the input.
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, Md(), nullptr); }
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // Little-endian, 8 bytes: the same on every machine.
  void Int(uint64_t value) {
    unsigned char bytes[8];
    for (int i = 0; i < 8; ++i)
      bytes[i] = static_cast<unsigned char>(value >> (8 * i));
    EVP_DigestUpdate(ctx_, bytes, sizeof(bytes));
  }
  void Text(absl::string_view text) {
    Int(text.size());
    EVP_DigestUpdate(ctx_, text.data(), text.size());
  }
  std::string Finish() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx_, digest, &length);
    return std::string(reinterpret_cast<const char*>(digest), length);
  }

 private:
  static const EVP_MD* Md() {
    static const EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
  }
  EVP_MD_CTX* ctx_;
};

}  // namespace

std::string RecordChain::Genesis(absl::string_view log_id) {
  Sha256 sha;
  sha.Text("speakers command log chain 1");
  sha.Text(log_id);
  return sha.Finish();
}

std::string RecordChain::Next(absl::string_view previous,
                              const LoggedCommand& record, uint64_t sequence) {
  Sha256 sha;
  sha.Text(previous);
  sha.Int(sequence);
  sha.Text(record.meeting);
  sha.Int(record.version);
  sha.Int(static_cast<uint64_t>(absl::ToUnixNanos(record.at)));
  sha.Text(record.actor);
  sha.Text(record.request_id);
  sha.Text(record.kind);
  sha.Text(record.payload);
  sha.Text(record.reply);
  return sha.Finish();
}

std::string RecordChain::Hex(absl::string_view link) {
  return absl::BytesToHexString(link);
}

}  // namespace speakers
