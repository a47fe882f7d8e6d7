// speakers-server stopped by SIGTERM in the middle of its work: browsers
// POSTing queries, a chair's commands (answered once durable) and refused
// commands, browser event streams, gRPC Watch streams and gRPC queries, all
// at once. The stop must be clean: exit status 0 within the timeout and not
// a line from a sanitizer. In the sanitizer pass the server binary is built
// with AddressSanitizer, so a callback that outlives the I/O pool or a
// session at shutdown (a use-after-free once seen there, one stop in six)
// is a report and an abort. Each round restarts the server on the same data
// directory, which must then hold every command the chair had answered.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "speakers/v1/speakers.grpc.pb.h"
#include "tests/gateway/test_http_client.h"
#include "tests/testing/server_process.h"
#include "tests/testing/tokens_file.h"

namespace speakers {
namespace {

using ::speakers::gateway_test::Api;
using ::speakers::gateway_test::HttpReply;
using ::speakers::gateway_test::SseReader;
using ::speakers::testing::DescribeWaitStatus;
using ::speakers::testing::ListeningPort;
using ::speakers::testing::MakeTempDir;
using ::speakers::testing::RemoveTree;
using ::speakers::testing::ServerProcess;
using ::speakers::testing::TokensFile;

// A sanitized server starts and stops several times slower.
constexpr absl::Duration kStartTimeout = absl::Seconds(60);
constexpr absl::Duration kStopTimeout = absl::Seconds(60);
constexpr int kRounds = 3;
constexpr int kBrowsers = 12;
constexpr int kEventStreams = 4;
constexpr int kWatchStreams = 4;
constexpr int kGrpcCallers = 2;
// Every client has had this many answers (or events) before the SIGTERM.
constexpr int kAnswersEach = 3;

std::string ListJson(const std::string& item, const std::string& rest = "") {
  return absl::StrCat("{\"list\":{\"meeting\":\"plenary\",\"item\":\"", item,
                      "\"}", rest.empty() ? "" : ",", rest, "}");
}

std::string AddSpeakerJson(const std::string& delegation) {
  return ListJson("2",
                  absl::StrCat("\"delegation\":\"", delegation,
                               "\",\"speaker\":{\"name\":\"H.E. Ms. Jane "
                               "Doe\",\"rank\":\"RANK_HEAD_OF_DELEGATION\"}"));
}

// What every client thread shares in a round.
struct Round {
  int http = 0;
  std::string grpc_address;
  TokensFile tokens;
  std::atomic<int> ready{0};
  std::atomic<int> swaps_acknowledged{0};
  absl::Mutex mu;
  std::vector<std::string> unexpected ABSL_GUARDED_BY(mu);

  void Unexpected(std::string what) {
    absl::MutexLock lock(&mu);
    unexpected.push_back(std::move(what));
  }
};

// A browser: a query, two chair's swaps and a refused CallNext in turn,
// until the server is gone.
void Browser(Round* round, int b) {
  bool counted = false;
  for (int i = 0;; ++i) {
    HttpReply reply;
    int wanted = 200;
    const int kind = (b + i) % 4;
    switch (kind) {
      case 0:
        reply = Api(round->http, "GetSession", "{}");
        break;
      case 1:
      case 2:
        reply = Api(round->http, "Swap",
                    ListJson("2", "\"first\":\"AUT\",\"second\":\"KEN\""),
                    round->tokens.chair("plenary"));
        break;
      default:
        // Nobody waits on 1 (f): refused before anything is stored.
        reply = Api(round->http, "CallNext", ListJson("1 (f)"),
                    round->tokens.chair("plenary"));
        wanted = 409;
        break;
    }
    if (reply.status == 0) break;  // the server is gone
    if (reply.status == 200 && (kind == 1 || kind == 2))
      round->swaps_acknowledged.fetch_add(1);
    // 503: refused because the server is stopping.
    if (reply.status != wanted && reply.status != 503) {
      round->Unexpected(
          absl::StrCat("browser ", b, ": ", reply.status, " ", reply.body));
      break;
    }
    if (i + 1 == kAnswersEach) {
      counted = true;
      round->ready.fetch_add(1);
    }
  }
  if (!counted) round->ready.fetch_add(1);  // ended early: do not block
}

// A room display's event stream, read until it ends.
void EventStream(Round* round) {
  SseReader reader(
      round->http, "/api/watch/plenary",
      {{"Authorization", "Bearer " + round->tokens.Find("display", "")}});
  int events = 0;
  while (reader.Next(absl::Seconds(30))) {
    if (++events == 1) round->ready.fetch_add(1);
  }
  if (events == 0) {
    round->ready.fetch_add(1);
    round->Unexpected(absl::StrCat("event stream: status ", reader.status(),
                                   " and no event"));
  }
}

// A console's gRPC Watch, read until the server ends it.
void WatchStream(Round* round) {
  auto stub = v1::Speakers::NewStub(grpc::CreateChannel(
      round->grpc_address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata("authorization",
                      "Bearer " + round->tokens.Find("display", ""));
  v1::WatchRequest request;
  request.set_meeting("plenary");
  auto reader = stub->Watch(&context, request);
  v1::Update update;
  int updates = 0;
  while (reader->Read(&update)) {
    if (++updates == 1) round->ready.fetch_add(1);
  }
  const grpc::Status status = reader->Finish();
  if (updates == 0) {
    round->ready.fetch_add(1);
    round->Unexpected(
        absl::StrCat("Watch: no update, ", status.error_message()));
  }
}

// A gRPC query in a loop until the server is gone.
void GrpcCaller(Round* round) {
  auto stub = v1::Speakers::NewStub(grpc::CreateChannel(
      round->grpc_address, grpc::InsecureChannelCredentials()));
  bool counted = false;
  for (int i = 0;; ++i) {
    grpc::ClientContext context;
    context.AddMetadata("authorization",
                        "Bearer " + round->tokens.Find("display", ""));
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    v1::MeetingRef ref;
    ref.set_meeting("plenary");
    v1::MeetingSnapshot snapshot;
    const grpc::Status status = stub->GetMeeting(&context, ref, &snapshot);
    if (!status.ok()) break;  // stopping or gone
    if (i + 1 == kAnswersEach) {
      counted = true;
      round->ready.fetch_add(1);
    }
  }
  if (!counted) round->ready.fetch_add(1);
}

// The plenary's version through gRPC, or -1.
int64_t PlenaryVersion(const std::string& grpc_address,
                       const std::string& token) {
  auto stub = v1::Speakers::NewStub(
      grpc::CreateChannel(grpc_address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + token);
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  v1::MeetingRef ref;
  ref.set_meeting("plenary");
  v1::MeetingSnapshot snapshot;
  if (!stub->GetMeeting(&context, ref, &snapshot).ok()) return -1;
  return static_cast<int64_t>(snapshot.version());
}

bool MentionsASanitizer(const std::string& err) {
  return absl::StrContains(err, "Sanitizer") ||
         absl::StrContains(err, "runtime error:");
}

TEST(SigtermUnderLoadTest, StopsCleanlyWhileBrowsersAndConsolesCall) {
  absl::StatusOr<std::string> dir = MakeTempDir("speakers-sigterm");
  ASSERT_TRUE(dir.ok()) << dir.status();
  int64_t acknowledged = 0;  // the chair's commands answered 200, all rounds
  for (int r = 0; r < kRounds; ++r) {
    SCOPED_TRACE(absl::StrCat("round ", r));
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start({SPEAKERS_SERVER_PATH, "--grpc=127.0.0.1:0",
                              "--http=127.0.0.1:0",
                              absl::StrCat("--data=", *dir)});
    ASSERT_TRUE(server.ok()) << server.status();
    absl::StatusOr<std::string> listening =
        (*server)->WaitListening(kStartTimeout);
    ASSERT_TRUE(listening.ok()) << listening.status() << (*server)->err();
    Round round;
    round.http = ListeningPort(*listening, "http");
    ASSERT_GT(round.http, 0) << *listening;
    round.grpc_address = listening->substr(0, listening->find(' '));
    absl::StatusOr<TokensFile> tokens =
        TokensFile::Load(*dir + "/new-tokens.txt");
    ASSERT_TRUE(tokens.ok()) << tokens.status();
    round.tokens = *tokens;
    const std::string chair = round.tokens.chair("plenary");

    // What the earlier rounds acknowledged is all there after the restart.
    const int64_t version =
        PlenaryVersion(round.grpc_address, round.tokens.secretariat());
    if (r == 0) {
      EXPECT_EQ(version, 0);
      for (const char* delegation : {"AUT", "KEN"}) {
        const HttpReply added =
            Api(round.http, "AddSpeaker", AddSpeakerJson(delegation), chair);
        ASSERT_EQ(added.status, 200) << added.body;
        ++acknowledged;
      }
    } else {
      EXPECT_GE(version, acknowledged);
    }

    std::vector<std::thread> clients;
    for (int b = 0; b < kBrowsers; ++b)
      clients.emplace_back(Browser, &round, b);
    for (int s = 0; s < kEventStreams; ++s)
      clients.emplace_back(EventStream, &round);
    for (int w = 0; w < kWatchStreams; ++w)
      clients.emplace_back(WatchStream, &round);
    for (int c = 0; c < kGrpcCallers; ++c)
      clients.emplace_back(GrpcCaller, &round);
    const int everyone = static_cast<int>(clients.size());
    // No sleep: the stop starts once every client has had its answers,
    // while they keep calling.
    while (round.ready.load() < everyone) std::this_thread::yield();
    const int status = (*server)->Terminate(kStopTimeout);
    for (std::thread& client : clients) client.join();
    acknowledged += round.swaps_acknowledged.load();

    EXPECT_EQ(DescribeWaitStatus(status), "exited with 0") << (*server)->err();
    EXPECT_FALSE(MentionsASanitizer((*server)->err())) << (*server)->err();
    absl::MutexLock lock(&round.mu);
    EXPECT_TRUE(round.unexpected.empty())
        << absl::StrJoin(round.unexpected, "\n");
    EXPECT_GT(round.swaps_acknowledged.load(), 0);
    if (::testing::Test::HasFailure()) break;
  }
  RemoveTree(*dir);
}

}  // namespace
}  // namespace speakers
