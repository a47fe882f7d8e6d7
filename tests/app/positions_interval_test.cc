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

class PositionsIntervalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() /
            ("speakers-positions-" + std::to_string(getpid())))
               .string();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    absl::StatusOr<Session> session = LoadBuiltinSession();
    ASSERT_TRUE(session.ok()) << session.status();
    engine_ = std::make_unique<Engine>(
        std::make_shared<const Session>(*std::move(session)), &clock_);
    absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
        SqliteCommandLog::Open(dir_ + "/speakers.db");
    ASSERT_TRUE(log.ok()) << log.status();
    log_ = *std::move(log);
    committer_ = std::make_unique<GroupCommitter>(log_.get());
  }
  void TearDown() override {
    for (auto& [code, s] : subscriptions_) {
      s->Detach();
      runner_->delegation(code, 3).Unsubscribe(s.get());
    }
    subscriptions_.clear();
    runner_.reset();
    committer_.reset();
    log_.reset();
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  void StartRunner(const MeetingRunner::Options& options) {
    runner_ = std::make_unique<MeetingRunner>(*engine_->FindMeeting("plenary"),
                                              committer_.get(), &scheduler_,
                                              &monotonic_, nullptr, options);
  }
  // A reader of `code`'s positions; its snapshot drained.
  Subscription& Watch(const std::string& code) {
    std::shared_ptr<Subscription> s =
        runner_->delegation(code, 3).Subscribe(&writer_, 0);
    EXPECT_EQ(Drain(*s), std::vector<uint64_t>{0});  // the snapshot
    subscriptions_.emplace_back(code, s);
    return *s;
  }

  std::string dir_;
  testing::FakeClock clock_{absl::FromCivil(
      absl::CivilSecond(2017, 11, 6, 10, 0, 0), absl::UTCTimeZone())};
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<SqliteCommandLog> log_;
  std::unique_ptr<GroupCommitter> committer_;
  FakeScheduler scheduler_;
  FakeMonotonic monotonic_;
  FakeWriter writer_;
  std::unique_ptr<MeetingRunner> runner_;
  std::vector<std::pair<std::string, std::shared_ptr<Subscription>>>
      subscriptions_;
};

TEST_F(PositionsIntervalTest, ABurstOfChangesGoesOutOnceAtTheEndOfTheInterval) {
  MeetingRunner::Options options;
  options.positions_interval = absl::Milliseconds(100);
  StartRunner(options);
  Subscription& mine = Watch("AUT");

  // The first change after a quiet spell goes out at once (on the
  // scheduler's thread, not the command's).
  ASSERT_TRUE(runner_->Execute(InscribeOf("AUT"), "secretariat").ok());
  EXPECT_EQ(Drain(mine), std::vector<uint64_t>{});
  scheduler_.RunArmed();
  EXPECT_EQ(Drain(mine), std::vector<uint64_t>{1});
  // Two more within the interval: held back...
  ASSERT_TRUE(runner_->Execute(InscribeOf("KEN"), "secretariat").ok());
  ASSERT_TRUE(runner_->Execute(InscribeOf("FRA"), "secretariat").ok());
  scheduler_.RunArmed();
  EXPECT_EQ(Drain(mine), std::vector<uint64_t>{});
  // ...and sent together, as the latest state, when it ends.
  monotonic_.now += std::chrono::milliseconds(100);
  scheduler_.RunArmed();
  EXPECT_EQ(Drain(mine), std::vector<uint64_t>{3});
  // Nothing more is due.
  scheduler_.RunArmed();
  EXPECT_EQ(Drain(mine), std::vector<uint64_t>{});
  // After a quiet spell, at once again.
  monotonic_.now += std::chrono::seconds(5);
  ASSERT_TRUE(runner_->Execute(InscribeOf("USA"), "secretariat").ok());
  scheduler_.RunArmed();
  EXPECT_EQ(Drain(mine), std::vector<uint64_t>{4});
}

// A fan-out goes out a few delegations per turn of the scheduler; a newer
// state replaces what is left of it, so that no delegation gets an older
// state after a newer one, nor the older one at all once it is stale.
TEST_F(PositionsIntervalTest,
       AFanOutGoesOutInBatchesAndTheLatestReplacesTheRest) {
  MeetingRunner::Options options;
  options.positions_interval = absl::Milliseconds(100);
  options.positions_batch = 2;
  StartRunner(options);
  const std::vector<std::string> codes = {"AUT", "KEN", "FRA", "USA", "GBR"};
  std::vector<Subscription*> readers;
  for (const std::string& code : codes) readers.push_back(&Watch(code));
  auto versions = [&] {
    std::vector<std::vector<uint64_t>> out;
    for (Subscription* r : readers) out.push_back(Drain(*r));
    return out;
  };
  using V = std::vector<std::vector<uint64_t>>;

  ASSERT_TRUE(runner_->Execute(InscribeOf("AUT"), "secretariat").ok());
  scheduler_.RunArmed();  // the first two delegations
  EXPECT_EQ(versions(), (V{{1}, {1}, {}, {}, {}}));
  scheduler_.RunArmed();  // the next two, after the pause
  EXPECT_EQ(versions(), (V{{}, {}, {1}, {1}, {}}));
  scheduler_.RunArmed();
  EXPECT_EQ(versions(), (V{{}, {}, {}, {}, {1}}));
  scheduler_.RunArmed();  // done
  EXPECT_EQ(versions(), (V{{}, {}, {}, {}, {}}));

  // A second fan-out, cut short by a newer state once the interval ends.
  monotonic_.now += std::chrono::seconds(1);
  ASSERT_TRUE(runner_->Execute(InscribeOf("KEN"), "secretariat").ok());
  scheduler_.RunArmed();
  EXPECT_EQ(versions(), (V{{2}, {2}, {}, {}, {}}));
  ASSERT_TRUE(runner_->Execute(InscribeOf("FRA"), "secretariat").ok());
  // Within the interval: the rest of version 2 goes on.
  scheduler_.RunArmed();
  EXPECT_EQ(versions(), (V{{}, {}, {2}, {2}, {}}));
  monotonic_.now += std::chrono::milliseconds(100);
  // Version 3 replaces what is left of 2: GBR never gets 2.
  scheduler_.RunArmed();
  EXPECT_EQ(versions(), (V{{3}, {3}, {}, {}, {}}));
  scheduler_.RunArmed();
  scheduler_.RunArmed();
  EXPECT_EQ(versions(), (V{{}, {}, {3}, {3}, {3}}));
}

}  // namespace
}  // namespace speakers
