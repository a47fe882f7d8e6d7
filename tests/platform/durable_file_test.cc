// Files written whole or not at all, and synced to disk: the tokens file
// of a first start, and what SQLite's files need (file_sync).
#include "server/platform/durable_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/app/token_file.h"
#include "server/app/token_store.h"
#include "server/config/session_loader.h"
#include "server/platform/file_sync.h"

namespace speakers {
namespace {

class DurableFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() /
            ("speakers-durable-" + std::to_string(getpid())))
               .string();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all);
    std::filesystem::remove_all(dir_);
  }
  std::string File(const std::string& name) const { return dir_ + "/" + name; }
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static mode_t ModeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
  }

  std::string dir_;
};

TEST_F(DurableFileTest, WritesTheWholeFileWithItsModeAndReplacesAnOldOne) {
  ASSERT_TRUE(WriteFileDurably(File("t"), "first\n", 0600).ok());
  EXPECT_EQ(Read(File("t")), "first\n");
  EXPECT_EQ(ModeOf(File("t")), 0600u);
  ASSERT_TRUE(WriteFileDurably(File("t"), "second\n", 0600).ok());
  EXPECT_EQ(Read(File("t")), "second\n");
  EXPECT_FALSE(std::filesystem::exists(File("t.new")));
}

TEST_F(DurableFileTest, ALeftoverOfAWriteCutShortIsReplaced) {
  // A crash between creating t.new and renaming it: t.new is never used.
  std::ofstream(File("t.new")) << "half a fi";
  ASSERT_TRUE(WriteFileDurably(File("t"), "whole\n", 0600).ok());
  EXPECT_EQ(Read(File("t")), "whole\n");
  EXPECT_FALSE(std::filesystem::exists(File("t.new")));
}

TEST_F(DurableFileTest, AFailedWriteLeavesNoTraceAndSaysWhy) {
  if (geteuid() == 0) {
    // root writes into a read-only directory: use a missing one instead.
    const absl::Status status = WriteFileDurably(File("missing/t"), "x", 0600);
    ASSERT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
    EXPECT_EQ(std::string(status.message()),
              "cannot create " + File("missing/t.new") +
                  " (No such file or directory)");
    EXPECT_FALSE(std::filesystem::exists(File("missing")));
    return;
  }
  std::filesystem::permissions(dir_, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_exec);
  const absl::Status status = WriteFileDurably(File("t"), "x", 0600);
  ASSERT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_EQ(std::string(status.message()),
            "cannot create " + File("t.new") + " (Permission denied)");
  EXPECT_FALSE(std::filesystem::exists(File("t")));
}

TEST_F(DurableFileTest, TheTokensOfAFirstStartAreWholePrivateAndHashed) {
  absl::StatusOr<Session> session = LoadBuiltinSession();
  ASSERT_TRUE(session.ok()) << session.status();
  std::ofstream(File("tokens.txt.new")) << "abcdefghijklmnopqrstuvwx secretar";
  std::string created;
  absl::StatusOr<TokenStore> tokens =
      LoadOrCreateTokens(File("tokens.txt"), *session, &created);
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_EQ(ModeOf(File("tokens.txt")), 0600u);
  EXPECT_EQ(ModeOf(File("new-tokens.txt")), 0600u);
  EXPECT_FALSE(std::filesystem::exists(File("tokens.txt.new")));
  const size_t count = 2 + session->config().meetings.size() +
                       session->config().delegations.size();
  EXPECT_EQ(created,
            absl::StrCat("Access tokens: ", count,
                         " made (the secretariat's, the display's, each "
                         "chair's and each delegation's); they are in ",
                         File("new-tokens.txt"),
                         " (mode 0600), and only their hashes in ",
                         File("tokens.txt"), ". Hand them out, then delete ",
                         File("new-tokens.txt"), ".\n"));
  // Every token of new-tokens.txt is known, and none is in tokens.txt.
  const std::string hashed = Read(File("tokens.txt"));
  std::istringstream shown(Read(File("new-tokens.txt")));
  size_t found = 0;
  for (std::string line; std::getline(shown, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::string token = line.substr(0, line.find(' '));
    ASSERT_EQ(token.size(), 32u) << line;
    EXPECT_EQ(hashed.find(token), std::string::npos) << line;
    const TokenEntry* entry = tokens->Find(token);
    ASSERT_NE(entry, nullptr) << line;
    EXPECT_EQ(line.substr(33, line.find(' ', 33) - 33),
              RoleName(entry->principal.role));
    ++found;
  }
  EXPECT_EQ(found, count);
  EXPECT_EQ(tokens->entries().size(), count);
  // A second start reads the same hashes and makes nothing.
  std::string again;
  absl::StatusOr<TokenStore> reread =
      LoadOrCreateTokens(File("tokens.txt"), *session, &again);
  ASSERT_TRUE(reread.ok()) << reread.status();
  EXPECT_EQ(again, "");
  ASSERT_EQ(reread->entries().size(), count);
  for (size_t i = 0; i < count; ++i)
    EXPECT_EQ(reread->entries()[i].hash, tokens->entries()[i].hash);
}

TEST_F(DurableFileTest, TokensWrittenInClearAreReplacedByTheirHashes) {
  absl::StatusOr<Session> session = LoadBuiltinSession();
  ASSERT_TRUE(session.ok()) << session.status();
  const std::string secretariat = "an-operators-token-0001";
  {
    std::ofstream out(File("tokens.txt"));
    out << secretariat << " secretariat\n"
        << "sha256:" << TokenHash("a-hashed-token-000001")
        << " delegation AUT name=Ms. Jane Doe\n";
  }
  ::chmod(File("tokens.txt").c_str(), 0644);
  std::string report;
  absl::StatusOr<TokenStore> tokens =
      LoadOrCreateTokens(File("tokens.txt"), *session, &report);
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_EQ(report, absl::StrCat("Access tokens: 1 of ", File("tokens.txt"),
                                 " were written in clear; the file now keeps "
                                 "only their hashes.\n"));
  EXPECT_EQ(ModeOf(File("tokens.txt")), 0600u);
  const std::string text = Read(File("tokens.txt"));
  EXPECT_EQ(text.find(secretariat), std::string::npos) << text;
  EXPECT_NE(text.find("sha256:" + TokenHash(secretariat) + " secretariat\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(" delegation AUT name=Ms. Jane Doe\n"), std::string::npos)
      << text;
  ASSERT_NE(tokens->Find(secretariat), nullptr);
  ASSERT_NE(tokens->Find("a-hashed-token-000001"), nullptr);
  EXPECT_FALSE(std::filesystem::exists(File("new-tokens.txt")));
}

TEST_F(DurableFileTest,
       ATokensFileThatCannotBeWrittenIsRefusedBeforeAnyIsShown) {
  absl::StatusOr<Session> session = LoadBuiltinSession();
  ASSERT_TRUE(session.ok()) << session.status();
  std::string created;
  absl::StatusOr<TokenStore> tokens =
      LoadOrCreateTokens(File("missing/tokens.txt"), *session, &created);
  ASSERT_EQ(tokens.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(std::string(tokens.status().message()),
            "cannot write the tokens file " + File("missing/new-tokens.txt") +
                ": cannot create " + File("missing/new-tokens.txt.new") +
                " (No such file or directory); check --data and its "
                "permissions");
  EXPECT_EQ(created, "");
}

TEST(FileSyncTest, SyncsFilesAndDirectoriesAndSaysWhatFailed) {
  const std::string dir = (std::filesystem::temp_directory_path() /
                           ("speakers-sync-" + std::to_string(getpid())))
                              .string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/x") << "x";
  EXPECT_TRUE(SyncFile(dir + "/x").ok());
  EXPECT_TRUE(SyncDirectoryOf(dir + "/x").ok());
  absl::Status status = SyncFile(dir + "/y");
  ASSERT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(std::string(status.message()),
            "cannot sync " + dir + "/y to disk (No such file or directory)");
  status = SyncDirectoryOf(dir + "/missing/y");
  ASSERT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(std::string(status.message()),
            "cannot sync the directory " + dir + "/missing of " + dir +
                "/missing/y (No such file or directory)");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace speakers
