// The audit export names the log's checksum chain: each row its record's
// number and link, and the export the head, so that a printed record can
// be checked against the log later.
#include "server/app/audit_export.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "server/app/meeting_runner.h"
#include "tests/testing/test_app.h"

namespace speakers {
namespace {

using ::speakers::testing::TestApp;

TEST(AuditExportTest, RowsCarryTheirRecordAndLinkAndTheExportTheHead) {
  absl::StatusOr<std::unique_ptr<TestApp>> app = TestApp::Start();
  ASSERT_TRUE(app.ok()) << app.status();
  MeetingRunner* runner = (*app)->app().runner("plenary");
  for (const char* code : {"AUT", "KEN"}) {
    ASSERT_TRUE(runner
                    ->Execute(cmd::Inscribe{ListTarget{"plenary", "2"}, code,
                                            Speaker{"Ms. Doe", "",
                                                    Rank::kHeadOfDelegation},
                                            "", false, std::nullopt},
                              "secretariat")
                    .ok());
  }
  std::vector<std::string> links;
  ASSERT_TRUE((*app)
                  ->log()
                  .ReadAll([&](const LoggedCommand& r) {
                    links.push_back(absl::BytesToHexString(r.chain));
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_EQ(links.size(), 2u);

  absl::StatusOr<v1::AuditExport> audit = ExportAudit(
      (*app)->log(), (*app)->engine().session(), "plenary", "", v1::AUDIT_CSV);
  ASSERT_TRUE(audit.ok()) << audit.status();
  EXPECT_EQ(audit->chain_record(), 2u);
  EXPECT_EQ(audit->chain_head(), absl::BytesToHexString((*app)->log().head()));
  EXPECT_EQ(audit->chain_head(), links[1]);
  std::vector<std::string> lines =
      absl::StrSplit(audit->content(), "\r\n", absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(absl::EndsWith(lines[0], ",summary,record,chain")) << lines[0];
  EXPECT_TRUE(absl::EndsWith(lines[1], absl::StrCat(",1,", links[0])))
      << lines[1];
  EXPECT_TRUE(absl::EndsWith(lines[2], absl::StrCat(",2,", links[1])))
      << lines[2];
}

}  // namespace
}  // namespace speakers
