#ifndef SPEAKERS_TESTS_DURABILITY_DATA_DIR_FIXTURE_H_
#define SPEAKERS_TESTS_DURABILITY_DATA_DIR_FIXTURE_H_

// DataDirTest: tests that start the real server on data directories they
// prepare (damaged files, a first start cut short, a long log) in a
// temporary directory of their own.

#include <cstddef>
#include <string>

#include "gtest/gtest.h"

namespace speakers::durability {

class DataDirTest : public ::testing::Test {
 protected:
  static constexpr size_t kPage =
      4096;  // speakers databases use SQLite's default

  // The page size in an SQLite header (offset 16, big-endian); 0 when
  // `db` is too short to have one.
  static size_t PageSize(const std::string& db);

  void SetUp() override;
  void TearDown() override;

  // The bytes of a valid database of 3000 commands (GenerateLog, seed 7;
  // checkpointed: no WAL), made once per test binary. Empty if it could not
  // be made.
  static const std::string& ValidDatabase();

  // A data directory work_/name holding `bytes` as speakers.db.
  std::string DataDirWith(const std::string& name, const std::string& bytes);

  // Starts the server on `dir` and expects it to refuse the database:
  // a non-zero exit before listening, the damage named on stderr, and the
  // file (and its absence of a WAL) unchanged. When the server starts
  // instead, the failure says so, followed by `why` (what that start means).
  void ExpectRefused(const std::string& dir, const std::string& what,
                     const std::string& why = "");

  std::string work_;
};

}  // namespace speakers::durability

#endif  // SPEAKERS_TESTS_DURABILITY_DATA_DIR_FIXTURE_H_
