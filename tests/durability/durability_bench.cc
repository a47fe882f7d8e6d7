// durability_bench: what "acknowledged only once durable" costs, measured on
// the real server binary over gRPC, beside the raw commit latency of SQLite
// (WAL, synchronous=FULL) on the same disk in the same run.
//
//   durability_bench [--smoke] [--dir=DIR] [--commands=2000] [--burst=190]
//                    [--bursts=3] [--events=100000] [--commits=1000]
//                    [--starts=3] [--warmup=1100] [--seed=N]
//
// 1. Durable command latency: --commands sequential Timer commands
//    (pause/resume of the current speaker's clock) from one client, each
//    with its own request_id, timed from send to acknowledgement, after
//    --warmup uncounted ones (so that the WAL has wrapped, as in a server
//    that has run for a while); beside it a read (GetPosition, not durable)
//    as the gRPC floor.
// 2. Burst: --burst delegations inscribe at the same instant on a fresh
//    list, from --burst clients (one channel and one connection each, each
//    with its delegation's token): one thread per client, all connected,
//    waiting at a barrier, then all send. Reports whether all were
//    acknowledged, the time from the first send to the last acknowledgement,
//    the CPU time the server and this program used meanwhile, and whether
//    the receipt numbers follow the server's arrival order (receipt number
//    strictly increasing with non-decreasing receipt time, and each
//    acknowledgement naming the receipt the list holds). Repeated --bursts
//    times on fresh lists (the target is judged on the median), then as
//    often with one async client thread driving the same channels, and once
//    in-process without gRPC (the domain alone, then the app's MeetingRunner
//    with GroupCommitter and SqliteCommandLog) to show where the time goes.
// 3. Recovery: a log of --events commands (written through SqliteCommandLog
//    as the server writes them, commands that replay), then the server's
//    start-up until its listening line (--starts times; warm page cache),
//    and speakers::Recover in-process.
// 4. Raw commits: --commits transactions of one small INSERT each on plain
//    SQLite, WAL + synchronous=FULL, in a fresh file in --dir, after --warmup
//    uncounted ones, in 10 blocks alternating with the blocks of durable
//    commands of 1, so that both meet the same disk.
//
// --smoke: small sizes, only checks that everything runs (a CTest test).
// Works in a fresh directory inside --dir (default $TMPDIR or /tmp: put it
// on the disk that holds the server's data) and removes it afterwards.
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/time/clock.h"
#include "boost/asio/io_context.hpp"
#include "server/app/group_committer.h"
#include "server/app/meeting_runner.h"
#include "server/app/state_to_proto.h"
#include "server/platform/asio_scheduler.h"
#include "server/platform/steady_clock.h"
#include "server/platform/system_clock.h"
#include "server/storage/sqlite_command_log.h"
#include "tests/durability/durability_util.h"
#include "tests/testing/server_process.h"

namespace speakers::durability {

using ::speakers::testing::MakeTempDir;
using ::speakers::testing::RemoveTree;
using ::speakers::testing::ServerProcess;

namespace {

constexpr char kServerPath[] = SPEAKERS_SERVER_PATH;
using SteadyClock = std::chrono::steady_clock;

struct Options {
  bool smoke = false;
  std::string dir;
  int commands = 2000;
  int burst = 190;
  int bursts = 3;
  int events = 100000;
  int commits = 1000;
  int starts = 3;
  int warmup = 1100;  // commits and commands before the latencies are measured
  uint64_t seed = 20171106;
};

bool ParseOptions(int argc, char** argv, Options* o) {
  const char* tmp = std::getenv("TMPDIR");
  o->dir = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--smoke") {
      o->smoke = true;
      o->commands = 100;
      o->burst = 20;
      o->bursts = 1;
      o->events = 2000;
      o->commits = 50;
      o->starts = 1;
      o->warmup = 20;
      continue;
    }
    const size_t eq = arg.find('=');
    if (!absl::StartsWith(arg, "--") || eq == std::string::npos) return false;
    const std::string name = arg.substr(2, eq - 2);
    const std::string value = arg.substr(eq + 1);
    int* number = name == "commands"  ? &o->commands
                  : name == "burst"   ? &o->burst
                  : name == "bursts"  ? &o->bursts
                  : name == "events"  ? &o->events
                  : name == "commits" ? &o->commits
                  : name == "starts"  ? &o->starts
                  : name == "warmup"  ? &o->warmup
                                      : nullptr;
    if (name == "dir") {
      o->dir = value;
    } else if (name == "seed") {
      if (!absl::SimpleAtoi(value, &o->seed)) return false;
    } else if (number == nullptr || !absl::SimpleAtoi(value, number) ||
               *number < 1) {
      return false;
    }
  }
  return o->burst <= 210;
}

double Millis(SteadyClock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct Summary {
  size_t n = 0;
  double p50 = 0, p90 = 0, p99 = 0, p999 = 0, max = 0, mean = 0;
};

Summary Summarize(std::vector<double> v) {
  Summary s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto at = [&](double p) {
    return v[std::min(v.size() - 1,
                      static_cast<size_t>(p * static_cast<double>(v.size())))];
  };
  s.n = v.size();
  s.p50 = at(0.50);
  s.p90 = at(0.90);
  s.p99 = at(0.99);
  s.p999 = at(0.999);
  s.max = v.back();
  double sum = 0;
  for (double x : v) sum += x;
  s.mean = sum / static_cast<double>(v.size());
  return s;
}

std::string Ms(double ms) { return absl::StrFormat("%.3f ms", ms); }

std::string Row(const Summary& s) {
  return absl::StrFormat(
      "n=%d p50=%.3f p90=%.3f p99=%.3f p99.9=%.3f max=%.3f mean=%.3f (ms)", s.n,
      s.p50, s.p90, s.p99, s.p999, s.max, s.mean);
}

[[noreturn]] void Die(const std::string& what) {
  std::cerr << "durability_bench: " << what << "\n";
  std::exit(1);
}

template <typename T>
T Check(absl::StatusOr<T> value, const std::string& what) {
  if (!value.ok()) Die(absl::StrCat(what, ": ", value.status().ToString()));
  return *std::move(value);
}

void CheckRpc(const grpc::Status& status, const std::string& what) {
  if (!status.ok()) Die(absl::StrCat(what, ": ", StatusText(status)));
}

// ---- Raw SQLite commits ----

// Plain SQLite, WAL + synchronous=FULL, one small INSERT per transaction,
// in a fresh file.
class RawCommits {
 public:
  explicit RawCommits(const std::string& dir) : path_(dir + "/raw.db") {
    Remove();
    if (sqlite3_open(path_.c_str(), &db_) != SQLITE_OK)
      Die(absl::StrCat("sqlite3_open ", path_));
    Exec("PRAGMA journal_mode=WAL");
    Exec("PRAGMA synchronous=FULL");
    Exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB)");
    sqlite3_prepare_v2(db_, "INSERT INTO t(v) VALUES(?1)", -1, &insert_,
                       nullptr);
  }
  ~RawCommits() {
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
    Remove();
  }

  // `n` commits; appends each one's latency (ms) to `out`.
  void Run(int n, std::vector<double>* out) {
    const std::string blob(120, 'x');  // about one stored command
    for (int i = 0; i < n; ++i) {
      const auto t0 = SteadyClock::now();
      Exec("BEGIN IMMEDIATE");
      sqlite3_bind_blob(insert_, 1, blob.data(), static_cast<int>(blob.size()),
                        SQLITE_STATIC);
      if (sqlite3_step(insert_) != SQLITE_DONE) Die("raw insert");
      sqlite3_reset(insert_);
      Exec("COMMIT");
      out->push_back(Millis(SteadyClock::now() - t0));
    }
  }

 private:
  void Exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      Die(absl::StrCat(sql, ": ", error != nullptr ? error : "?"));
    }
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::error_code ec;
      std::filesystem::remove(path_ + suffix, ec);
    }
  }

  const std::string path_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
};

// ---- The server ----

struct Server {
  std::unique_ptr<ServerProcess> process;
  std::string address;
  Tokens tokens;
  std::unique_ptr<Stub> stub;
};

Server StartServer(const std::string& data_dir) {
  Server s;
  s.process = Check(ServerProcess::Start({kServerPath, "--grpc=127.0.0.1:0",
                                          absl::StrCat("--data=", data_dir)}),
                    "starting the server");
  s.address = Check(s.process->WaitListening(absl::Seconds(120)),
                    "waiting for the server");
  s.tokens =
      Check(ReadTokens(data_dir + "/new-tokens.txt"), "reading the tokens");
  s.stub = v1::Speakers::NewStub(MakeChannel(s.address));
  return s;
}

v1::ListRef ListOf(const std::string& meeting, const std::string& item) {
  v1::ListRef list;
  list.set_meeting(meeting);
  list.set_item(item);
  return list;
}

// ---- 1. Durable command latency ----

struct LatencyResult {
  std::vector<double> commands;  // ms
  std::vector<double> reads;     // ms
  std::vector<double>
      raw;  // ms, raw SQLite commits interleaved with the commands
};

// The durable commands in 10 blocks, each after a block of raw commits, so
// that both meet the same disk (whose fsync latency drifts on a shared VM).
LatencyResult MeasureLatency(Server& s, int commands, RawCommits& raw,
                             int commits, int warmup) {
  const std::string chair = s.tokens.chair.at("plenary");
  int ids = 0;
  auto next_id = [&] { return absl::StrCat("lat-", ++ids); };
  v1::CommandReply reply;
  v1::ChangeMeetingRequest open;
  open.set_meeting("plenary");
  open.set_action(v1::MEETING_OPEN);
  open.set_request_id(next_id());
  CheckRpc(Call(s.stub.get(), &Stub::ChangeMeeting, chair, open, &reply),
           "ChangeMeeting");
  for (const char* code : {"AUT", "KEN", "BRA"}) {
    v1::InscribeRequest add;
    *add.mutable_list() = ListOf("plenary", "2");
    add.set_delegation(code);
    add.mutable_speaker()->set_name(absl::StrCat("Speaker ", code));
    add.set_request_id(next_id());
    CheckRpc(Call(s.stub.get(), &Stub::AddSpeaker, chair, add, &reply),
             "AddSpeaker");
  }
  v1::CallNextRequest call;
  *call.mutable_list() = ListOf("plenary", "2");
  call.set_request_id(next_id());
  CheckRpc(Call(s.stub.get(), &Stub::CallNext, chair, call, &reply),
           "CallNext");
  v1::TimerRequest timer;
  *timer.mutable_list() = ListOf("plenary", "2");
  timer.set_action(v1::TIMER_START);
  timer.set_request_id(next_id());
  CheckRpc(Call(s.stub.get(), &Stub::Timer, chair, timer, &reply),
           "Timer START");

  LatencyResult out;
  // Warm-up (not counted): a few of each.
  v1::DelegationOnList where;
  *where.mutable_list() = ListOf("plenary", "2");
  where.set_delegation("KEN");
  v1::Position position;
  for (int i = 0; i < 20; ++i) {
    CheckRpc(Call(s.stub.get(), &Stub::GetPosition, s.tokens.display, where,
                  &position),
             "GetPosition");
  }
  // Warm-up, not counted: both WALs past their first checkpoint (1000
  // pages), so that frames are overwritten in place as in a server that has
  // run for a while, rather than appended to a growing file.
  std::vector<double> ignored;
  raw.Run(warmup, &ignored);
  for (int i = 0; i < warmup; ++i) {
    timer.set_action(i % 2 == 0 ? v1::TIMER_PAUSE : v1::TIMER_RESUME);
    timer.set_request_id(next_id());
    CheckRpc(Call(s.stub.get(), &Stub::Timer, chair, timer, &reply),
             "Timer (warm-up)");
  }
  if (warmup % 2 == 1) {  // the clock runs again
    timer.set_action(v1::TIMER_RESUME);
    timer.set_request_id(next_id());
    CheckRpc(Call(s.stub.get(), &Stub::Timer, chair, timer, &reply),
             "Timer (warm-up)");
  }
  constexpr int kBlocks = 10;
  for (int block = 0; block < kBlocks; ++block) {
    raw.Run(commits * (block + 1) / kBlocks - commits * block / kBlocks,
            &out.raw);
    for (int i = commands * block / kBlocks;
         i < commands * (block + 1) / kBlocks; ++i) {
      timer.set_action(i % 2 == 0 ? v1::TIMER_PAUSE : v1::TIMER_RESUME);
      timer.set_request_id(next_id());
      const auto t0 = SteadyClock::now();
      CheckRpc(Call(s.stub.get(), &Stub::Timer, chair, timer, &reply), "Timer");
      out.commands.push_back(Millis(SteadyClock::now() - t0));
    }
  }
  for (int i = 0; i < commands; ++i) {
    const auto t0 = SteadyClock::now();
    CheckRpc(Call(s.stub.get(), &Stub::GetPosition, s.tokens.display, where,
                  &position),
             "GetPosition");
    out.reads.push_back(Millis(SteadyClock::now() - t0));
  }
  return out;
}

// ---- 2. Burst ----

// CPU time of every thread of `pid` so far, in ms (/proc/PID/task/*/schedstat).
double ProcessCpuMs(pid_t pid) {
  double ns = 0;
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator(
           absl::StrCat("/proc/", pid, "/task"), ec)) {
    std::ifstream in(task.path() / "schedstat");
    double on_cpu = 0;
    if (in >> on_cpu) ns += on_cpu;
  }
  return ns / 1e6;
}

// CPU time of this process so far (threads that ended included), in ms.
double SelfCpuMs() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto ms = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1e3 +
           static_cast<double>(t.tv_usec) / 1e3;
  };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

struct BurstResult {
  std::string item;
  bool async = false;        // one client thread driving all channels
  double server_cpu_ms = 0;  // during the burst
  double client_cpu_ms = 0;
  int clients = 0;
  int acked = 0;
  std::vector<std::string> refusals;
  double first_send_to_last_ack_ms = 0;
  double last_send_minus_first_send_ms = 0;
  double slowest_call_ms = 0;
  bool receipts_consistent = false;
  std::string receipt_problem;
  int same_instant_receipts = 0;  // consecutive receipts with equal times
  int matches_send_order = 0;     // receipts whose rank equals the send rank
  double receipt_span_ms = 0;     // first to last receipt time (server)
};

BurstResult Burst(Server& s, const std::string& item, int clients, bool async) {
  BurstResult r;
  r.item = item;
  r.async = async;
  r.clients = clients;
  const std::vector<Delegation>& delegations =
      BuiltinSession()->config().delegations;
  struct Client {
    std::string code;
    std::string token;
    std::unique_ptr<Stub> stub;
    SteadyClock::time_point sent;
    SteadyClock::time_point acked;
    grpc::Status status;
    v1::CommandReply reply;
  };
  std::vector<Client> cs(static_cast<size_t>(clients));
  for (int i = 0; i < clients; ++i) {
    Client& c = cs[static_cast<size_t>(i)];
    c.code = delegations[static_cast<size_t>(i)].code;
    c.token = s.tokens.delegation.at(c.code);
    c.stub =
        v1::Speakers::NewStub(MakeChannel(s.address, /*own_connection=*/true));
    // Connected before the barrier: one read on each channel.
    v1::DelegationOnList where;
    *where.mutable_list() = ListOf("plenary", item);
    where.set_delegation(c.code);
    v1::Position position;
    const grpc::Status warm =
        Call(c.stub.get(), &Stub::GetPosition, c.token, where, &position);
    if (warm.error_code() != grpc::StatusCode::NOT_FOUND && !warm.ok()) {
      Die(absl::StrCat("warming the channel of ", c.code, ": ",
                       StatusText(warm)));
    }
  }
  std::vector<v1::InscribeRequest> requests(cs.size());
  for (size_t i = 0; i < cs.size(); ++i) {
    *requests[i].mutable_list() = ListOf("plenary", item);
    requests[i].set_delegation(cs[i].code);
    requests[i].mutable_speaker()->set_name(
        absl::StrCat("H.E. Speaker of ", cs[i].code));
    requests[i].set_request_id(absl::StrCat("burst-", item, "-", cs[i].code));
  }
  const double server_cpu0 = ProcessCpuMs(s.process->pid());
  const double client_cpu0 = SelfCpuMs();
  if (async) {
    // One thread sends on all channels, then collects the replies.
    grpc::CompletionQueue cq;
    std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
    std::vector<
        std::unique_ptr<grpc::ClientAsyncResponseReader<v1::CommandReply>>>
        calls;
    for (size_t i = 0; i < cs.size(); ++i) {
      contexts.push_back(std::make_unique<grpc::ClientContext>());
      contexts.back()->AddMetadata("authorization",
                                   absl::StrCat("Bearer ", cs[i].token));
      contexts.back()->set_deadline(std::chrono::system_clock::now() +
                                    std::chrono::seconds(30));
    }
    for (size_t i = 0; i < cs.size(); ++i) {
      cs[i].sent = SteadyClock::now();
      calls.push_back(
          cs[i].stub->AsyncInscribe(contexts[i].get(), requests[i], &cq));
      calls.back()->Finish(&cs[i].reply, &cs[i].status,
                           reinterpret_cast<void*>(i));
    }
    for (size_t n = 0; n < cs.size(); ++n) {
      void* tag = nullptr;
      bool ok = false;
      if (!cq.Next(&tag, &ok)) Die("the completion queue closed");
      cs[reinterpret_cast<size_t>(tag)].acked = SteadyClock::now();
    }
    cq.Shutdown();
    void* tag = nullptr;
    bool ok = false;
    while (cq.Next(&tag, &ok)) {
    }
  } else {
    // One thread per client: all connect, wait at a barrier, then send.
    std::mutex mu;
    std::condition_variable cv;
    int ready = 0;
    bool go = false;
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
      threads.emplace_back([&, i] {
        Client& c = cs[static_cast<size_t>(i)];
        grpc::ClientContext context;
        context.AddMetadata("authorization", absl::StrCat("Bearer ", c.token));
        context.set_deadline(std::chrono::system_clock::now() +
                             std::chrono::seconds(30));
        {
          std::unique_lock<std::mutex> lock(mu);
          ++ready;
          cv.notify_all();
          cv.wait(lock, [&] { return go; });
        }
        c.sent = SteadyClock::now();
        c.status = c.stub->Inscribe(&context, requests[static_cast<size_t>(i)],
                                    &c.reply);
        c.acked = SteadyClock::now();
      });
    }
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return ready == clients; });
      go = true;
    }
    cv.notify_all();
    for (std::thread& t : threads) t.join();
  }
  r.server_cpu_ms = ProcessCpuMs(s.process->pid()) - server_cpu0;
  r.client_cpu_ms = SelfCpuMs() - client_cpu0;

  SteadyClock::time_point first_send = cs[0].sent;
  SteadyClock::time_point last_send = cs[0].sent;
  SteadyClock::time_point last_ack = cs[0].acked;
  for (const Client& c : cs) {
    first_send = std::min(first_send, c.sent);
    last_send = std::max(last_send, c.sent);
    last_ack = std::max(last_ack, c.acked);
    r.slowest_call_ms = std::max(r.slowest_call_ms, Millis(c.acked - c.sent));
    if (c.status.ok()) {
      ++r.acked;
    } else {
      r.refusals.push_back(absl::StrCat(c.code, " ", StatusText(c.status)));
    }
  }
  r.first_send_to_last_ack_ms = Millis(last_ack - first_send);
  r.last_send_minus_first_send_ms = Millis(last_send - first_send);

  // The receipts, as the server holds them, in receipt-number order.
  v1::ListState list;
  CheckRpc(Call(s.stub.get(), &Stub::GetList, s.tokens.display,
                ListOf("plenary", item), &list),
           "GetList");
  struct Receipt {
    uint64_t number;
    absl::Time at;
    std::string code;
  };
  std::vector<Receipt> receipts;
  for (const v1::Entry& e : list.waiting()) {
    receipts.push_back({e.receipt().number(), TimeFromProto(e.receipt().at()),
                        e.delegation()});
  }
  std::sort(
      receipts.begin(), receipts.end(),
      [](const Receipt& a, const Receipt& b) { return a.number < b.number; });
  r.receipts_consistent = static_cast<int>(receipts.size()) == r.acked;
  if (!r.receipts_consistent) {
    r.receipt_problem =
        absl::StrCat(receipts.size(), " entries on the list for ", r.acked,
                     " acknowledgements");
  }
  for (size_t i = 1; i < receipts.size(); ++i) {
    if (receipts[i].number <= receipts[i - 1].number) {
      r.receipts_consistent = false;
      r.receipt_problem =
          absl::StrCat("receipt ", receipts[i].number, " repeats");
    }
    if (receipts[i].at < receipts[i - 1].at) {
      r.receipts_consistent = false;
      r.receipt_problem =
          absl::StrCat("receipt ", receipts[i].number, " (", receipts[i].code,
                       ") is timed before receipt ", receipts[i - 1].number);
    }
    if (receipts[i].at == receipts[i - 1].at) ++r.same_instant_receipts;
  }
  if (!receipts.empty()) {
    r.receipt_span_ms =
        absl::ToDoubleMilliseconds(receipts.back().at - receipts.front().at);
  }
  // Each acknowledgement names the receipt the list holds.
  for (const Client& c : cs) {
    if (!c.status.ok()) continue;
    auto it = std::find_if(receipts.begin(), receipts.end(),
                           [&](const Receipt& x) { return x.code == c.code; });
    if (it == receipts.end() ||
        it->number != c.reply.entry().receipt().number() ||
        it->at != TimeFromProto(c.reply.entry().receipt().at())) {
      r.receipts_consistent = false;
      r.receipt_problem =
          absl::StrCat("the acknowledgement of ", c.code,
                       " names another receipt than the list holds");
    }
  }
  // Informational: the client-side send order against the receipt order.
  std::vector<const Client*> by_send;
  for (const Client& c : cs) {
    if (c.status.ok()) by_send.push_back(&c);
  }
  std::sort(by_send.begin(), by_send.end(),
            [](const Client* a, const Client* b) { return a->sent < b->sent; });
  for (size_t i = 0; i < by_send.size() && i < receipts.size(); ++i) {
    r.matches_send_order += by_send[i]->code == receipts[i].code;
  }
  return r;
}

// ---- 2b. Where a burst's time goes, in-process (no gRPC) ----

struct HubBurst {
  double memory_ms = 0;      // the domain alone: Meeting::Apply of each command
  double memory_max_ms = 0;  // the slowest single command of it
  double durable_ms =
      0;  // the app's runner + group commit + SQLite: until the last is durable
  size_t transactions = 0;  // the committer's transactions for the burst
};

HubBurst InProcessBurst(const std::string& dir, int clients) {
  HubBurst r;
  const std::vector<Delegation>& delegations =
      BuiltinSession()->config().delegations;
  SystemClock clock;
  auto inscribe = [&](int i) {
    cmd::Inscribe c;
    c.list = {"plenary", "4"};
    c.delegation = delegations[static_cast<size_t>(i)].code;
    c.speaker.name = absl::StrCat("H.E. Speaker of ", c.delegation);
    return Command(c);
  };
  {
    Engine engine(BuiltinSession(), &clock);
    const auto t0 = SteadyClock::now();
    for (int i = 0; i < clients; ++i) {
      const auto c0 = SteadyClock::now();
      Check(engine.Apply(inscribe(i), absl::StrCat("delegation ", i)),
            "in-memory inscription");
      r.memory_max_ms =
          std::max(r.memory_max_ms, Millis(SteadyClock::now() - c0));
    }
    r.memory_ms = Millis(SteadyClock::now() - t0);
  }
  {
    const std::string path = dir + "/in-process.db";
    std::unique_ptr<SqliteCommandLog> log =
        Check(SqliteCommandLog::Open(path), "opening the in-process log");
    Engine engine(BuiltinSession(), &clock);
    AsioScheduler scheduler;
    speakers::SteadyClock monotonic;
    {
      GroupCommitter committer(log.get());
      MeetingRunner runner(*engine.FindMeeting("plenary"), &committer,
                           &scheduler, &monotonic, nullptr,
                           MeetingRunner::Options());
      absl::BlockingCounter done(clients);
      const auto t0 = SteadyClock::now();
      for (int i = 0; i < clients; ++i) {
        runner.SubmitCommand(inscribe(i), absl::StrCat("delegation ", i),
                             absl::StrCat("d-", i), 0,
                             [&](absl::StatusOr<v1::CommandReply> reply) {
                               if (!reply.ok())
                                 Die(absl::StrCat("in-process burst: ",
                                                  reply.status().ToString()));
                               done.DecrementCount();
                             });
      }
      done.Wait();
      r.durable_ms = Millis(SteadyClock::now() - t0);
      r.transactions = committer.transactions();
    }
  }
  return r;
}

// ---- 3. Recovery ----

struct StartResult {
  double until_listening_ms = 0;
  std::string replayed_line;  // "Database ...: N commands replayed in T"
};

StartResult TimeServerStart(const std::string& data_dir) {
  StartResult r;
  auto process =
      Check(ServerProcess::Start({kServerPath, "--grpc=127.0.0.1:0",
                                  absl::StrCat("--data=", data_dir)}),
            "starting the server");
  Check(process->WaitListening(absl::Seconds(300)),
        "waiting for the recovering server");
  r.until_listening_ms = Millis(process->listening_at() - process->started());
  for (absl::string_view line : absl::StrSplit(process->out(), '\n')) {
    if (absl::StartsWith(line, "Database "))
      r.replayed_line = std::string(line);
  }
  process->Terminate(absl::Seconds(60));
  return r;
}

struct InProcessRecovery {
  double open_ms = 0;     // SqliteCommandLog::Open (with PRAGMA quick_check)
  double recover_ms = 0;  // speakers::Recover
  size_t records = 0;
};

InProcessRecovery TimeRecover(const std::string& db_path) {
  InProcessRecovery r;
  const auto t0 = SteadyClock::now();
  std::unique_ptr<SqliteCommandLog> log =
      Check(SqliteCommandLog::Open(db_path), "opening the generated log");
  const auto t1 = SteadyClock::now();
  testing::FakeClock live(absl::Now());
  ReplayClock clock(&live);
  Engine engine(BuiltinSession(), &clock);
  RecoveryStats stats =
      Check(Recover(*log, engine, clock,
                    [](const LoggedCommand&, const StoredPayload&) {}),
            "recovering the generated log");
  const auto t2 = SteadyClock::now();
  r.open_ms = Millis(t1 - t0);
  r.recover_ms = Millis(t2 - t1);
  r.records = stats.records;
  return r;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::string Verdict(bool pass) { return pass ? "PASS" : "MISS"; }

int Main(int argc, char** argv) {
  Options o;
  if (!ParseOptions(argc, argv, &o)) {
    std::cerr << "usage: durability_bench [--smoke] [--dir=DIR] [--commands=N] "
                 "[--burst=N<=210]"
                 " [--bursts=N] [--events=N] [--commits=N] [--starts=N] "
                 "[--warmup=N] [--seed=N]\n";
    return 2;
  }
  std::vector<std::string> args(argv, argv + argc);
  utsname host{};
  uname(&host);
  std::cout << "command: " << absl::StrJoin(args, " ") << "\n"
            << "date: "
            << absl::FormatTime("%Y-%m-%d %H:%M:%S %Z", absl::Now(),
                                absl::UTCTimeZone())
            << "\n"
            << "nproc: " << std::thread::hardware_concurrency()
            << "  host: " << host.sysname << " " << host.release << " "
            << host.machine << "\n"
            << "server: " << kServerPath << "\n"
            << "sqlite: " << sqlite3_libversion() << "\n";
  const std::string work =
      Check(MakeTempDir("speakers-durability-bench", o.dir), "mkdtemp");
  std::cout << "work dir: " << work << " (removed at the end)\n\n"
            << std::flush;

  // 1 and 4. Durable command latency, interleaved with raw commits.
  Server server = StartServer(work + "/latency");
  LatencyResult latency;
  {
    RawCommits raw_commits(work);
    latency =
        MeasureLatency(server, o.commands, raw_commits, o.commits, o.warmup);
  }
  const Summary ours = Summarize(latency.commands);
  const Summary reads = Summarize(latency.reads);
  const Summary raw_all = Summarize(latency.raw);
  std::cout << "durable Timer command over gRPC:     " << Row(ours) << "\n"
            << "raw SQLite WAL+FULL commit:          " << Row(raw_all) << "\n"
            << "  (after " << o.warmup
            << " of each to warm up; then in 10 alternating blocks of raw "
               "commits and durable "
               "commands)\n"
            << "read GetPosition over gRPC:          " << Row(reads) << "\n\n"
            << std::flush;

  // 2. Bursts, on fresh lists (items without a window, always open).
  // Each with client threads (the target), then once more with one async
  // client thread for comparison, on fresh lists.
  const std::vector<std::string> items = {"4", "5", "6",     "3",
                                          "8", "9", "7 (a)", "7 (b)"};
  std::vector<BurstResult> bursts;
  std::vector<BurstResult> async_bursts;
  for (int i = 0; i < 2 * o.bursts && i < static_cast<int>(items.size()); ++i) {
    const bool async = i >= o.bursts;
    (async ? async_bursts : bursts)
        .push_back(
            Burst(server, items[static_cast<size_t>(i)], o.burst, async));
    const BurstResult& b = async ? async_bursts.back() : bursts.back();
    std::cout << absl::StrFormat(
                     "burst %d (%s) on item %s: %d/%d acknowledged; CPU server "
                     "%.1f ms, "
                     "client %.1f ms; first send -> last ack %.3f ms "
                     "(sends spread over %.3f ms, slowest call %.3f ms); "
                     "receipts %s%s; "
                     "server receipt times span %.3f ms, %d consecutive "
                     "receipts share an "
                     "instant; %d/%d in client send order",
                     i + 1,
                     async ? "1 async client thread" : "1 thread per client",
                     b.item, b.acked, b.clients, b.server_cpu_ms,
                     b.client_cpu_ms, b.first_send_to_last_ack_ms,
                     b.last_send_minus_first_send_ms, b.slowest_call_ms,
                     b.receipts_consistent ? "consistent" : "INCONSISTENT: ",
                     b.receipt_problem, b.receipt_span_ms,
                     b.same_instant_receipts, b.matches_send_order, b.acked)
              << "\n";
    for (const std::string& refusal : b.refusals)
      std::cout << "  refused: " << refusal << "\n";
    std::cout << std::flush;
  }
  server.process->Terminate(absl::Seconds(60));
  const HubBurst hub_burst = InProcessBurst(work, o.burst);
  std::cout << absl::StrFormat(
                   "in-process, no gRPC, %d inscriptions on one list: the "
                   "domain alone "
                   "(Meeting::Apply) %.3f ms (slowest command %.3f ms); "
                   "through the app's "
                   "MeetingRunner (ledger, apply, build and serialize each "
                   "update) with "
                   "GroupCommitter + SqliteCommandLog, submitted back to back, "
                   "all durable "
                   "after %.3f ms in %d transactions",
                   o.burst, hub_burst.memory_ms, hub_burst.memory_max_ms,
                   hub_burst.durable_ms, hub_burst.transactions)
            << "\n\n"
            << std::flush;

  // 3. Recovery.
  const std::string recovery_dir = work + "/recovery";
  std::filesystem::create_directories(recovery_dir);
  const std::string db = recovery_dir + "/speakers.db";
  GeneratedLog generated =
      Check(GenerateLog(db, o.events, o.seed), "generating the log");
  std::error_code ec;
  const uintmax_t db_bytes = std::filesystem::file_size(db, ec);
  std::cout << "generated log: " << generated.records << " commands in "
            << generated.transactions << " transactions, " << db_bytes / 1024
            << " KiB, plenary version " << generated.plenary_version << ", in "
            << absl::FormatDuration(generated.took) << "\n";
  std::vector<double> starts;
  for (int i = 0; i < o.starts; ++i) {
    StartResult r = TimeServerStart(recovery_dir);
    starts.push_back(r.until_listening_ms);
    std::cout << "server start " << i + 1 << ": listening after "
              << Ms(r.until_listening_ms) << " (" << r.replayed_line << ")\n"
              << std::flush;
  }
  std::vector<double> recovers;
  std::vector<double> opens;
  for (int i = 0; i < o.starts; ++i) {
    InProcessRecovery r = TimeRecover(db);
    recovers.push_back(r.recover_ms);
    opens.push_back(r.open_ms);
    std::cout << "in-process " << i + 1 << ": SqliteCommandLog::Open "
              << Ms(r.open_ms) << ", Recover " << Ms(r.recover_ms) << " ("
              << r.records << " records)\n"
              << std::flush;
  }

  // The table.
  std::vector<double> burst_ms;
  bool all_acked = true;
  bool receipts_ok = true;
  for (const BurstResult& b : bursts) {
    burst_ms.push_back(b.first_send_to_last_ack_ms);
    all_acked = all_acked && b.acked == b.clients;
    receipts_ok = receipts_ok && b.receipts_consistent;
  }
  std::vector<double> async_ms;
  for (const BurstResult& b : async_bursts) {
    async_ms.push_back(b.first_send_to_last_ack_ms);
    all_acked = all_acked && b.acked == b.clients;
    receipts_ok = receipts_ok && b.receipts_consistent;
  }
  const double burst_median = Median(burst_ms);
  const double burst_worst =
      burst_ms.empty() ? 0
                       : *std::max_element(burst_ms.begin(), burst_ms.end());
  const double start_median = Median(starts);
  const double recover_median = Median(recovers);
  const double open_recover_median = Median(opens) + recover_median;
  auto ratio = [](double a, double b) {
    return b > 0 ? absl::StrFormat("%.2fx", a / b) : "-";
  };

  std::cout << "\n"
            << absl::StrFormat("%-52s | %-12s | %-14s | %-7s | %-9s | %s\n",
                               "measure", "ours", "raw commit", "ratio",
                               "target", "result")
            << std::string(112, '-') << "\n";
  auto line = [](const std::string& what, const std::string& ours_text,
                 const std::string& raw_text, const std::string& ratio_text,
                 const std::string& target, const std::string& result) {
    std::cout << absl::StrFormat("%-52s | %-12s | %-14s | %-7s | %-9s | %s\n",
                                 what, ours_text, raw_text, ratio_text, target,
                                 result);
  };
  line(absl::StrCat("durable command p50 (", ours.n, " Timer, 1 client)"),
       Ms(ours.p50), Ms(raw_all.p50), ratio(ours.p50, raw_all.p50), "-", "-");
  line(absl::StrCat("durable command p99 (", ours.n, " Timer, 1 client)"),
       Ms(ours.p99), Ms(raw_all.p99), ratio(ours.p99, raw_all.p99), "<= 1 ms",
       Verdict(ours.p99 <= 1.0));
  line("  ours minus raw commit, p50 (gRPC + server)",
       Ms(ours.p50 - raw_all.p50), "-", "-", "(info)", "-");
  line("read (GetPosition) p50 / p99, gRPC floor",
       absl::StrFormat("%.3f/%.3f", reads.p50, reads.p99), "-", "-", "-", "-");
  line(absl::StrCat(o.burst, "-burst all acknowledged (",
                    bursts.size() + async_bursts.size(), " bursts)"),
       all_acked ? "yes" : "NO", "-", "-", "all", Verdict(all_acked));
  line(absl::StrCat(o.burst, "-burst first send -> last ack, median of ",
                    bursts.size()),
       Ms(burst_median), Ms(raw_all.p50), ratio(burst_median, raw_all.p50),
       "<= 25 ms", Verdict(all_acked && burst_median <= 25.0));
  line(absl::StrCat(o.burst, "-burst first send -> last ack, worst"),
       Ms(burst_worst), "-", "-", "(info)", "-");
  line(absl::StrCat("  same with 1 async client thread, median"),
       Ms(Median(async_ms)), "-", "-", "(info)", "-");
  line(absl::StrCat("  same ", o.burst, " in-process: the domain only"),
       Ms(hub_burst.memory_ms), "-", "-", "(info)", "-");
  line(absl::StrCat("  same ", o.burst,
                    " in-process: runner + group commit + SQLite"),
       Ms(hub_burst.durable_ms), absl::StrCat(hub_burst.transactions, " txns"),
       "-", "(info)", "-");
  line("receipt numbers follow server arrival order",
       receipts_ok ? "yes" : "NO", "-", "-", "yes", Verdict(receipts_ok));
  line(absl::StrCat("recovery of ", generated.records,
                    " commands: server start, median"),
       Ms(start_median), "-", "-", "<= 1 s", Verdict(start_median <= 1000.0));
  line(absl::StrCat("recovery of ", generated.records,
                    " commands: Open+Recover in-process"),
       Ms(open_recover_median), "-", "-", "<= 1 s",
       Verdict(open_recover_median <= 1000.0));
  line("  of which Recover() alone, median", Ms(recover_median), "-", "-",
       "(info)", "-");
  std::cout << "raw commit = plain SQLite, WAL + synchronous=FULL, one " << 120
            << "-byte INSERT per transaction, " << raw_all.n
            << " commits in this run, interleaved with ours (p50 "
            << Ms(raw_all.p50) << ", p99 " << Ms(raw_all.p99) << ", max "
            << Ms(raw_all.max)
            << "); the disk's fsync latency varies a lot on this shared VM.\n";
  if (o.smoke)
    std::cout << "(--smoke: small sizes; the verdicts say nothing)\n";

  RemoveTree(work);
  const bool ran = ours.n == static_cast<size_t>(o.commands) &&
                   !bursts.empty() && all_acked && receipts_ok &&
                   generated.records == static_cast<uint64_t>(o.events);
  if (!ran) std::cout << "FAILED: the benchmark did not run as it should\n";
  return ran ? 0 : 1;
}

}  // namespace
}  // namespace speakers::durability

int main(int argc, char** argv) {
  return speakers::durability::Main(argc, argv);
}
