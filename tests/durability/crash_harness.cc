#include "tests/durability/crash_harness.h"

#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "absl/status/statusor.h"
#include "google/protobuf/util/message_differencer.h"
#include "server/app/state_to_proto.h"
#include "server/storage/sqlite_command_log.h"
#include "tests/durability/crash_env.h"

namespace speakers::durability {

using ::google::protobuf::util::MessageDifferencer;
using ::speakers::testing::DescribeWaitStatus;
using ::speakers::testing::MakeTempDir;
using ::speakers::testing::RemoveTree;
using ::speakers::testing::ServerProcess;

void CrashHarness::SetUp() {
  absl::StatusOr<std::string> dir = MakeTempDir("speakers-crash");
  ASSERT_TRUE(dir.ok()) << dir.status();
  work_ = *dir;
  data_ = work_ + "/data";
  scratch_ = work_ + "/replays";
  std::filesystem::create_directories(scratch_);
  db_ = data_ + "/speakers.db";
  for (const MeetingConfig& m : BuiltinSession()->config().meetings) {
    meetings_.push_back(m.id);
  }
}

CrashHarness::~CrashHarness() {
  server_.reset();
  if (!work_.empty() && !KeepDirs()) RemoveTree(work_);
}

void CrashHarness::StartServer() {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(ServerArgv(data_));
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  absl::StatusOr<std::string> address = server_->WaitListening(kStartTimeout);
  ASSERT_TRUE(address.ok()) << address.status();
  address_ = *address;
  stub_ = v1::Speakers::NewStub(MakeChannel(address_));
  if (tokens_.chair.empty()) {
    absl::StatusOr<Tokens> tokens = ReadTokens(data_ + "/new-tokens.txt");
    ASSERT_TRUE(tokens.ok()) << tokens.status();
    tokens_ = *std::move(tokens);
  }
  ++starts_;
}

void CrashHarness::SetUpMeetings() {
  v1::ChangeMeetingRequest open;
  open.set_meeting("plenary");
  open.set_action(v1::MEETING_OPEN);
  Setup("ChangeMeeting", "plenary", &Stub::ChangeMeeting, open);
  open.set_meeting("experts");
  Setup("ChangeMeeting", "experts", &Stub::ChangeMeeting, open);
  // The general discussion's list closed in 2017: the chair reopens it.
  v1::ListCommand reopen;
  *reopen.mutable_list() = ListOf("plenary", "1 (f)");
  Setup("OpenList", "plenary", &Stub::OpenList, reopen);
}

void CrashHarness::RunRoundAndKill() {
  const std::vector<Delegation>& delegations =
      BuiltinSession()->config().delegations;
  // Two meetings, each with its delegations and its chair, so that
  // neither nears the 10,000 request ids a server once remembered per
  // meeting (AnOldAcknowledgedRequestIsNotAppliedTwiceAfterARestart tests
  // the retries beyond them).
  std::vector<Role> roles(4);
  roles[0] = {Role::kDelegations, "plenary", {"1 (f)", "1 (f)", "2"}, {}};
  roles[1] = {Role::kDelegations, "experts", {"2", "2", "3"}, {}};
  for (size_t i = 0; i < delegations.size(); ++i) {
    roles[i < delegations.size() / 2 ? 0 : 1].codes.push_back(
        delegations[i].code);
  }
  roles[2] = {Role::kChair, "plenary", {"1 (f)", "1 (f)", "2"}, {}};
  roles[3] = {Role::kChair, "experts", {"2", "2", "3"}, {}};

  std::atomic<bool> stop{false};
  std::vector<std::unique_ptr<Worker>> workers;
  for (int t = 0; t < 4; ++t) {
    workers.push_back(std::make_unique<Worker>(
        t, round_, rng_(), roles[t], tokens_, address_, &stop, &beliefs_[t]));
  }
  // Kill at a random moment: some at once (during the first commands),
  // most within a few hundred milliseconds, some later.
  const int bucket = static_cast<int>(rng_() % 10);
  const int delay_ms = bucket < 2   ? static_cast<int>(rng_() % 20)
                       : bucket < 8 ? 20 + static_cast<int>(rng_() % 280)
                                    : 300 + static_cast<int>(rng_() % 500);
  std::vector<std::thread> threads;
  for (auto& w : workers) threads.emplace_back([w = w.get()] { w->Run(); });
  // A display polling the plenary: the highest version a read showed.
  uint64_t seen = 0;
  threads.emplace_back([&] {
    auto stub =
        v1::Speakers::NewStub(MakeChannel(address_, /*own_connection=*/true));
    v1::MeetingRef ref;
    ref.set_meeting("plenary");
    while (!stop.load()) {
      v1::MeetingSnapshot snapshot;
      if (!Call(stub.get(), &Stub::GetMeeting, tokens_.display, ref, &snapshot,
                kRpcTimeout)
               .ok()) {
        break;
      }
      seen = std::max<uint64_t>(seen, snapshot.version());
      // A display's pace.
      std::this_thread::sleep_for(std::chrono::milliseconds(3));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  const int status = server_->Kill();
  ++kills_;
  if (after_kill_) after_kill_(data_);
  stop = true;
  for (std::thread& t : threads) t.join();
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the server was not killed by SIGKILL but "
      << DescribeWaitStatus(status) << "; stderr:\n"
      << server_->err();
  int acked = 0;
  int in_flight = 0;
  for (auto& w : workers) {
    for (auto& sent : w->sent()) {
      acked += sent->outcome == Outcome::kAcked;
      in_flight += sent->outcome == Outcome::kInFlight;
      Keep(std::move(sent));
    }
  }
  seen_by_reads_ = seen;
  kill_log_.push_back(absl::StrCat("kill ", kills_, " at ", delay_ms,
                                   " ms: ", acked, " acknowledged, ", in_flight,
                                   " in flight"));
}

void CrashHarness::Keep(std::unique_ptr<Sent> sent) {
  Sent* raw = sent.get();
  ASSERT_TRUE(by_id_.emplace(raw->request_id, raw).second) << raw->request_id;
  sent_.push_back(std::move(sent));
}

void CrashHarness::ReplayDatabase() {
  replayed_.reset();
  absl::StatusOr<std::unique_ptr<Replayed>> replayed =
      ReplayCopy(db_, scratch_);
  ASSERT_TRUE(replayed.ok()) << "the log of round " << round_
                             << " does not replay: " << replayed.status();
  replayed_ = *std::move(replayed);
}

void CrashHarness::Verify(bool full) {
  if (replayed_ == nullptr || server_ == nullptr) return;  // reported already
  SCOPED_TRACE(absl::StrCat("after restart ", starts_ - 1, " (round ", round_,
                            ", seed ", seed_, ")"));
  // The server replayed the same log.
  EXPECT_EQ(ReplayedCount(server_->out()),
            static_cast<int64_t>(replayed_->records.size()))
      << server_->out();

  // (b) The server's state is the replay of its log.
  std::map<std::string, uint64_t> versions = CompareSnapshots();
  if (::testing::Test::HasFailure()) return;
  // Not asserted (acknowledged writes are the contract): a read during
  // the round showed a plenary version that did not survive the kill.
  if (seen_by_reads_ > versions["plenary"]) {
    ++reads_ahead_;
    kill_log_.back() +=
        absl::StrCat("; a read had shown plenary version ", seen_by_reads_,
                     ", recovered ", versions["plenary"]);
  }
  seen_by_reads_ = 0;

  // The log: every record is a command a client sent, once.
  std::map<std::string, const LoggedCommand*> logged;
  for (const LoggedCommand& record : replayed_->records) {
    ASSERT_FALSE(record.request_id.empty())
        << "record " << record.sequence << " (" << record.kind
        << ") has no request_id";
    ASSERT_TRUE(by_id_.contains(record.request_id))
        << "record " << record.sequence << " has request_id "
        << record.request_id << " that no client sent";
    ASSERT_TRUE(logged.emplace(record.request_id, &record).second)
        << "request " << record.request_id << " (" << record.kind
        << ") is in the log twice: applied twice";
  }

  // Each meeting's records are versions 1..V, in order (ReadMeeting).
  for (const auto& [meeting, version] : versions) {
    uint64_t expected = 0;
    const absl::Status read = replayed_->log->ReadMeeting(
        meeting, 0, UINT64_MAX, [&](const LoggedCommand& record) {
          EXPECT_EQ(record.version, ++expected) << meeting;
          return absl::OkStatus();
        });
    EXPECT_TRUE(read.ok()) << read;
    EXPECT_EQ(expected, version) << "meeting " << meeting << " has " << expected
                                 << " records in the log";
  }

  // (a) Acknowledged: in the log once, as acknowledged. Refused: not in
  // it. In flight: at most once (checked above); if there, acknowledged
  // from now on, once its retry gets the logged reply.
  std::vector<Sent*> resend;
  std::vector<Sent*> older;
  int landed = 0;
  int lost = 0;
  for (const std::unique_ptr<Sent>& owned : sent_) {
    Sent& s = *owned;
    auto it = logged.find(s.request_id);
    switch (s.outcome) {
      case Outcome::kAcked: {
        if (it == logged.end()) {
          ADD_FAILURE() << "LOST: acknowledged " << s.rpc << " " << s.request_id
                        << " (version " << s.reply.version() << " of "
                        << s.meeting << ", round " << s.round
                        << ") is not in the log";
          continue;
        }
        const LoggedCommand& record = *it->second;
        EXPECT_EQ(record.meeting, s.meeting) << s.request_id;
        EXPECT_EQ(record.actor, s.actor) << s.request_id;
        EXPECT_EQ(record.version, s.reply.version()) << s.request_id;
        EXPECT_LE(s.reply.version(), versions[s.meeting]) << s.request_id;
        v1::CommandReply logged_reply;
        EXPECT_TRUE(logged_reply.ParseFromString(record.reply)) << s.request_id;
        EXPECT_TRUE(MessageDifferencer::Equals(logged_reply, s.reply))
            << s.request_id
            << ": the log holds another reply than the one acknowledged\n"
            << logged_reply.DebugString() << "\n"
            << s.reply.DebugString();
        if (full || s.round == round_) {
          resend.push_back(&s);
        } else {
          older.push_back(&s);
        }
        break;
      }
      case Outcome::kRefused:
        EXPECT_TRUE(it == logged.end())
            << "refused " << s.rpc << " " << s.request_id << " ("
            << StatusText(s.status) << ") is in the log at version "
            << it->second->version;
        break;
      case Outcome::kInFlight:
        if (it != logged.end()) {
          // The retry below must get exactly the logged reply.
          EXPECT_TRUE(s.reply.ParseFromString(it->second->reply))
              << s.request_id;
          EXPECT_EQ(it->second->actor, s.actor) << s.request_id;
          s.outcome = Outcome::kAcked;
          resend.push_back(&s);
          ++landed;
        } else {
          s.outcome = Outcome::kLost;  // never acknowledged, not logged
          lost_ids_.push_back(&s);
          ++lost;
        }
        break;
      case Outcome::kLost:
        EXPECT_TRUE(it == logged.end())
            << "a command that was not in the log after an earlier restart is "
               "in it now: "
            << s.request_id;
        break;
    }
  }
  in_flight_landed_ += landed;
  in_flight_lost_ += lost;
  std::shuffle(older.begin(), older.end(), rng_);
  if (older.size() > 150) older.resize(150);
  resend.insert(resend.end(), older.begin(), older.end());

  // Every resend gets the identical reply and changes nothing.
  for (Sent* s : resend) {
    absl::StatusOr<std::optional<LoggedCommand>> found =
        replayed_->log->FindByRequestId(s->meeting, s->actor, s->request_id);
    ASSERT_TRUE(found.ok()) << found.status();
    EXPECT_TRUE(found->has_value() && (*found)->version == s->reply.version())
        << "FindByRequestId(" << s->meeting << ", " << s->actor << ", "
        << s->request_id << ") does not find version " << s->reply.version();
    v1::CommandReply again;
    const grpc::Status status = s->send(stub_.get(), &again);
    ASSERT_TRUE(status.ok())
        << "resending acknowledged " << s->rpc << " " << s->request_id
        << " (round " << s->round << "): " << StatusText(status);
    EXPECT_TRUE(MessageDifferencer::Equals(again, s->reply))
        << "resending " << s->rpc << " " << s->request_id << " (round "
        << s->round
        << ") got another reply:\nfirst: " << s->reply.ShortDebugString()
        << "\nagain: " << again.ShortDebugString()
        << (versions[s->meeting] > 10000
                ? "\n(" + s->meeting +
                      " is past 10,000 commands, where the server once forgot "
                      "request ids: does "
                      "AnOldAcknowledgedRequestIsNotAppliedTwiceAfterARestart "
                      "fail?)"
                : "");
  }
  resent_ += resend.size();
  for (const auto& [meeting, version] : versions) {
    EXPECT_EQ(MeetingVersion(meeting), version)
        << "resending " << resend.size() << " acknowledged requests changed "
        << meeting;
  }
}

std::map<std::string, uint64_t> CrashHarness::CompareSnapshots() {
  std::map<std::string, uint64_t> versions;
  for (const std::string& id : meetings_) {
    v1::MeetingRef ref;
    ref.set_meeting(id);
    v1::MeetingSnapshot actual;
    const grpc::Status status =
        Call(stub_.get(), &Stub::GetMeeting, tokens_.display, ref, &actual,
             kRpcTimeout);
    if (!status.ok()) {
      ADD_FAILURE() << "GetMeeting " << id << ": " << StatusText(status);
      continue;
    }
    absl::StatusOr<const Meeting*> meeting =
        static_cast<const Engine&>(*replayed_->engine).FindMeeting(id);
    if (!meeting.ok()) {
      ADD_FAILURE() << meeting.status();
      continue;
    }
    const absl::Time now = TimeFromProto(actual.server_time());
    replayed_->live->Set(now);
    const v1::MeetingSnapshot expected = SnapshotToProto(**meeting, now);
    std::string differences;
    MessageDifferencer differencer;
    differencer.ReportDifferencesToString(&differences);
    EXPECT_TRUE(differencer.Compare(expected, actual))
        << "meeting " << id
        << ": the server's state is not the replay of its log:\n"
        << differences;
    versions[id] = actual.version();
    EXPECT_EQ(actual.version(), (*meeting)->version()) << id;
  }
  return versions;
}

uint64_t CrashHarness::MeetingVersion(const std::string& id) {
  v1::MeetingRef ref;
  ref.set_meeting(id);
  v1::MeetingSnapshot snapshot;
  const grpc::Status status =
      Call(stub_.get(), &Stub::GetMeeting, tokens_.display, ref, &snapshot,
           kRpcTimeout);
  EXPECT_TRUE(status.ok()) << StatusText(status);
  return snapshot.version();
}

void CrashHarness::RetryLost() {
  for (Sent* s : lost_ids_) {
    v1::CommandReply reply;
    const grpc::Status status = s->send(stub_.get(), &reply);
    ASSERT_FALSE(IsTransportError(status.error_code()))
        << "retrying " << s->request_id << ": " << StatusText(status);
    Classify(*s, status, std::move(reply));
    s->round = round_;
    ++retried_;
  }
  lost_ids_.clear();
}

void CrashHarness::Run(int kills) {
  StartServer();
  if (::testing::Test::HasFatalFailure()) return;
  SetUpMeetings();
  if (::testing::Test::HasFatalFailure()) return;
  for (round_ = 0; round_ < kills; ++round_) {
    if (round_ > 0) RetryLost();
    if (::testing::Test::HasFatalFailure()) return;
    RunRoundAndKill();
    ReplayDatabase();
    if (::testing::Test::HasFatalFailure()) return;
    StartServer();
    if (::testing::Test::HasFatalFailure()) return;
    Verify(/*full=*/round_ + 1 == kills);
    if (::testing::Test::HasFailure()) return;
  }
  // A clean stop, then a restart: the same state again.
  const std::map<std::string, uint64_t> before = CompareSnapshots();
  const int status = server_->Terminate(absl::Seconds(30));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "SIGTERM: " << DescribeWaitStatus(status) << "\n"
      << server_->err();
  EXPECT_FALSE(std::filesystem::exists(db_ + "-wal") &&
               std::filesystem::file_size(db_ + "-wal") > 0)
      << "a clean stop left a non-empty WAL";
  ReplayDatabase();
  if (::testing::Test::HasFatalFailure()) return;
  StartServer();
  if (::testing::Test::HasFatalFailure()) return;
  EXPECT_EQ(CompareSnapshots(), before);
  Verify(/*full=*/true);
  server_->Terminate(absl::Seconds(30));
}

void CrashHarness::PrintSummary(absl::Duration took) const {
  size_t acked = 0;
  size_t refused = 0;
  std::map<std::string, int> acked_by_rpc;
  std::map<std::string, int> refused_by_code;
  std::map<std::string, int> acked_by_meeting;
  for (const auto& s : sent_) {
    if (s->outcome == Outcome::kAcked) {
      ++acked;
      ++acked_by_rpc[s->rpc];
      ++acked_by_meeting[s->meeting];
    }
    if (s->outcome == Outcome::kRefused) {
      ++refused;
      ++refused_by_code[absl::StrCat(s->rpc, ":",
                                     CodeName(s->status.error_code()))];
    }
  }
  std::cout << "crash harness: seed " << seed_ << ", " << kills_
            << " SIGKILLs, " << starts_ << " starts, " << sent_.size()
            << " commands sent: " << acked << " acknowledged, " << refused
            << " refused; in flight at a kill: " << in_flight_landed_
            << " were in the log, " << in_flight_lost_ << " were not ("
            << retried_ << " retried); " << resent_
            << " acknowledged requests resent; " << absl::FormatDuration(took)
            << "\n  after " << reads_ahead_ << " of " << kills_
            << " kills, a GetMeeting during the round had shown a plenary "
               "version that was "
               "not recovered (reads see commands before they are durable)"
            << "\n  acknowledged by kind:";
  for (const auto& [rpc, n] : acked_by_rpc) std::cout << " " << rpc << "=" << n;
  std::cout << "\n  acknowledged by meeting:";
  for (const auto& [meeting, n] : acked_by_meeting) {
    std::cout << " " << meeting << "=" << n;
  }
  std::cout << "\n  refused by kind and code:";
  for (const auto& [code, n] : refused_by_code) {
    std::cout << " " << code << "=" << n;
  }
  std::cout << "\n";
  for (const std::string& line : kill_log_) std::cout << "  " << line << "\n";
}

}  // namespace speakers::durability
