// SIGKILL under load: the crash harness (crash_harness.h) run for 30 kills
// (SPEAKERS_CRASH_KILLS, at least 20) with the seed SPEAKERS_CRASH_SEED, and
// a check of the checker: a disk that loses acknowledged commits must be
// reported as lost acknowledged commands.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest-spi.h"
#include "gtest/gtest.h"
#include "tests/durability/crash_env.h"
#include "tests/durability/crash_harness.h"
#include "tests/testing/server_process.h"

namespace speakers::durability {
namespace {

using ::speakers::testing::ReadFile;
using ::speakers::testing::WriteFile;

// Every acknowledged command survives every SIGKILL, exactly once, with its
// reply; the state after each restart is the replay of the log (see
// crash_harness.h for the full list of checks).
TEST(CrashTest, AcknowledgedCommandsSurviveSigkill) {
  const uint64_t seed = CrashSeed();
  const int kills = static_cast<int>(
      std::max<uint64_t>(20, EnvOr("SPEAKERS_CRASH_KILLS", 30)));
  const auto began = std::chrono::steady_clock::now();
  CrashHarness harness(seed);
  harness.SetUp();
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  harness.Run(kills);
  harness.PrintSummary(
      absl::FromChrono(std::chrono::steady_clock::now() - began));
  EXPECT_GE(harness.kills(), 20);
}

// Cuts a WAL file after its first commit frame: what a disk that
// acknowledged the later fsyncs without keeping the data would leave.
// Returns the number of bytes cut off.
size_t CutWalAfterFirstCommit(const std::string& wal_path) {
  std::string wal = ReadFile(wal_path);
  if (wal.size() < 32) return 0;
  auto u32 = [&](size_t at) {
    return static_cast<uint32_t>(static_cast<unsigned char>(wal[at])) << 24 |
           static_cast<uint32_t>(static_cast<unsigned char>(wal[at + 1]))
               << 16 |
           static_cast<uint32_t>(static_cast<unsigned char>(wal[at + 2])) << 8 |
           static_cast<uint32_t>(static_cast<unsigned char>(wal[at + 3]));
  };
  const size_t page = u32(8);
  for (size_t frame = 32; frame + 24 + page <= wal.size(); frame += 24 + page) {
    if (u32(frame + 4) != 0) {  // "database size after commit": a commit frame
      const size_t keep = frame + 24 + page;
      const size_t cut = wal.size() - keep;
      WriteFile(wal_path, wal.substr(0, keep));
      return cut;
    }
  }
  return 0;
}

// The checker itself: a disk that loses acknowledged commits (the WAL is
// cut after its first commit, the schema, after the kill) must be reported
// as lost acknowledged commands.
TEST(CrashTest, TheHarnessReportsLostAcknowledgements) {
  ::testing::TestPartResultArray failures;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::
            INTERCEPT_ONLY_CURRENT_THREAD,
        &failures);
    CrashHarness harness(CrashSeed());
    harness.SetUp();
    size_t cut = 0;
    harness.set_after_kill([&cut](const std::string& data_dir) {
      cut = CutWalAfterFirstCommit(data_dir + "/speakers.db-wal");
    });
    harness.Run(/*kills=*/1);
    ASSERT_GT(cut, 0u) << "the WAL had nothing after its first commit";
  }
  int lost = 0;
  for (int i = 0; i < failures.size(); ++i) {
    lost += absl::StrContains(failures.GetTestPartResult(i).message(),
                              "LOST: acknowledged");
  }
  std::string all;
  for (int i = 0; i < failures.size(); ++i) {
    absl::StrAppend(&all, "\n---\n", failures.GetTestPartResult(i).message());
  }
  EXPECT_GT(lost, 0) << "cutting the WAL after a kill went unnoticed; failures:"
                     << all;
  if (Verbose()) std::cout << all << "\n";
}

}  // namespace
}  // namespace speakers::durability
