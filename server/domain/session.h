#ifndef SPEAKERS_SERVER_DOMAIN_SESSION_H_
#define SPEAKERS_SERVER_DOMAIN_SESSION_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/domain/delegation.h"
#include "server/domain/list_settings.h"

namespace speakers {

// Errors from Session::Create carry the path of the offending field
// ("delegations[12].code") under this payload key, so that a loader can point
// at the line of the file the field came from.
inline constexpr absl::string_view kFieldPathPayload = "speakers/field-path";

// INVALID_ARGUMENT "path: message" carrying `path` under kFieldPathPayload.
absl::Status InvalidField(absl::string_view path, absl::string_view message);

// Names in the session's other languages, by language code ("fr"); the
// English one is the struct's own name or title.
using LocalizedNames = std::map<std::string, std::string, std::less<>>;

struct AgendaItem {
  std::string id;     // "1 (f)"
  std::string title;  // English
  LocalizedNames titles = {};
};

// A slot of the organization of work.
struct MeetingSlot {
  absl::Time start;
  absl::Time end;
  std::vector<std::string> items;
  std::string note;
};

// A meeting that runs beside the others (plenary, expert meeting, ...).
struct MeetingConfig {
  std::string id;    // "plenary"
  std::string name;  // English
  std::vector<AgendaItem> agenda;
  std::vector<MeetingSlot> slots;
  // Delegations may put a question to the current speaker (parliaments),
  // by the mechanism of points of order.
  bool questions = false;
  LocalizedNames names = {};

  // The agenda item with this id, or nullptr.
  const AgendaItem* FindItem(absl::string_view item_id) const;
};

// Right of reply: at most max_per_item per delegation per item; the n-th
// reply is limited to limits[n-1].
struct ReplyRules {
  int max_per_item = 2;
  std::vector<absl::Duration> limits = {absl::Minutes(10), absl::Minutes(5)};
  // Who may reply: States (parties and observers) by default.
  std::vector<Category> categories = {
      Category::kStateParty, Category::kSignatory, Category::kNonSignatory};

  bool Allows(Category category) const {
    for (Category c : categories) {
      if (c == category) return true;
    }
    return false;
  }
};

// Points of order: who may raise one, and how long the raiser may speak.
struct PointRules {
  // States parties by default.
  std::vector<Category> categories = {Category::kStateParty};
  // The raiser's limit; none by default (the chair ends the point).
  std::optional<absl::Duration> time_limit;

  bool Allows(Category category) const {
    for (Category c : categories) {
      if (c == category) return true;
    }
    return false;
  }
};

// Settings of one (meeting, item) list that differ from the defaults.
struct ListConfig {
  std::string meeting;
  std::string item;
  ListSettings settings;
};

// Plain data as a loader fills it; Session::Create validates it.
struct SessionConfig {
  std::string name;  // English
  LocalizedNames names = {};
  std::string short_name;
  std::string venue;
  std::string time_zone = "UTC";  // IANA name
  std::vector<std::string> languages = {"en"};
  ListSettings list_defaults;
  ReplyRules reply;
  PointRules points;
  std::vector<MeetingConfig> meetings;
  std::vector<ListConfig> lists;
  std::vector<Delegation> delegations;
  bool watch_requires_token = false;
};

// The validated, immutable description of a conference session.
class Session {
 public:
  // Validates `config`: a name, a known IANA zone, at least one meeting,
  // unique meeting/item/delegation ids of the allowed form, English names,
  // slots that end after they start and name agenda items, list settings
  // in range and naming existing (meeting, item) pairs, reply rules with one
  // limit per allowed reply. INVALID_ARGUMENT with the field path payload.
  static absl::StatusOr<Session> Create(SessionConfig config);

  const SessionConfig& config() const { return config_; }
  const absl::TimeZone& zone() const { return zone_; }

  // nullptr when unknown.
  const Delegation* FindDelegation(absl::string_view code) const;
  // The delegation whose code is `code` in any case ("aut", "Aut": AUT;
  // no two codes differ only in case), or nullptr. Requests are read with
  // it; the state keeps the session's own spelling.
  const Delegation* FindDelegationAnyCase(absl::string_view code) const;
  const MeetingConfig* FindMeeting(absl::string_view id) const;

  // The settings of the list for (meeting, item): its ListConfig if any,
  // the defaults otherwise.
  const ListSettings& SettingsFor(absl::string_view meeting,
                                  absl::string_view item) const;

  // "12:00 on 6 November 2017, Vienna time".
  std::string FormatTime(absl::Time t) const;

 private:
  explicit Session(SessionConfig config, absl::TimeZone zone);

  SessionConfig config_;
  absl::TimeZone zone_;
  absl::flat_hash_map<std::string, size_t> delegation_index_;
  // By the code in upper case.
  absl::flat_hash_map<std::string, size_t> folded_index_;
};

// True for ids of the form used in commands and URLs: 1-64 characters of
// letters, digits, '-', '_', '.', space, '(' and ')'.
bool IsValidId(absl::string_view id);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_DOMAIN_SESSION_H_
