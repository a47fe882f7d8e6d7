// Thousands of random commands, valid and not, against an Engine; after each
// one the meeting must be consistent, the version must have grown by exactly
// one if and only if the command was accepted, a refused command must have
// changed nothing, and receipts must grow in order of acceptance. Every
// accepted command is also written in its stored form, read back, and
// replayed on a second engine at the same instant, as recovery does: a
// command accepted once always replays, to the same events and state. And
// the journal of each accepted command (CommandResult::lists) must say all
// that changed: its waiting ops, replayed on the entries as they were, give
// the entries as they are, and a list it does not name has not changed.
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/app/command_table.h"
#include "server/app/stored_command.h"
#include "server/domain/engine.h"
#include "tests/domain/test_session.h"
#include "tests/testing/command_generator.h"

namespace speakers {
namespace {

using ::speakers::testing::CommandGenerator;
using ::speakers::testing::FakeClock;
using ::speakers::testing::MakeSession;
using ::speakers::testing::Snapshot;

constexpr int kCommandsPerSeed = 5000;

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

// What a list was before a command, to check the command's journal.
struct ListCopy {
  std::vector<Entry> waiting;
  std::optional<CurrentSpeaker> current;
  size_t spoken = 0;
  ListSettings settings;
  ManualState manual = ManualState::kScheduled;
  absl::Time manual_at;
  bool can_undo = false;
};

std::map<std::pair<std::string, std::string>, ListCopy> CopyLists(
    const Engine& engine) {
  std::map<std::pair<std::string, std::string>, ListCopy> out;
  for (const Meeting* m : engine.meetings()) {
    for (const SpeakersList* l : m->lists()) {
      out[{m->id(), l->item()}] = ListCopy{
          l->waiting(),      l->current(),   l->spoken().size(), l->settings(),
          l->manual_state(), l->manual_at(), l->can_undo_next()};
    }
  }
  return out;
}

bool SameClock(const SpeakingTimer& a, const SpeakingTimer& b) {
  return a.state() == b.state() && a.limit() == b.limit() &&
         a.accumulated() == b.accumulated() &&
         (a.state() != SpeakingTimer::State::kRunning ||
          a.started_at() == b.started_at());
}

// The journal `changes` (nullptr: the command named no change to this
// list) against what the list was (`was`) and is (`now`).
void CheckJournal(const ListCopy& was, const SpeakersList& now,
                  const ListChanges* changes, const std::string& context) {
  const ListChanges none;
  const ListChanges& c = changes != nullptr ? *changes : none;
  const std::string where = absl::StrCat(context, ", list ", now.item());
  if (!c.waiting_reset) {
    std::vector<Entry> replayed = was.waiting;
    auto find = [&](uint64_t id) {
      return std::find_if(replayed.begin(), replayed.end(),
                          [&](const Entry& e) { return e.id == id; });
    };
    auto final_entry = [&](uint64_t id) -> const Entry* {
      for (const Entry& e : now.waiting())
        if (e.id == id) return &e;
      return nullptr;
    };
    for (const WaitingOp& op : c.waiting) {
      switch (op.kind) {
        case WaitingOp::Kind::kInsert: {
          const Entry* e = final_entry(op.id);
          ASSERT_NE(e, nullptr) << where << ": inserted " << op.id;
          ASSERT_LE(op.index, replayed.size()) << where;
          replayed.insert(replayed.begin() + op.index, *e);
          break;
        }
        case WaitingOp::Kind::kRemove: {
          auto it = find(op.id);
          ASSERT_NE(it, replayed.end()) << where << ": removed " << op.id;
          replayed.erase(it);
          break;
        }
        case WaitingOp::Kind::kMove: {
          auto it = find(op.id);
          ASSERT_NE(it, replayed.end()) << where << ": moved " << op.id;
          Entry e = *it;
          e.placed_by_chair = op.placed_by_chair;
          replayed.erase(it);
          ASSERT_LE(op.index, replayed.size()) << where;
          replayed.insert(replayed.begin() + op.index, e);
          break;
        }
        case WaitingOp::Kind::kUpdate: {
          auto it = find(op.id);
          const Entry* e = final_entry(op.id);
          ASSERT_NE(it, replayed.end()) << where << ": updated " << op.id;
          ASSERT_NE(e, nullptr) << where << ": updated " << op.id;
          *it = *e;
          break;
        }
      }
    }
    ASSERT_EQ(replayed, now.waiting()) << where;
  }
  const bool floor_same =
      was.current.has_value() == now.current().has_value() &&
      (!was.current || (was.current->entry == now.current()->entry &&
                        was.current->called_at == now.current()->called_at));
  if (!floor_same) {
    ASSERT_TRUE(c.floor) << where << ": the floor changed";
  }
  if (floor_same && was.current && !c.floor &&
      !SameClock(was.current->timer, now.current()->timer)) {
    ASSERT_TRUE(c.clock) << where << ": the clock changed";
  }
  if (was.spoken < now.spoken().size()) {
    ASSERT_TRUE(c.spoken) << where;
  }
  if (was.spoken > now.spoken().size()) {
    ASSERT_TRUE(c.unspoken) << where << ": a statement was taken back";
  }
  if (was.can_undo != now.can_undo_next()) {
    ASSERT_TRUE(c.undo) << where << ": whether a call can be undone changed";
  }
  if (!(was.settings == now.settings()) || was.manual != now.manual_state() ||
      was.manual_at != now.manual_at()) {
    ASSERT_TRUE(c.header) << where << ": the list's own fields changed";
  }
}

// The time a speaker has used survives an undo of "next" and a point of
// order: after an UndoNext, the speaker back on the floor has exactly the
// time the undone call had finished it with; while a point is heard, and
// when it ends, the interrupted speaker's clock shows what it showed when
// the point was granted.
void CheckTimeKept(
    const Engine& engine, const Command& command, const CommandResult& result,
    std::map<std::pair<std::string, std::string>,
             std::pair<uint64_t, absl::Duration>>& finished_by_call,
    std::map<std::string, std::tuple<std::string, uint64_t, absl::Duration>>&
        interrupted,
    const std::string& context) {
  const absl::Time now = engine.clock().Now();
  const std::string& meeting_id = MeetingOf(command);
  absl::StatusOr<const Meeting*> meeting = engine.FindMeeting(meeting_id);
  ASSERT_TRUE(meeting.ok()) << context;
  if (const auto* call = std::get_if<cmd::CallNext>(&command)) {
    const std::string item =
        call->list.item.empty() ? (*meeting)->current_item() : call->list.item;
    finished_by_call.erase({meeting_id, item});
    for (const Event& e : result.events) {
      if (e.kind != EventKind::kFinished) continue;
      const SpeakersList* list = *(*meeting)->FindList(item);
      finished_by_call[{meeting_id, item}] = {list->spoken().back().entry.id,
                                              *e.duration};
    }
  }
  if (const auto* undo = std::get_if<cmd::UndoNext>(&command)) {
    const std::string item =
        undo->list.item.empty() ? (*meeting)->current_item() : undo->list.item;
    const SpeakersList* list = *(*meeting)->FindList(item);
    auto it = finished_by_call.find({meeting_id, item});
    if (it != finished_by_call.end()) {
      ASSERT_TRUE(list->current().has_value()) << context;
      ASSERT_EQ(list->current()->entry.id, it->second.first) << context;
      ASSERT_EQ(list->current()->timer.Elapsed(now), it->second.second)
          << context << ": the time used before the undone call is lost";
      finished_by_call.erase(it);
    } else {
      ASSERT_FALSE(list->current().has_value()) << context;
    }
  }
  // The interrupted speaker, per meeting: (list, entry id, time used).
  const std::optional<HeardPoint>& heard = (*meeting)->points().heard();
  auto it = interrupted.find(meeting_id);
  const auto* timer = std::get_if<cmd::Timer>(&command);
  const bool reset =
      timer != nullptr && timer->action == cmd::TimerAction::kReset;
  if (heard && (it == interrupted.end() || reset)) {
    interrupted.erase(meeting_id);
    if (!heard->interrupted_item.empty()) {
      const SpeakersList* list = *(*meeting)->FindList(heard->interrupted_item);
      if (list->current()) {
        interrupted[meeting_id] = {list->item(), list->current()->entry.id,
                                   list->current()->timer.Elapsed(now)};
      }
    }
    return;
  }
  if (it == interrupted.end()) return;
  const auto& [item, id, used] = it->second;
  const SpeakersList* list = *(*meeting)->FindList(item);
  if (list->current() && list->current()->entry.id == id) {
    // While the point is heard, and when it ends, exactly the time used.
    ASSERT_EQ(list->current()->timer.Elapsed(now), used)
        << context << ": the interrupted speaker's time changed";
  }
  if (!heard) interrupted.erase(it);
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

  // Time used is never lost: the statement an accepted CallNext finished
  // (by list), and the one a granted point interrupted, with the time its
  // clock had run.
  std::map<std::pair<std::string, std::string>,
           std::pair<uint64_t, absl::Duration>>
      finished_by_call;
  std::map<std::string, std::tuple<std::string, uint64_t, absl::Duration>>
      interrupted;

  for (int i = 0; i < count; ++i) {
    clock.Advance(generator.ClockStep());
    const Command command = generator.Next();
    const std::string before = World(engine);
    const std::map<std::string, uint64_t> versions = Versions(engine);
    const auto lists_before = CopyLists(engine);
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
    CheckTimeKept(engine, command, *result, finished_by_call, interrupted,
                  context);
    if (::testing::Test::HasFatalFailure()) return;
    for (const Meeting* m : engine.meetings()) {
      for (const SpeakersList* l : m->lists()) {
        const ListChanges* changes = nullptr;
        if (m->id() == MeetingOf(command)) {
          for (const ListChanges& c : result->lists)
            if (c.item == l->item()) changes = &c;
        }
        CheckJournal(lists_before.at({m->id(), l->item()}), *l, changes,
                     context);
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
    for (const ListChanges& c : result->lists) {
      ASSERT_FALSE(c.empty()) << context << ": an empty journal for " << c.item;
    }
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
       {"inscribe",       "call_next",      "move",
        "swap",           "mark_absent",    "withdraw",
        "timer",          "add_time",       "request_reply",
        "readd_last",     "set_time_limit", "configure_list",
        "change_meeting", "update_speaker", "open_list",
        "close_list",     "remove",         "set_current_item",
        "end_statement",  "undo_next",      "point_of_order",
        "reinstate"}) {
    EXPECT_GT(accepted_by_kind[kind], 0)
        << "seed " << seed << ": no accepted " << kind;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomizedTest,
                         ::testing::Values(1u, 2u, 20171106u, 424242u,
                                           987654321u));

}  // namespace
}  // namespace speakers
