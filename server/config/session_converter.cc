#include "server/config/session_converter.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "text/time_text.h"

namespace speakers {
namespace {

// Reads the file's values, remembering the zone for local times.
class Converter {
 public:
  absl::StatusOr<SessionConfig> Convert(const v1::SessionFile& file) {
    SessionConfig config;
    config.name = file.name();
    config.short_name = file.short_name();
    config.venue = file.venue();
    if (!file.time_zone().empty()) config.time_zone = file.time_zone();
    if (!absl::LoadTimeZone(config.time_zone, &zone_)) {
      return InvalidField(
          "time_zone",
          absl::StrCat("unknown time zone \"", config.time_zone,
                       "\"; use an IANA name such as \"Europe/Vienna\""));
    }
    if (file.languages_size() > 0) {
      config.languages.assign(file.languages().begin(), file.languages().end());
    }
    languages_ = &config.languages;
    if (absl::Status s =
            Names(file.names(), "names", "the session's name", config.names);
        !s.ok())
      return s;
    config.watch_requires_token = file.watch_requires_token();
    if (absl::Status s = Defaults(file.list_defaults(), config.list_defaults);
        !s.ok())
      return s;
    if (file.has_reply()) {
      const v1::ReplyRules& reply = file.reply();
      if (reply.max_per_item() != 0)
        config.reply.max_per_item = reply.max_per_item();
      if (reply.limits_size() > 0) {
        config.reply.limits.clear();
        for (int i = 0; i < reply.limits_size(); ++i) {
          absl::StatusOr<absl::Duration> d =
              Clock(reply.limits(i), absl::StrCat("reply.limits[", i, "]"));
          if (!d.ok()) return d.status();
          config.reply.limits.push_back(*d);
        }
      }
      if (absl::Status st = Categories(reply.categories(), "reply.categories",
                                       config.reply.categories);
          !st.ok()) {
        return st;
      }
    }
    if (file.has_points()) {
      const v1::PointRules& points = file.points();
      if (absl::Status st = Categories(points.categories(), "points.categories",
                                       config.points.categories);
          !st.ok()) {
        return st;
      }
      if (!points.time_limit().empty()) {
        absl::StatusOr<absl::Duration> d =
            Clock(points.time_limit(), "points.time_limit");
        if (!d.ok()) return d.status();
        config.points.time_limit = *d;
      }
    }
    for (int i = 0; i < file.meetings_size(); ++i) {
      absl::StatusOr<MeetingConfig> m =
          Meeting(file.meetings(i), absl::StrCat("meetings[", i, "]"));
      if (!m.ok()) return m.status();
      config.meetings.push_back(*std::move(m));
    }
    for (int i = 0; i < file.lists_size(); ++i) {
      const v1::ListDef& def = file.lists(i);
      const std::string path = absl::StrCat("lists[", i, "]");
      ListConfig list{def.meeting(), def.item(), config.list_defaults};
      ListSettings& s = list.settings;
      if (!def.opens_at().empty()) {
        absl::StatusOr<absl::Time> t =
            Local(def.opens_at(), path + ".opens_at");
        if (!t.ok()) return t.status();
        s.opens_at = *t;
      }
      if (!def.closes_at().empty()) {
        absl::StatusOr<absl::Time> t =
            Local(def.closes_at(), path + ".closes_at");
        if (!t.ok()) return t.status();
        s.closes_at = *t;
      }
      if (absl::Status st =
              Durations(def.speaking_time(), def.warning(), path, s);
          !st.ok()) {
        return st;
      }
      if (absl::Status st =
              Limits(def.observer_time(), def.group_time(), path, s);
          !st.ok()) {
        return st;
      }
      if (def.policy() != v1::PRIORITY_POLICY_UNSPECIFIED)
        s.policy.kind = Policy(def.policy());
      if (def.has_groups_first()) s.policy.groups_first = def.groups_first();
      if (def.absent() != v1::ABSENT_ACTION_UNSPECIFIED)
        s.absent = Absent(def.absent());
      config.lists.push_back(std::move(list));
    }
    for (int i = 0; i < file.delegations_size(); ++i) {
      const v1::DelegationDef& def = file.delegations(i);
      const std::string path = absl::StrCat("delegations[", i, "]");
      Delegation d;
      d.code = def.code();
      d.regional_group = def.regional_group();
      const std::optional<Category> category = CategoryOf(def.category());
      if (!category) {
        return InvalidField(
            path + ".code",
            absl::StrCat("delegation \"", def.code(),
                         "\" needs a category (STATE_PARTY, SIGNATORY_STATE, "
                         "NON_SIGNATORY_STATE, INTERGOVERNMENTAL, "
                         "NON_GOVERNMENTAL)"));
      }
      d.category = *category;
      for (int k = 0; k < def.name_size(); ++k) {
        if (!d.names.emplace(def.name(k).lang(), def.name(k).text()).second) {
          return InvalidField(
              absl::StrCat(path, ".name[", k, "]"),
              absl::StrCat("a second name in \"", def.name(k).lang(), "\""));
        }
      }
      config.delegations.push_back(std::move(d));
    }
    return config;
  }

 private:
  absl::StatusOr<absl::Time> Local(const std::string& text,
                                   const std::string& path) const {
    absl::Time t;
    std::string error;
    // Local time of the session's zone, or an RFC 3339 instant.
    if (absl::ParseTime("%Y-%m-%d %H:%M", text, zone_, &t, &error) ||
        (text.find('T') != std::string::npos &&
         absl::ParseTime(absl::RFC3339_full, text, &t, &error))) {
      return t;
    }
    return InvalidField(
        path, absl::StrCat("\"", text,
                           "\" is not a time; write a local time "
                           "\"YYYY-MM-DD HH:MM\" (e.g. \"2017-11-06 12:00\") "
                           "or an RFC 3339 instant (e.g. "
                           "\"2017-11-06T12:00:30+01:00\")"));
  }

  static absl::StatusOr<absl::Duration> Clock(const std::string& text,
                                              const std::string& path) {
    absl::StatusOr<absl::Duration> d = ParseClock(text);
    if (!d.ok()) return InvalidField(path, d.status().message());
    return d;
  }

  static absl::Status Durations(const std::string& speaking_time,
                                const std::string& warning,
                                const std::string& path, ListSettings& s) {
    if (!speaking_time.empty()) {
      absl::StatusOr<absl::Duration> d =
          Clock(speaking_time, path + ".speaking_time");
      if (!d.ok()) return d.status();
      s.speaking_time = *d;
    }
    if (!warning.empty()) {
      absl::StatusOr<absl::Duration> d = Clock(warning, path + ".warning");
      if (!d.ok()) return d.status();
      s.warning = *d;
    }
    return absl::OkStatus();
  }

  // The observers' and groups' times, "M:SS" where given.
  static absl::Status Limits(const std::string& observer,
                             const std::string& group, const std::string& path,
                             ListSettings& s) {
    if (!observer.empty()) {
      absl::StatusOr<absl::Duration> d =
          Clock(observer, path + ".observer_time");
      if (!d.ok()) return d.status();
      s.observer_time = *d;
    }
    if (!group.empty()) {
      absl::StatusOr<absl::Duration> d = Clock(group, path + ".group_time");
      if (!d.ok()) return d.status();
      s.group_time = *d;
    }
    return absl::OkStatus();
  }

  static absl::Status Defaults(const v1::ListDefaults& def, ListSettings& s) {
    if (absl::Status st =
            Durations(def.speaking_time(), def.warning(), "list_defaults", s);
        !st.ok()) {
      return st;
    }
    if (absl::Status st =
            Limits(def.observer_time(), def.group_time(), "list_defaults", s);
        !st.ok()) {
      return st;
    }
    if (def.policy() != v1::PRIORITY_POLICY_UNSPECIFIED)
      s.policy.kind = Policy(def.policy());
    s.policy.groups_first = def.groups_first();
    if (def.absent() != v1::ABSENT_ACTION_UNSPECIFIED)
      s.absent = Absent(def.absent());
    return absl::OkStatus();
  }

  // nullopt for unset, or a number outside the enum.
  static std::optional<Category> CategoryOf(v1::DelegationCategory c) {
    switch (c) {
      case v1::STATE_PARTY:
        return Category::kStateParty;
      case v1::SIGNATORY_STATE:
        return Category::kSignatory;
      case v1::NON_SIGNATORY_STATE:
        return Category::kNonSignatory;
      case v1::INTERGOVERNMENTAL:
        return Category::kIntergovernmental;
      case v1::NON_GOVERNMENTAL:
        return Category::kNonGovernmental;
      default:
        return std::nullopt;
    }
  }

  static PolicyKind Policy(v1::PriorityPolicy p) {
    switch (p) {
      case v1::PROTOCOL:
        return PolicyKind::kProtocol;
      case v1::CATEGORY_ONLY:
        return PolicyKind::kCategoryOnly;
      case v1::STATES_PARTIES_FIRST:
        return PolicyKind::kStatesPartiesFirst;
      default:
        return PolicyKind::kMinisterialFirst;
    }
  }

  static AbsentAction Absent(v1::AbsentAction a) {
    return a == v1::DROP ? AbsentAction::kDrop : AbsentAction::kMoveToEndOfTier;
  }

  // A list of categories (kept as it is when the file gives none).
  static absl::Status Categories(
      const google::protobuf::RepeatedField<int>& file, absl::string_view path,
      std::vector<Category>& out) {
    if (file.empty()) return absl::OkStatus();
    out.clear();
    for (int i = 0; i < file.size(); ++i) {
      const std::optional<Category> c =
          CategoryOf(static_cast<v1::DelegationCategory>(file[i]));
      if (!c) {
        return InvalidField(
            absl::StrCat(path, "[", i, "]"),
            "name a category: STATE_PARTY, SIGNATORY_STATE, "
            "NON_SIGNATORY_STATE, INTERGOVERNMENTAL or NON_GOVERNMENTAL");
      }
      out.push_back(*c);
    }
    return absl::OkStatus();
  }

  // The names of one thing (`what`: "meeting \"plenary\"") in the
  // session's languages other than English: each language once, one of
  // the session's, with a text.
  absl::Status Names(
      const google::protobuf::RepeatedPtrField<v1::LocalizedName>& file,
      const std::string& path, const std::string& what,
      LocalizedNames& out) const {
    for (int i = 0; i < file.size(); ++i) {
      const v1::LocalizedName& name = file[i];
      const std::string at = absl::StrCat(path, "[", i, "]");
      if (std::find(languages_->begin(), languages_->end(), name.lang()) ==
          languages_->end()) {
        return InvalidField(
            at + ".lang",
            absl::StrCat(what, ": \"", name.lang(),
                         "\" is not one of the session's languages (",
                         absl::StrJoin(*languages_, ", "), ")"));
      }
      if (name.lang() == "en") {
        return InvalidField(
            at + ".lang",
            absl::StrCat(what, ": the English name is the field itself; ",
                         "give only the other languages here"));
      }
      if (absl::StripAsciiWhitespace(name.text()).empty()) {
        return InvalidField(
            at + ".text",
            absl::StrCat(what, ": the name in \"", name.lang(), "\" is empty"));
      }
      if (!out.emplace(name.lang(), name.text()).second) {
        return InvalidField(
            at + ".lang",
            absl::StrCat(what, ": a second name in \"", name.lang(), "\""));
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<MeetingConfig> Meeting(const v1::MeetingDef& def,
                                        const std::string& path) {
    MeetingConfig m;
    m.id = def.id();
    m.name = def.name();
    m.questions = def.questions();
    if (absl::Status s =
            Names(def.names(), path + ".names",
                  absl::StrCat("meeting \"", def.id(), "\""), m.names);
        !s.ok())
      return s;
    for (int i = 0; i < def.agenda_size(); ++i) {
      const v1::AgendaItemDef& item = def.agenda(i);
      AgendaItem a{item.id(), item.title()};
      if (absl::Status s = Names(item.titles(),
                                 absl::StrCat(path, ".agenda[", i, "].titles"),
                                 absl::StrCat("meeting \"", def.id(),
                                              "\", item \"", item.id(), "\""),
                                 a.titles);
          !s.ok())
        return s;
      m.agenda.push_back(std::move(a));
    }
    for (int i = 0; i < def.slots_size(); ++i) {
      const v1::SlotDef& slot = def.slots(i);
      const std::string slot_path = absl::StrCat(path, ".slots[", i, "]");
      absl::StatusOr<absl::Time> start =
          Local(slot.start(), slot_path + ".start");
      if (!start.ok()) return start.status();
      absl::StatusOr<absl::Time> end = Local(slot.end(), slot_path + ".end");
      if (!end.ok()) return end.status();
      m.slots.push_back({*start,
                         *end,
                         {slot.items().begin(), slot.items().end()},
                         slot.note()});
    }
    return m;
  }

  absl::TimeZone zone_;
  // The session's languages (config.languages) once read.
  const std::vector<std::string>* languages_ = nullptr;
};

}  // namespace

absl::StatusOr<Session> SessionFromProto(const v1::SessionFile& file) {
  Converter converter;
  absl::StatusOr<SessionConfig> config = converter.Convert(file);
  if (!config.ok()) return config.status();
  return Session::Create(*std::move(config));
}

}  // namespace speakers
