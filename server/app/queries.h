#ifndef SPEAKERS_SERVER_APP_QUERIES_H_
#define SPEAKERS_SERVER_APP_QUERIES_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "server/app/command_table.h"
#include "server/app/meeting_runner.h"
#include "server/domain/command_log.h"
#include "server/domain/engine.h"

namespace speakers {

// The unary methods of the API that change nothing: the queries (any
// reader), the audit export (the meeting's chair) and the backup (the
// secretariat). One row per method, like the command table.
class Queries {
 public:
  using Reply = absl::StatusOr<std::unique_ptr<google::protobuf::Message>>;

  // One method: its name, request type, the role it needs, the meeting it
  // is about (for the access check; empty: none) and what it does.
  struct Row {
    absl::string_view method;
    const google::protobuf::Descriptor* request;
    Need need;
    std::function<std::string(const google::protobuf::Message&)> meeting;
    std::function<Reply(const Queries&, const google::protobuf::Message&)> run;
  };

  // `find_runner` gives the runner of a meeting (or its NOT_FOUND);
  // everything must outlive this object. `backup_dir`: the one directory
  // Backup writes into (empty: Backup is refused).
  Queries(const Engine* engine, const CommandLog* log,
          std::function<absl::StatusOr<MeetingRunner*>(absl::string_view)>
              find_runner,
          std::string backup_dir = "");

  // The row of `method`, or nullptr.
  static const Row* Find(absl::string_view method);
  static const std::vector<Row>& All();

  Reply Run(const Row& row, const google::protobuf::Message& request) const {
    return row.run(*this, request);
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
  const std::string backup_dir_;
  std::function<absl::StatusOr<MeetingRunner*>(absl::string_view)> find_runner_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_QUERIES_H_
