// Fuzz target: the stored form of commands (server/app/command_table.h
// FromStored / FromStoredV1, server/app/stored_command.h DecodeCommand),
// what recovery reads back from every record of the log.
//
// Feeds: arbitrary bytes as a record's payload. They are parsed as
// v1::StoredCommand; format 2 goes to FromStored, format 1 (no format
// field) is parsed as v1::StoredCommandV1 and goes to FromStoredV1 under
// every kind name. DecodeCommand gets the payload under the kind it holds,
// under another kind (picked by the payload's size) and under an unknown
// one.
// Asserts:
//   - DecodeCommand never succeeds with a command of another kind than the
//     record's kind, nor with a format other than 1 or 2;
//   - round trip: for every command FromStored reads (format 2), its stored
//     form s = ToStored(command, digest) reads back (FromStored), and that
//     command's stored form is s again, byte for byte (deterministic
//     serialization); so does DecodeCommand(kind, EncodeCommand(...)).
//     A command read from format 1 gets the second half only (when s reads
//     back, it is stable): FromStoredV1 checks less than FromStored (a
//     format 1 record without a meeting or list decodes, a format 2 one
//     is DATA_LOSS), which is no loss, since speakers 0.1 never wrote such
//     a record and the engine refuses the command at replay anyway.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/stubs/logging.h"
#include "server/app/command_table.h"
#include "server/app/stored_command.h"
#include "server/domain/command.h"
#include "speakers/v1/stored_command.pb.h"

namespace {

using speakers::Command;

[[noreturn]] void Fail(const char* what, absl::string_view kind) {
  std::fprintf(stderr, "stored form broke its contract: %s (kind \"%.*s\")\n",
               what, static_cast<int>(kind.size()), kind.data());
  std::abort();
}

std::string Deterministic(const google::protobuf::Message& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return out;
}

// The round trip of a command read back from a record; `format` is the
// record's (see the top of the file).
void RoundTrip(const Command& command, uint64_t digest, int format) {
  const absl::string_view kind = speakers::KindName(command);
  const speakers::v1::StoredCommand stored =
      speakers::ToStored(command, digest);
  const std::string bytes = Deterministic(stored);
  absl::StatusOr<Command> again = speakers::FromStored(stored);
  if (!again.ok()) {
    if (format == 1) return;
    Fail("ToStored(command) does not read back", kind);
  }
  if (speakers::KindName(*again) != kind) Fail("kind changed", kind);
  if (Deterministic(speakers::ToStored(*again, digest)) != bytes) {
    Fail("ToStored(FromStored(ToStored(command))) differs", kind);
  }
  absl::StatusOr<speakers::StoredPayload> decoded =
      speakers::DecodeCommand(kind, speakers::EncodeCommand(command, digest));
  if (!decoded.ok()) Fail("DecodeCommand(EncodeCommand(command)) fails", kind);
  if (decoded->format != 2 || decoded->request_digest != digest ||
      Deterministic(speakers::ToStored(decoded->command, digest)) != bytes) {
    Fail("DecodeCommand(EncodeCommand(command)) differs", kind);
  }
}

// DecodeCommand under `kind`; checks what it may return.
void Decode(absl::string_view kind, absl::string_view payload) {
  absl::StatusOr<speakers::StoredPayload> decoded =
      speakers::DecodeCommand(kind, payload);
  if (!decoded.ok()) return;
  if (speakers::KindName(decoded->command) != kind) {
    Fail("DecodeCommand returned a command of another kind", kind);
  }
  if (decoded->format != 1 && decoded->format != 2) {
    Fail("DecodeCommand returned an unknown format", kind);
  }
  RoundTrip(decoded->command, decoded->request_digest, decoded->format);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Not a word per string of invalid UTF-8 (the parse fails, as it should).
  static const google::protobuf::LogSilencer* const kQuiet =
      new google::protobuf::LogSilencer;
  (void)kQuiet;
  static const std::vector<absl::string_view>* const kKinds =
      new std::vector<absl::string_view>(speakers::KindNames());
  const absl::string_view payload(reinterpret_cast<const char*>(data), size);
  const absl::string_view other = (*kKinds)[size % kKinds->size()];
  Decode("no_such_kind", payload);
  Decode(other, payload);

  speakers::v1::StoredCommand stored;
  if (!stored.ParseFromArray(data, static_cast<int>(size))) return 0;
  if (stored.format() == 2) {
    absl::StatusOr<Command> command = speakers::FromStored(stored);
    if (!command.ok()) return 0;
    RoundTrip(*command, stored.request_digest(), 2);
    const absl::string_view kind = speakers::KindName(*command);
    if (kind != other) Decode(kind, payload);
    return 0;
  }
  if (stored.format() != 0) return 0;
  speakers::v1::StoredCommandV1 old;
  if (!old.ParseFromArray(data, static_cast<int>(size))) return 0;
  for (absl::string_view kind : *kKinds) {
    absl::StatusOr<Command> command = speakers::FromStoredV1(kind, old);
    if (!command.ok()) continue;
    if (speakers::KindName(*command) != kind) {
      Fail("FromStoredV1 returned a command of another kind", kind);
    }
    RoundTrip(*command, 0, 1);
  }
  return 0;
}
