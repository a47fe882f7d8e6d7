#include "client/watcher.h"

#include <deque>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace speakers::client {
namespace {

// A stream that yields the given updates, then ends with `end`.
class FakeReader final : public grpc::ClientReaderInterface<v1::Update> {
 public:
  FakeReader(std::vector<v1::Update> updates, grpc::Status end)
      : updates_(std::move(updates)), end_(std::move(end)) {}
  bool NextMessageSize(uint32_t* size) override {
    *size = 0;
    return next_ < updates_.size();
  }
  bool Read(v1::Update* update) override {
    if (next_ >= updates_.size()) return false;
    *update = updates_[next_++];
    return true;
  }
  void WaitForInitialMetadata() override {}
  grpc::Status Finish() override { return end_; }

 private:
  std::vector<v1::Update> updates_;
  size_t next_ = 0;
  grpc::Status end_;
};

// The delta of the command that made `version`.
v1::Update Version(uint64_t version) {
  v1::Update update;
  update.set_version(version);
  update.mutable_delta()->set_base_version(version - 1);
  return update;
}

v1::Update Snapshot(uint64_t version) {
  v1::Update update;
  update.set_version(version);
  update.mutable_snapshot()->set_meeting("plenary");
  update.mutable_snapshot()->set_version(version);
  update.mutable_snapshot()->add_lists()->set_item("2");
  return update;
}

// Opens the scripted streams in order, recording what was asked.
class Script {
 public:
  void Add(std::vector<v1::Update> updates, grpc::Status end) {
    streams_.push_back(
        std::make_unique<FakeReader>(std::move(updates), std::move(end)));
  }
  Watcher::Opener AsOpener() {
    return [this](grpc::ClientContext*, const v1::WatchRequest& request)
               -> std::unique_ptr<grpc::ClientReaderInterface<v1::Update>> {
      since_versions.push_back(request.since_version());
      streams.push_back(request.stream());
      meetings.push_back(request.meeting());
      if (streams_.empty()) {
        return std::make_unique<FakeReader>(
            std::vector<v1::Update>{},
            grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "script over"));
      }
      auto stream = std::move(streams_.front());
      streams_.pop_front();
      return stream;
    };
  }
  std::vector<uint64_t> since_versions;
  std::vector<std::string> streams;
  std::vector<std::string> meetings;

 private:
  std::deque<std::unique_ptr<FakeReader>> streams_;
};

class WatcherTest : public ::testing::Test {
 protected:
  WatchOptions Options() {
    WatchOptions options;
    options.sleep = [this](absl::Duration d) { pauses_.push_back(d); };
    options.on_broken = [this](const absl::Status& status, int failures) {
      broken_.push_back(
          absl::StrCat(absl::StatusCodeToString(status.code()), " ", failures));
    };
    return options;
  }
  v1::WatchRequest Request(uint64_t since = 0) {
    v1::WatchRequest request;
    request.set_meeting("plenary");
    request.set_since_version(since);
    return request;
  }

  Script script_;
  std::vector<absl::Duration> pauses_;
  std::vector<std::string> broken_;
  std::vector<uint64_t> seen_;
};

TEST_F(WatcherTest, ResumesInTheStreamOfTheLastSnapshot) {
  v1::Update first = Snapshot(3);
  first.set_stream("run-one");
  // The server restarted: its snapshot starts another stream at a lower
  // version (a restored backup), which the next resume must name.
  v1::Update second = Snapshot(2);
  second.set_stream("run-two");
  script_.Add({first, Version(4)},
              grpc::Status(grpc::StatusCode::UNAVAILABLE, "restart"));
  script_.Add({second}, grpc::Status(grpc::StatusCode::UNAVAILABLE, "reset"));
  script_.Add({Version(3)}, grpc::Status::OK);
  Watcher watcher(script_.AsOpener(), Options());
  ASSERT_TRUE(watcher
                  .Run(Request(),
                       [&](const v1::Update& update) {
                         seen_.push_back(update.version());
                         return seen_.size() < 4;
                       })
                  .ok());
  EXPECT_EQ(script_.since_versions, (std::vector<uint64_t>{0, 4, 2}));
  EXPECT_EQ(script_.streams,
            (std::vector<std::string>{"", "run-one", "run-two"}));
}

TEST_F(WatcherTest, ReconnectsFromTheLastVersionSeen) {
  script_.Add({Snapshot(3), Version(4)},
              grpc::Status(grpc::StatusCode::UNAVAILABLE, "reset"));
  script_.Add({Version(5)}, grpc::Status(grpc::StatusCode::INTERNAL, "oops"));
  script_.Add({Version(6), Version(7)}, grpc::Status::OK);
  Watcher watcher(script_.AsOpener(), Options());
  const absl::Status status =
      watcher.Run(Request(), [&](const v1::Update& update) {
        seen_.push_back(update.version());
        return update.version() < 7;
      });
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(seen_, (std::vector<uint64_t>{3, 4, 5, 6, 7}));
  EXPECT_EQ(script_.since_versions, (std::vector<uint64_t>{0, 4, 5}));
  EXPECT_EQ(script_.meetings,
            (std::vector<std::string>{"plenary", "plenary", "plenary"}));
  // Each broken stream had delivered updates: the backoff starts over.
  EXPECT_EQ(pauses_, (std::vector<absl::Duration>{absl::Milliseconds(50),
                                                  absl::Milliseconds(50)}));
  EXPECT_EQ(broken_, (std::vector<std::string>{"UNAVAILABLE 1", "INTERNAL 1"}));
  EXPECT_EQ(watcher.last_version(), 7u);
}

TEST_F(WatcherTest, StartsFromTheRequestedVersion) {
  script_.Add({Version(11)}, grpc::Status::OK);
  Watcher watcher(script_.AsOpener(), Options());
  EXPECT_TRUE(
      watcher.Run(Request(10), [](const v1::Update&) { return false; }).ok());
  EXPECT_EQ(script_.since_versions, (std::vector<uint64_t>{10}));
}

TEST_F(WatcherTest, AServerThatEndsTheStreamIsReconnected) {
  script_.Add({Version(1)}, grpc::Status::OK);
  script_.Add({Version(2)}, grpc::Status::OK);
  Watcher watcher(script_.AsOpener(), Options());
  EXPECT_TRUE(
      watcher
          .Run(Request(), [&](const v1::Update& u) { return u.version() < 2; })
          .ok());
  EXPECT_EQ(script_.since_versions, (std::vector<uint64_t>{0, 1}));
  EXPECT_EQ(broken_, (std::vector<std::string>{"UNAVAILABLE 1"}));
}

TEST_F(WatcherTest, BackoffGrowsWhileConnectionsFail) {
  for (int i = 0; i < 3; ++i) {
    script_.Add({}, grpc::Status(grpc::StatusCode::UNAVAILABLE, "refused"));
  }
  script_.Add({Snapshot(9)}, grpc::Status::OK);
  Watcher watcher(script_.AsOpener(), Options());
  EXPECT_TRUE(
      watcher.Run(Request(), [](const v1::Update&) { return false; }).ok());
  EXPECT_EQ(pauses_, (std::vector<absl::Duration>{absl::Milliseconds(50),
                                                  absl::Milliseconds(100),
                                                  absl::Milliseconds(200)}));
  EXPECT_EQ(broken_, (std::vector<std::string>{"UNAVAILABLE 1", "UNAVAILABLE 2",
                                               "UNAVAILABLE 3"}));
}

TEST_F(WatcherTest, GivesUpAfterTooManyFailuresInARow) {
  for (int i = 0; i < 5; ++i) {
    script_.Add({}, grpc::Status(grpc::StatusCode::UNAVAILABLE, "refused"));
  }
  WatchOptions options = Options();
  options.max_consecutive_failures = 3;
  Watcher watcher(script_.AsOpener(), options);
  const absl::Status status =
      watcher.Run(Request(), [](const v1::Update&) { return true; });
  EXPECT_EQ(status, absl::UnavailableError("refused"));
  EXPECT_EQ(script_.since_versions.size(), 3u);
  EXPECT_EQ(pauses_, (std::vector<absl::Duration>{absl::Milliseconds(50),
                                                  absl::Milliseconds(100)}));
}

TEST_F(WatcherTest, PermanentErrorsEndTheWatch) {
  script_.Add({Version(1)}, grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                                         "displays only"));
  Watcher watcher(script_.AsOpener(), Options());
  const absl::Status status =
      watcher.Run(Request(), [](const v1::Update&) { return true; });
  EXPECT_EQ(status, absl::PermissionDeniedError("displays only"));
  EXPECT_EQ(script_.since_versions.size(), 1u);
  EXPECT_TRUE(pauses_.empty());
}

TEST_F(WatcherTest, StopFromTheCallbackEndsRun) {
  script_.Add({Version(1), Version(2), Version(3)}, grpc::Status::OK);
  Watcher watcher(script_.AsOpener(), Options());
  const absl::Status status =
      watcher.Run(Request(), [&](const v1::Update& update) {
        seen_.push_back(update.version());
        watcher.Stop();
        return true;
      });
  EXPECT_TRUE(status.ok());
  // The stream already read is drained but no reconnection follows.
  EXPECT_EQ(script_.since_versions.size(), 1u);
  EXPECT_TRUE(pauses_.empty());
}

// The watcher keeps the meeting's copy, folding every delta into it.
TEST_F(WatcherTest, KeepsTheMeetingsCopy) {
  v1::Update inscribed = Version(4);
  v1::ListDelta* list = inscribed.mutable_delta()->add_lists();
  list->set_item("2");
  list->add_ops()->mutable_insert()->mutable_entry()->set_delegation("KEN");
  inscribed.mutable_delta()->set_current_item("2");
  script_.Add({Snapshot(3), inscribed}, grpc::Status::OK);
  Watcher watcher(script_.AsOpener(), Options());
  std::vector<std::string> waiting;
  ASSERT_TRUE(watcher
                  .Run(Request(),
                       [&](const v1::Update& update) {
                         for (const v1::Entry& e :
                              watcher.meeting().lists(0).waiting())
                           waiting.push_back(e.delegation());
                         return update.version() < 4;
                       })
                  .ok());
  EXPECT_EQ(waiting, (std::vector<std::string>{"KEN"}));
  EXPECT_EQ(watcher.meeting().version(), 4u);
  EXPECT_EQ(watcher.meeting().current_item(), "2");
  EXPECT_EQ(watcher.resyncs(), 0);
}

// An update that does not follow the last version seen (a gap) is not
// handed on: the watcher reconnects at once from the last version.
TEST_F(WatcherTest, AGapReconnectsAtOnceFromTheLastVersion) {
  script_.Add({Snapshot(3), Version(4), Version(6)}, grpc::Status::OK);
  script_.Add({Version(5), Version(6)}, grpc::Status::OK);
  Watcher watcher(script_.AsOpener(), Options());
  ASSERT_TRUE(watcher
                  .Run(Request(),
                       [&](const v1::Update& update) {
                         seen_.push_back(update.version());
                         return update.version() < 6;
                       })
                  .ok());
  EXPECT_EQ(seen_, (std::vector<uint64_t>{3, 4, 5, 6}));
  EXPECT_EQ(script_.since_versions, (std::vector<uint64_t>{0, 4}));
  EXPECT_TRUE(pauses_.empty());  // not a failure of the server
  EXPECT_EQ(watcher.resyncs(), 1);
  EXPECT_EQ(watcher.meeting().version(), 6u);
}

// A delta the copy cannot take (an entry it does not have) starts again
// from a snapshot.
TEST_F(WatcherTest, ADeltaTheCopyCannotTakeStartsFromASnapshot) {
  v1::Update bad = Version(4);
  v1::ListDelta* list = bad.mutable_delta()->add_lists();
  list->set_item("2");
  list->add_ops()->set_remove(77);
  script_.Add({Snapshot(3), bad}, grpc::Status::OK);
  script_.Add({Snapshot(4)}, grpc::Status::OK);
  Watcher watcher(script_.AsOpener(), Options());
  ASSERT_TRUE(watcher
                  .Run(Request(),
                       [&](const v1::Update& update) {
                         seen_.push_back(update.version());
                         return !(update.has_snapshot() &&
                                  update.version() == 4);
                       })
                  .ok());
  EXPECT_EQ(seen_, (std::vector<uint64_t>{3, 4}));
  EXPECT_EQ(script_.since_versions, (std::vector<uint64_t>{0, 0}));
  EXPECT_EQ(watcher.resyncs(), 1);
}

TEST(WatcherStaticTest, ReconnectableStatuses) {
  EXPECT_TRUE(Watcher::IsReconnectable(absl::OkStatus()));
  EXPECT_TRUE(Watcher::IsReconnectable(absl::UnavailableError("")));
  EXPECT_TRUE(Watcher::IsReconnectable(absl::DeadlineExceededError("")));
  EXPECT_TRUE(Watcher::IsReconnectable(absl::InternalError("")));
  EXPECT_TRUE(Watcher::IsReconnectable(absl::CancelledError("")));
  EXPECT_FALSE(Watcher::IsReconnectable(absl::UnauthenticatedError("")));
  EXPECT_FALSE(Watcher::IsReconnectable(absl::PermissionDeniedError("")));
  EXPECT_FALSE(Watcher::IsReconnectable(absl::NotFoundError("")));
  EXPECT_FALSE(Watcher::IsReconnectable(absl::InvalidArgumentError("")));
}

}  // namespace
}  // namespace speakers::client
