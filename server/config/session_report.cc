#include "server/config/session_report.h"

#include <array>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "text/time_text.h"

namespace speakers {
namespace {

std::string Plural(size_t n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

std::string DescribeList(const Session& session, const SpeakersList& list,
                         absl::Time now) {
  const ListSettings& s = list.settings();
  std::vector<std::string> parts;
  if (s.opens_at)
    parts.push_back(absl::StrCat("opens at ", session.FormatTime(*s.opens_at)));
  if (s.closes_at)
    parts.push_back(
        absl::StrCat("closes at ", session.FormatTime(*s.closes_at)));
  parts.push_back(absl::StrCat(FormatClock(s.speaking_time),
                               " per statement, warning at ",
                               FormatClock(s.warning)));
  parts.push_back(std::string(PolicyKindName(s.policy.kind)));
  parts.push_back(absl::StrCat(
      "now ", ListStatusName(list.Status(now)), ", ",
      Plural(list.waiting().size(), "speaker", "speakers"), " waiting"));
  return absl::StrJoin(parts, "; ");
}

}  // namespace

std::string SessionReport(const Engine& engine) {
  const Session& session = engine.session();
  const SessionConfig& c = session.config();
  const absl::Time now = engine.clock().Now();
  std::string out =
      absl::StrCat(c.name, " (", c.short_name, ")\n", c.venue, "; times are ",
                   ZoneLabel(c.time_zone), " time (", c.time_zone, ")\n",
                   "Now: ", session.FormatTime(now), "\n");
  std::array<size_t, kCategoryCount> counts{};
  for (const Delegation& d : c.delegations)
    ++counts[static_cast<int>(d.category)];
  static constexpr std::array<absl::string_view, kCategoryCount> kPlural = {
      "States parties", "signatory States", "non-signatory States",
      "intergovernmental organizations", "non-governmental organizations"};
  std::vector<std::string> by_category;
  for (int i = 0; i < kCategoryCount; ++i) {
    by_category.push_back(absl::StrCat(counts[i], " ", kPlural[i]));
  }
  absl::StrAppend(&out, "Delegations: ", c.delegations.size(), " (",
                  absl::StrJoin(by_category, ", "), ")\n", "Meetings:\n");
  for (const Meeting* m : engine.meetings()) {
    const MeetingConfig& mc = m->config();
    absl::StrAppend(&out, "  ", mc.id, ": ", mc.name, "\n    ",
                    MeetingStateName(m->state()), ", version ", m->version(),
                    ", current item ", m->current_item(), "; ",
                    Plural(mc.agenda.size(), "agenda item", "agenda items"),
                    ", ", Plural(mc.slots.size(), "slot", "slots"));
    if (!mc.slots.empty()) {
      absl::StrAppend(&out, " from ",
                      session.FormatTime(mc.slots.front().start), " to ",
                      session.FormatTime(mc.slots.back().end));
    }
    absl::StrAppend(&out, "\n");
    // What the pages show in English in another of the session's
    // languages, for want of a name or title in it.
    std::vector<std::string> untranslated;
    for (const std::string& lang : c.languages) {
      if (lang == "en") continue;
      std::vector<std::string> missing;
      if (!mc.names.contains(lang)) missing.push_back("the name");
      std::vector<std::string> items;
      for (const AgendaItem& item : mc.agenda) {
        if (!item.titles.contains(lang)) items.push_back(item.id);
      }
      if (!items.empty()) {
        missing.push_back(absl::StrCat(items.size() == 1 ? "item " : "items ",
                                       absl::StrJoin(items, ", ")));
      }
      if (!missing.empty()) {
        untranslated.push_back(
            absl::StrCat(lang, ": ", absl::StrJoin(missing, ", ")));
      }
    }
    if (!untranslated.empty()) {
      absl::StrAppend(&out, "    shown in English for want of a translation: ",
                      absl::StrJoin(untranslated, "; "), "\n");
    }
  }
  absl::StrAppend(&out, "Lists with a schedule:\n");
  for (const ListConfig& list : c.lists) {
    absl::StatusOr<const Meeting*> m = engine.FindMeeting(list.meeting);
    if (!m.ok()) continue;
    absl::StatusOr<const SpeakersList*> l = (*m)->FindList(list.item);
    if (!l.ok()) continue;
    absl::StrAppend(&out, "  ", list.meeting, " item ", list.item, " (",
                    (*m)->config().FindItem(list.item)->title,
                    "): ", DescribeList(session, **l, now), "\n");
  }
  return out;
}

}  // namespace speakers
