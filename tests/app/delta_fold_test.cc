// Thousands of random commands through the durable command path; readers of
// the meeting's update stream fold every delta into their copy (proto/fold,
// as the CLI and the client library do; the JSON form too, as the pages
// get it). After each command, and after each burst of commands committed
// together, every copy must be exactly the server's state: a fresh
// snapshot, a reader resumed from an old version, and a reader that fell
// behind and was resynced included.
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "fold/meeting_fold.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "server/app/state_to_proto.h"
#include "tests/testing/command_generator.h"
#include "tests/testing/test_app.h"

namespace speakers {
namespace {

// A transport that writes when the test drains it.
class NullWriter : public StreamWriter {
 public:
  void Wake() override {}
  void Abort() override {}
};

// One reader of the stream and its copy of the meeting.
struct Reader {
  // `copy`: the reader's copy at `since` (empty for a fresh start).
  Reader(Broadcaster& updates, uint64_t since, bool json,
         v1::MeetingSnapshot copy)
      : json(json),
        subscription(updates.Subscribe(&writer, since)),
        copy(std::move(copy)) {}

  // Folds everything the subscription has for it.
  void Drain() {
    for (Subscription::Step step = subscription->Next(); step.write;
         step = subscription->Next()) {
      v1::Update update;
      if (json) {
        ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(
                        step.write->json(), &update)
                        .ok());
      } else {
        ASSERT_TRUE(update.ParseFromString(step.write->wire()));
      }
      if (update.has_snapshot()) ++snapshots;
      if (update.has_delta()) {
        ++deltas;
        commands += update.delta().events_size() > 0
                        ? static_cast<int>(update.version() -
                                           update.delta().base_version())
                        : 0;
      }
      const absl::Status folded = fold::ApplyUpdate(update, &copy);
      ASSERT_TRUE(folded.ok()) << folded << "\n" << update.DebugString();
    }
  }

  const bool json;
  NullWriter writer;
  std::shared_ptr<Subscription> subscription;
  v1::MeetingSnapshot copy;
  int snapshots = 0;
  int deltas = 0;
  int commands = 0;     // carried by the deltas
  bool paused = false;  // not drained (it falls behind)
};

class DeltaFoldTest : public ::testing::TestWithParam<uint32_t> {
 protected:
  void SetUp() override {
    testing::TestApp::Options options;
    // A reader with more than this many updates waiting is resynced.
    options.app.runner.stream.max_queued = 16;
    auto app = testing::TestApp::Start(options);
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = std::move(*app);
    runner_ = app_->app().runner("plenary");
    ASSERT_NE(runner_, nullptr);
  }
  void TearDown() override {
    for (auto& r : readers_) {
      r->subscription->Detach();
      runner_->updates().Unsubscribe(r->subscription.get());
    }
  }

  Reader& AddReader(uint64_t since, bool json,
                    v1::MeetingSnapshot copy = v1::MeetingSnapshot()) {
    readers_.push_back(std::make_unique<Reader>(runner_->updates(), since, json,
                                                std::move(copy)));
    return *readers_.back();
  }

  // The server's state as a Watch snapshot carries it.
  v1::MeetingSnapshot ServerState() const {
    return runner_->Read([](const Meeting& m) {
      return SnapshotToProto(m, m.Now(), SpokenDetail::kLastOnly, Waits::kNone);
    });
  }

  // The server's state as a stream shows it (the last statement only, no
  // expected waits), with what only time changes (server_time, the
  // scheduled status of lists no command touched since) left out.
  static v1::MeetingSnapshot Comparable(v1::MeetingSnapshot s) {
    s.clear_server_time();
    for (v1::ListState& l : *s.mutable_lists()) l.clear_status();
    return s;
  }

  void ExpectCopiesMatch(const std::string& context) {
    const v1::MeetingSnapshot server = Comparable(ServerState());
    for (size_t i = 0; i < readers_.size(); ++i) {
      Reader& r = *readers_[i];
      if (r.paused) continue;
      ASSERT_NO_FATAL_FAILURE(r.Drain()) << context << ", reader " << i;
      std::string diff;
      google::protobuf::util::MessageDifferencer differ;
      differ.ReportDifferencesToString(&diff);
      ASSERT_TRUE(differ.Compare(server, Comparable(r.copy)))
          << context << ", reader " << i << (r.json ? " (JSON)" : "") << ":\n"
          << diff;
    }
  }

  std::unique_ptr<testing::TestApp> app_;
  MeetingRunner* runner_ = nullptr;
  std::vector<std::unique_ptr<Reader>> readers_;
};

TEST_P(DeltaFoldTest, EveryCopyIsTheServersStateAfterEveryCommand) {
  const uint32_t seed = GetParam();
  testing::CommandGenerator generator(seed, &app_->engine());
  AddReader(0, /*json=*/false);
  AddReader(0, /*json=*/true);
  std::deque<v1::MeetingSnapshot> states;  // the last 30 versions'
  int accepted = 0;
  for (int i = 0; i < 1500; ++i) {
    app_->clock().Advance(generator.ClockStep());
    const Command command = generator.Next();
    if (MeetingOf(command) != "plenary") continue;
    const bool ok = runner_->Execute(command, "fuzz").ok();
    accepted += ok;
    const std::string context = absl::StrCat("seed ", seed, ", command #", i,
                                             " (", KindName(command), ")");
    ASSERT_NO_FATAL_FAILURE(ExpectCopiesMatch(context));
    if (ok) {
      states.push_back(ServerState());
      if (states.size() > 30) states.pop_front();
    }
    if (i % 300 == 150 && states.size() == 30) {
      // A fresh start, and a resume from a version the history still has
      // with the copy a client had then.
      AddReader(0, i % 600 == 150);
      AddReader(states.front().version(), false, states.front());
      ASSERT_NO_FATAL_FAILURE(ExpectCopiesMatch(context + ", new readers"));
      EXPECT_EQ(readers_.back()->snapshots, 0) << context;
      EXPECT_EQ(readers_.back()->deltas, 29) << context;
    }
  }
  // (A point of order heard refuses calls and clocks for a while: about a
  // fifth of the commands are accepted.)
  EXPECT_GT(accepted, 250) << "the generator must exercise the engine";
  for (const auto& r : readers_) EXPECT_EQ(r->deltas, r->commands);
}

TEST_P(DeltaFoldTest, BurstsCommittedTogetherFoldToTheSameState) {
  const uint32_t seed = GetParam();
  testing::CommandGenerator generator(seed + 7, &app_->engine());
  Reader& live = AddReader(0, /*json=*/false);
  Reader& json = AddReader(0, /*json=*/true);
  // Never drained during a burst: more than max_queued updates go by, so
  // it is resynced with a snapshot.
  Reader& behind = AddReader(0, /*json=*/false);
  ASSERT_NO_FATAL_FAILURE(behind.Drain());
  behind.paused = true;
  int submitted = 0;
  for (int burst = 0; burst < 20; ++burst) {
    // Submitted without waiting: they are applied at once and committed
    // in groups, one update per group.
    constexpr int kBurst = 40;
    absl::BlockingCounter done(kBurst);
    for (int i = 0; i < kBurst; ++i) {
      app_->clock().Advance(absl::Seconds(1));
      Command command = generator.Next();
      if (MeetingOf(command) != "plenary") command = generator.Next();
      if (MeetingOf(command) != "plenary") {
        done.DecrementCount();
        continue;
      }
      ++submitted;
      runner_->SubmitCommand(
          command, "fuzz", "", 0,
          [&done](absl::StatusOr<v1::CommandReply>) { done.DecrementCount(); });
    }
    done.Wait();
    ASSERT_NO_FATAL_FAILURE(live.Drain());
    ASSERT_NO_FATAL_FAILURE(json.Drain());
    if (burst % 5 == 4) {
      ASSERT_NO_FATAL_FAILURE(
          ExpectCopiesMatch(absl::StrCat("seed ", seed, ", burst ", burst)));
    }
  }
  behind.paused = false;
  ASSERT_NO_FATAL_FAILURE(ExpectCopiesMatch(absl::StrCat("seed ", seed)));
  EXPECT_GT(submitted, 500);
  // Groups formed: fewer updates than commands, each carrying its commands.
  EXPECT_LT(live.deltas, live.commands);
  EXPECT_EQ(live.deltas, json.deltas);
  EXPECT_GT(behind.snapshots, 1) << "the reader behind was never resynced";
  EXPECT_GT(app_->metrics().commands_published(),
            app_->metrics().updates_published());
}

INSTANTIATE_TEST_SUITE_P(Seeds, DeltaFoldTest,
                         ::testing::Values(1u, 20171106u, 424242u));

}  // namespace
}  // namespace speakers
