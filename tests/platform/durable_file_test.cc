// Files written whole or not at all, and synced to disk: the tokens file
// of a first start, and what SQLite's files need (file_sync).
#include "server/platform/durable_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
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

TEST_F(DurableFileTest, TheTokensFileOfAFirstStartIsWholeAndPrivate) {
  absl::StatusOr<Session> session = LoadBuiltinSession();
  ASSERT_TRUE(session.ok()) << session.status();
  std::ofstream(File("tokens.txt.new")) << "abcdefghijklmnopqrstuvwx secretar";
  std::string created;
  absl::StatusOr<TokenStore> tokens =
      TokenStore::LoadOrCreate(File("tokens.txt"), *session, &created);
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_EQ(ModeOf(File("tokens.txt")), 0600u);
  EXPECT_FALSE(std::filesystem::exists(File("tokens.txt.new")));
  // Every delegation and meeting has its token, and a second start reads
  // the same ones.
  EXPECT_EQ(tokens->entries().size(), 2 + session->config().meetings.size() +
                                          session->config().delegations.size());
  std::string again;
  absl::StatusOr<TokenStore> reread =
      TokenStore::LoadOrCreate(File("tokens.txt"), *session, &again);
  ASSERT_TRUE(reread.ok()) << reread.status();
  EXPECT_EQ(again, "");
  ASSERT_EQ(reread->entries().size(), tokens->entries().size());
  for (size_t i = 0; i < tokens->entries().size(); ++i)
    EXPECT_EQ(reread->entries()[i].first, tokens->entries()[i].first);
}

TEST_F(DurableFileTest,
       ATokensFileThatCannotBeWrittenIsRefusedBeforeAnyIsShown) {
  absl::StatusOr<Session> session = LoadBuiltinSession();
  ASSERT_TRUE(session.ok()) << session.status();
  std::string created;
  absl::StatusOr<TokenStore> tokens =
      TokenStore::LoadOrCreate(File("missing/tokens.txt"), *session, &created);
  ASSERT_EQ(tokens.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(std::string(tokens.status().message()),
            "cannot write the tokens file " + File("missing/tokens.txt") +
                ": cannot create " + File("missing/tokens.txt.new") +
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
