// A delegation's positions go out at most once per interval: the first
// change after a quiet spell at once, the later ones of a burst together at
// the end of the interval, always as the latest state.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/app/group_committer.h"
#include "server/app/meeting_runner.h"
#include "server/config/session_loader.h"
#include "server/domain/engine.h"
#include "server/storage/sqlite_command_log.h"
#include "tests/testing/fake_clock.h"

namespace speakers {
namespace {

// Alarms that run when the test says.
class FakeScheduler : public Scheduler {
 public:
  class FakeAlarm : public Alarm {
   public:
    explicit FakeAlarm(std::function<void()> callback)
        : callback_(std::move(callback)) {}
    void Set(absl::Duration) override { armed_ = true; }
    bool armed_ = false;
    std::function<void()> callback_;
  };
  std::unique_ptr<Alarm> NewAlarm(std::function<void()> callback) override {
    auto alarm = std::make_unique<FakeAlarm>(std::move(callback));
    alarms_.push_back(alarm.get());
    return alarm;
  }
  // Runs every armed alarm once.
  void RunArmed() {
    for (FakeAlarm* a : alarms_) {
      if (!a->armed_) continue;
      a->armed_ = false;
      a->callback_();
    }
  }
  std::vector<FakeAlarm*> alarms_;
};

class FakeMonotonic : public MonotonicClock {
 public:
  Instant Now() const override { return now; }
  Instant now = Instant{} + std::chrono::hours(1);
};

class FakeWriter : public StreamWriter {
 public:
  void Wake() override {}
  void Abort() override {}
};

// The versions the subscription hands out now.
std::vector<uint64_t> Drain(Subscription& s) {
  std::vector<uint64_t> out;
  for (Subscription::Step step = s.Next(); step.write != nullptr;
       step = s.Next()) {
    v1::DelegationUpdate update;
    EXPECT_TRUE(update.ParseFromString(step.write->wire()));
    out.push_back(update.version());
  }
  return out;
}

Command InscribeOf(const std::string& code) {
  return cmd::Inscribe{ListTarget{"plenary", "2"},
                       code,
                       Speaker{"Ms. Doe", "", Rank::kHeadOfDelegation},
                       "",
                       false,
                       std::nullopt};
}

TEST(PositionsIntervalTest, ABurstOfChangesGoesOutOnceAtTheEndOfTheInterval) {
  const std::string dir = (std::filesystem::temp_directory_path() /
                           ("speakers-positions-" + std::to_string(getpid())))
                              .string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    absl::StatusOr<Session> session = LoadBuiltinSession();
    ASSERT_TRUE(session.ok()) << session.status();
    testing::FakeClock clock(absl::FromCivil(
        absl::CivilSecond(2017, 11, 6, 10, 0, 0), absl::UTCTimeZone()));
    Engine engine(std::make_shared<const Session>(*std::move(session)), &clock);
    absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
        SqliteCommandLog::Open(dir + "/speakers.db");
    ASSERT_TRUE(log.ok()) << log.status();
    GroupCommitter committer(log->get());
    FakeScheduler scheduler;
    FakeMonotonic monotonic;
    MeetingRunner::Options options;
    options.positions_interval = absl::Milliseconds(100);
    MeetingRunner runner(*engine.FindMeeting("plenary"), &committer, &scheduler,
                         &monotonic, nullptr, options);
    FakeWriter writer;
    std::shared_ptr<Subscription> mine =
        runner.delegation("AUT", 3).Subscribe(&writer, 0);
    EXPECT_EQ(Drain(*mine), std::vector<uint64_t>{0});  // the snapshot

    // The first change after a quiet spell goes out at once (on the
    // scheduler's thread, not the command's).
    ASSERT_TRUE(runner.Execute(InscribeOf("AUT"), "secretariat").ok());
    EXPECT_EQ(Drain(*mine), std::vector<uint64_t>{});
    scheduler.RunArmed();
    EXPECT_EQ(Drain(*mine), std::vector<uint64_t>{1});
    // Two more within the interval: held back...
    ASSERT_TRUE(runner.Execute(InscribeOf("KEN"), "secretariat").ok());
    ASSERT_TRUE(runner.Execute(InscribeOf("FRA"), "secretariat").ok());
    scheduler.RunArmed();
    EXPECT_EQ(Drain(*mine), std::vector<uint64_t>{});
    // ...and sent together, as the latest state, when it ends.
    monotonic.now += std::chrono::milliseconds(100);
    scheduler.RunArmed();
    EXPECT_EQ(Drain(*mine), std::vector<uint64_t>{3});
    // Nothing more is due.
    scheduler.RunArmed();
    EXPECT_EQ(Drain(*mine), std::vector<uint64_t>{});
    // After a quiet spell, at once again.
    monotonic.now += std::chrono::seconds(5);
    ASSERT_TRUE(runner.Execute(InscribeOf("USA"), "secretariat").ok());
    scheduler.RunArmed();
    EXPECT_EQ(Drain(*mine), std::vector<uint64_t>{4});
    mine->Detach();
    runner.delegation("AUT", 3).Unsubscribe(mine.get());
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace speakers
