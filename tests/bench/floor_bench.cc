// floor_bench: whether the chair keeps the floor while others load the
// server (issue 9), and what a meeting with a long list costs in memory.
// Prints tables with the baseline measured in the same run; it asserts
// nothing about timings (the smoke tests only check that it runs end to
// end). See --help.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "speakers/v1/speakers.grpc.pb.h"
#include "tests/bench/chair_loop.h"
#include "tests/bench/flooder.h"
#include "tests/bench/floor_client.h"
#include "tests/bench/idle_streams.h"
#include "tests/bench/proc_stat.h"
#include "tests/bench/process_util.h"
#include "tests/bench/server_under_test.h"
#include "tests/bench/stats.h"
#include "tests/bench/update_reader.h"

namespace speakers::bench {
namespace {

constexpr char kUsage[] =
    R"(floor_bench: the chair's command latency under load, and memory per meeting.

Usage: floor_bench [flags]
  (default)            the floor: the chair's latency beside idle
                       WatchDelegation streams (over many delegations, then
                       all of one), a delegation's flood and idle anonymous
                       Watch streams, each after a baseline with no other
                       client (and one more baseline at the end)
  --memory             memory per meeting: RSS before and after filling a
                       list and after --memory-commands edits of it, with
                       one Watch stream reading
  --commands=300       timed chair commands per phase (Move / Swap in turn)
  --warmup=1000        untimed chair commands first (until the meeting's
                       Watch history is full: it then stops growing)
  --list=190           entries on the plenary's general discussion list
  --streams=2000       idle streams in each stream phase
  --per-conn=100       streams per connection
  --flood-threads=3    threads of the flooding delegation
  --memory-commands=5000  edits per meeting in --memory
  --memory-lists=190,500  list lengths in --memory, one meeting each
                       (plenary 1 (f), experts 2, irg 2, informal 1; capped
                       at the session's delegations)
  --server=PATH        speakers-server to start (default: this build's)
  --smoke              tiny sizes (for ctest)
)";

struct Options {
  bool memory = false;
  int commands = 300;
  int warmup = 1000;
  int list = 190;
  int streams = 2000;
  int per_conn = 100;
  int flood_threads = 3;
  int memory_commands = 5000;
  std::vector<int> memory_lists = {190, 500};
  std::string server = SPEAKERS_SERVER_PATH;
  bool smoke = false;
  bool help = false;
};

std::optional<Options> Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    std::pair<std::string, std::string> kv =
        absl::StrSplit(arg, absl::MaxSplits('=', 1));
    const std::string& name = kv.first;
    const std::string& value = kv.second;
    auto positive = [&](int* out) {
      return absl::SimpleAtoi(value, out) && *out > 0;
    };
    bool ok = true;
    if (name == "--commands") {
      ok = positive(&o.commands);
    } else if (name == "--warmup") {
      ok = absl::SimpleAtoi(value, &o.warmup) && o.warmup >= 0;
    } else if (name == "--list") {
      ok = positive(&o.list) && o.list >= 3;
    } else if (name == "--streams") {
      ok = positive(&o.streams);
    } else if (name == "--per-conn") {
      ok = positive(&o.per_conn);
    } else if (name == "--flood-threads") {
      ok = positive(&o.flood_threads);
    } else if (name == "--memory-commands") {
      ok = positive(&o.memory_commands);
    } else if (name == "--memory-lists") {
      o.memory_lists.clear();
      for (absl::string_view s : absl::StrSplit(value, ',')) {
        int n = 0;
        ok = ok && absl::SimpleAtoi(s, &n) && n >= 3;
        o.memory_lists.push_back(n);
      }
      ok = ok && !o.memory_lists.empty() && o.memory_lists.size() <= 4;
    } else if (name == "--server") {
      o.server = value;
    } else if (arg == "--memory") {
      o.memory = true;
    } else if (arg == "--smoke") {
      o.smoke = true;
    } else if (arg == "--help" || arg == "-h") {
      o.help = true;
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "floor_bench: bad argument \"" << arg << "\"; see --help\n";
      return std::nullopt;
    }
  }
  if (o.smoke) {
    o.commands = 20;
    o.warmup = 20;
    o.list = 20;
    o.streams = 100;
    o.per_conn = 50;
    o.flood_threads = 2;
    o.memory_commands = 100;
    o.memory_lists = {20, 30};
  }
  return o;
}

std::string LoadAverage() {
  const std::string text = testing::ReadFile("/proc/loadavg");
  std::vector<std::string> f = absl::StrSplit(text, ' ');
  return f.size() >= 3 ? absl::StrCat(f[0], " ", f[1], " ", f[2]) : "?";
}

std::string Mib(long kib) {
  return kib < 0 ? "-"
                 : absl::StrFormat("%.1f", static_cast<double>(kib) / 1024);
}

std::string Describe(const grpc::Status& s) {
  return absl::StrCat(CodeName(s.error_code()), ": ", s.error_message());
}

std::string Codes(const std::map<grpc::StatusCode, int>& codes) {
  std::vector<std::string> parts;
  for (const auto& [code, n] : codes) {
    parts.push_back(absl::StrCat(n, " ", CodeName(code)));
  }
  return parts.empty() ? "none" : absl::StrJoin(parts, ", ");
}

// The session as the server describes it.
struct SessionView {
  std::vector<std::string> delegations;  // codes, in session order
  std::map<std::string, std::vector<std::string>> agenda;  // meeting -> items
};

absl::StatusOr<SessionView> ReadSession(FloorClient* client) {
  v1::SessionInfo info;
  if (grpc::Status s = client->Call(&v1::Speakers::Stub::GetSession,
                                    v1::GetSessionRequest(), &info);
      !s.ok()) {
    return absl::UnavailableError(absl::StrCat("GetSession: ", Describe(s)));
  }
  SessionView view;
  for (const v1::Delegation& d : info.delegations()) {
    view.delegations.push_back(d.code());
  }
  for (const v1::MeetingInfo& m : info.meetings()) {
    for (const v1::AgendaItem& item : m.agenda()) {
      view.agenda[m.id()].push_back(item.id());
    }
  }
  return view;
}

// Opens `meeting`, makes `item` current and opens its list (a refusal
// because it already is does not matter).
absl::Status PrepareList(FloorClient* chair, const v1::ListRef& list) {
  v1::ChangeMeetingRequest open;
  open.set_meeting(list.meeting());
  open.set_action(v1::MEETING_OPEN);
  grpc::Status s = chair->Command(&v1::Speakers::Stub::ChangeMeeting, open);
  if (!s.ok() && s.error_code() != grpc::StatusCode::FAILED_PRECONDITION) {
    return absl::UnavailableError(absl::StrCat("ChangeMeeting: ", Describe(s)));
  }
  v1::SetCurrentItemRequest item;
  item.set_meeting(list.meeting());
  item.set_item(list.item());
  s = chair->Command(&v1::Speakers::Stub::SetCurrentItem, item);
  if (!s.ok() && s.error_code() != grpc::StatusCode::FAILED_PRECONDITION) {
    return absl::UnavailableError(
        absl::StrCat("SetCurrentItem: ", Describe(s)));
  }
  v1::ListCommand open_list;
  *open_list.mutable_list() = list;
  s = chair->Command(&v1::Speakers::Stub::OpenList, open_list);
  if (!s.ok() && s.error_code() != grpc::StatusCode::FAILED_PRECONDITION) {
    return absl::UnavailableError(absl::StrCat("OpenList: ", Describe(s)));
  }
  return absl::OkStatus();
}

// Adds speakers (AddSpeaker: the chair's own inscription) of `candidates`
// in order until the list holds `target` entries or the candidates run
// out; returns the codes now on the list. Refused candidates are skipped.
absl::StatusOr<std::vector<std::string>> Fill(
    FloorClient* chair, const v1::ListRef& list,
    const std::vector<std::string>& candidates, int target,
    std::string* skipped) {
  std::vector<std::string> on_list;
  for (const std::string& code : candidates) {
    if (static_cast<int>(on_list.size()) >= target) break;
    v1::InscribeRequest add;
    *add.mutable_list() = list;
    add.set_delegation(code);
    add.mutable_speaker()->set_name(absl::StrCat("H.E. the Speaker of ", code));
    add.mutable_speaker()->set_title("Head of delegation");
    const grpc::Status s = chair->Command(&v1::Speakers::Stub::AddSpeaker, add);
    if (s.ok()) {
      on_list.push_back(code);
    } else if (s.error_code() == grpc::StatusCode::UNAVAILABLE ||
               s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
      return absl::UnavailableError(
          absl::StrCat("AddSpeaker ", code, ": ", Describe(s)));
    } else if (skipped->empty()) {
      *skipped = absl::StrCat(code, " (", Describe(s), ")");
    }
  }
  if (on_list.size() < 3) {
    return absl::FailedPreconditionError(absl::StrCat(
        "only ", on_list.size(), " speakers could be added to ", list.meeting(),
        " ", list.item(), "; first refusal: ", *skipped));
  }
  return on_list;
}

// ---- The floor ----

// One phase: the chair's timed commands beside some load.
struct Phase {
  std::string name;
  std::string load;        // what ran beside the chair, in words
  std::vector<double> ms;  // accepted commands' round trips
  int errors = 0;
  std::string first_error;
  absl::Duration wall;        // of the timed commands
  absl::Duration server_cpu;  // used by the server meanwhile
  absl::Duration bench_cpu;   // used by this process meanwhile
  long rss_kib = -1;          // the server's, at the end of the phase
  std::vector<std::string> notes;
  bool server_died = false;
  bool baseline = false;

  double p50() const { return Percentile(ms, 0.5); }
  double p99() const { return Percentile(ms, 0.99); }
  double max() const {
    return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
  }
};

void RunChair(ChairLoop* loop, const ServerUnderTest& server, int commands,
              Phase* phase) {
  const absl::Duration cpu0 = ProcessCpuTime(server.pid());
  const absl::Duration self0 = SelfCpuTime();
  const absl::Time start = absl::Now();
  for (int i = 0; i < commands; ++i) {
    absl::Duration rtt;
    const grpc::Status s = loop->Issue(&rtt);
    if (s.ok()) {
      phase->ms.push_back(absl::ToDoubleMilliseconds(rtt));
      continue;
    }
    ++phase->errors;
    if (phase->first_error.empty()) phase->first_error = Describe(s);
    if (s.error_code() == grpc::StatusCode::UNAVAILABLE && !server.running()) {
      phase->server_died = true;
      break;
    }
  }
  phase->wall = absl::Now() - start;
  phase->server_cpu = ProcessCpuTime(server.pid()) - cpu0;
  phase->bench_cpu = SelfCpuTime() - self0;
  phase->rss_kib = RssKiB(server.pid());
}

std::string Ratio(double value, double base) {
  if (base <= 0 || value <= 0) return "-";
  return absl::StrFormat("%.2f", value / base);
}

void PrintPhaseHeader() {
  std::cout << absl::StrFormat("%-36s %5s %-19s %-16s %8s %7s %5s %6s %7s\n",
                               "phase", "n", "chair p50/p99/max",
                               "ratio to base", "srv CPU", "per cmd", "srv",
                               "bench", "srv RSS");
  std::cout << absl::StrFormat("%-36s %5s %-19s %-16s %8s %7s %5s %6s %7s\n",
                               "", "", "ms", "p50/p99/max", "ms", "ms", "CPU%",
                               "CPU%", "MiB");
}

// `base`: the baseline to compare with (itself for the first baseline).
void PrintPhase(const Phase& p, const Phase& base) {
  const std::string lat =
      p.ms.empty()
          ? "-"
          : absl::StrCat(Ms(p.p50()), "/", Ms(p.p99()), "/", Ms(p.max()));
  const std::string ratio = &p == &base
                                ? "(the baseline)"
                                : absl::StrCat(Ratio(p.p50(), base.p50()), "/",
                                               Ratio(p.p99(), base.p99()), "/",
                                               Ratio(p.max(), base.max()));
  const double wall_ms = absl::ToDoubleMilliseconds(p.wall);
  const double cpu_ms = absl::ToDoubleMilliseconds(p.server_cpu);
  const double bench_ms = absl::ToDoubleMilliseconds(p.bench_cpu);
  const int n = static_cast<int>(p.ms.size()) + p.errors;
  std::cout << absl::StrFormat(
      "%-36s %5d %-19s %-16s %8.0f %7.2f %5.0f %6.0f %7s\n", p.name,
      static_cast<int>(p.ms.size()), lat, ratio, cpu_ms,
      n > 0 ? cpu_ms / n : 0.0, wall_ms > 0 ? 100 * cpu_ms / wall_ms : 0.0,
      wall_ms > 0 ? 100 * bench_ms / wall_ms : 0.0, Mib(p.rss_kib));
}

// The idle stream phases' streams, and what became of them.
std::string StreamNote(const IdleStreamSet& set, int wanted) {
  std::string note =
      absl::StrCat(set.accepted(), " of ", wanted, " accepted over ",
                   set.connections(), " connections, ", set.refused(),
                   " refused (", Codes(set.refusal_codes()), ")");
  const int pending = wanted - set.accepted() - set.refused();
  if (pending > 0) absl::StrAppend(&note, ", ", pending, " still pending");
  if (!set.first_refusal().empty()) {
    absl::StrAppend(&note, "; first refusal: ", set.first_refusal());
  }
  if (set.ended_after_accept() > 0) {
    absl::StrAppend(&note, "; ", set.ended_after_accept(),
                    " accepted streams ended by the server before the end of "
                    "the phase (",
                    Codes(set.end_codes()), ")");
  }
  return note;
}

int Floor(const Options& o) {
  const long fd_limit = RaiseFileLimit();
  std::cout << "floor_bench (the floor) "
            << absl::FormatTime("%Y-%m-%d %H:%M:%S %Z", absl::Now(),
                                absl::UTCTimeZone())
            << "; nproc " << std::thread::hardware_concurrency()
            << "; open files limit " << fd_limit << "; load average "
            << LoadAverage() << "\nserver: " << o.server << "\n";
  absl::StatusOr<std::unique_ptr<ServerUnderTest>> started =
      ServerUnderTest::Start(o.server);
  if (!started.ok()) {
    std::cout << "cannot start the server: " << started.status() << "\n";
    return 1;
  }
  ServerUnderTest& server = **started;
  FloorClient secretariat(server.address(), server.tokens().secretariat(), 1);
  absl::StatusOr<SessionView> session = ReadSession(&secretariat);
  if (!session.ok()) {
    std::cout << session.status() << "\n";
    return 1;
  }
  const std::vector<std::string>& codes = session->delegations;
  const std::string chair_token = server.tokens().chair("plenary");
  if (chair_token.empty() || codes.size() < 5) {
    std::cout << "no plenary chair token, or fewer than 5 delegations\n";
    return 1;
  }
  FloorClient chair(server.address(), chair_token, 2);
  v1::ListRef list;
  list.set_meeting("plenary");
  list.set_item("1 (f)");
  if (absl::Status s = PrepareList(&chair, list); !s.ok()) {
    std::cout << s << "\n";
    return 1;
  }
  // The flooding delegation is not on the list: the last of the session.
  const std::string flooder = codes.back();
  std::vector<std::string> candidates(codes.begin(), codes.end() - 1);
  std::string skipped;
  absl::StatusOr<std::vector<std::string>> on_list =
      Fill(&chair, list, candidates, o.list, &skipped);
  if (!on_list.ok()) {
    std::cout << on_list.status() << "\n";
    return 1;
  }
  ChairLoop loop(&chair, list, *on_list);
  // Untimed: until the history is full, each command's update is new
  // memory (page faults); afterwards it is recycled.
  for (int i = 0; i < o.warmup; ++i) {
    absl::Duration rtt;
    if (grpc::Status s = loop.Issue(&rtt); !s.ok()) {
      std::cout << "warm-up command refused: " << Describe(s) << "\n";
      return 1;
    }
  }
  v1::ListState state;
  secretariat.Call(&v1::Speakers::Stub::GetList, list, &state);
  std::cout << "list: plenary item 1 (f) (the general discussion), "
            << state.waiting_size() << " entries added by the chair"
            << (skipped.empty() ? "" : "; first refused: " + skipped) << "; "
            << codes.size() << " delegations in the session\n"
            << "chair: " << o.commands
            << " commands per phase, one at a time, Move (an entry to the "
               "front) and Swap in turn,\n"
            << "  over the chair's own connection; latency = the unary "
               "round trip (applied and durable);\n"
            << "  after " << o.warmup
            << " untimed ones (the Watch history full, the server's memory "
               "steady).\n"
            << "idle streams: read their first message, then never read; "
            << o.per_conn << " per connection.\n"
            << "ratio: to the baseline just before (a2.. to a1: the drift of "
               "this shared machine).\n"
            << "srv CPU: the server's utime+stime during the timed commands "
               "(/proc/PID/stat), per chair\n"
            << "  command, and as a share of their wall time (200% = both "
               "cores); bench CPU%: this\n"
            << "  process (the chair, and the streams' or the flood's client "
               "side) on the same cores;\n"
            << "  srv RSS: VmRSS at the end of the phase, streams still open."
               "\n\n";

  std::vector<Phase> phases;
  const std::string watch_delegation = "/speakers.v1.Speakers/WatchDelegation";
  auto idle_phase = [&](const std::string& name,
                        const std::vector<IdleStreamSpec>& specs,
                        const std::string& method) {
    Phase p;
    p.name = name;
    std::cerr << "floor_bench: " << name << " ..." << std::endl;
    const absl::Time open_start = absl::Now();
    const absl::Duration cpu0 = ProcessCpuTime(server.pid());
    std::unique_ptr<IdleStreamSet> set = IdleStreamSet::Open(
        server.address(), method, specs, o.per_conn, absl::Seconds(60));
    const absl::Duration open_time = absl::Now() - open_start;
    const absl::Duration open_cpu = ProcessCpuTime(server.pid()) - cpu0;
    absl::SleepFor(absl::Seconds(1));
    RunChair(&loop, server, o.commands, &p);
    p.notes.push_back(StreamNote(*set, static_cast<int>(specs.size())));
    p.notes.push_back(absl::StrCat(
        "opening took ",
        absl::FormatDuration(absl::Trunc(open_time, absl::Milliseconds(1))),
        " and ",
        absl::FormatDuration(absl::Trunc(open_cpu, absl::Milliseconds(1))),
        " of server CPU"));
    set->Close();
    return p;
  };

  // (a) the baseline, measured again before each load and at the end
  // (the machine is shared: each load is compared with the baseline just
  // before it).
  int baselines = 0;
  auto baseline = [&] {
    Phase p;
    p.name = absl::StrCat("a", ++baselines, " baseline: no other client");
    p.baseline = true;
    std::cerr << "floor_bench: " << p.name << " ..." << std::endl;
    RunChair(&loop, server, o.commands, &p);
    phases.push_back(std::move(p));
  };
  baseline();
  // (b) idle WatchDelegation streams, over many delegations
  {
    std::vector<IdleStreamSpec> specs;
    for (int i = 0; i < o.streams; ++i) {
      const std::string& code = codes[i % codes.size()];
      v1::WatchDelegationRequest r;
      r.set_meeting("plenary");
      r.set_delegation(code);
      specs.push_back(
          {r.SerializeAsString(), server.tokens().delegation(code)});
    }
    Phase p = idle_phase(
        absl::StrCat("b1 ", o.streams, " WatchDelegation, ",
                     std::min<size_t>(codes.size(), o.streams), " dels"),
        specs, watch_delegation);
    p.notes.insert(p.notes.begin(),
                   absl::StrCat("each delegation's own token, ",
                                (o.streams + codes.size() - 1) / codes.size(),
                                " streams at most per delegation"));
    phases.push_back(std::move(p));
  }
  // (b) ... all for one delegation
  baseline();
  {
    const std::string& code = (*on_list)[on_list->size() / 2];
    std::vector<IdleStreamSpec> specs;
    for (int i = 0; i < o.streams; ++i) {
      v1::WatchDelegationRequest r;
      r.set_meeting("plenary");
      r.set_delegation(code);
      specs.push_back(
          {r.SerializeAsString(), server.tokens().delegation(code)});
    }
    Phase p =
        idle_phase(absl::StrCat("b2 ", o.streams, " WatchDelegation, 1 del"),
                   specs, watch_delegation);
    p.notes.insert(
        p.notes.begin(),
        absl::StrCat("all for ", code, " (on the list), with its token"));
    phases.push_back(std::move(p));
  }
  // (c) a delegation's flood
  baseline();
  {
    Phase p;
    p.name =
        absl::StrCat("c  flood: 1 delegation, ", o.flood_threads, " threads");
    std::cerr << "floor_bench: " << p.name << " ..." << std::endl;
    const absl::Duration cpu0 = ProcessCpuTime(server.pid());
    Flooder flood(server.address(), server.tokens().delegation(flooder), list,
                  flooder, o.flood_threads);
    absl::SleepFor(absl::Milliseconds(500));
    RunChair(&loop, server, o.commands, &p);
    const Flooder::Tally t = flood.Stop();
    const absl::Duration flood_cpu = ProcessCpuTime(server.pid()) - cpu0;
    const double seconds = absl::ToDoubleSeconds(t.elapsed);
    int64_t exhausted = 0;
    std::vector<std::string> others;
    for (const auto& [code, n] : t.refused) {
      if (code == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        exhausted = n;
      } else {
        others.push_back(absl::StrCat(n, " ", CodeName(code)));
      }
    }
    p.notes.push_back(absl::StrFormat(
        "%s's token, Inscribe/Withdraw of %s on the same list, back to back: "
        "%d sent in %.1f s (%.0f/s), %d accepted (%.1f/s), %d "
        "RESOURCE_EXHAUSTED, other refusals: %s",
        flooder, flooder, t.sent, seconds, seconds > 0 ? t.sent / seconds : 0,
        t.accepted, seconds > 0 ? t.accepted / seconds : 0, exhausted,
        others.empty() ? "none" : absl::StrJoin(others, ", ")));
    p.notes.push_back(absl::StrCat(
        "server CPU over the whole flood: ",
        absl::FormatDuration(absl::Trunc(flood_cpu, absl::Milliseconds(1))),
        " in ",
        absl::FormatDuration(absl::Trunc(t.elapsed, absl::Milliseconds(1)))));
    phases.push_back(std::move(p));
  }
  // (d) idle Watch streams without a token
  baseline();
  {
    v1::WatchRequest r;
    r.set_meeting("plenary");
    std::vector<IdleStreamSpec> specs(
        o.streams, IdleStreamSpec{r.SerializeAsString(), ""});
    Phase p =
        idle_phase(absl::StrCat("d  ", o.streams, " Watch without a token"),
                   specs, "/speakers.v1.Speakers/Watch");
    p.notes.insert(p.notes.begin(),
                   "the session's watch_requires_token as built in; all from "
                   "127.0.0.1");
    phases.push_back(std::move(p));
  }
  baseline();
  const bool alive = server.running();
  const long final_rss = RssKiB(server.pid());
  started->reset();

  // (d') the same anonymous streams where Watch needs a token.
  std::string strict_note;
  {
    std::cerr << "floor_bench: d' --anonymous-reads=none ..." << std::endl;
    absl::StatusOr<std::unique_ptr<ServerUnderTest>> strict =
        ServerUnderTest::Start(o.server, {"--anonymous-reads=none"});
    if (!strict.ok()) {
      strict_note = absl::StrCat("cannot start: ", strict.status().ToString());
    } else {
      v1::WatchRequest r;
      r.set_meeting("plenary");
      std::vector<IdleStreamSpec> specs(
          o.streams, IdleStreamSpec{r.SerializeAsString(), ""});
      std::unique_ptr<IdleStreamSet> set = IdleStreamSet::Open(
          (*strict)->address(), "/speakers.v1.Speakers/Watch", specs,
          o.per_conn, absl::Seconds(60));
      strict_note = StreamNote(*set, o.streams);
      set->Close();
    }
  }

  PrintPhaseHeader();
  bool failed = !alive;
  const Phase* last_base = &phases.front();
  Phase pooled;  // every baseline command together
  pooled.name = "all baselines pooled";
  for (const Phase& p : phases) {
    if (p.baseline) {
      pooled.ms.insert(pooled.ms.end(), p.ms.begin(), p.ms.end());
      pooled.wall += p.wall;
      pooled.server_cpu += p.server_cpu;
      pooled.bench_cpu += p.bench_cpu;
    }
    PrintPhase(p, p.baseline ? phases.front() : *last_base);
    if (p.baseline) last_base = &p;
    if (p.errors > 0) {
      failed = true;
      std::cout << "    " << p.errors
                << " chair commands refused; first: " << p.first_error << "\n";
    }
    if (p.server_died) std::cout << "    THE SERVER DIED in this phase\n";
  }
  PrintPhase(pooled, phases.front());
  std::cout << "\n";
  for (const Phase& p : phases) {
    for (const std::string& note : p.notes) {
      std::cout << p.name.substr(0, 2) << ": " << note << "\n";
    }
  }
  std::cout << "d' (a second server, --anonymous-reads=none): " << o.streams
            << " Watch without a token: " << strict_note << "\n";
  std::cout << "server "
            << (alive ? "alive at the end" : "NOT RUNNING at the end")
            << ", RSS " << Mib(final_rss) << " MiB; load average "
            << LoadAverage() << "\n";
  const Phase& base = phases[0];
  const Phase& b1 = phases[1];
  const double r = base.p99() > 0 ? b1.p99() / base.p99() : 0;
  const double r_pooled = pooled.p99() > 0 ? b1.p99() / pooled.p99() : 0;
  std::cout << "target:\n  " << o.streams
            << " delegation streams change the chair's p99 by <= 2x: "
            << absl::StrFormat("%.2fx", r) << " (" << Ms(b1.p99()) << " vs "
            << Ms(base.p99()) << " ms, a1) "
            << (r > 0 && r <= 2 ? "PASS" : "MISS")
            << "; against all baselines pooled "
            << absl::StrFormat("%.2fx", r_pooled) << " (" << Ms(pooled.p99())
            << " ms) " << (r_pooled > 0 && r_pooled <= 2 ? "PASS" : "MISS")
            << "\n";
  return failed ? 1 : 0;
}

// ---- Memory per meeting ----

struct MemoryRow {
  std::string meeting;
  std::string item;
  int wanted = 0;
  int entries = 0;
  int commands = 0;
  int errors = 0;
  std::string first_error;
  long rss_before = -1;
  long rss_filled = -1;
  long rss_after = -1;
  UpdateReader::Seen seen;
  bool caught_up = false;
  absl::Duration wall;
  std::vector<std::pair<int, long>> trace;  // (commands so far, RSS KiB)
};

int Memory(const Options& o) {
  std::cout << "floor_bench --memory "
            << absl::FormatTime("%Y-%m-%d %H:%M:%S %Z", absl::Now(),
                                absl::UTCTimeZone())
            << "; nproc " << std::thread::hardware_concurrency()
            << "; load average " << LoadAverage() << "\nserver: " << o.server
            << "\n";
  absl::StatusOr<std::unique_ptr<ServerUnderTest>> started =
      ServerUnderTest::Start(o.server);
  if (!started.ok()) {
    std::cout << "cannot start the server: " << started.status() << "\n";
    return 1;
  }
  ServerUnderTest& server = **started;
  FloorClient secretariat(server.address(), server.tokens().secretariat(), 1);
  absl::StatusOr<SessionView> session = ReadSession(&secretariat);
  if (!session.ok()) {
    std::cout << session.status() << "\n";
    return 1;
  }
  const std::vector<std::string>& codes = session->delegations;
  // One meeting per list: its general discussion for the plenary, else its
  // second item (its first is organizational matters).
  const std::vector<std::pair<std::string, std::string>> targets = {
      {"plenary", "1 (f)"}, {"experts", "2"}, {"irg", "2"}, {"informal", "1"}};
  const std::string display = server.tokens().Find("display", "");
  absl::SleepFor(absl::Milliseconds(500));
  const long rss_start = RssKiB(server.pid());
  std::vector<MemoryRow> rows;
  std::vector<std::unique_ptr<UpdateReader>> readers;  // open to the end
  bool failed = false;
  for (size_t i = 0; i < o.memory_lists.size(); ++i) {
    MemoryRow row;
    row.meeting = targets[i].first;
    row.item = targets[i].second;
    row.wanted = o.memory_lists[i];
    const auto agenda = session->agenda.find(row.meeting);
    if (agenda == session->agenda.end() ||
        std::find(agenda->second.begin(), agenda->second.end(), row.item) ==
            agenda->second.end()) {
      std::cout << "the session has no " << row.meeting << " item " << row.item
                << "\n";
      return 1;
    }
    std::cerr << "floor_bench: memory " << row.meeting << " " << row.item
              << " x" << row.wanted << " ..." << std::endl;
    v1::ListRef list;
    list.set_meeting(row.meeting);
    list.set_item(row.item);
    if (absl::Status s = PrepareList(&secretariat, list); !s.ok()) {
      std::cout << s << "\n";
      return 1;
    }
    readers.push_back(
        std::make_unique<UpdateReader>(server.address(), display, row.meeting));
    UpdateReader& reader = *readers.back();
    if (!reader.WaitFor(0, absl::Seconds(10))) {
      std::cout << "the Watch stream of " << row.meeting
                << " got no snapshot: " << reader.seen().end_status << "\n";
      return 1;
    }
    absl::SleepFor(absl::Milliseconds(500));
    row.rss_before = RssKiB(server.pid());
    std::string skipped;
    absl::StatusOr<std::vector<std::string>> on_list =
        Fill(&secretariat, list, codes, row.wanted, &skipped);
    if (!on_list.ok()) {
      std::cout << on_list.status() << "\n";
      return 1;
    }
    row.entries = static_cast<int>(on_list->size());
    absl::SleepFor(absl::Milliseconds(500));
    row.rss_filled = RssKiB(server.pid());
    ChairLoop loop(&secretariat, list, *on_list);
    const absl::Time start = absl::Now();
    for (int k = 0; k < o.memory_commands; ++k) {
      absl::Duration rtt;
      const grpc::Status s = loop.Issue(&rtt);
      ++row.commands;
      if (row.commands % std::max(1, o.memory_commands / 10) == 0) {
        row.trace.emplace_back(row.commands, RssKiB(server.pid()));
      }
      if (s.ok()) continue;
      ++row.errors;
      if (row.first_error.empty()) row.first_error = Describe(s);
      if (!server.running()) break;
    }
    row.wall = absl::Now() - start;
    row.caught_up = reader.WaitFor(loop.version(), absl::Seconds(60));
    absl::SleepFor(absl::Milliseconds(500));
    row.rss_after = RssKiB(server.pid());
    row.seen = reader.seen();
    failed = failed || row.errors > 0 || !row.caught_up;
    rows.push_back(std::move(row));
  }
  const long rss_end = RssKiB(server.pid());

  std::cout << "server RSS at start (session loaded, nothing done): "
            << Mib(rss_start) << " MiB\n"
            << "each meeting in turn: one Watch stream (display token) "
               "opened and reading every update,\n"
            << "  its list filled by the secretariat (AddSpeaker), then K = "
            << o.memory_commands
            << " Move/Swap in turn, one at a time; RSS = the server's VmRSS\n"
            << "  0.5 s after each step (before: the Watch stream open, the "
               "list empty).\n"
            << "  wire KB: the serialized size of the last Change the Watch "
               "client received (the\n"
            << "  whole list); proto KB: the same Update parsed, in memory "
               "(SpaceUsedLong).\n\n";
  std::cout << absl::StrFormat("%-14s %7s %7s %7s %8s %8s %8s %8s %6s %10s\n",
                               "meeting / list", "entries", "wire", "proto",
                               "RSS MiB", "filled", "after K", "growth",
                               "cmd/s", "updates");
  std::cout << absl::StrFormat("%-14s %7s %7s %7s %8s %8s %8s %8s %6s %10s\n",
                               "", "", "KB", "KB", "before", "", "", "per mtg",
                               "", "read/snap");
  for (const MemoryRow& r : rows) {
    std::cout << absl::StrFormat(
        "%-14s %7d %7.1f %7.1f %8s %8s %8s %8s %6.0f %10s\n",
        absl::StrCat(r.meeting, " ", r.item), r.entries,
        static_cast<double>(r.seen.last_change_bytes) / 1000,
        static_cast<double>(r.seen.last_change_space) / 1000, Mib(r.rss_before),
        Mib(r.rss_filled), Mib(r.rss_after), Mib(r.rss_after - r.rss_before),
        r.commands / std::max(1e-9, absl::ToDoubleSeconds(r.wall)),
        absl::StrCat(r.seen.updates, "/", r.seen.snapshots));
  }
  std::cout << "\n";
  constexpr double kHistory = 16 << 20;  // Broadcaster::Options::history_bytes
  for (const MemoryRow& r : rows) {
    const std::string name = absl::StrCat(r.meeting, " ", r.item);
    std::vector<std::string> trace;
    for (const auto& [k, kib] : r.trace) {
      trace.push_back(absl::StrCat(k, ": ", Mib(kib)));
    }
    std::cout << name
              << ": RSS MiB after k commands: " << absl::StrJoin(trace, ", ")
              << "\n";
    const double wire = static_cast<double>(r.seen.last_change_bytes);
    const double space = static_cast<double>(r.seen.last_change_space);
    if (wire > 0) {
      const double kept = std::min<double>(
          std::floor(kHistory / wire), std::min(4096, r.commands + r.entries));
      std::cout << name << ": 16 MiB of wire keeps ~" << kept
                << " of these updates; with each one's parsed message too: "
                << absl::StrFormat("%.0f", kept * (wire + space) / (1 << 20))
                << " MiB. Without the byte bound (4096 kept): "
                << absl::StrFormat("%.0f", 4096 * wire / (1 << 20))
                << " MiB of wire, "
                << absl::StrFormat("%.0f", 4096 * (wire + space) / (1 << 20))
                << " MiB with the messages\n";
    }
    if (r.entries < r.wanted) {
      std::cout << name << ": " << r.wanted
                << " entries wanted; the session accredits " << codes.size()
                << " delegations (one entry each per list): " << r.entries
                << " used\n";
    }
    if (r.errors > 0) {
      std::cout << name << ": " << r.errors << " of " << r.commands
                << " commands refused; first: " << r.first_error << "\n";
    }
    if (!r.caught_up) {
      std::cout << name
                << ": the Watch stream did not reach the last version (at "
                << r.seen.version << (r.seen.ended ? ", ended: " : "")
                << r.seen.end_status << ")\n";
    }
  }
  std::cout << "server RSS at the end: " << Mib(rss_end) << " MiB (growth "
            << Mib(rss_end - rss_start) << " MiB for " << rows.size()
            << " meetings, "
            << Mib((rss_end - rss_start) /
                   static_cast<long>(std::max<size_t>(1, rows.size())))
            << " MiB per meeting); "
            << (server.running() ? "alive" : "NOT RUNNING") << "; load average "
            << LoadAverage() << "\n";
  std::cout << "checks (history bound: 16 MiB per meeting, "
               "Broadcaster::Options::history_bytes):\n";
  for (const MemoryRow& r : rows) {
    const std::string name =
        absl::StrCat(r.meeting, " ", r.item, " x", r.entries);
    // Bounded: the second half of the commands adds (almost) nothing.
    const long half =
        r.trace.size() >= 2 ? r.trace[r.trace.size() / 2 - 1].second : -1;
    const long late = r.rss_after - half;
    std::cout << "  " << name << ": RSS from k = "
              << (r.trace.size() >= 2 ? r.trace[r.trace.size() / 2 - 1].first
                                      : 0)
              << " to the end: +" << Mib(late) << " MiB <= 8 MiB (bounded): "
              << (half > 0 && late <= 8 * 1024 ? "PASS" : "MISS") << "\n";
    const long growth = r.rss_after - r.rss_before;
    std::cout << "  " << name << ": growth " << Mib(growth)
              << " MiB <= 32 MiB (the 16 MiB history, doubled for the "
                 "allocator and the list): "
              << (growth >= 0 && growth <= 2 * 16 * 1024 ? "PASS" : "MISS")
              << "\n";
  }
  return failed || !server.running() ? 1 : 0;
}

}  // namespace
}  // namespace speakers::bench

int main(int argc, char** argv) {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::optional<speakers::bench::Options> options =
      speakers::bench::Parse(argc, argv);
  if (!options) return 2;
  if (options->help) {
    std::cout << speakers::bench::kUsage;
    return 0;
  }
  return options->memory ? speakers::bench::Memory(*options)
                         : speakers::bench::Floor(*options);
}
