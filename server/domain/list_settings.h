#ifndef SPEAKERS_SERVER_DOMAIN_LIST_SETTINGS_H_
#define SPEAKERS_SERVER_DOMAIN_LIST_SETTINGS_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/domain/priority_policy.h"

namespace speakers {

// What happens to a speaker who is absent when called.
enum class AbsentAction {
  kMoveToEndOfTier = 0,  // waits again, behind everyone of its tier
  kDrop = 1,             // is taken off the list
};

absl::string_view AbsentActionName(AbsentAction action);

// Bounds that keep durations sensible; anything outside is INVALID_ARGUMENT.
inline constexpr absl::Duration kMinSpeakingTime = absl::Seconds(10);
inline constexpr absl::Duration kMaxSpeakingTime = absl::Hours(2);

// The instants a list's window may name: 1 January 1970 up to (not
// including) 1 January 2200, UTC. Every accepted command must replay from
// its stored form, which keeps instants as 64-bit nanoseconds since 1970
// (they end in 2262): outside these bounds a value would be stored
// saturated and the command refused on replay.
inline constexpr absl::Time kEarliestInstant = absl::UnixEpoch();
inline constexpr absl::Time kLatestInstant = absl::FromUnixSeconds(7258118400);

// INVALID_ARGUMENT unless kEarliestInstant <= t < kLatestInstant; `what`
// names the value in the message ("the list's opening time").
absl::Status ValidateInstant(absl::Time t, absl::string_view what);

// The settings of one list of speakers.
struct ListSettings {
  // The scheduled window; nullopt means "from the start" / "no end".
  std::optional<absl::Time> opens_at;
  std::optional<absl::Time> closes_at;
  // Default statement limit; an entry may override it.
  absl::Duration speaking_time = absl::Minutes(5);
  // The limit of observers' statements (every category but States
  // parties), and of statements on behalf of a group of States (which
  // takes precedence); nullopt: speaking_time. An entry's own limit
  // overrides both.
  std::optional<absl::Duration> observer_time;
  std::optional<absl::Duration> group_time;
  // The clock turns amber when this much or less is left.
  absl::Duration warning = absl::Seconds(30);
  PriorityPolicy policy;
  AbsentAction absent = AbsentAction::kMoveToEndOfTier;

  // OK, or INVALID_ARGUMENT naming the wrong field: speaking time (or the
  // observers' or groups' time) outside [kMinSpeakingTime,
  // kMaxSpeakingTime], warning negative or not below the
  // speaking time, an opening or closing time outside [kEarliestInstant,
  // kLatestInstant), window closing before it opens.
  absl::Status Validate() const;

  friend bool operator==(const ListSettings&, const ListSettings&) = default;
};

// INVALID_ARGUMENT unless kMinSpeakingTime <= limit <= kMaxSpeakingTime.
// `what` names the value in the message ("speaking time").
absl::Status ValidateSpeakingTime(absl::Duration limit, absl::string_view what);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_LIST_SETTINGS_H_
