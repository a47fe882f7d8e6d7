#ifndef SPEAKERS_SERVER_DOMAIN_LIST_ENTRY_H_
#define SPEAKERS_SERVER_DOMAIN_LIST_ENTRY_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/domain/delegation.h"

namespace speakers {

// Longest speaker name, title and group name accepted, in characters.
inline constexpr size_t kMaxNameChars = 120;
inline constexpr size_t kMaxTitleChars = 200;

// Who will speak for a delegation.
struct Speaker {
  std::string name;   // "H.E. Ms. Jane Doe"
  std::string title;  // "Minister of Justice"
  Rank rank = Rank::kHeadOfDelegation;

  friend bool operator==(const Speaker&, const Speaker&) = default;
};

// `text` without leading or trailing spaces and with every run of spaces
// made one: "  H.E.   Ms. Doe " -> "H.E. Ms. Doe".
std::string CollapseSpaces(absl::string_view text);

// The speaker with name and title passed through CollapseSpaces (what a
// list stores).
Speaker Normalized(const Speaker& speaker);

// INVALID_ARGUMENT when the name is empty or blank, or a text is longer than
// its limit, not valid UTF-8, or holds a control character, a line break
// or a bidirectional control (U+202A-U+202E, U+2066-U+2069); the message
// names the character.
absl::Status ValidateSpeaker(const Speaker& speaker);

// INVALID_ARGUMENT when a group name ("on behalf of ...") is too long, not
// valid UTF-8 or holds a character ValidateSpeaker refuses. Empty means a
// national statement.
absl::Status ValidateGroupName(const std::string& group);

// The acknowledgement of an inscription: the receipt decides "first come".
struct Receipt {
  uint64_t number = 0;  // 1, 2, ... per list, in order of arrival
  absl::Time at;        // server time of acceptance

  friend bool operator==(const Receipt&, const Receipt&) = default;
};

// One request for the floor.
struct Entry {
  uint64_t id = 0;  // unique within its list
  std::string delegation;
  Category category = Category::kStateParty;
  Speaker speaker;
  std::string on_behalf_of;  // group name, empty for a national statement
  Receipt receipt;
  int tier = 0;                  // from the list's policy
  bool placed_by_chair = false;  // moved, swapped, re-added or absent
  bool added_by_chair = false;   // inscribed by the chair
  std::optional<absl::Duration> time_limit;  // overrides the list default
  std::string reply_item;  // right of reply: the item replied on
  int reply_number = 0;    // right of reply: 1 for the first, ...

  friend bool operator==(const Entry&, const Entry&) = default;
};

// A statement that has been made.
struct SpokenEntry {
  Entry entry;
  absl::Time called_at;
  absl::Time finished_at;
  absl::Duration spoken;  // time the clock ran

  friend bool operator==(const SpokenEntry&, const SpokenEntry&) = default;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_LIST_ENTRY_H_
