// Logs written by earlier versions replay, to the exact state they held.
// tests/app/golden/ holds one command log per stored format, each with one
// command of every kind (written by golden/write_golden_log.sh with that
// version's server), and the state each replays to. A change that misreads
// a stored command, or that makes a stored command apply differently,
// fails here.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "server/app/command_table.h"
#include "server/app/recovery.h"
#include "server/app/state_to_proto.h"
#include "server/config/session_loader.h"
#include "server/domain/engine.h"
#include "server/platform/replay_clock.h"
#include "server/storage/sqlite_command_log.h"
#include "tests/testing/fake_clock.h"

namespace speakers {
namespace {

std::string SourceDir() {
  const char* dir = std::getenv("SPEAKERS_SOURCE_DIR");
  return dir == nullptr ? "." : dir;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Replayed {
  std::string state;            // every meeting's snapshot, as text
  std::set<std::string> kinds;  // the kinds of its records
  size_t records = 0;
};

// Replays a copy of the golden log `name` into a fresh engine; the state
// is read at a fixed instant (expected waits depend on it).
Replayed Replay(const std::string& name) {
  Replayed out;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    absl::StrCat("speakers-golden-", getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string copy = (dir / "speakers.db").string();
  std::filesystem::copy_file(SourceDir() + "/tests/app/golden/" + name, copy);
  absl::StatusOr<Session> session = LoadBuiltinSession();
  EXPECT_TRUE(session.ok()) << session.status();
  const absl::Time at = absl::FromCivil(absl::CivilSecond(2030, 1, 1, 0, 0, 0),
                                        absl::UTCTimeZone());
  testing::FakeClock fake(at);
  ReplayClock clock(&fake);
  Engine engine(std::make_shared<const Session>(*std::move(session)), &clock);
  {
    absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
        SqliteCommandLog::Open(copy);
    EXPECT_TRUE(log.ok()) << log.status();
    if (!log.ok()) return out;
    absl::StatusOr<RecoveryStats> stats =
        Recover(**log, engine, clock,
                [&](const LoggedCommand& r, const StoredPayload&) {
                  out.kinds.insert(r.kind);
                });
    EXPECT_TRUE(stats.ok()) << stats.status();
    if (stats.ok()) out.records = stats->records;
  }
  for (const Meeting* meeting : static_cast<const Engine&>(engine).meetings()) {
    std::string text;
    google::protobuf::TextFormat::PrintToString(SnapshotToProto(*meeting, at),
                                                &text);
    absl::StrAppend(&out.state, "# meeting ", meeting->id(), "\n", text);
  }
  std::filesystem::remove_all(dir);
  return out;
}

// `newer`: the kinds added after the version that wrote `log`.
void ExpectGolden(const std::string& log, const std::string& state_file,
                  const std::set<absl::string_view>& newer) {
  const Replayed replayed = Replay(log);
  const std::string path = SourceDir() + "/tests/app/golden/" + state_file;
  if (std::getenv("SPEAKERS_WRITE_GOLDEN") != nullptr) {
    std::ofstream(path) << replayed.state;
    GTEST_FAIL() << "wrote " << path
                 << "; unset SPEAKERS_WRITE_GOLDEN and run again";
  }
  EXPECT_EQ(replayed.state, ReadFile(path))
      << "the replayed state differs from " << path;
  // One record at least of every kind this version knows.
  for (absl::string_view kind : KindNames()) {
    if (newer.count(kind)) continue;
    EXPECT_TRUE(replayed.kinds.count(std::string(kind)))
        << log << " has no " << kind;
  }
  EXPECT_GE(replayed.records, 30u);
}

// The kinds speakers 0.4 added (the floor of a meeting), and 0.6 (the
// chair's undo of a removal).
const std::set<absl::string_view> kSince06 = {"reinstate"};
const std::set<absl::string_view> kSince04 = {"end_statement", "undo_next",
                                              "point_of_order", "reinstate"};

TEST(GoldenLogTest, ALogOfSpeakers01ReplaysToItsState) {
  ExpectGolden("speakers-0.1.db", "speakers-0.1.state.textproto", kSince04);
}

TEST(GoldenLogTest, ALogOfSchema1WithDigestsReplaysToItsState) {
  ExpectGolden("speakers-0.2.db", "speakers-0.2.state.textproto", kSince04);
}

// Schema 2: every record with its link of the checksum chain, which the
// replay checks.
TEST(GoldenLogTest, ALogOfSpeakers03ReplaysToItsState) {
  ExpectGolden("speakers-0.3.db", "speakers-0.3.state.textproto", kSince04);
}

// Every kind of 0.4, those of the floor of a meeting (issue 11) included.
TEST(GoldenLogTest, ALogOfSpeakers04ReplaysToItsState) {
  ExpectGolden("speakers-0.4.db", "speakers-0.4.state.textproto", kSince06);
}

// Every kind, the chair's reinstatement of a removed entry included.
TEST(GoldenLogTest, ALogOfThisVersionReplaysToItsState) {
  ExpectGolden("speakers-0.6.db", "speakers-0.6.state.textproto", {});
}

}  // namespace
}  // namespace speakers
