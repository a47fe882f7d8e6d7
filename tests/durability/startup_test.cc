// Starting on a data directory: a SIGKILL during the very first start
// leaves a directory the next start accepts, and a second server on a
// directory in use is refused while the first keeps working.
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "speakers/v1/speakers.grpc.pb.h"
#include "tests/durability/crash_env.h"
#include "tests/durability/data_dir_fixture.h"
#include "tests/durability/durability_util.h"
#include "tests/testing/server_process.h"

namespace speakers::durability {
namespace {

using ::speakers::testing::DescribeWaitStatus;
using ::speakers::testing::ReadFile;
using ::speakers::testing::ServerProcess;

// "Max open files  SOFT  HARD  files" of /proc/PID/limits.
std::pair<std::string, std::string> OpenFilesLimits(pid_t pid) {
  for (absl::string_view line :
       absl::StrSplit(ReadFile(absl::StrCat("/proc/", pid, "/limits")), '\n')) {
    if (!absl::StartsWith(line, "Max open files")) continue;
    std::vector<std::string> words =
        absl::StrSplit(line.substr(14), ' ', absl::SkipEmpty());
    if (words.size() >= 2) return {words[0], words[1]};
  }
  return {"", ""};
}

// Started with the usual low soft limit, the server raises it to the hard
// limit before it opens a socket (1,100 browser connections exhausted 1,024
// descriptors before).
TEST_F(DataDirTest, TheServerRaisesItsOpenFilesLimitToTheHardLimit) {
  struct rlimit saved;
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  ASSERT_GT(saved.rlim_max, 256u) << "the hard limit leaves nothing to raise";
  struct rlimit low = saved;
  low.rlim_cur = 256;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(ServerArgv(work_ + "/limits"));
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);  // ours again
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_TRUE((*server)->WaitListening(kStartTimeout).ok());
  const auto [soft, hard] = OpenFilesLimits((*server)->pid());
  const std::string expected = saved.rlim_max == RLIM_INFINITY
                                   ? "unlimited"
                                   : absl::StrCat(saved.rlim_max);
  EXPECT_EQ(hard, expected);
  EXPECT_EQ(soft, expected);
}

// The second server exits at once, naming the first one's pid; it changes
// nothing (not even the tokens), and the first server goes on acknowledging
// durably.
// gRPC sets SO_REUSEPORT unless told not to: a second server on another
// data directory but the same port used to start, listen, and take half of
// the new connections (the e2e CLI scenario once connected to a server that
// was not its own, beside the crash tests' servers on port 0).
TEST_F(DataDirTest, ASecondServerOnTheSamePortIsRefused) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> first =
      ServerProcess::Start(ServerArgv(work_ + "/port-first"));
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<std::string> address = (*first)->WaitListening(kStartTimeout);
  ASSERT_TRUE(address.ok()) << address.status();

  std::vector<std::string> argv = ServerArgv(work_ + "/port-second");
  argv[1] = absl::StrCat("--grpc=", *address);
  absl::StatusOr<std::unique_ptr<ServerProcess>> second =
      ServerProcess::Start(argv);
  ASSERT_TRUE(second.ok()) << second.status();
  absl::StatusOr<int> status = (*second)->WaitExit(absl::Seconds(60));
  ASSERT_TRUE(status.ok()) << "the second server listens on " << *address
                           << " too; stdout:\n"
                           << (*second)->out();
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) != 0)
      << DescribeWaitStatus(*status);
  EXPECT_TRUE(absl::StrContains(
      (*second)->err(),
      absl::StrCat("cannot listen on ", *address, "; is the port in use")))
      << (*second)->err();
  EXPECT_FALSE(absl::StrContains((*second)->out(), "listening grpc="));
}

TEST_F(DataDirTest, ASecondServerOnTheSameDataDirectoryIsRefused) {
  const std::string dir = work_ + "/shared";
  absl::StatusOr<std::unique_ptr<ServerProcess>> first =
      ServerProcess::Start(ServerArgv(dir));
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<std::string> address = (*first)->WaitListening(kStartTimeout);
  ASSERT_TRUE(address.ok()) << address.status();
  absl::StatusOr<Tokens> tokens = ReadTokens(dir + "/new-tokens.txt");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  const std::string tokens_before = ReadFile(dir + "/tokens.txt");

  absl::StatusOr<std::unique_ptr<ServerProcess>> second =
      ServerProcess::Start(ServerArgv(dir));
  ASSERT_TRUE(second.ok()) << second.status();
  absl::StatusOr<int> status = (*second)->WaitExit(absl::Seconds(60));
  ASSERT_TRUE(status.ok()) << "the second server keeps running; stdout:\n"
                           << (*second)->out();
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) != 0)
      << DescribeWaitStatus(*status);
  const std::string err = (*second)->err();
  EXPECT_TRUE(absl::StrContains(err, "another speakers server")) << err;
  EXPECT_TRUE(absl::StrContains(err, "is using")) << err;
  EXPECT_TRUE(absl::StrContains(err, absl::StrCat("pid ", (*first)->pid())))
      << err;
  EXPECT_FALSE(absl::StrContains((*second)->out(), "listening grpc="));
  EXPECT_EQ(ReadFile(dir + "/tokens.txt"), tokens_before);

  // The first server still works and keeps what it acknowledges.
  auto stub = v1::Speakers::NewStub(MakeChannel(*address));
  v1::ChangeMeetingRequest open;
  open.set_meeting("plenary");
  open.set_action(v1::MEETING_OPEN);
  open.set_request_id("after-the-second");
  v1::CommandReply reply;
  const grpc::Status called = Call(stub.get(), &Stub::ChangeMeeting,
                                   tokens->chair.at("plenary"), open, &reply);
  ASSERT_TRUE(called.ok()) << StatusText(called);
  EXPECT_EQ(reply.version(), 1u);
  (*first)->Kill();
  absl::StatusOr<std::unique_ptr<Replayed>> replayed =
      ReplayCopy(dir + "/speakers.db", work_);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  ASSERT_EQ(replayed->get()->records.size(), 1u);
  EXPECT_EQ(replayed->get()->records[0].request_id, "after-the-second");
}

// A moment of the first start: when `file` of the data directory appears
// (with `bytes`, when it first has bytes).
struct Moment {
  const char* file;
  bool bytes;
};

// SqliteCommandLog::Open creates the database under a temporary name
// (speakers.db.new: the schema written in WAL mode, then checkpointed) and
// renames it into place; the server then opens it for good.
constexpr Moment kFirstStartMoments[] = {
    {"speakers.db.new", true},       // page 1 of the schema being written
    {"speakers.db.new-wal", false},  // its schema transaction under way
    {"speakers.db", true},           // renamed into place
    {"speakers.db-wal", false},      // opened for good
};

// A SIGKILL during the very first start must leave a data directory that
// the next start accepts (nothing in it can have been acknowledged), and
// the next start must leave no temporary file behind. Kills at each moment
// of kFirstStartMoments, twice each: a moment lasts a few milliseconds, so
// it is tried up to 25 times (a loaded machine misses some).
// BUG before 7da12bb (server/storage/schema.cc, CreateSchema): "PRAGMA
// journal_mode = WAL" made page 1 durable in the main file before the
// schema transaction committed in the WAL; killed in between, the file was
// an SQLite file without the speakers schema (application id 0, no tables),
// which every later start refused as "not a speakers database ... give the
// server its own data file, or move this one away", although it was its
// own.
TEST_F(DataDirTest, ASigkillDuringTheFirstStartLeavesAStartableDataDirectory) {
  constexpr int kMoments =
      sizeof(kFirstStartMoments) / sizeof(kFirstStartMoments[0]);
  constexpr int kWanted = 2;
  constexpr int kTries = 25;
  int caught[kMoments] = {};
  int tries[kMoments] = {};
  int total = 0;
  std::vector<std::string> refusals;
  for (int attempt = 0; attempt < kTries * kMoments; ++attempt) {
    const int m = attempt / kTries;
    if (caught[m] >= kWanted) continue;
    ++tries[m];
    const Moment& moment = kFirstStartMoments[m];
    const std::string dir = absl::StrCat(work_, "/first-start-", attempt);
    const std::string trigger = absl::StrCat(dir, "/", moment.file);
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(ServerArgv(dir));
    ASSERT_TRUE(server.ok()) << server.status();
    bool killed = false;
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (absl::Now() < deadline) {
      struct stat info;
      if (stat(trigger.c_str(), &info) == 0 &&
          (!moment.bytes || info.st_size > 0)) {
        (*server)->Kill();
        killed = true;
        break;
      }
      if (absl::StrContains((*server)->out(), "listening grpc=")) break;
    }
    if (!killed) continue;
    ++caught[m];
    ++total;
    std::string files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (absl::StartsWith(entry.path().filename().string(), "speakers.db")) {
        absl::StrAppend(&files, files.empty() ? "" : ", ",
                        entry.path().filename().string(), " ",
                        entry.file_size(), " B");
      }
    }
    absl::StatusOr<std::unique_ptr<ServerProcess>> again =
        ServerProcess::Start(ServerArgv(dir));
    ASSERT_TRUE(again.ok()) << again.status();
    absl::StatusOr<std::string> address =
        (*again)->WaitListening(kStartTimeout);
    if (Verbose()) {
      std::cout << "  killed when " << moment.file << " appeared: " << files
                << "; restart " << (address.ok() ? "listens" : "REFUSED")
                << "\n";
    }
    if (!address.ok()) {
      refusals.push_back(absl::StrCat("killed when ", moment.file,
                                      " appeared (", files,
                                      "): ", (*again)->err()));
      continue;
    }
    EXPECT_FALSE(std::filesystem::exists(dir + "/speakers.db.new"))
        << "killed when " << moment.file << " appeared (" << files
        << "): the restart left speakers.db.new behind";
    EXPECT_FALSE(std::filesystem::exists(dir + "/speakers.db.new-wal"))
        << "killed when " << moment.file << " appeared (" << files
        << "): the restart left speakers.db.new-wal behind";
  }
  std::vector<std::string> counts;
  for (int m = 0; m < kMoments; ++m) {
    counts.push_back(absl::StrCat(kFirstStartMoments[m].file, " ", caught[m],
                                  "/", tries[m]));
  }
  if (Verbose()) {
    std::cout << "  caught: " << absl::StrJoin(counts, ", ") << "\n";
  }
  ASSERT_GT(total, 0) << "never caught the server during its first start";
  for (int m = 0; m < kMoments; ++m) {
    EXPECT_GT(caught[m], 0)
        << "never caught the server when " << kFirstStartMoments[m].file
        << " appeared (caught: " << absl::StrJoin(counts, ", ")
        << "); does SqliteCommandLog::Open still create the database "
           "this way? Update kFirstStartMoments";
  }
  EXPECT_TRUE(refusals.empty())
      << "BUG: after a SIGKILL during the first start the server refuses its "
         "own data "
         "directory ("
      << refusals.size() << " of " << total << " kills):\n"
      << absl::StrJoin(refusals, "\n");
}

}  // namespace
}  // namespace speakers::durability
