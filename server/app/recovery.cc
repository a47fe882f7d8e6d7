#include "server/app/recovery.h"

#include <chrono>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "server/app/stored_command.h"

namespace speakers {

absl::StatusOr<RecoveryStats> Recover(
    const CommandLog& log, Engine& engine, ReplayClock& clock,
    const std::function<void(const LoggedCommand&, const StoredPayload&)>&
        on_record) {
  const auto started = std::chrono::steady_clock::now();
  absl::Cleanup live = [&] { clock.GoLive(); };
  RecoveryStats stats;
  absl::Status status =
      log.ReadAll([&](const LoggedCommand& record) -> absl::Status {
        auto refuse = [&](absl::string_view why) {
          return absl::DataLossError(absl::StrCat(
              "the command log does not replay at record ", record.sequence,
              " (", record.kind, " on ", record.meeting, ", version ",
              record.version, "): ", why,
              ". Start the server with the session file the log was written "
              "with, or move the "
              "database away to start empty"));
        };
        absl::StatusOr<StoredPayload> payload =
            DecodeCommand(record.kind, record.payload);
        if (!payload.ok()) return refuse(payload.status().message());
        const Command* command = &payload->command;
        if (MeetingOf(*command) != record.meeting)
          return refuse("the record names another meeting");
        clock.ReplayAt(record.at);
        absl::StatusOr<CommandResult> result =
            engine.Apply(*command, record.actor);
        if (!result.ok()) return refuse(result.status().message());
        if (result->version != record.version) {
          return refuse(absl::StrCat("it produced version ", result->version));
        }
        on_record(record, *payload);
        ++stats.records;
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  stats.took = absl::FromChrono(std::chrono::steady_clock::now() - started);
  return stats;
}

}  // namespace speakers
