#include "server/app/audit_export.h"

#include <limits>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"
#include "server/app/state_to_proto.h"
#include "text/time_text.h"

namespace speakers {
namespace {

constexpr const char* kColumns[] = {
    "version",  "time_utc", "time_local",       "actor",
    "event",    "item",     "delegation",       "other_delegation",
    "speaker",  "receipt",  "receipt_time_utc", "duration",
    "position", "summary",  "record",           "chain"};

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\"", "\"\""}}), "\"");
}

std::string JsonString(const std::string& value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  for (unsigned char c : value) {
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (c < 0x20) {
          out.append(absl::StrFormat("\\u%04x", c));
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
  return out;
}

std::string Utc(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", t, absl::UTCTimeZone());
}

}  // namespace

absl::StatusOr<v1::AuditExport> ExportAudit(const CommandLog& log,
                                            const Session& session,
                                            const std::string& meeting,
                                            const std::string& item,
                                            v1::AuditFormat format) {
  std::vector<std::vector<std::string>> rows;
  uint64_t last_version = 0;
  uint64_t last_record = 0;
  std::string head;
  absl::Status status = log.ReadMeeting(
      meeting, 1, std::numeric_limits<int64_t>::max(),
      [&](const LoggedCommand& record) -> absl::Status {
        last_version = record.version;
        last_record = record.sequence;
        head = absl::BytesToHexString(record.chain);
        v1::CommandReply reply;
        if (!reply.ParseFromString(record.reply)) {
          return absl::DataLossError(absl::StrCat(
              "the stored reply of record ", record.sequence, " is damaged"));
        }
        for (const v1::Event& e : reply.events()) {
          if (!item.empty() && e.item() != item) continue;
          const absl::Time at = TimeFromProto(e.at());
          rows.push_back({
              absl::StrCat(e.version()),
              Utc(at),
              absl::FormatTime("%Y-%m-%d %H:%M:%S", at, session.zone()),
              e.actor(),
              e.kind(),
              e.item(),
              e.delegation(),
              e.other_delegation(),
              e.speaker(),
              e.has_receipt() ? absl::StrCat(e.receipt().number()) : "",
              e.has_receipt() ? Utc(TimeFromProto(e.receipt().at())) : "",
              e.has_duration() ? FormatClock(DurationFromProto(e.duration()))
                               : "",
              e.position() > 0 ? absl::StrCat(e.position()) : "",
              e.summary(),
              absl::StrCat(record.sequence),
              absl::BytesToHexString(record.chain),
          });
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  v1::AuditExport out;
  out.set_rows(static_cast<uint32_t>(rows.size()));
  out.set_version(last_version);
  out.set_chain_record(last_record);
  out.set_chain_head(head);
  std::string content;
  if (format == v1::AUDIT_JSON) {
    out.set_content_type("application/json");
    content.push_back('[');
    for (size_t r = 0; r < rows.size(); ++r) {
      absl::StrAppend(&content, r == 0 ? "\n" : ",\n", "  {");
      for (size_t c = 0; c < rows[r].size(); ++c) {
        absl::StrAppend(&content, c == 0 ? "" : ", ", "\"", kColumns[c],
                        "\": ", JsonString(rows[r][c]));
      }
      absl::StrAppend(&content, "}");
    }
    absl::StrAppend(&content, rows.empty() ? "]\n" : "\n]\n");
  } else {
    out.set_content_type("text/csv; charset=utf-8");
    content = absl::StrCat(absl::StrJoin(kColumns, ","), "\r\n");
    for (const auto& row : rows) {
      std::vector<std::string> fields;
      for (const std::string& f : row) fields.push_back(CsvField(f));
      absl::StrAppend(&content, absl::StrJoin(fields, ","), "\r\n");
    }
  }
  out.set_content(std::move(content));
  return out;
}

}  // namespace speakers
