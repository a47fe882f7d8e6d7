#include "server/storage/record_chain.h"

#include <openssl/evp.h>

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/time/time.h"

namespace speakers {
namespace {

// Little-endian, 8 bytes: the same on every machine.
void PutInt(std::string& out, uint64_t value) {
  for (int i = 0; i < 8; ++i)
    out.push_back(static_cast<char>(value >> (8 * i)));
}

void PutText(std::string& out, absl::string_view text) {
  PutInt(out, text.size());
  out.append(text.data(), text.size());
}

std::string Sha256(absl::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(),
             nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace

std::string RecordChain::Genesis(absl::string_view log_id) {
  std::string input;
  PutText(input, "speakers command log chain 1");
  PutText(input, log_id);
  return Sha256(input);
}

std::string RecordChain::Next(absl::string_view previous,
                              const LoggedCommand& record) {
  std::string input;
  input.reserve(previous.size() + record.payload.size() + record.reply.size() +
                160);
  PutText(input, previous);
  PutInt(input, record.sequence);
  PutText(input, record.meeting);
  PutInt(input, record.version);
  PutInt(input, static_cast<uint64_t>(absl::ToUnixNanos(record.at)));
  PutText(input, record.actor);
  PutText(input, record.request_id);
  PutText(input, record.kind);
  PutText(input, record.payload);
  PutText(input, record.reply);
  return Sha256(input);
}

std::string RecordChain::Hex(absl::string_view link) {
  return absl::BytesToHexString(link);
}

}  // namespace speakers
