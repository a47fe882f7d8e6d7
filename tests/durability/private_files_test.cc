// What the server leaves on disk is for its own user only, and no token
// reaches its output: the data directory 0700, the database, its WAL and
// the tokens 0600 (an older 0644 database made private at start); the
// tokens file holds hashes, the tokens themselves are only in
// new-tokens.txt. A start that would speak plain text to the network is
// refused.
#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/durability/crash_env.h"
#include "tests/durability/data_dir_fixture.h"
#include "tests/durability/durability_util.h"
#include "tests/testing/server_process.h"

namespace speakers::durability {
namespace {

using ::speakers::testing::DescribeWaitStatus;
using ::speakers::testing::ReadFile;
using ::speakers::testing::ServerProcess;

unsigned ModeOf(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 07777;
}

TEST_F(DataDirTest, TheFilesAreTheServersOnlyAndNoTokenIsPrinted) {
  const std::string dir = work_ + "/private";
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(ServerArgv(dir));
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_TRUE((*server)->WaitListening(kStartTimeout).ok());
  EXPECT_EQ(ModeOf(dir), 0700u);
  // (The log holds SQLite's lock exclusively: no -shm file.)
  for (const char* file :
       {"speakers.db", "speakers.db-wal", "tokens.txt", "new-tokens.txt"}) {
    EXPECT_EQ(ModeOf(dir + "/" + file), 0600u) << file;
  }
  absl::StatusOr<Tokens> tokens = ReadTokens(dir + "/new-tokens.txt");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  const std::string hashed = ReadFile(dir + "/tokens.txt");
  const std::string out = (*server)->out() + (*server)->err();
  for (const std::string& token :
       {tokens->secretariat, tokens->chair["plenary"],
        tokens->delegation["AUT"]}) {
    ASSERT_FALSE(token.empty());
    EXPECT_FALSE(absl::StrContains(hashed, token)) << token;
    EXPECT_FALSE(absl::StrContains(out, token)) << out;
  }
  EXPECT_TRUE(absl::StrContains(
      out, absl::StrCat("they are in ", dir, "/new-tokens.txt (mode 0600)")))
      << out;
}

TEST_F(DataDirTest, AnOlderWorldReadableDatabaseIsMadePrivate) {
  const std::string dir = work_ + "/older";
  {
    absl::StatusOr<std::unique_ptr<ServerProcess>> first =
        ServerProcess::Start(ServerArgv(dir));
    ASSERT_TRUE(first.ok()) << first.status();
    ASSERT_TRUE((*first)->WaitListening(kStartTimeout).ok());
  }  // stopped
  ::chmod(dir.c_str(), 0755);
  ::chmod((dir + "/speakers.db").c_str(), 0644);
  absl::StatusOr<std::unique_ptr<ServerProcess>> second =
      ServerProcess::Start(ServerArgv(dir));
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_TRUE((*second)->WaitListening(kStartTimeout).ok());
  EXPECT_EQ(ModeOf(dir), 0700u);
  EXPECT_EQ(ModeOf(dir + "/speakers.db"), 0600u);
  EXPECT_EQ(ModeOf(dir + "/speakers.db-wal"), 0600u);
}

TEST_F(DataDirTest, PlainTextOnTheNetworkIsRefusedAtStart) {
  const std::string dir = work_ + "/network";
  absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(
      {SPEAKERS_SERVER_PATH, "--grpc=0.0.0.0:0", "--data=" + dir});
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<int> status = (*server)->WaitExit(absl::Seconds(30));
  ASSERT_TRUE(status.ok());
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 2)
      << DescribeWaitStatus(*status);
  EXPECT_TRUE(absl::StrContains((*server)->err(),
                                "--grpc=0.0.0.0:0 is reachable from the "
                                "network, where the tokens would travel in "
                                "clear"))
      << (*server)->err();
  EXPECT_FALSE(std::filesystem::exists(dir));  // nothing was written
}

}  // namespace
}  // namespace speakers::durability
