#ifndef SPEAKERS_SERVER_APP_QUERIES_H_
#define SPEAKERS_SERVER_APP_QUERIES_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "server/app/command_table.h"
#include "server/app/meeting_runner.h"
#include "server/app/token_registry.h"
#include "server/app/token_store.h"
#include "server/domain/command_log.h"
#include "server/domain/engine.h"

namespace speakers {

// The unary methods of the API that change nothing: the queries (any
// reader), the audit export (the meeting's chair) and the backup (the
// secretariat). One row per method, like the command table.
class Queries {
 public:
  using Reply = absl::StatusOr<std::unique_ptr<google::protobuf::Message>>;
  // Who asks, as the access policy authenticated them (nullopt: no token).
  using Caller = std::optional<Principal>;

  // One method: its name, request type, the role it needs, the meeting it
  // is about (for the access check; empty: none) and what it does for
  // the caller (WhoAmI answers about them; the others read the state).
  struct Row {
    absl::string_view method;
    const google::protobuf::Descriptor* request;
    Need need;
    std::function<std::string(const google::protobuf::Message&)> meeting;
    std::function<Reply(const Queries&, const google::protobuf::Message&,
                        const Caller&)>
        run;
  };

  // `find_runner` gives the runner of a meeting (or its NOT_FOUND);
  // `tokens` the callers' tokens (WhoAmI); everything must outlive this
  // object. `backup_dir`: the one directory Backup writes into (empty:
  // Backup is refused).
  Queries(const Engine* engine, const CommandLog* log,
          const TokenRegistry* tokens,
          std::function<absl::StatusOr<MeetingRunner*>(absl::string_view)>
              find_runner,
          std::string backup_dir = "");

  // The row of `method`, or nullptr.
  static const Row* Find(absl::string_view method);
  static const std::vector<Row>& All();

  // Runs `row` for `caller` (the app checked `row.need`).
  Reply Run(const Row& row, const google::protobuf::Message& request,
            const Caller& caller) const {
    return row.run(*this, request, caller);
  }

 private:
  static std::vector<Row> BuildRows();
  // Runs `read` on `meeting` under its runner's lock.
  absl::Status ReadMeeting(
      absl::string_view meeting,
      const std::function<absl::Status(const Meeting&)>& read) const;

  // Where Backup writes the file its request names: BACKUP_DIR/NAME, or
  // BACKUP_DIR/speakers-YYYYMMDD-HHMMSS.db (the server's clock) for an
  // empty name. FAILED_PRECONDITION when there is no backup directory;
  // INVALID_ARGUMENT for a name with a '/' (other than the backup
  // directory's own path) or a leading '.'.
  absl::StatusOr<std::string> BackupPath(absl::string_view name) const;

  const Engine* engine_;
  const CommandLog* log_;
  const TokenRegistry* tokens_;
  const std::string backup_dir_;
  std::function<absl::StatusOr<MeetingRunner*>(absl::string_view)> find_runner_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_QUERIES_H_
