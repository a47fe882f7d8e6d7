#ifndef SPEAKERS_SERVER_DOMAIN_SPEAKERS_LIST_H_
#define SPEAKERS_SERVER_DOMAIN_SPEAKERS_LIST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/domain/delegation.h"
#include "server/domain/list_changes.h"
#include "server/domain/list_entry.h"
#include "server/domain/list_settings.h"
#include "server/domain/session.h"
#include "server/domain/speaking_timer.h"

namespace speakers {

// The item id that names a meeting's right-of-reply list in commands.
inline constexpr absl::string_view kReplyListItem = "reply";

// Whether inscriptions are accepted now.
enum class ListStatus { kNotYetOpen, kOpen, kClosed };

// The chair's manual decision, which overrides the scheduled window.
enum class ManualState { kScheduled, kOpenedByChair, kClosedByChair };

// "not yet open", "open", "closed".
absl::string_view ListStatusName(ListStatus status);

// The speaker who has the floor and their clock.
struct CurrentSpeaker {
  Entry entry;
  SpeakingTimer timer;
  absl::Time called_at;
};

// A delegation's place in the queue and when it may expect the floor.
struct Expectation {
  size_t position = 0;  // 0: has the floor; 1: next; ...
  absl::Duration wait;  // current speaker's time left + limits of those ahead
  absl::Time at;        // now + wait
};

// One list of speakers: a meeting's agenda item, or its right of reply.
//
// Order: the waiting entries are kept in speaking order. Entries the chair
// placed by hand keep their place; every other entry sits, relative to the
// other unplaced entries, in (tier, receipt) order, so later inscriptions are
// slotted in by tier without undoing the chair's edits.
//
// Every mutating method validates first and changes nothing when it returns
// an error. Not thread-safe: its Meeting serializes access.
class SpeakersList {
 public:
  // `session` (which must outlive the list) names delegations and formats
  // times in messages; `label` names the list ("item 1 (f)", "the right of
  // reply"). A reply list allows several entries per delegation: one
  // per item at a time; commands that name a delegation act on its first.
  SpeakersList(const Session* session, std::string item, std::string label,
               ListSettings settings, bool reply_list);

  // What an inscription asks for.
  struct Inscription {
    const Delegation* delegation = nullptr;
    Speaker speaker;
    std::string on_behalf_of;
    bool by_chair = false;  // the chair may add to a list that is not open
    std::optional<absl::Duration> time_limit;
    std::string reply_item;
    int reply_number = 0;
  };

  // Adds an entry with the next receipt, placed by tier, its speaker's name
  // and title and the group name with spaces collapsed (CollapseSpaces).
  // FAILED_PRECONDITION outside the window (message in local time) unless
  // by_chair; ALREADY_EXISTS when the delegation is already on the list
  // (or, for a reply list, has a reply on the same item waiting or under
  // way) or, unless by_chair, has spoken on it; INVALID_ARGUMENT for bad
  // texts/limits.
  absl::StatusOr<Entry> Inscribe(const Inscription& request, absl::Time now);

  // Changes the speaker of a waiting or current entry. A new rank re-tiers a
  // waiting entry (keeping its receipt) unless the chair placed it.
  absl::Status UpdateSpeaker(absl::string_view delegation,
                             const Speaker& speaker,
                             const std::string& on_behalf_of);

  // Takes a waiting entry off the list (the delegation's own request).
  absl::Status Withdraw(absl::string_view delegation);
  // Takes a waiting entry off the list (the chair's decision); it may be
  // reinstated.
  absl::Status Remove(absl::string_view delegation);
  // Puts back the last entry of `delegation` the chair took off (Remove,
  // or MarkAbsent dropping it) where it stood (its index then, or last
  // when the list is shorter now; first for a speaker who had the floor),
  // with its receipt, speaker and limit, as placed by the chair (see
  // PutBack); that entry can be reinstated only once. Returns the entry and
  // its place (1 = next). FAILED_PRECONDITION when the chair took no entry
  // of `delegation` off this list (or it was reinstated already);
  // ALREADY_EXISTS when the delegation is on the list again.
  absl::StatusOr<std::pair<Entry, int>> Reinstate(absl::string_view delegation);

  // The result of CallNext.
  struct Call {
    std::optional<SpokenEntry> finished;  // the speaker who was done
    std::optional<Entry> called;          // the speaker who now has the floor
  };
  // The current speaker (if any) is done, with the time the clock ran; the
  // first waiting entry gets the floor with a ready clock. When
  // `expected_current` is set it must name who has the floor now ("" for
  // nobody) or the call is refused, so that a double click or a second
  // console never advances twice. FAILED_PRECONDITION when nobody is
  // speaking or waiting.
  absl::StatusOr<Call> CallNext(
      absl::Time now, std::optional<absl::string_view> expected_current);
  // The current speaker is done, with the time the clock ran, and nobody
  // has the floor. FAILED_PRECONDITION when nobody is speaking.
  absl::StatusOr<SpokenEntry> EndStatement(absl::Time now);

  // The result of UndoNext.
  struct Undone {
    std::optional<Entry> returned;        // the one called, back in line
    size_t index = 0;                     // where `returned` stands (0 = next)
    std::optional<SpokenEntry> restored;  // the statement taken back
  };
  // Undoes the last CallNext while the speaker it called still has the
  // floor (or, when it called nobody, while the floor is still empty). The
  // speaker it finished has the floor again with the time used as at the
  // call and the clock in the state it was in (a clock that was running
  // runs again from `now`, or stays paused unless `clock_may_run`), and that
  // statement is no longer among spoken(); the one called is back in line
  // with its receipt (first if the chair had placed it, else in its tier's
  // place), and the time its clock ran is not counted. FAILED_PRECONDITION
  // when there is no call to undo (none yet, or the floor changed since: a
  // statement ended, the speaker was marked absent, a former speaker was
  // put back) or when the previous speaker is on the list again.
  absl::StatusOr<Undone> UndoNext(absl::Time now, bool clock_may_run);
  // Whether UndoNext has a call to undo.
  bool can_undo_next() const { return last_call_.has_value(); }

  // The delegation is absent when called (current) or found absent
  // (waiting): moved to the end of its tier or dropped, per the settings.
  // Returns what was done.
  absl::StatusOr<AbsentAction> MarkAbsent(absl::string_view delegation);

  // Moves a waiting entry to `position` (1 = next). INVALID_ARGUMENT when
  // there is no such position.
  absl::Status Move(absl::string_view delegation, int position);
  // Exchanges the places of two waiting entries.
  absl::Status Swap(absl::string_view first, absl::string_view second);
  // Puts a former entry (one from spoken(), say) back on the list at
  // `position` (1 = next), as placed by the chair: same delegation, speaker
  // and receipt, a new id, the tier of the current policy. Returns the new
  // entry. ALREADY_EXISTS when the delegation is speaking or waiting,
  // INVALID_ARGUMENT when there is no such position.
  absl::StatusOr<Entry> PutBack(const Entry& former, int position);
  // Sets (or, with nullopt, clears) the limit of one waiting or current
  // entry; the current speaker's clock follows.
  absl::Status SetTimeLimit(absl::string_view delegation,
                            std::optional<absl::Duration> limit);

  // The current speaker's clock. FAILED_PRECONDITION when nobody has the
  // floor or the clock is in the wrong state.
  absl::Status StartTimer(absl::Time now);
  absl::Status PauseTimer(absl::Time now);
  absl::Status ResumeTimer(absl::Time now);
  absl::Status ResetTimer();
  absl::Status AddTime(absl::Duration delta);

  // The chair opens (or reopens) / closes the list for inscriptions. The
  // chair's decision overrides the schedule from then on: a list opened by
  // the chair stays open past its scheduled close, one closed by the chair
  // does not open on schedule. FAILED_PRECONDITION when the chair already
  // did the same.
  absl::Status Open(absl::Time now);
  absl::Status Close(absl::Time now);
  // Replaces the settings; a new policy re-tiers every entry (entries the
  // chair placed keep their places).
  absl::Status Configure(const ListSettings& settings);

  // Queries.
  const std::string& item() const { return item_; }
  const std::string& label() const { return label_; }
  bool is_reply_list() const { return reply_list_; }
  const ListSettings& settings() const { return settings_; }
  ListStatus Status(absl::Time now) const;
  ManualState manual_state() const { return manual_state_; }
  absl::Time manual_at() const { return manual_at_; }
  const std::vector<Entry>& waiting() const { return waiting_; }
  const std::optional<CurrentSpeaker>& current() const { return current_; }
  const std::vector<SpokenEntry>& spoken() const { return spoken_; }
  uint64_t next_receipt() const { return next_receipt_; }
  // The limit that applies to an entry: its own; else, for a statement on
  // behalf of a group, the groups' time; for an observer, the observers'
  // time; else the list's speaking time.
  absl::Duration LimitOf(const Entry& entry) const;
  // NOT_FOUND when the delegation is neither speaking nor waiting.
  absl::StatusOr<Expectation> ExpectationOf(absl::string_view delegation,
                                            absl::Time now) const;
  // Expected waits of every waiting entry, in order.
  std::vector<absl::Duration> ExpectedWaits(absl::Time now) const;
  // Replies the delegation has made or requested on `item` (reply list).
  int RepliesOn(absl::string_view delegation, absl::string_view item) const;
  // Time the delegation's speakers have used on this list.
  absl::Duration TimeUsedBy(absl::string_view delegation) const;
  // FAILED_PRECONDITION unless inscriptions are accepted at `now`; the
  // message names the window in local time.
  absl::Status CheckAccepting(absl::Time now) const;

  // What the mutating calls since the last TakeChanges() changed, and a
  // fresh start (Meeting::Apply collects them per command).
  ListChanges TakeChanges();
  bool changed() const { return !changes_.empty(); }

  // Internal consistency, for tests: a delegation at most once among the
  // active entries, unplaced entries in (tier, receipt) order, tiers that
  // match the policy, unique ids and receipts. INTERNAL on a violation.
  absl::Status CheckInvariants() const;

 private:
  // Index of a waiting entry, or nullopt.
  std::optional<size_t> FindWaiting(absl::string_view delegation) const;
  // Index of the delegation's waiting entry that would stand beside a new
  // one as a second active entry (on a reply list: one on the same item),
  // or nullopt.
  std::optional<size_t> FindSameWaiting(absl::string_view delegation,
                                        absl::string_view reply_item) const;
  bool IsCurrent(absl::string_view delegation) const;
  // NOT_FOUND / FAILED_PRECONDITION unless the delegation is waiting.
  absl::StatusOr<size_t> RequireWaiting(absl::string_view delegation) const;
  absl::Status RequireCurrent() const;
  // INVALID_ARGUMENT: `position` is not a place on the list.
  absl::Status NoSuchPosition(int position) const;
  // Where an unplaced entry with this key belongs.
  size_t InsertionIndex(int tier, uint64_t receipt) const;
  // Where an entry goes to be last of its tier.
  size_t EndOfTierIndex(int tier) const;
  int TierOf(const Entry& entry) const;
  // Re-sorts the unplaced entries in the slots they occupy.
  void SortUnplaced();

  // Ends the current statement (which must exist) and returns it.
  SpokenEntry Finish(absl::Time now);
  // The last call can no longer be undone.
  void ForgetCall();

  // Journal helpers (changes_).
  void Record(WaitingOp::Kind kind, uint64_t id, size_t index = 0,
              bool placed_by_chair = false);

  // "Austria", or the code when the session does not know it.
  std::string NameOf(absl::string_view delegation) const;

  const Session* session_;
  std::string item_;
  std::string label_;
  ListSettings settings_;
  bool reply_list_;
  ManualState manual_state_ = ManualState::kScheduled;
  absl::Time manual_at_ = absl::InfinitePast();
  uint64_t next_receipt_ = 1;
  uint64_t next_entry_id_ = 1;
  std::vector<Entry> waiting_;
  std::optional<CurrentSpeaker> current_;
  std::vector<SpokenEntry> spoken_;
  // What UndoNext needs of the last CallNext: the speaker it finished, if
  // any, with the clock stopped at the call, and whether it was running.
  struct LastCall {
    std::optional<CurrentSpeaker> previous;
    bool previous_running = false;
  };
  std::optional<LastCall> last_call_;
  // The entries the chair took off, the latest of each delegation last,
  // with the index each stood at (Reinstate).
  struct TakenOff {
    Entry entry;
    size_t index = 0;
  };
  std::vector<TakenOff> taken_off_;
  // Remembers `entry`, taken off from `index`, for Reinstate.
  void KeepTakenOff(const Entry& entry, size_t index);
  ListChanges changes_;  // since the last TakeChanges()
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_SPEAKERS_LIST_H_
