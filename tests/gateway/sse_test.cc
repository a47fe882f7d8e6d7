// Browser streams: a snapshot, then every change in order with its version
// as the SSE id; resuming by Last-Event-ID; timer signals; access; one JSON
// encoding per update whatever the number of browsers.
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "server/app/published.h"
#include "server/app/subscription.h"
#include "tests/gateway/gateway_fixture.h"

namespace speakers::gateway_test {
namespace {

// A reader of a broadcaster next to the browsers that keeps the items it is
// handed: the Published updates, shared by every reader of the broadcaster.
class Capture : public StreamWriter {
 public:
  explicit Capture(Broadcaster* broadcaster)
      : broadcaster_(broadcaster),
        subscription_(broadcaster->Subscribe(this, 0)) {
    Drain();
  }
  ~Capture() override {
    subscription_->Detach();
    broadcaster_->Unsubscribe(subscription_.get());
  }

  // Takes each item at once (it never falls behind, so Next() never needs
  // a snapshot here).
  void Wake() override { Drain(); }
  void Abort() override {}

  // The change of `version`, waiting up to 5 s; nullptr if none came.
  PublishedPtr Change(uint64_t version) {
    absl::MutexLock lock(&mu_);
    PublishedPtr found;
    auto has = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      for (const PublishedPtr& item : items_) {
        if (item->resumable() && item->version() == version) found = item;
      }
      return found != nullptr;
    };
    mu_.AwaitWithTimeout(absl::Condition(&has), absl::Seconds(5));
    return found;
  }

 private:
  void Drain() {
    for (Subscription::Step step = subscription_->Next(); step.write != nullptr;
         step = subscription_->Next()) {
      absl::MutexLock lock(&mu_);
      items_.push_back(step.write);
    }
  }

  Broadcaster* const broadcaster_;
  const std::shared_ptr<Subscription> subscription_;
  absl::Mutex mu_;
  std::deque<PublishedPtr> items_ ABSL_GUARDED_BY(mu_);
};

class SseTest : public GatewayTest {
 protected:
  // Opens a stream and checks the head and the clock frame that starts it.
  std::unique_ptr<SseReader> Open(
      const std::string& target,
      std::vector<std::pair<std::string, std::string>> headers = {}) {
    auto reader = std::make_unique<SseReader>(port(), target, headers);
    EXPECT_EQ(reader->status(), 200) << reader->ErrorBody();
    EXPECT_EQ(reader->headers().at("content-type"),
              "text/event-stream; charset=utf-8");
    std::optional<SseEvent> clock = reader->Next();
    EXPECT_TRUE(clock && clock->event == "clock");
    if (clock) {
      EXPECT_EQ(clock->data, "{\"serverTime\":\"2017-11-06T09:00:00.000Z\"}");
    }
    return reader;
  }

  // The SSE id of `version` in this run: "<version>.<stream>".
  std::string Id(uint64_t version) const {
    return absl::StrCat(version, ".", app().stream_id());
  }

  // Reads the next update and checks it is the change of `version` (its
  // raw data in `data`).
  void ExpectChange(SseReader& reader, uint64_t version,
                    const std::string& kind, std::string* data = nullptr) {
    std::string id;
    std::optional<v1::Update> update =
        NextUpdate(reader, &id, absl::Seconds(5), data);
    ASSERT_TRUE(update);
    EXPECT_TRUE(update->has_delta()) << update->DebugString();
    EXPECT_EQ(update->version(), version);
    EXPECT_EQ(update->delta().base_version(), version - 1);
    EXPECT_EQ(id, Id(version));
    ASSERT_GE(update->delta().events_size(), 1);
    EXPECT_EQ(update->delta().events(0).kind(), kind);
  }
};

TEST_F(SseTest, ASnapshotFirstThenAChangePerCommandInOrder) {
  std::unique_ptr<SseReader> reader = Open("/api/watch/plenary");
  std::string id;
  std::optional<v1::Update> first = NextUpdate(*reader, &id);
  ASSERT_TRUE(first);
  ASSERT_TRUE(first->has_snapshot());
  EXPECT_EQ(id, Id(0));
  EXPECT_EQ(first->stream(), app().stream_id());
  EXPECT_EQ(first->snapshot().meeting(), "plenary");
  EXPECT_EQ(first->snapshot().lists_size(), 16);

  Ok("Inscribe", InscribeJson("1 (f)", "AUT"), kDelegationAut);
  Ok("ChangeMeeting", "{\"meeting\":\"plenary\",\"action\":\"MEETING_OPEN\"}",
     kChairPlenary);
  Ok("CallNext", ListJson("1 (f)"), kChairPlenary);
  Ok("Timer", ListJson("1 (f)", "\"action\":\"TIMER_START\""), kChairPlenary);
  ExpectChange(*reader, 1, "inscribed");
  ExpectChange(*reader, 2, "meeting_opened");
  ExpectChange(*reader, 3, "called");
  ExpectChange(*reader, 4, "timer_started");
}

TEST_F(SseTest, ResumingWithLastEventIdGetsOnlyTheMissedChanges) {
  for (const char* code : {"AUT", "KEN", "FRA", "DEU"}) {
    Ok("Inscribe", InscribeJson("2", code), kSecretariat);
  }
  std::unique_ptr<SseReader> resumed =
      Open("/api/watch/plenary", {{"Last-Event-ID", Id(2)}});
  ExpectChange(*resumed, 3, "inscribed");
  ExpectChange(*resumed, 4, "inscribed");
  Ok("Withdraw", ListJson("2", "\"delegation\":\"AUT\""), kDelegationAut);
  ExpectChange(*resumed, 5, "withdrawn");

  // The header wins over the page's ?since=&stream=; the query alone works
  // too.
  std::unique_ptr<SseReader> both =
      Open("/api/watch/plenary?since=1&stream=" + app().stream_id(),
           {{"Last-Event-ID", Id(4)}});
  ExpectChange(*both, 5, "withdrawn");
  std::unique_ptr<SseReader> query =
      Open("/api/watch/plenary?since=4&stream=" + app().stream_id());
  ExpectChange(*query, 5, "withdrawn");
  // Up to date: nothing until the next change.
  std::unique_ptr<SseReader> current =
      Open("/api/watch/plenary", {{"Last-Event-ID", Id(5)}});
  EXPECT_FALSE(current->NextUpdate(absl::Milliseconds(200)));
  // From the future (another server's numbering): a snapshot.
  std::unique_ptr<SseReader> future =
      Open("/api/watch/plenary", {{"Last-Event-ID", Id(99)}});
  std::optional<v1::Update> snapshot = NextUpdate(*future);
  ASSERT_TRUE(snapshot);
  EXPECT_TRUE(snapshot->has_snapshot());
  EXPECT_EQ(snapshot->version(), 5u);
}

// A version names a state only within the run that numbered it: after a
// restart (a failed write, a restored backup) version 2 may be another
// command. A browser resuming with another run's id, or with a bare
// version (a page of speakers 0.3), gets a snapshot, never a silent gap.
TEST_F(SseTest, AResumeFromAnotherRunGetsASnapshot) {
  for (const char* code : {"AUT", "KEN", "FRA"}) {
    Ok("Inscribe", InscribeJson("2", code), kSecretariat);
  }
  const std::vector<std::vector<std::pair<std::string, std::string>>> asks = {
      {{"Last-Event-ID", "2.0123456789abcdef01234567"}},
      {{"Last-Event-ID", "2"}},
      {}};
  const std::vector<std::string> targets = {
      "/api/watch/plenary", "/api/watch/plenary",
      "/api/watch/plenary?since=2&stream=0123456789abcdef01234567"};
  for (size_t i = 0; i < asks.size(); ++i) {
    std::unique_ptr<SseReader> reader = Open(targets[i], asks[i]);
    std::string id;
    std::optional<v1::Update> update = NextUpdate(*reader, &id);
    ASSERT_TRUE(update) << i;
    EXPECT_TRUE(update->has_snapshot()) << i;
    EXPECT_EQ(update->version(), 3u) << i;
    EXPECT_EQ(update->stream(), app().stream_id()) << i;
    EXPECT_EQ(id, Id(3)) << i;
  }
  SseReader bad(port(), "/api/watch/plenary",
                {{"Last-Event-ID", "2.not-a-stream"}});
  EXPECT_EQ(bad.status(), 400);
}

// Browser streams count against the same caps as gRPC Watch (here: two
// anonymous streams per address); one past the cap is answered 429 with
// the reason and Retry-After; a token's streams are counted apart.
TEST_F(SseTest, AStreamPastTheCapIsAnswered429) {
  testing::TestApp::Options options;
  options.app.admission.anonymous_streams_per_address = 2;
  Start(options);
  std::unique_ptr<SseReader> first = Open("/api/watch/plenary");
  std::unique_ptr<SseReader> second = Open("/api/watch/plenary");
  ASSERT_TRUE(NextUpdate(*first));
  ASSERT_TRUE(NextUpdate(*second));
  {
    SseReader third(port(), "/api/watch/plenary");
    EXPECT_EQ(third.status(), 429);
    EXPECT_EQ(third.headers().at("retry-after"), "5");
    EXPECT_TRUE(absl::StrContains(
        third.ErrorBody(),
        "127.0.0.1 already has 2 streams without a token, the most one "
        "address may hold"))
        << third.ErrorBody();
  }
  // With a token the address's cap does not apply.
  std::unique_ptr<SseReader> display =
      Open("/api/watch/plenary",
           {{"Authorization", std::string("Bearer ") + kDisplay}});
  ASSERT_TRUE(NextUpdate(*display));
  // The operator sees the refusal.
  EXPECT_EQ(metrics().refused(Metrics::Refusal::kStream), 1u);
  EXPECT_TRUE(absl::StrContains(Fetch(port(), "GET", "/metrics").body,
                                "speakers_refused_total{what=\"stream\"} 1\n"));
}

TEST_F(SseTest, ResumingPastTheHistoryGetsASnapshot) {
  testing::TestApp::Options options;
  options.app.runner.stream.history =
      2;  // the meeting broadcaster's, shared with gRPC
  Start(options);
  for (const char* code : {"AUT", "KEN", "FRA", "DEU"}) {
    Ok("Inscribe", InscribeJson("2", code), kSecretariat);
  }
  std::unique_ptr<SseReader> reader =
      Open("/api/watch/plenary", {{"Last-Event-ID", Id(1)}});
  std::string id;
  std::optional<v1::Update> update = NextUpdate(*reader, &id);
  ASSERT_TRUE(update);
  EXPECT_TRUE(update->has_snapshot());
  EXPECT_EQ(id, Id(4));
  std::unique_ptr<SseReader> kept =
      Open("/api/watch/plenary", {{"Last-Event-ID", Id(2)}});
  ExpectChange(*kept, 3, "inscribed");
}

// MeetingFanOut counted its JSON encodings; the gateway now encodes nothing:
// every browser stream is a reader of the meeting's one Broadcaster and
// writes the JSON of the update's Published, which encodes itself once for
// all its readers (Published::json). So the fact is asserted as: one
// broadcaster reader per browser, no other, and every browser's data is that
// very encoding, byte for byte.
TEST_F(SseTest, EachUpdateIsEncodedOnceForAllBrowsers) {
  std::vector<std::unique_ptr<SseReader>> readers;
  for (int i = 0; i < 5; ++i) {
    readers.push_back(Open("/api/watch/plenary"));
    ASSERT_TRUE(NextUpdate(*readers.back()));  // the (shared) snapshot
  }
  ASSERT_TRUE(AwaitStreams(5));
  Capture capture(&updates());
  for (const char* code : {"AUT", "KEN", "FRA"}) {
    Ok("Inscribe", InscribeJson("2", code), kSecretariat);
  }
  for (auto& reader : readers) {
    for (uint64_t version = 1; version <= 3; ++version) {
      std::string data;
      ExpectChange(*reader, version, "inscribed", &data);
      PublishedPtr published = capture.Change(version);
      ASSERT_NE(published, nullptr) << "version " << version;
      EXPECT_EQ(data, published->json()) << "version " << version;
    }
  }
  EXPECT_EQ(updates().readers(), 6u);  // five browsers and the capture
  // Newcomers share one snapshot of the new version.
  std::unique_ptr<SseReader> late1 = Open("/api/watch/plenary");
  std::unique_ptr<SseReader> late2 = Open("/api/watch/plenary");
  std::string data1;
  std::string data2;
  ASSERT_TRUE(NextUpdate(*late1, nullptr, absl::Seconds(5), &data1));
  ASSERT_TRUE(NextUpdate(*late2, nullptr, absl::Seconds(5), &data2));
  EXPECT_EQ(data1, data2);
  EXPECT_EQ(data1, runner()
                       ->Snapshot()
                       ->json());  // the runner's cached one (the clock stands)
}

TEST_F(SseTest, TimerSignalsReachBrowsersWithTheLastChangeVersionAsId) {
  std::unique_ptr<SseReader> reader = Open("/api/watch/plenary");
  ASSERT_TRUE(NextUpdate(*reader));
  Ok("Inscribe", InscribeJson("1 (f)", "AUT"), kDelegationAut);
  Ok("ChangeMeeting", "{\"meeting\":\"plenary\",\"action\":\"MEETING_OPEN\"}",
     kChairPlenary);
  Ok("CallNext", ListJson("1 (f)"), kChairPlenary);
  Ok("Timer", ListJson("1 (f)", "\"action\":\"TIMER_START\""), kChairPlenary);
  for (uint64_t v = 1; v <= 4; ++v) ASSERT_TRUE(NextUpdate(*reader));
  clock().Advance(absl::Minutes(4) +
                  absl::Seconds(31));  // 0:29 left; warning at 0:30
  runner()->CheckDeadlines();
  std::string id;
  std::optional<v1::Update> signal = NextUpdate(*reader, &id);
  ASSERT_TRUE(signal);
  ASSERT_TRUE(signal->has_signal()) << signal->DebugString();
  EXPECT_EQ(signal->signal().kind(), v1::TimerSignal::WARNING);
  EXPECT_EQ(signal->signal().delegation(), "AUT");
  EXPECT_EQ(id, Id(4));
}

TEST_F(SseTest, UnknownMeetingsAndBadVersionsAreRefused) {
  SseReader unknown(port(), "/api/watch/council");
  EXPECT_EQ(unknown.status(), 404);
  EXPECT_TRUE(
      absl::StrContains(unknown.ErrorBody(), "no meeting \\\"council\\\""));
  SseReader bad(port(), "/api/watch/plenary?since=abc");
  EXPECT_EQ(bad.status(), 400);
}

TEST_F(SseTest, WhenReadsNeedATokenTheStreamAsksTheAppsRules) {
  testing::TestApp::Options options;
  options.app.anonymous_reads = AnonymousReads::kNone;
  Start(options);
  SseReader anonymous(port(), "/api/watch/plenary");
  EXPECT_EQ(anonymous.status(), 401);
  SseReader unknown(port(), "/api/watch/plenary",
                    {{"Authorization", "Bearer no-such-token-0000001"}});
  EXPECT_EQ(unknown.status(), 401);
  std::unique_ptr<SseReader> display =
      Open("/api/watch/plenary",
           {{"Authorization", std::string("Bearer ") + kDisplay}});
  std::optional<v1::Update> first = NextUpdate(*display);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->has_snapshot());
  std::unique_ptr<SseReader> header =
      Open("/api/watch/plenary",
           {{"Authorization", std::string("Bearer ") + kDelegationAut}});
  ASSERT_TRUE(NextUpdate(*header));
}

TEST_F(SseTest, ABrowserThatLeavesIsForgottenAndTheOthersGoOn) {
  std::unique_ptr<SseReader> stays = Open("/api/watch/plenary");
  ASSERT_TRUE(NextUpdate(*stays));
  {
    std::unique_ptr<SseReader> leaves = Open("/api/watch/plenary");
    ASSERT_TRUE(NextUpdate(*leaves));
    ASSERT_TRUE(AwaitStreams(2));
  }  // closed by the browser
  for (const char* code : {"AUT", "KEN", "FRA"}) {
    Ok("Inscribe", InscribeJson("2", code), kSecretariat);
  }
  ExpectChange(*stays, 1, "inscribed");
  ExpectChange(*stays, 2, "inscribed");
  ExpectChange(*stays, 3, "inscribed");
  EXPECT_TRUE(AwaitStreams(1));
}

TEST_F(SseTest, ShuttingDownEndsTheStreams) {
  std::unique_ptr<SseReader> reader = Open("/api/watch/plenary");
  ASSERT_TRUE(NextUpdate(*reader));
  ASSERT_TRUE(AwaitStreams(1));
  gateway_->Shutdown();
  EXPECT_TRUE(reader->AwaitClosed(absl::Seconds(5)));
}

}  // namespace
}  // namespace speakers::gateway_test
