#ifndef SPEAKERS_CLIENT_OUTPUT_FORMAT_H_
#define SPEAKERS_CLIENT_OUTPUT_FORMAT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::cli {

// A reply as protobuf JSON on one line (field names as in the .proto,
// zero values included), for `--json`. INTERNAL if it cannot be converted.
absl::StatusOr<std::string> ToJsonLine(
    const google::protobuf::Message& message);

// The CLI's text output for people. Times are printed as local times of
// the session's time zone given at construction. Every result ends in "\n".
class TextFormatter {
 public:
  // Prints times in `zone` (the session's).
  explicit TextFormatter(absl::TimeZone zone) : zone_(zone) {}

  // Name, venue, time zone, number of delegations, then the meetings.
  std::string Session(const v1::SessionInfo& session) const;

  // Status, current item, version, then one row per list.
  std::string Meeting(const v1::MeetingSnapshot& meeting) const;

  // The list: heading, status and settings, who has the floor, then the
  // waiting speakers in order: place, code, delegation, speaker, rank,
  // tier, receipt number, receipt date and time ("6 Nov 2017 10:02:13"),
  // expected wait, notes. With `width` > 0 every line fits `width`
  // columns (see TextTable::Render): the Tier, then the Received, then the
  // Rank column are left out while the table would not fit otherwise, and
  // delegations, speakers and notes are cut with "…"; on the floor's line the
  // delegation's name (to 20 columns), then the speaker are cut, never the
  // clock. width <= 0: everything at full width (`speakers list --wide`).
  std::string List(const v1::ListState& list, int width = 0) const;

  // A delegation's place, expected wait and start, receipt (ReceiptTime).
  std::string Position(const v1::Position& position) const;

  // Time used per delegation, most first.
  std::string SpeakingTime(const v1::SpeakingTimeReport& report) const;

  // A command's result: "Done (version N).", the events' summaries, and
  // the affected entry with its receipt when there is one ("receipt #3 at
  // 6 Nov 2017 10:02:13 CET", see ReceiptTime).
  std::string Reply(const v1::CommandReply& reply) const;

  // A timestamp as "HH:MM:SS" in the zone; "-" when unset.
  std::string LocalTime(const google::protobuf::Timestamp& t) const;

  // A receipt's instant with its date and the zone's abbreviation at that
  // instant: "6 Nov 2017 10:02:13 CET" (a numeric abbreviation reads
  // "UTC+03"); "-" when unset.
  std::string ReceiptTime(const google::protobuf::Timestamp& t) const;

 private:
  // A date and time without the zone: "6 Nov 2017 10:02:13"; "-" when
  // unset.
  std::string DateTime(const google::protobuf::Timestamp& t) const;

  absl::TimeZone zone_;
};

}  // namespace speakers::cli

#endif  // SPEAKERS_CLIENT_OUTPUT_FORMAT_H_
