// A command whose write fails leaves no trace: not in memory, not in the
// version, not on any stream; the next command is a fresh attempt; and a
// write whose outcome is unknown stops the meeting until a restart, which
// rebuilds from the log.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "server/app/internal_detail.h"
#include "server/app/meeting_runner.h"
#include "tests/testing/test_app.h"

namespace speakers {
namespace {

using ::speakers::testing::FaultyLog;
using ::speakers::testing::TestApp;

const ListTarget kItem{"plenary", "2"};

Command InscribeOf(const std::string& code) {
  return cmd::Inscribe{
      kItem, code,  Speaker{"Ms. Doe", "", Rank::kHeadOfDelegation},
      "",    false, std::nullopt};
}

absl::Status DiskFull() {
  return absl::UnavailableError(
      "the disk holding speakers.db is full (COMMIT: database or disk is "
      "full); free some space, then retry");
}

// The waiting delegations of item 2, in order.
std::vector<std::string> Waiting(MeetingRunner& runner) {
  return runner.Read([](const Meeting& m) {
    std::vector<std::string> out;
    for (const Entry& e : (*m.FindList("2"))->waiting())
      out.push_back(e.delegation);
    return out;
  });
}

uint64_t Version(MeetingRunner& runner) {
  return runner.Read([](const Meeting& m) { return m.version(); });
}

// The (meeting, version) of every record in the log.
std::vector<std::string> Logged(const CommandLog& log) {
  std::vector<std::string> out;
  EXPECT_TRUE(log.ReadAll([&](const LoggedCommand& r) {
                   out.push_back(
                       absl::StrCat(r.meeting, "/", r.version, " ", r.kind));
                   return absl::OkStatus();
                 })
                  .ok());
  return out;
}

class WriteFailureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TestApp::Options options;
    options.faulty = true;
    absl::StatusOr<std::unique_ptr<TestApp>> app = TestApp::Start(options);
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = *std::move(app);
    runner_ = app_->app().runner("plenary");
    ASSERT_NE(runner_, nullptr);
  }

  // Restarts on the same database (without failpoints).
  void Restart() {
    const std::string db = app_->db_path();
    const absl::Time now = app_->clock().Now();
    app_->Stop();
    TestApp::Options options;
    options.db_path = db;
    options.start = now;
    absl::StatusOr<std::unique_ptr<TestApp>> app = TestApp::Start(options);
    ASSERT_TRUE(app.ok()) << app.status();
    keep_ = std::move(app_);  // owns the directory
    app_ = *std::move(app);
    runner_ = app_->app().runner("plenary");
  }

  std::unique_ptr<TestApp> keep_;
  std::unique_ptr<TestApp> app_;
  MeetingRunner* runner_ = nullptr;
};

TEST_F(WriteFailureTest, ADiskFullLeavesNoTraceAndTheNextCommandIsTaken) {
  ASSERT_TRUE(runner_->Execute(InscribeOf("AUT"), "secretariat").ok());
  app_->faulty().FailNext(1, DiskFull());

  absl::StatusOr<v1::CommandReply> refused =
      runner_->Execute(InscribeOf("KEN"), "secretariat");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(refused.status().message(),
            "the command was not recorded and nothing of it was kept: the "
            "server could not write its log; retry (the secretariat sees the "
            "cause)");
  // The cause (a path, the database's words) is carried for the
  // secretariat, not in the message.
  EXPECT_TRUE(absl::StrContains(CauseOf(refused.status()).value_or(""),
                                "the disk holding speakers.db is full"))
      << refused.status();
  EXPECT_EQ(Version(*runner_), 1u);
  EXPECT_EQ(Waiting(*runner_), std::vector<std::string>{"AUT"});
  EXPECT_EQ(runner_->updates().latest_version(), 1u);
  EXPECT_EQ(runner_->Snapshot()->version(), 1u);

  // Space is back: the same command is taken, as version 2, without a
  // restart.
  absl::StatusOr<v1::CommandReply> taken =
      runner_->Execute(InscribeOf("KEN"), "secretariat");
  ASSERT_TRUE(taken.ok()) << taken.status();
  EXPECT_EQ(taken->version(), 2u);
  EXPECT_EQ(Waiting(*runner_), (std::vector<std::string>{"AUT", "KEN"}));
  EXPECT_EQ(
      Logged(app_->log()),
      (std::vector<std::string>{"plenary/1 inscribe", "plenary/2 inscribe"}));
  Restart();
  EXPECT_EQ(Version(*runner_), 2u);
  EXPECT_EQ(Waiting(*runner_), (std::vector<std::string>{"AUT", "KEN"}));
}

TEST_F(WriteFailureTest, ACommandAppliedOnTopOfAFailedOneIsNotWritten) {
  ASSERT_TRUE(runner_->Execute(InscribeOf("AUT"), "secretariat").ok());
  // KEN's write is held and will fail; FRA is applied on top of it
  // meanwhile and queued for the next transaction.
  app_->faulty().HoldNext();
  app_->faulty().FailNext(1, DiskFull());
  absl::Notification ken_done, fra_done;
  absl::Status ken, fra;
  runner_->SubmitCommand(InscribeOf("KEN"), "secretariat", "", 0,
                         [&](absl::StatusOr<v1::CommandReply> r) {
                           ken = r.status();
                           ken_done.Notify();
                         });
  app_->faulty().WaitUntilHeld();
  runner_->SubmitCommand(InscribeOf("FRA"), "secretariat", "", 0,
                         [&](absl::StatusOr<v1::CommandReply> r) {
                           fra = r.status();
                           fra_done.Notify();
                         });
  app_->faulty().Release();
  ken_done.WaitForNotification();
  fra_done.WaitForNotification();
  EXPECT_EQ(ken.code(), absl::StatusCode::kUnavailable) << ken;
  EXPECT_EQ(fra.code(), absl::StatusCode::kUnavailable) << fra;
  EXPECT_TRUE(
      absl::StrContains(fra.message(),
                        "the command before it on meeting \"plenary\" (version "
                        "2) could not be written"))
      << fra;
  EXPECT_EQ(Logged(app_->log()),
            std::vector<std::string>{"plenary/1 inscribe"});
  EXPECT_EQ(Version(*runner_), 1u);
  EXPECT_EQ(Waiting(*runner_), std::vector<std::string>{"AUT"});

  absl::StatusOr<v1::CommandReply> again =
      runner_->Execute(InscribeOf("FRA"), "secretariat");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version(), 2u);
  EXPECT_EQ(
      Logged(app_->log()),
      (std::vector<std::string>{"plenary/1 inscribe", "plenary/2 inscribe"}));
}

TEST_F(WriteFailureTest, AReaderWaitsForTheCommitAndNeverSeesARefusedCommand) {
  ASSERT_TRUE(runner_->Execute(InscribeOf("AUT"), "secretariat").ok());
  app_->faulty().HoldNext();
  app_->faulty().FailNext(1, DiskFull());
  absl::Notification done;
  runner_->SubmitCommand(
      InscribeOf("KEN"), "secretariat", "", 0,
      [&](absl::StatusOr<v1::CommandReply>) { done.Notify(); });
  app_->faulty().WaitUntilHeld();
  // KEN is applied in memory, not yet durable: a read now waits.
  std::vector<std::string> seen;
  std::thread reader([&] { seen = Waiting(*runner_); });
  while (runner_->readers_waiting() == 0) std::this_thread::yield();
  app_->faulty().Release();
  reader.join();
  done.WaitForNotification();
  EXPECT_EQ(seen, std::vector<std::string>{"AUT"});
}

TEST_F(WriteFailureTest, AnUnknownOutcomeStopsCommandsUntilARestartDecides) {
  ASSERT_TRUE(runner_->Execute(InscribeOf("AUT"), "secretariat").ok());
  // The commit reaches the disk but its fsync reports a failure.
  app_->faulty().FailNext(
      1,
      absl::UnknownError("the command log failed while making a commit "
                         "durable, so it may or may not hold it"),
      FaultyLog::Fault::kAppendAndFail);
  absl::StatusOr<v1::CommandReply> unknown =
      runner_->Execute(InscribeOf("KEN"), "secretariat", "ken-1");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kUnknown);
  EXPECT_TRUE(absl::StrContains(unknown.status().message(),
                                "takes no more changes until it is restarted"))
      << unknown.status();
  EXPECT_TRUE(absl::StrContains(CauseOf(unknown.status()).value_or(""),
                                "may or may not hold it"))
      << unknown.status();
  // Memory is what the log holds (here: KEN is in it).
  EXPECT_EQ(Waiting(*runner_), (std::vector<std::string>{"AUT", "KEN"}));
  absl::StatusOr<v1::CommandReply> refused =
      runner_->Execute(InscribeOf("FRA"), "secretariat");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnknown);
  EXPECT_EQ(app_->faulty().appends(), 2);  // FRA was not even tried

  Restart();
  EXPECT_EQ(Version(*runner_), 2u);
  // The retry learns what happened: KEN was kept, once.
  absl::StatusOr<v1::CommandReply> retry =
      runner_->Execute(InscribeOf("KEN"), "secretariat", "ken-1");
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(retry->version(), 2u);
  EXPECT_EQ(Waiting(*runner_), (std::vector<std::string>{"AUT", "KEN"}));
}

TEST_F(WriteFailureTest, AnUnknownOutcomeNotKeptIsAppliedOnceAfterTheRestart) {
  ASSERT_TRUE(runner_->Execute(InscribeOf("AUT"), "secretariat").ok());
  app_->faulty().FailNext(
      1, absl::UnknownError("the command log failed while making a commit "
                            "durable"));
  EXPECT_EQ(runner_->Execute(InscribeOf("KEN"), "secretariat", "ken-1")
                .status()
                .code(),
            absl::StatusCode::kUnknown);
  EXPECT_EQ(Waiting(*runner_), std::vector<std::string>{"AUT"});
  Restart();
  absl::StatusOr<v1::CommandReply> retry =
      runner_->Execute(InscribeOf("KEN"), "secretariat", "ken-1");
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(retry->version(), 2u);
}

}  // namespace
}  // namespace speakers
