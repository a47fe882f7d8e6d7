#ifndef SPEAKERS_TESTS_DURABILITY_CRASH_HARNESS_H_
#define SPEAKERS_TESTS_DURABILITY_CRASH_HARNESS_H_

// The crash harness: "nothing acknowledged is ever lost".
//
// It starts speakers-server on a temporary data directory, lets four client
// threads (crash_clients.h) send commands at once and kills the server with
// SIGKILL at random moments. After every kill it rebuilds the state
// in-process from a copy of the database (speakers::Recover), restarts the
// server on the same directory and checks:
//   - the server's GetMeeting snapshot of every meeting equals the replay of
//     the log at the server's time (waiting orders, current speakers,
//     receipts, clocks, versions);
//   - every acknowledged command is in the log exactly once, with its
//     request_id, actor, version and reply, at or below the recovered
//     version; each meeting's records are versions 1..V (ReadMeeting); no
//     refused command is in the log, nor any request no client sent;
//   - resending an acknowledged request (same request_id) returns the
//     identical reply and no meeting's version grows (those of the last
//     round and 150 older ones after each restart, all at the end), and
//     FindByRequestId finds it;
//   - a command in flight at the kill is there at most once; when it is, a
//     retry gets the logged reply (it counts as acknowledged from then on);
//     when it is not, the client's retry is a new attempt.
// At the end a clean stop (SIGTERM) and a restart give the same state. A
// display polls GetMeeting during each round; how often it had shown a
// version that a kill then undid is printed, not asserted (reads see
// commands before they are durable).
//
// Failures are reported with GoogleTest assertions in the calling test; a
// lost acknowledged command is reported as "LOST: acknowledged ...".

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "speakers/v1/speakers.grpc.pb.h"
#include "tests/durability/crash_clients.h"
#include "tests/durability/durability_util.h"
#include "tests/testing/server_process.h"

namespace speakers::durability {

class CrashHarness {
 public:
  explicit CrashHarness(uint64_t seed) : seed_(seed), rng_(seed) {}
  // Stops the server; removes the directories unless SPEAKERS_KEEP_DIRS.
  ~CrashHarness();

  CrashHarness(const CrashHarness&) = delete;
  CrashHarness& operator=(const CrashHarness&) = delete;

  // Makes the temporary data and scratch directories.
  void SetUp();

  // `kills` rounds of load ended by a SIGKILL, each followed by a replay,
  // a restart and the checks; then a clean stop and a last restart.
  void Run(int kills);

  // What was sent and acknowledged, the kills and their moments.
  void PrintSummary(absl::Duration took) const;

  int kills() const { return kills_; }

  // Runs after each kill, before the restart (the harness's own test
  // damages the data there).
  void set_after_kill(std::function<void(const std::string& data_dir)> f) {
    after_kill_ = std::move(f);
  }

 private:
  // Starts the server on the data directory; tokens are read on the first
  // start (the server creates them).
  void StartServer();

  // One chair command outside the workload (set-up), which must succeed.
  template <typename Request>
  void Setup(const std::string& rpc, const std::string& meeting,
             grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                          v1::CommandReply*),
             Request request) {
    auto sent = std::make_unique<Sent>();
    sent->rpc = rpc;
    sent->meeting = meeting;
    sent->actor = absl::StrCat("chair of ", meeting);
    sent->request_id = absl::StrCat("setup-", ++setups_);
    sent->round = round_;
    request.set_request_id(sent->request_id);
    sent->send = Sender(method, tokens_.chair.at(meeting), request);
    v1::CommandReply reply;
    const grpc::Status status = sent->send(stub_.get(), &reply);
    ASSERT_TRUE(status.ok()) << rpc << ": " << StatusText(status);
    Classify(*sent, status, std::move(reply));
    Keep(std::move(sent));
  }

  // Opens the plenary and the expert meeting and reopens the general
  // discussion's list (it closed in 2017).
  void SetUpMeetings();

  // Four client threads until a SIGKILL at a random moment.
  void RunRoundAndKill();

  void Keep(std::unique_ptr<Sent> sent);

  // Rebuilds the state from a copy of the database (the server is down).
  void ReplayDatabase();

  // The checks after a restart; `full` resends every acknowledged command,
  // otherwise those of the last round and a sample of older ones.
  void Verify(bool full);

  // GetMeeting of every meeting == the replay's snapshot at the server's
  // time. Returns the versions.
  std::map<std::string, uint64_t> CompareSnapshots();

  uint64_t MeetingVersion(const std::string& id);

  // The client's retry of each command lost in flight: a new attempt (a
  // refusal is as good an answer as an acknowledgement).
  void RetryLost();

  const uint64_t seed_;
  std::mt19937_64 rng_;
  std::string work_;
  std::string data_;
  std::string scratch_;
  std::string db_;
  std::vector<std::string> meetings_;
  std::unique_ptr<testing::ServerProcess> server_;
  std::string address_;
  std::unique_ptr<Stub> stub_;
  Tokens tokens_;
  std::unique_ptr<Replayed> replayed_;
  std::vector<std::unique_ptr<Sent>> sent_;
  std::map<std::string, Sent*> by_id_;
  std::vector<Sent*> lost_ids_;
  std::vector<std::string> kill_log_;
  std::function<void(const std::string&)> after_kill_;
  Beliefs beliefs_[4];
  uint64_t seen_by_reads_ = 0;  // the highest plenary version a read showed
  int reads_ahead_ = 0;         // kills after which that version was gone
  int round_ = 0;
  int setups_ = 0;
  int kills_ = 0;
  int starts_ = 0;
  int in_flight_landed_ = 0;
  int in_flight_lost_ = 0;
  int retried_ = 0;
  size_t resent_ = 0;
};

}  // namespace speakers::durability

#endif  // SPEAKERS_TESTS_DURABILITY_CRASH_HARNESS_H_
