// commit_bench: how long a durable commit takes on a disk.
//
//   commit_bench [--dir=/tmp] [--commits=2000] [--batches=100] [--batch=190]
//
// Works in a fresh directory inside --dir (put --dir on the disk that holds,
// or will hold, the server's data directory) and removes it afterwards.
// Measures, one transaction at a time:
//   1. plain SQLite, WAL + synchronous=FULL: one small INSERT per commit;
//   2. SqliteCommandLog::Append of 1 record;
//   3. SqliteCommandLog::Append of a batch of --batch records (group commit).
// Prints the command line and a table of latency percentiles.

#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/storage/sqlite_command_log.h"

namespace speakers {
namespace {

struct Options {
  std::string dir = "/tmp";
  int commits = 2000;
  int batches = 100;
  int batch = 190;
};

bool ParseOptions(int argc, char** argv, Options* options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](absl::string_view name, std::string* out) {
      const std::string prefix = absl::StrCat("--", name, "=");
      if (!absl::StartsWith(arg, prefix)) return false;
      *out = arg.substr(prefix.size());
      return true;
    };
    std::string text;
    if (value("dir", &text)) {
      options->dir = text;
    } else if (value("commits", &text)) {
      if (!absl::SimpleAtoi(text, &options->commits) || options->commits < 1)
        return false;
    } else if (value("batches", &text)) {
      if (!absl::SimpleAtoi(text, &options->batches) || options->batches < 1)
        return false;
    } else if (value("batch", &text)) {
      if (!absl::SimpleAtoi(text, &options->batch) || options->batch < 1)
        return false;
    } else {
      return false;
    }
  }
  return true;
}

using Clock = std::chrono::steady_clock;

double Micros(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

struct Row {
  std::string what;
  std::vector<double> micros;  // one per commit
  int records_per_commit = 1;
};

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const size_t index =
      std::min(values.size() - 1, static_cast<size_t>(p * values.size()));
  return values[index];
}

bool Check(int rc, sqlite3* db, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
  std::fprintf(stderr, "commit_bench: %s: %s\n", what, sqlite3_errmsg(db));
  return false;
}

// 1. Plain SQLite: one INSERT per transaction (autocommit).
bool RawSqlite(const std::string& path, int commits, Row* row) {
  sqlite3* db = nullptr;
  if (!Check(sqlite3_open(path.c_str(), &db), db, "open") ||
      !Check(
          sqlite3_exec(db,
                       "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                       "CREATE TABLE t(id INTEGER PRIMARY KEY, payload BLOB)",
                       nullptr, nullptr, nullptr),
          db, "setup")) {
    sqlite3_close(db);
    return false;
  }
  sqlite3_stmt* insert = nullptr;
  bool ok = Check(sqlite3_prepare_v2(db, "INSERT INTO t(payload) VALUES(?1)",
                                     -1, &insert, nullptr),
                  db, "prepare");
  const std::string payload(120, 'x');
  for (int i = 0; ok && i < commits; ++i) {
    const Clock::time_point start = Clock::now();
    sqlite3_bind_blob(insert, 1, payload.data(),
                      static_cast<int>(payload.size()), SQLITE_STATIC);
    ok = Check(sqlite3_step(insert), db, "insert");
    sqlite3_reset(insert);
    row->micros.push_back(Micros(Clock::now() - start));
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return ok;
}

LoggedCommand Record(const std::string& meeting, uint64_t version) {
  LoggedCommand record;
  record.meeting = meeting;
  record.version = version;
  record.at = absl::FromUnixNanos(1'750'000'000'000'000'000 +
                                  static_cast<int64_t>(version));
  record.actor = "delegation of Côte d'Ivoire";
  record.request_id = absl::StrCat("request-", version);
  record.kind = "inscribe";
  record.payload = std::string(120, 'p');  // a serialized command
  record.reply = std::string(200, 'r');    // a serialized reply
  return record;
}

// 2 and 3. SqliteCommandLog::Append, `per_commit` records at a time.
bool Append(SqliteCommandLog& log, const std::string& meeting, int commits,
            int per_commit, Row* row) {
  row->records_per_commit = per_commit;
  uint64_t version = 0;
  for (int i = 0; i < commits; ++i) {
    std::vector<LoggedCommand> records;
    for (int j = 0; j < per_commit; ++j)
      records.push_back(Record(meeting, ++version));
    const Clock::time_point start = Clock::now();
    absl::Status status = log.Append(absl::MakeSpan(records));
    row->micros.push_back(Micros(Clock::now() - start));
    if (!status.ok()) {
      std::fprintf(stderr, "commit_bench: Append: %s\n",
                   status.ToString().c_str());
      return false;
    }
  }
  return true;
}

int Run(int argc, char** argv) {
  std::string command_line = argv[0];
  for (int i = 1; i < argc; ++i) absl::StrAppend(&command_line, " ", argv[i]);
  Options options;
  if (!ParseOptions(argc, argv, &options)) {
    std::fprintf(
        stderr,
        "usage: commit_bench [--dir=/tmp] [--commits=2000] [--batches=100] "
        "[--batch=190]\n");
    return 2;
  }
  std::string pattern =
      (std::filesystem::path(options.dir) / "speakers-commit-bench-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror(
        ("commit_bench: cannot make a directory in " + options.dir).c_str());
    return 1;
  }
  const std::string dir = pattern;

  std::vector<Row> rows(3);
  rows[0].what = "raw SQLite INSERT+COMMIT";
  rows[1].what = "Append, 1 record";
  rows[2].what = absl::StrCat("Append, ", options.batch, " records");
  bool ok = RawSqlite(dir + "/raw.db", options.commits, &rows[0]);
  uint64_t records = 0;
  uintmax_t bytes = 0;
  double reopen_millis = 0;
  if (ok) {
    absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
        SqliteCommandLog::Open(dir + "/log.db");
    if (!log.ok()) {
      std::fprintf(stderr, "commit_bench: %s\n",
                   log.status().ToString().c_str());
      ok = false;
    } else {
      ok = Append(**log, "single", options.commits, 1, &rows[1]) &&
           Append(**log, "batched", options.batches, options.batch, &rows[2]);
      records = (*log)->Count();
    }
  }
  if (ok) {
    // Start-up cost: Open checks the whole file (quick_check).
    bytes = std::filesystem::file_size(dir + "/log.db");
    const Clock::time_point start = Clock::now();
    absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
        SqliteCommandLog::Open(dir + "/log.db");
    reopen_millis = Micros(Clock::now() - start) / 1000;
    if (!log.ok()) {
      std::fprintf(stderr, "commit_bench: reopening: %s\n",
                   log.status().ToString().c_str());
      ok = false;
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  if (!ok) return 1;

  std::printf("command: %s\n", command_line.c_str());
  std::printf("directory: %s (removed)\n", dir.c_str());
  std::printf(
      "sqlite %s, WAL, synchronous=FULL; latency of one commit, "
      "microseconds\n\n",
      sqlite3_libversion());
  std::printf("%-28s %8s %10s %10s %10s %12s %14s\n", "what", "commits", "p50",
              "p99", "max", "p50/record", "records/s @p50");
  for (const Row& row : rows) {
    const double p50 = Percentile(row.micros, 0.50);
    std::printf("%-28s %8zu %10.0f %10.0f %10.0f %12.1f %14.0f\n",
                row.what.c_str(), row.micros.size(), p50,
                Percentile(row.micros, 0.99), Percentile(row.micros, 1.0),
                p50 / row.records_per_commit,
                row.records_per_commit * 1e6 / p50);
  }
  std::printf(
      "\nreopening the log (%llu records, %.1f MB, with quick_check): %.1f "
      "ms\n",
      static_cast<unsigned long long>(records), bytes / 1e6, reopen_millis);
  return 0;
}

}  // namespace
}  // namespace speakers

int main(int argc, char** argv) { return speakers::Run(argc, argv); }
