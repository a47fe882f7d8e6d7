#ifndef SPEAKERS_TESTS_DOMAIN_TEST_SESSION_H_
#define SPEAKERS_TESTS_DOMAIN_TEST_SESSION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/domain/command.h"
#include "server/domain/engine.h"
#include "server/domain/session.h"
#include "server/domain/speakers_list.h"
#include "tests/testing/fake_clock.h"

// The session every domain test works on:
//
//   time zone   Europe/Vienna
//   meetings    "plenary" (items "1 (f)" and "2"), "experts" (item "1")
//   list        plenary / "1 (f)": opens 09:00 on 6 October 2017, closes
//               12:00 on 6 November 2017 (Vienna time), 5:00, warning 0:30,
//               ministerial rank first, absent speakers to the end of tier.
//               Every other list uses the defaults (no window, 5:00, 0:30).
//   delegations States parties AUT BRA CHN EGY FRA KEN MEX, signatories BTN
//               SYR, non-signatory ERI, IGOs EU UNODC, NGO TI.
namespace speakers::testing {

inline constexpr absl::string_view kPlenary = "plenary";
inline constexpr absl::string_view kExperts = "experts";
inline constexpr absl::string_view kItemF = "1 (f)";
inline constexpr absl::string_view kItem2 = "2";
inline constexpr absl::string_view kExpertsItem = "1";

// A wall-clock time in Vienna.
absl::Time Vienna(int year, int month, int day, int hour, int minute,
                  int second = 0);
// 09:00 on 6 October 2017 and 12:00 on 6 November 2017, Vienna time.
absl::Time ListOpensAt();
absl::Time ListClosesAt();
// Where the fake clock starts: 10:00 on 6 November 2017, Vienna time (the
// list for item 1 (f) is open).
absl::Time SessionStart();

// The configuration described above; tests tweak copies of it.
SessionConfig MakeSessionConfig();
// Session::Create on MakeSessionConfig(); fails the test if it is refused.
std::shared_ptr<const Session> MakeSession();

// A speaker of the given rank.
Speaker MakeSpeaker(Rank rank = Rank::kHeadOfDelegation,
                    std::string name = "H.E. Ms. Jane Doe");

// An inscription of `code` (which must be accredited) by a speaker of `rank`.
SpeakersList::Inscription MakeInscription(const Session& session,
                                          absl::string_view code,
                                          Rank rank = Rank::kHeadOfDelegation);

// The codes of the waiting entries, in speaking order.
std::vector<std::string> WaitingCodes(const SpeakersList& list);

// Everything a command can change in a meeting, as text: state, current
// item and, per list, its settings, manual state, status at `now`, receipts,
// waiting entries (with tier, receipt, placement, limit and speaker), the
// current speaker and timer, and the statements made. Two equal snapshots
// mean an unchanged meeting (the version aside).
std::string Snapshot(const Meeting& meeting, absl::Time now);

// The list for plenary / item 1 (f) on its own, and a fake clock at
// SessionStart().
class ListFixture : public ::testing::Test {
 protected:
  ListFixture();

  // Inscribes `code` at the clock's time; the test fails if it is refused.
  Entry Add(absl::string_view code, Rank rank = Rank::kHeadOfDelegation);
  // Same, returning the status or entry.
  absl::StatusOr<Entry> TryAdd(absl::string_view code,
                               Rank rank = Rank::kHeadOfDelegation,
                               bool by_chair = false);
  // Ends the current statement (if any) and gives the floor to the next.
  void CallNext();
  std::vector<std::string> Waiting() const { return WaitingCodes(list_); }

  std::shared_ptr<const Session> session_;
  FakeClock clock_;
  SpeakersList list_;
};

// An Engine on the test session with a fake clock at SessionStart().
class EngineFixture : public ::testing::Test {
 protected:
  EngineFixture();

  absl::StatusOr<CommandResult> Apply(const Command& command,
                                      absl::string_view actor = "chair");
  // Applies and fails the test if the command is refused.
  CommandResult MustApply(const Command& command,
                          absl::string_view actor = "chair");

  // Expects `command` to be refused with `code` and, unless empty, exactly
  // `message`, and every meeting (state, lists, version) to be unchanged.
  void ExpectRefused(const Command& command, absl::StatusCode code,
                     const std::string& message = "");

  // Command builders.
  static ListTarget Target(absl::string_view meeting, absl::string_view item);
  static cmd::Inscribe InscribeCmd(absl::string_view meeting,
                                   absl::string_view item,
                                   absl::string_view code,
                                   Rank rank = Rank::kHeadOfDelegation);
  static cmd::ChangeMeeting Change(absl::string_view meeting,
                                   cmd::MeetingAction action);

  Meeting& meeting(absl::string_view id);
  const SpeakersList& list(absl::string_view meeting, absl::string_view item);
  std::vector<std::string> Waiting(absl::string_view meeting,
                                   absl::string_view item) {
    return WaitingCodes(list(meeting, item));
  }

  std::shared_ptr<const Session> session_;
  FakeClock clock_;
  Engine engine_;
};

// An EngineFixture whose plenary is in session; after each test, every
// meeting must pass Meeting::CheckInvariants.
class SittingPlenaryFixture : public EngineFixture {
 protected:
  void SetUp() override;
  void TearDown() override;
};

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_DOMAIN_TEST_SESSION_H_
