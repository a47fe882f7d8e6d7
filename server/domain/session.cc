#include "server/domain/session.h"

#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "server/domain/speakers_list.h"
#include "text/time_text.h"

namespace speakers {
namespace {

absl::Status FieldError(absl::string_view path, absl::string_view message) {
  return InvalidField(path, message);
}

std::string Index(absl::string_view field, size_t i) {
  return absl::StrCat(field, "[", i, "]");
}

bool IsValidCode(absl::string_view code) {
  if (code.empty() || code.size() > 16) return false;
  for (char c : code) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-'))
      return false;
  }
  return true;
}

absl::Status ValidateMeeting(const MeetingConfig& meeting,
                             const std::string& path) {
  if (!IsValidId(meeting.id) || meeting.id.find(' ') != std::string::npos) {
    return FieldError(
        path + ".id",
        absl::StrCat(
            "meeting id \"", meeting.id,
            "\" must be 1-64 letters, digits, '-', '_', '.', '(' or ')'"));
  }
  if (meeting.name.empty())
    return FieldError(path + ".name", "the meeting needs a name");
  if (meeting.agenda.empty()) {
    return FieldError(path + ".agenda",
                      "the meeting needs at least one agenda item");
  }
  std::set<std::string, std::less<>> items;
  for (size_t i = 0; i < meeting.agenda.size(); ++i) {
    const AgendaItem& item = meeting.agenda[i];
    const std::string item_path = absl::StrCat(path, ".", Index("agenda", i));
    if (!IsValidId(item.id) || item.id == kReplyListItem) {
      return FieldError(item_path + ".id",
                        absl::StrCat("agenda item id \"", item.id,
                                     "\" must be 1-64 letters, digits, spaces, "
                                     "'(', ')', '-', '_' or '.', and not \"",
                                     kReplyListItem, "\""));
    }
    if (!items.insert(item.id).second) {
      return FieldError(
          item_path + ".id",
          absl::StrCat("agenda item \"", item.id, "\" appears twice"));
    }
    if (item.title.empty())
      return FieldError(item_path + ".title", "the item needs a title");
  }
  for (size_t i = 0; i < meeting.slots.size(); ++i) {
    const MeetingSlot& slot = meeting.slots[i];
    const std::string slot_path = absl::StrCat(path, ".", Index("slots", i));
    if (slot.end <= slot.start) {
      return FieldError(slot_path + ".end",
                        "the slot must end after it starts");
    }
    for (size_t j = 0; j < slot.items.size(); ++j) {
      if (!items.contains(slot.items[j])) {
        return FieldError(absl::StrCat(slot_path, ".", Index("items", j)),
                          absl::StrCat("no agenda item \"", slot.items[j],
                                       "\" in meeting \"", meeting.id, "\""));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status InvalidField(absl::string_view path, absl::string_view message) {
  absl::Status status =
      absl::InvalidArgumentError(absl::StrCat(path, ": ", message));
  status.SetPayload(kFieldPathPayload, absl::Cord(path));
  return status;
}

bool IsValidId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
          c == '.' || c == ' ' || c == '(' || c == ')')) {
      return false;
    }
  }
  return id.front() != ' ' && id.back() != ' ';
}

const AgendaItem* MeetingConfig::FindItem(absl::string_view item_id) const {
  for (const AgendaItem& item : agenda) {
    if (item.id == item_id) return &item;
  }
  return nullptr;
}

Session::Session(SessionConfig config, absl::TimeZone zone)
    : config_(std::move(config)), zone_(zone) {
  for (size_t i = 0; i < config_.delegations.size(); ++i) {
    delegation_index_.emplace(config_.delegations[i].code, i);
    folded_index_.emplace(absl::AsciiStrToUpper(config_.delegations[i].code),
                          i);
  }
}

absl::StatusOr<Session> Session::Create(SessionConfig config) {
  if (config.name.empty())
    return FieldError("name", "the session needs a name");
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(config.time_zone, &zone)) {
    return FieldError(
        "time_zone",
        absl::StrCat("unknown time zone \"", config.time_zone,
                     "\"; use an IANA name such as \"Europe/Vienna\""));
  }
  if (config.languages.empty()) {
    return FieldError("languages", "name at least one language, e.g. \"en\"");
  }
  if (absl::Status s = config.list_defaults.Validate(); !s.ok()) {
    return FieldError("list_defaults", s.message());
  }
  if (config.reply.max_per_item < 1 || config.reply.max_per_item > 5) {
    return FieldError("reply.max_per_item",
                      "allow between 1 and 5 replies per item");
  }
  if (config.reply.limits.size() !=
      static_cast<size_t>(config.reply.max_per_item)) {
    return FieldError("reply.limits",
                      absl::StrCat("give one limit per allowed reply (",
                                   config.reply.max_per_item, ")"));
  }
  for (size_t i = 0; i < config.reply.limits.size(); ++i) {
    if (absl::Status s =
            ValidateSpeakingTime(config.reply.limits[i], "reply limit");
        !s.ok()) {
      return FieldError(absl::StrCat("reply.", Index("limits", i)),
                        s.message());
    }
  }
  if (config.points.time_limit) {
    if (absl::Status s = ValidateSpeakingTime(*config.points.time_limit,
                                              "point of order limit");
        !s.ok()) {
      return FieldError("points.time_limit", s.message());
    }
  }
  if (config.meetings.empty())
    return FieldError("meetings", "define at least one meeting");
  std::set<std::string, std::less<>> meeting_ids;
  for (size_t i = 0; i < config.meetings.size(); ++i) {
    const std::string path = Index("meetings", i);
    if (absl::Status s = ValidateMeeting(config.meetings[i], path); !s.ok())
      return s;
    if (!meeting_ids.insert(config.meetings[i].id).second) {
      return FieldError(path + ".id",
                        absl::StrCat("meeting \"", config.meetings[i].id,
                                     "\" is defined twice"));
    }
  }
  std::set<std::pair<std::string, std::string>> list_keys;
  for (size_t i = 0; i < config.lists.size(); ++i) {
    const ListConfig& list = config.lists[i];
    const std::string path = Index("lists", i);
    const MeetingConfig* meeting = nullptr;
    for (const MeetingConfig& m : config.meetings) {
      if (m.id == list.meeting) meeting = &m;
    }
    if (meeting == nullptr) {
      return FieldError(path + ".meeting",
                        absl::StrCat("no meeting \"", list.meeting, "\""));
    }
    if (meeting->FindItem(list.item) == nullptr) {
      return FieldError(path + ".item",
                        absl::StrCat("no agenda item \"", list.item,
                                     "\" in meeting \"", list.meeting, "\""));
    }
    if (!list_keys.emplace(list.meeting, list.item).second) {
      return FieldError(
          path, absl::StrCat("the list for item ", list.item, " of meeting \"",
                             list.meeting, "\" is defined twice"));
    }
    if (absl::Status s = list.settings.Validate(); !s.ok()) {
      return FieldError(path, s.message());
    }
  }
  std::set<std::string, std::less<>> codes;
  for (size_t i = 0; i < config.delegations.size(); ++i) {
    const Delegation& d = config.delegations[i];
    const std::string path = Index("delegations", i);
    if (!IsValidCode(d.code)) {
      return FieldError(path + ".code",
                        absl::StrCat("delegation code \"", d.code,
                                     "\" must be 1-16 letters, digits or '-'"));
    }
    // Codes are read in any case ("aut" is AUT), so two may not differ
    // only in case.
    if (!codes.insert(absl::AsciiStrToUpper(d.code)).second) {
      return FieldError(
          path + ".code",
          absl::StrCat("delegation code \"", d.code,
                       "\" appears twice (codes are read in any case)"));
    }
    auto en = d.names.find("en");
    if (en == d.names.end() || en->second.empty()) {
      return FieldError(
          path + ".name",
          absl::StrCat("delegation \"", d.code, "\" needs an English name"));
    }
  }
  return Session(std::move(config), zone);
}

const Delegation* Session::FindDelegation(absl::string_view code) const {
  auto it = delegation_index_.find(code);
  return it == delegation_index_.end() ? nullptr
                                       : &config_.delegations[it->second];
}

const Delegation* Session::FindDelegationAnyCase(absl::string_view code) const {
  if (const Delegation* exact = FindDelegation(code)) return exact;
  auto it = folded_index_.find(absl::AsciiStrToUpper(code));
  return it == folded_index_.end() ? nullptr : &config_.delegations[it->second];
}

const MeetingConfig* Session::FindMeeting(absl::string_view id) const {
  for (const MeetingConfig& m : config_.meetings) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

const ListSettings& Session::SettingsFor(absl::string_view meeting,
                                         absl::string_view item) const {
  for (const ListConfig& list : config_.lists) {
    if (list.meeting == meeting && list.item == item) return list.settings;
  }
  return config_.list_defaults;
}

std::string Session::FormatTime(absl::Time t) const {
  return FormatLocalTime(t, zone_);
}

}  // namespace speakers
