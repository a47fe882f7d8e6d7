// Backups go only into the backup directory the operator configured: a
// file name there, or one made from the server's time; a path elsewhere,
// a name climbing out, or no directory at all is refused and writes
// nothing.
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/app/app.h"
#include "speakers/v1/speakers.pb.h"
#include "tests/testing/test_app.h"

namespace speakers {
namespace {

class BackupTest : public ::testing::Test {
 protected:
  void Start(bool with_dir) {
    dir_ = absl::StrCat(
        ::testing::TempDir(), "/backup-test-",
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    testing::TestApp::Options options;
    if (with_dir) options.app.backup_dir = dir_;
    absl::StatusOr<std::unique_ptr<testing::TestApp>> app =
        testing::TestApp::Start(options);
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = *std::move(app);
  }

  absl::StatusOr<v1::BackupReply> Backup(
      const std::string& destination,
      const std::string& token = "secretariat-token-0001") {
    v1::BackupRequest request;
    request.set_destination(destination);
    return app_->Call<v1::BackupReply>("Backup", token, request);
  }

  // The files in the backup directory.
  int Files() const {
    int n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
      (void)entry;
      ++n;
    }
    return n;
  }

  std::string dir_;
  std::unique_ptr<testing::TestApp> app_;
};

TEST_F(BackupTest, WritesANamedFileIntoTheBackupDirectory) {
  Start(true);
  absl::StatusOr<v1::BackupReply> reply = Backup("day1.db");
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->path(), dir_ + "/day1.db");
  EXPECT_GT(reply->bytes(), 0u);
  EXPECT_TRUE(std::filesystem::exists(dir_ + "/day1.db"));
  // The directory's own path in front of the name is the same file.
  absl::StatusOr<v1::BackupReply> again = Backup(dir_ + "/day1.db");
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists)
      << again.status();
  EXPECT_EQ(Files(), 1);
}

TEST_F(BackupTest, AnEmptyNameIsMadeFromTheServersTime) {
  Start(true);
  absl::StatusOr<v1::BackupReply> reply = Backup("");
  ASSERT_TRUE(reply.ok()) << reply.status();
  // The test app's clock: 10:00 UTC on 6 November 2017 is 11:00 in Vienna.
  EXPECT_EQ(reply->path(), dir_ + "/speakers-20171106-110000.db");
  EXPECT_TRUE(std::filesystem::exists(reply->path()));
}

TEST_F(BackupTest, APathOutsideTheBackupDirectoryIsRefused) {
  Start(true);
  for (const std::string& destination :
       {std::string("/tmp/elsewhere.db"), std::string("../escape.db"),
        std::string("sub/dir.db"), std::string(".hidden"),
        dir_ + "/../escape.db"}) {
    absl::StatusOr<v1::BackupReply> reply = Backup(destination);
    ASSERT_EQ(reply.status().code(), absl::StatusCode::kInvalidArgument)
        << destination;
    EXPECT_EQ(
        reply.status().message(),
        absl::StrCat("a backup is written into the backup directory (", dir_,
                     "): give a file name such as "
                     "speakers-2017-11-06.db, without '/'"));
  }
  EXPECT_EQ(Files(), 0);
  EXPECT_FALSE(std::filesystem::exists("/tmp/elsewhere.db"));
}

TEST_F(BackupTest, WithoutABackupDirectoryBackupsAreOff) {
  Start(false);
  absl::StatusOr<v1::BackupReply> reply = Backup(dir_ + "/day1.db");
  ASSERT_EQ(reply.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(reply.status().message(),
            "backups are off: the server was started without --backup-dir");
  EXPECT_EQ(Files(), 0);
}

TEST_F(BackupTest, OnlyTheSecretariatMayBackUp) {
  Start(true);
  absl::StatusOr<v1::BackupReply> reply =
      Backup("day1.db", "chair-plenary-token-01");
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Files(), 0);
}

}  // namespace
}  // namespace speakers
