// Writes the seed corpus of fuzz_stored_command: record payloads of real
// commands, into the directory given (tests/fuzz/corpus/fuzz_stored_command).
//   - format 2, as this build stores them: for every kind, the first command
//     of that kind that the domain accepts among the commands of
//     tests/testing/command_generator.h (seed 7) applied in turn to the
//     built-in session ("<kind>-v2.bin"); a kind never accepted is not
//     written;
//   - format 1, as speakers 0.1 wrote them: the first record of every kind
//     of the golden log tests/app/golden/speakers-0.1.db ("<kind>-v1.bin").
// Run after a change to the stored form:
//   cmake --build build-fuzz --target fuzz_stored_seeds
//   build-fuzz/tests/fuzz/fuzz_stored_seeds tests/app/golden/speakers-0.1.db \
//       tests/fuzz/corpus/fuzz_stored_command
#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/app/command_table.h"
#include "server/app/stored_command.h"
#include "server/config/session_loader.h"
#include "server/domain/engine.h"
#include "tests/testing/command_generator.h"
#include "tests/testing/fake_clock.h"

namespace {

bool Write(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

// kind -> payload, format 2, of commands the domain accepted.
std::map<std::string, std::string> CurrentFormat() {
  std::map<std::string, std::string> out;
  absl::StatusOr<speakers::Session> session = speakers::LoadBuiltinSession();
  if (!session.ok()) return out;
  speakers::testing::FakeClock clock(absl::FromCivil(
      absl::CivilSecond(2017, 11, 6, 10, 0, 0), absl::UTCTimeZone()));
  speakers::Engine engine(
      std::make_shared<const speakers::Session>(*std::move(session)), &clock);
  speakers::testing::CommandGenerator generator(7, &engine);
  uint64_t digest = 0x9e3779b97f4a7c15u;
  for (int i = 0; i < 20000; ++i) {
    clock.Advance(generator.ClockStep());
    const speakers::Command command = generator.Next();
    if (!engine.Apply(command, "chair:plenary").ok()) continue;
    const std::string kind(speakers::KindName(command));
    if (out.count(kind) == 0) {
      out[kind] = speakers::EncodeCommand(command, digest);
      digest = digest * 6364136223846793005u + 1442695040888963407u;
    }
  }
  return out;
}

// kind -> payload of the first record of each kind in the log at `path`.
std::map<std::string, std::string> LoggedFormat(const std::string& path) {
  std::map<std::string, std::string> out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(db);
    return out;
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT kind, payload FROM commands ORDER BY sequence",
                         -1, &statement, nullptr) == SQLITE_OK) {
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const std::string kind(
          reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
      const char* blob =
          static_cast<const char*>(sqlite3_column_blob(statement, 1));
      const int size = sqlite3_column_bytes(statement, 1);
      if (out.count(kind) == 0) out[kind] = std::string(blob, blob + size);
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s GOLDEN_0.1_DB OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[2];
  int written = 0;
  for (const auto& [kind, payload] : CurrentFormat()) {
    if (!Write(dir + "/" + kind + "-v2.bin", payload)) return 1;
    ++written;
  }
  const std::map<std::string, std::string> old = LoggedFormat(argv[1]);
  if (old.empty()) {
    std::fprintf(stderr, "no records read from %s\n", argv[1]);
    return 1;
  }
  for (const auto& [kind, payload] : old) {
    if (!speakers::DecodeCommand(kind, payload).ok()) {
      std::fprintf(stderr, "%s: a \"%s\" record does not decode\n", argv[1],
                   kind.c_str());
      return 1;
    }
    if (!Write(dir + "/" + kind + "-v1.bin", payload)) return 1;
    ++written;
  }
  std::printf("%d seeds written to %s\n", written, dir.c_str());
  return 0;
}
