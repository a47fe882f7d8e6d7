#include "client/output_format.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/text_table.h"
#include "client/value_parsers.h"
#include "google/protobuf/util/json_util.h"
#include "text/time_text.h"

namespace speakers::cli {
namespace {

absl::Duration FromProto(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

std::string Clock(const google::protobuf::Duration& d) {
  return FormatClock(FromProto(d));
}

// "name, title" or "name".
std::string SpeakerText(const v1::Speaker& speaker) {
  if (speaker.title().empty()) return speaker.name();
  return absl::StrCat(speaker.name(), ", ", speaker.title());
}

std::string TimerStateLabel(v1::TimerState state) {
  switch (state) {
    case v1::TIMER_RUNNING:
      return "running";
    case v1::TIMER_PAUSED:
      return "paused";
    default:
      return "ready";
  }
}

// What sets an entry apart: chair's doing, own limit, group, reply.
std::string Notes(const v1::Entry& entry) {
  std::vector<std::string> notes;
  if (!entry.on_behalf_of().empty()) {
    notes.push_back(absl::StrCat("for ", entry.on_behalf_of()));
  }
  if (!entry.reply_item().empty()) {
    notes.push_back(absl::StrCat("reply ", entry.reply_number(), " on item ",
                                 entry.reply_item()));
  }
  if (entry.added_by_chair()) notes.push_back("added by the chair");
  if (entry.placed_by_chair()) notes.push_back("placed by the chair");
  if (entry.own_time_limit()) {
    notes.push_back(absl::StrCat("limit ", Clock(entry.time_limit())));
  }
  return absl::StrJoin(notes, "; ");
}

// The zone's abbreviation at `t`: "CET", "CEST", "UTC"; a numeric one
// ("+03") as "UTC+03".
std::string ZoneAbbreviation(const google::protobuf::Timestamp& t,
                             const absl::TimeZone& zone) {
  std::string abbreviation =
      absl::FormatTime("%Z", absl::FromUnixSeconds(t.seconds()), zone);
  if (!abbreviation.empty() &&
      (abbreviation[0] == '+' || abbreviation[0] == '-')) {
    abbreviation = absl::StrCat("UTC", abbreviation);
  }
  return abbreviation;
}

}  // namespace

absl::StatusOr<std::string> ToJsonLine(
    const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string json;
  auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("cannot print the reply as JSON: ", status.ToString()));
  }
  return json;
}

std::string TextFormatter::LocalTime(
    const google::protobuf::Timestamp& t) const {
  if (t.seconds() == 0 && t.nanos() == 0) return "-";
  return absl::FormatTime("%H:%M:%S", absl::FromUnixSeconds(t.seconds()),
                          zone_);
}

std::string TextFormatter::ReceiptTime(
    const google::protobuf::Timestamp& t) const {
  if (t.seconds() == 0 && t.nanos() == 0) return "-";
  return absl::StrCat(DateTime(t), " ", ZoneAbbreviation(t, zone_));
}

std::string TextFormatter::DateTime(
    const google::protobuf::Timestamp& t) const {
  if (t.seconds() == 0 && t.nanos() == 0) return "-";
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr",
                                            "May", "Jun", "Jul", "Aug",
                                            "Sep", "Oct", "Nov", "Dec"};
  const absl::CivilSecond cs =
      absl::ToCivilSecond(absl::FromUnixSeconds(t.seconds()), zone_);
  return absl::StrFormat("%d %s %d %02d:%02d:%02d", cs.day(),
                         kMonths[cs.month() - 1], cs.year(), cs.hour(),
                         cs.minute(), cs.second());
}

std::string TextFormatter::Session(const v1::SessionInfo& session) const {
  std::string out = session.name();
  if (!session.short_name().empty())
    absl::StrAppend(&out, " (", session.short_name(), ")");
  absl::StrAppend(&out, "\n");
  TextTable facts({});
  if (!session.venue().empty()) facts.AddRow({"Venue:", session.venue()});
  facts.AddRow({"Time zone:", session.time_zone()});
  facts.AddRow({"Delegations:", absl::StrCat(session.delegations_size())});
  facts.AddRow({"Meetings:", absl::StrCat(session.meetings_size())});
  absl::StrAppend(&out, facts.Render(), "\n");
  TextTable meetings({"Meeting", "Name", "Agenda items"});
  for (const v1::MeetingInfo& meeting : session.meetings()) {
    meetings.AddRow(
        {meeting.id(), meeting.name(), absl::StrCat(meeting.agenda_size())});
  }
  absl::StrAppend(&out, meetings.Render());
  return out;
}

std::string TextFormatter::Meeting(const v1::MeetingSnapshot& meeting) const {
  std::string out =
      absl::StrCat(meeting.name(), " (", meeting.meeting(),
                   "): ", MeetingStatusLabel(meeting.status()), "\n");
  TextTable facts({});
  facts.AddRow({"Current item:", meeting.current_item().empty()
                                     ? "none"
                                     : meeting.current_item()});
  facts.AddRow({"Version:", absl::StrCat(meeting.version())});
  absl::StrAppend(&out, facts.Render(), "\n");
  TextTable lists({"Item", "List", "Waiting", "Floor", "Title"});
  for (const v1::ListState& list : meeting.lists()) {
    const bool floor = list.has_current() && list.current().has_entry();
    lists.AddRow({list.item(), ListStatusLabel(list.status()),
                  absl::StrCat(list.waiting_size()),
                  floor ? list.current().entry().delegation() : "-",
                  list.title()});
  }
  absl::StrAppend(&out, lists.Render());
  return out;
}

std::string TextFormatter::List(const v1::ListState& list, int width) const {
  // A line cut to the width, when there is one.
  auto fit = [width](absl::string_view line) {
    return absl::StrCat(
        width > 0 ? TruncateToWidth(line, width) : std::string(line), "\n");
  };
  std::string heading = absl::StrCat(
      list.meeting(), ", ",
      list.label().empty() ? absl::StrCat("item ", list.item()) : list.label());
  if (!list.title().empty()) absl::StrAppend(&heading, ": ", list.title());
  const v1::ListSettings& settings = list.settings();
  std::string out = fit(heading);
  absl::StrAppend(
      &out, fit(absl::StrCat("List ", ListStatusLabel(list.status()), "; ",
                             list.waiting_size(), " waiting; policy ",
                             PolicyLabel(settings.policy()), "; speaking time ",
                             Clock(settings.speaking_time()), ", warning ",
                             Clock(settings.warning()), "; times are ",
                             ZoneLabel(zone_.name()), " time")));
  if (list.has_current() && list.current().has_entry()) {
    const v1::CurrentSpeaker& current = list.current();
    const v1::Entry& entry = current.entry();
    auto floor_with = [&](absl::string_view delegation_name) {
      return absl::StrCat("Floor: ", entry.delegation(), "  ", delegation_name,
                          " \u2014 ", SpeakerText(entry.speaker()), " (",
                          RankLabel(entry.speaker().rank()), ")");
    };
    const std::string clock =
        absl::StrCat("; since ", LocalTime(current.called_at()), ", clock ",
                     TimerStateLabel(current.timer().state()), ", limit ",
                     Clock(current.timer().limit()));
    // Too wide: the delegation's name is cut first, then the speaker; the
    // clock stays whole.
    std::string who = floor_with(entry.delegation_name());
    if (width > 0 && DisplayWidth(who) + DisplayWidth(clock) > width) {
      who = floor_with(TruncateToWidth(entry.delegation_name(), 20));
      who = TruncateToWidth(who, width - DisplayWidth(clock));
    }
    absl::StrAppend(&out, fit(absl::StrCat(who, clock)));
  } else {
    absl::StrAppend(&out, "Floor: nobody\n");
  }
  absl::StrAppend(&out, "\n");
  if (list.waiting().empty()) {
    absl::StrAppend(&out, "Nobody is waiting.\n");
    return out;
  }
  TextTable table = TextTable::Fitting({
      {.heading = "#"},
      {.heading = "Code"},
      {.heading = "Delegation", .min_width = 16},
      {.heading = "Speaker", .min_width = 16},
      {.heading = "Rank", .drop_order = 1},
      {.heading = "Tier", .drop_order = 3},
      {.heading = "Receipt"},
      {.heading = "Received", .drop_order = 2},
      {.heading = "Wait"},
      {.heading = "Notes", .min_width = 12},
  });
  int place = 0;
  for (const v1::Entry& entry : list.waiting()) {
    table.AddRow({absl::StrCat(++place), entry.delegation(),
                  entry.delegation_name(), SpeakerText(entry.speaker()),
                  RankLabel(entry.speaker().rank()), entry.tier(),
                  absl::StrCat("#", entry.receipt().number()),
                  DateTime(entry.receipt().at()), Clock(entry.expected_wait()),
                  Notes(entry)});
  }
  absl::StrAppend(&out, table.Render("", width));
  return out;
}

std::string TextFormatter::Position(const v1::Position& position) const {
  std::string out =
      absl::StrCat(position.delegation(), ", ", position.meeting(), " item ",
                   position.item(), "\n");
  std::string place;
  if (position.position() == 0) {
    place = "has the floor";
  } else if (position.position() == 1) {
    place = "1 (next)";
  } else {
    place = absl::StrCat(position.position());
  }
  TextTable facts({});
  facts.AddRow({"Position:", place});
  if (position.position() > 0) {
    facts.AddRow({"Expected wait:", Clock(position.expected_wait())});
    facts.AddRow({"Expected start:",
                  absl::StrCat(LocalTime(position.expected_start()), " (",
                               ZoneLabel(zone_.name()), " time)")});
  }
  facts.AddRow(
      {"Receipt:", absl::StrCat("#", position.receipt().number(), " at ",
                                ReceiptTime(position.receipt().at()))});
  absl::StrAppend(&out, facts.Render());
  return out;
}

std::string TextFormatter::SpeakingTime(
    const v1::SpeakingTimeReport& report) const {
  std::string out =
      absl::StrCat("Speaking time used in ", report.meeting(), "\n");
  if (report.rows().empty())
    return absl::StrCat(out, "Nobody has spoken yet.\n");
  TextTable table({"Code", "Delegation", "Used", "Statements"});
  for (const v1::SpeakingTimeReport::Row& row : report.rows()) {
    table.AddRow({row.delegation(), row.delegation_name(), Clock(row.used()),
                  absl::StrCat(row.statements())});
  }
  absl::StrAppend(&out, table.Render());
  return out;
}

std::string TextFormatter::Reply(const v1::CommandReply& reply) const {
  std::string out = absl::StrCat("Done (version ", reply.version(), ").\n");
  for (const v1::Event& event : reply.events()) {
    absl::StrAppend(&out, "  ",
                    event.summary().empty()
                        ? absl::StrCat(event.kind(), " ", event.delegation())
                        : event.summary(),
                    "\n");
  }
  const v1::Entry& entry = reply.entry();
  if (!entry.delegation().empty()) {
    absl::StrAppend(&out, entry.delegation(), "  ", entry.delegation_name(),
                    " \u2014 ", SpeakerText(entry.speaker()));
    if (entry.receipt().number() > 0) {
      absl::StrAppend(&out, ": receipt #", entry.receipt().number(), " at ",
                      ReceiptTime(entry.receipt().at()));
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

}  // namespace speakers::cli
