#include "server/app/recovery.h"

#include <chrono>
#include <limits>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "server/app/stored_command.h"

namespace speakers {
namespace {

// DATA_LOSS for a record that does not replay, saying what to do.
absl::Status Refuse(const LoggedCommand& record, absl::string_view why) {
  return absl::DataLossError(absl::StrCat(
      "the command log does not replay at record ", record.sequence, " (",
      record.kind, " on ",
      record.meeting.empty() ? "the administration stream" : record.meeting,
      ", version ", record.version, "): ", why,
      ". Start the server with the session file the log was written with; "
      "or, once you have decided to drop this record and every later one, "
      "start it with --recover-until=",
      record.sequence - 1, " (back up the database first)"));
}

// Decodes `record` and applies it with `apply` at its instant on `clock`;
// returns the payload. The one check of a stored command, for every replay.
absl::StatusOr<StoredPayload> ReplayOne(
    const LoggedCommand& record, ReplayClock& clock,
    const std::function<absl::StatusOr<CommandResult>(const Command&)>& apply) {
  absl::StatusOr<StoredPayload> payload =
      DecodeCommand(record.kind, record.payload);
  if (!payload.ok()) return Refuse(record, payload.status().message());
  if (MeetingOf(payload->command) != record.meeting)
    return Refuse(record, "the record names another meeting");
  clock.ReplayAt(record.at);
  absl::StatusOr<CommandResult> result = apply(payload->command);
  if (!result.ok()) return Refuse(record, result.status().message());
  if (result->version != record.version) {
    return Refuse(record,
                  absl::StrCat("it produced version ", result->version));
  }
  return payload;
}

}  // namespace

absl::StatusOr<RecoveryStats> Recover(
    const CommandLog& log, Engine& engine, ReplayClock& clock,
    const std::function<void(const LoggedCommand&, const StoredPayload&)>&
        on_record,
    const std::function<absl::Status(const LoggedCommand&)>& administration) {
  const auto started = std::chrono::steady_clock::now();
  absl::Cleanup live = [&] { clock.GoLive(); };
  RecoveryStats stats;
  absl::Status status =
      log.ReadAll([&](const LoggedCommand& record) -> absl::Status {
        if (record.meeting.empty()) {  // the administration stream
          if (administration == nullptr) return absl::OkStatus();
          if (absl::Status s = administration(record); !s.ok())
            return Refuse(record, s.message());
          ++stats.records;
          return absl::OkStatus();
        }
        absl::StatusOr<StoredPayload> payload =
            ReplayOne(record, clock, [&](const Command& command) {
              return engine.Apply(command, record.actor);
            });
        if (!payload.ok()) return payload.status();
        on_record(record, *payload);
        ++stats.records;
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  stats.took = absl::FromChrono(std::chrono::steady_clock::now() - started);
  return stats;
}

absl::Status RebuildMeeting(const CommandLog& log, Meeting& meeting) {
  ReplayClock clock(nullptr);  // only ever replaying
  clock.ReplayAt(absl::UnixEpoch());
  Meeting fresh(&meeting.session(), &meeting.config(), &clock);
  absl::Status status = log.ReadMeeting(
      meeting.id(), 1, std::numeric_limits<uint64_t>::max(),
      [&](const LoggedCommand& record) -> absl::Status {
        return ReplayOne(record, clock,
                         [&](const Command& command) {
                           return fresh.Apply(command, record.actor);
                         })
            .status();
      });
  if (!status.ok()) return status;
  return meeting.TakeStateOf(std::move(fresh));
}

}  // namespace speakers
