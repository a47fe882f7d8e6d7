// Thousands of random commands, valid and not, against an Engine; after each
// one the meeting must be consistent, the version must have grown by exactly
// one if and only if the command was accepted, a refused command must have
// changed nothing, and receipts must grow in order of acceptance. Every
// accepted command is also written in its stored form, read back, and
// replayed on a second engine at the same instant, as recovery does: a
// command accepted once always replays, to the same events and state.
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/app/command_table.h"
#include "server/app/stored_command.h"
#include "server/domain/engine.h"
#include "tests/domain/test_session.h"

namespace speakers {
namespace {

using ::speakers::testing::FakeClock;
using ::speakers::testing::MakeSession;
using ::speakers::testing::MakeSpeaker;
using ::speakers::testing::Snapshot;

constexpr int kCommandsPerSeed = 5000;

const char* const kCodes[] = {"AUT", "BRA", "CHN", "EGY", "FRA",   "KEN", "MEX",
                              "BTN", "SYR", "ERI", "EU",  "UNODC", "TI"};

class CommandGenerator {
 public:
  CommandGenerator(uint32_t seed, const Engine* engine)
      : rng_(seed), engine_(engine) {}

  Command Next() {
    meeting_ = OneIn(40) ? "nowhere" : (OneIn(4) ? "experts" : "plenary");
    // The weights favour inscriptions and calls, so that lists fill and
    // drain; every command type is drawn.
    enum Pick {
      kOpenList,
      kCloseList,
      kConfigureList,
      kInscribe,
      kUpdateSpeaker,
      kWithdraw,
      kRemove,
      kCallNext,
      kMarkAbsent,
      kMove,
      kSwap,
      kReaddLast,
      kSetTimeLimit,
      kTimer,
      kAddTime,
      kRequestReply,
      kSetCurrentItem,
      kChangeMeeting,
    };
    static constexpr double kWeights[] = {1, 1, 1, 5, 1, 1, 1, 3,   1,
                                          1, 1, 1, 1, 2, 1, 1, 0.4, 1.6};
    std::discrete_distribution<int> pick(std::begin(kWeights),
                                         std::end(kWeights));
    switch (static_cast<Pick>(pick(rng_))) {
      case kOpenList:
        return cmd::OpenList{Target()};
      case kCloseList:
        return cmd::CloseList{Target()};
      case kConfigureList:
        return cmd::ConfigureList{Target(), Settings()};
      case kInscribe: {
        cmd::Inscribe c{Target(), Code(),   RandomSpeaker(),
                        Group(),  OneIn(4), std::nullopt};
        if (OneIn(5)) c.time_limit = Duration();
        return c;
      }
      case kUpdateSpeaker:
        return cmd::UpdateSpeaker{Target(), Present(), RandomSpeaker(),
                                  Group()};
      case kWithdraw:
        return cmd::Withdraw{Target(), Present()};
      case kRemove:
        return cmd::Remove{Target(), Present()};
      case kCallNext: {
        cmd::CallNext c{Target(), std::nullopt};
        if (OneIn(2)) c.expected_current = OneIn(4) ? Code() : Current();
        return c;
      }
      case kMarkAbsent:
        return cmd::MarkAbsent{Target(), Present()};
      case kMove: {
        cmd::Move c{Target(), Present(), 0};
        const SpeakersList* list = List();
        const int n = list ? static_cast<int>(list->waiting().size()) : 3;
        c.position = Uniform(-1, n + 2);
        return c;
      }
      case kSwap:
        return cmd::Swap{Target(), Present(), Present()};
      case kReaddLast:
        return cmd::ReaddLast{Target()};
      case kSetTimeLimit:
        return cmd::SetTimeLimit{
            Target(), Present(),
            OneIn(4) ? std::nullopt
                     : std::optional<absl::Duration>(Duration())};
      case kTimer:
        return cmd::Timer{Target(),
                          static_cast<cmd::TimerAction>(Uniform(0, 3))};
      case kAddTime:
        return cmd::AddTime{Target(), Duration()};
      case kRequestReply:
        return cmd::RequestReply{meeting_, Item(false), Code(),
                                 RandomSpeaker()};
      case kSetCurrentItem:
        return cmd::SetCurrentItem{meeting_, Item(false)};
      case kChangeMeeting:
        break;
    }
    // Mostly open or resume, so that the meeting is often in session.
    const int action = Uniform(0, 5);
    return cmd::ChangeMeeting{
        meeting_, action < 2 ? cmd::MeetingAction::kOpen
                  : action < 4
                      ? cmd::MeetingAction::kResume
                      : static_cast<cmd::MeetingAction>(Uniform(0, 3))};
  }

  absl::Duration ClockStep() {
    if (OneIn(200)) return absl::Hours(Uniform(1, 30));
    return absl::Milliseconds(Uniform(0, 60000));
  }

 private:
  int Uniform(int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng_);
  }
  bool OneIn(int n) { return Uniform(1, n) == 1; }

  const SpeakersList* List() const {
    absl::StatusOr<const Meeting*> m = engine_->FindMeeting(meeting_);
    if (!m.ok()) return nullptr;
    absl::StatusOr<const SpeakersList*> l = (*m)->FindList(item_);
    return l.ok() ? *l : nullptr;
  }

  std::string Item(bool allow_reply) {
    if (OneIn(30)) return "9";
    if (allow_reply && OneIn(5)) return "reply";
    if (meeting_ == "experts") return "1";
    return OneIn(2) ? "1 (f)" : "2";
  }
  ListTarget Target() {
    item_ = Item(true);
    return ListTarget{meeting_, item_};
  }

  std::string Code() {
    if (OneIn(25)) return OneIn(2) ? "XYZ" : "";
    return kCodes[Uniform(0, std::size(kCodes) - 1)];
  }
  // Mostly a delegation that is waiting on (or speaking to) the target list.
  std::string Present() {
    const SpeakersList* list = List();
    if (list == nullptr || OneIn(4)) return Code();
    if (list->current() && OneIn(6)) return list->current()->entry.delegation;
    if (list->waiting().empty()) return Code();
    return list
        ->waiting()[Uniform(0, static_cast<int>(list->waiting().size()) - 1)]
        .delegation;
  }
  std::string Current() {
    const SpeakersList* list = List();
    return list != nullptr && list->current()
               ? list->current()->entry.delegation
               : "";
  }

  Speaker RandomSpeaker() {
    Speaker s = MakeSpeaker(static_cast<Rank>(Uniform(0, kRankCount - 1)));
    switch (Uniform(0, 30)) {
      case 0:
        s.name = "";
        break;
      case 1:
        s.name = std::string(121, 'n');
        break;
      case 2:
        s.name = "Mr. \xFF";
        break;
      case 3:
        s.title = std::string(201, 't');
        break;
      default:
        break;
    }
    return s;
  }
  std::string Group() {
    switch (Uniform(0, 12)) {
      case 0:
        return "the Group of 77 and China";
      case 1:
        return "the European Union and its member States";
      case 2:
        return OneIn(3) ? "\xC3" : "";
      default:
        return "";
    }
  }

  absl::Duration Duration() {
    switch (Uniform(0, 9)) {
      case 0:
        return absl::ZeroDuration();
      case 1:
        return absl::Seconds(Uniform(-7200, 9000));
      case 2:
        return absl::Hours(Uniform(-3, 3));
      case 3:
        return absl::Seconds(5);
      case 4:
        return absl::Minutes(-Uniform(1, 6));
      default:
        return absl::Seconds(Uniform(10, 600));
    }
  }

  ListSettings Settings() {
    ListSettings s;
    const SpeakersList* list = List();
    if (list != nullptr && OneIn(2)) s = list->settings();
    if (OneIn(2)) s.speaking_time = Duration();
    if (OneIn(3)) s.warning = absl::Seconds(Uniform(-10, 400));
    if (OneIn(3)) {
      s.policy =
          PriorityPolicy{static_cast<PolicyKind>(Uniform(0, 3)), OneIn(2)};
    }
    if (OneIn(3))
      s.absent =
          OneIn(2) ? AbsentAction::kDrop : AbsentAction::kMoveToEndOfTier;
    if (OneIn(4)) {
      const absl::Time now = engine_->clock().Now();
      s.opens_at = OneIn(2) ? std::nullopt
                            : std::optional<absl::Time>(
                                  now + absl::Minutes(Uniform(-120, 60)));
      s.closes_at = OneIn(2) ? std::nullopt
                             : std::optional<absl::Time>(
                                   now + absl::Minutes(Uniform(-60, 180)));
    }
    return s;
  }

  std::mt19937 rng_;
  const Engine* engine_;
  std::string meeting_;
  std::string item_;
};

// Every meeting's snapshot and version.
std::string World(const Engine& engine) {
  std::string out;
  for (const Meeting* m : engine.meetings()) {
    absl::StrAppend(&out, "version ", m->version(), "\n",
                    Snapshot(*m, engine.clock().Now()));
  }
  return out;
}

std::map<std::string, uint64_t> Versions(const Engine& engine) {
  std::map<std::string, uint64_t> versions;
  for (const Meeting* m : engine.meetings()) versions[m->id()] = m->version();
  return versions;
}

// Applies `count` random commands to a fresh engine and checks each one.
// Counts accepted commands (in total and by name) into the arguments.
void RunEpoch(uint32_t seed, int epoch, int count, int& accepted,
              std::map<std::string, int>& accepted_by_kind) {
  // Odd epochs start before the list for item 1 (f) opens, even ones shortly
  // before it closes.
  FakeClock clock(epoch % 2 == 1 ? testing::ListOpensAt() - absl::Minutes(10)
                                 : testing::ListClosesAt() - absl::Minutes(30));
  Engine engine(MakeSession(), &clock);
  FakeClock replay_clock(clock.Now());
  Engine replayed(MakeSession(), &replay_clock);
  CommandGenerator generator(seed * 131 + epoch, &engine);
  std::map<std::pair<std::string, std::string>, uint64_t> last_receipt;

  for (int i = 0; i < count; ++i) {
    clock.Advance(generator.ClockStep());
    const Command command = generator.Next();
    const std::string before = World(engine);
    const std::map<std::string, uint64_t> versions = Versions(engine);
    const absl::StatusOr<CommandResult> result = engine.Apply(command, "fuzz");
    const std::string context =
        absl::StrCat("seed ", seed, ", epoch ", epoch, ", command #", i, " (",
                     KindName(command), " on ", MeetingOf(command),
                     "): ", result.status().ToString());

    for (const Meeting* m : engine.meetings()) {
      const absl::Status invariants = m->CheckInvariants();
      ASSERT_TRUE(invariants.ok()) << context << "\n"
                                   << invariants << "\n"
                                   << Snapshot(*m, clock.Now());
    }
    std::map<std::string, uint64_t> expected = versions;
    if (!result.ok()) {
      ASSERT_EQ(Versions(engine), expected) << context;
      ASSERT_EQ(World(engine), before) << context;
      continue;
    }
    ++accepted;
    ++accepted_by_kind[std::string(KindName(command))];
    absl::StatusOr<StoredPayload> stored =
        DecodeCommand(KindName(command), EncodeCommand(command, 7));
    ASSERT_TRUE(stored.ok()) << context << ": " << stored.status();
    ASSERT_EQ(stored->command, command) << context;
    replay_clock.Set(clock.Now());
    absl::StatusOr<CommandResult> again =
        replayed.Apply(stored->command, "fuzz");
    ASSERT_TRUE(again.ok())
        << context << ": does not replay: " << again.status();
    ASSERT_EQ(again->version, result->version) << context;
    ASSERT_EQ(again->events, result->events) << context;
    ++expected[MeetingOf(command)];
    ASSERT_EQ(Versions(engine), expected) << context;
    ASSERT_EQ(result->version, expected[MeetingOf(command)]) << context;
    ASSERT_FALSE(result->events.empty()) << context;
    for (const Event& e : result->events) {
      ASSERT_EQ(e.version, result->version) << context;
      ASSERT_EQ(e.at, clock.Now()) << context;
      ASSERT_EQ(e.meeting, MeetingOf(command)) << context;
      ASSERT_EQ(e.actor, "fuzz") << context;
      if (e.kind == EventKind::kInscribed ||
          e.kind == EventKind::kReplyRequested) {
        ASSERT_TRUE(e.receipt.has_value()) << context;
        uint64_t& last = last_receipt[{e.meeting, e.item}];
        ASSERT_GT(e.receipt->number, last) << context;
        ASSERT_EQ(e.receipt->number, last + 1)
            << context;  // none skipped either
        last = e.receipt->number;
      }
    }
  }
  ASSERT_EQ(World(replayed), World(engine))
      << "seed " << seed << ", epoch " << epoch;
}

class RandomizedTest : public ::testing::TestWithParam<uint32_t> {};

TEST_P(RandomizedTest, EveryCommandKeepsTheMeetingsConsistent) {
  const uint32_t seed = GetParam();
  // Ten fresh engines of 500 commands each: lists drain as delegations
  // speak (nobody inscribes twice), so fresh lists keep inscriptions coming.
  constexpr int kEpochs = 10;
  int accepted = 0;
  std::map<std::string, int> accepted_by_kind;
  for (int epoch = 0; epoch < kEpochs; ++epoch) {
    RunEpoch(seed, epoch, kCommandsPerSeed / kEpochs, accepted,
             accepted_by_kind);
    if (HasFatalFailure()) return;
  }
  // The generator must exercise the engine, not just its refusals.
  EXPECT_GT(accepted, kCommandsPerSeed / 5) << "seed " << seed;
  for (const char* kind :
       {"inscribe", "call_next", "move", "swap", "mark_absent", "withdraw",
        "timer", "add_time", "request_reply", "readd_last", "set_time_limit",
        "configure_list", "change_meeting", "update_speaker", "open_list",
        "close_list", "remove", "set_current_item"}) {
    EXPECT_GT(accepted_by_kind[kind], 0)
        << "seed " << seed << ": no accepted " << kind;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomizedTest,
                         ::testing::Values(1u, 2u, 20171106u, 424242u,
                                           987654321u));

}  // namespace
}  // namespace speakers
