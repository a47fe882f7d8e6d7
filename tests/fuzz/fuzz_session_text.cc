// Fuzz target: session files (server/config/session_loader.h).
//
// Feeds: arbitrary bytes as the text of a session file (protobuf text
// format, speakers.v1.SessionFile) to ParseSessionText, the parser behind
// --session and --check.
// Asserts: it returns, with a Session or an error; every error is
// INVALID_ARGUMENT and starts with the source name and ':' (the header's
// "FILE:LINE:COLUMN: ", or "FILE: " when the field cannot be located).
// A session that loads is then run as --check runs it: an Engine on it
// and its SessionReport.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/config/session_loader.h"
#include "server/config/session_report.h"
#include "server/domain/engine.h"
#include "server/domain/session.h"
#include "tests/testing/fake_clock.h"

namespace {

constexpr absl::string_view kSource = "fuzz.textproto";

[[noreturn]] void Fail(const absl::Status& status) {
  std::fprintf(stderr, "ParseSessionText broke its contract: %s\n",
               status.ToString().c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<speakers::Session> session =
      speakers::ParseSessionText(text, kSource);
  if (!session.ok()) {
    if (session.status().code() != absl::StatusCode::kInvalidArgument ||
        !absl::StartsWith(session.status().message(),
                          absl::StrCat(kSource, ":"))) {
      Fail(session.status());
    }
    return 0;
  }
  // The session's first day, as the built-in one's tests start.
  speakers::testing::FakeClock clock(absl::FromCivil(
      absl::CivilSecond(2017, 11, 6, 10, 0, 0), absl::UTCTimeZone()));
  speakers::Engine engine(
      std::make_shared<const speakers::Session>(*std::move(session)), &clock);
  const std::string report = speakers::SessionReport(engine);
  if (report.empty()) std::abort();
  return 0;
}
