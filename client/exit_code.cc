#include "client/exit_code.h"

#include "absl/strings/str_cat.h"

namespace speakers::cli {

int ExitCodeFor(const absl::Status& status) {
  if (status.ok()) return kExitOk;
  return kExitStatusBase + static_cast<int>(status.code());
}

std::string ErrorLine(const absl::Status& status) {
  return absl::StrCat("speakers: ", absl::StatusCodeToString(status.code()),
                      ": ", status.message());
}

}  // namespace speakers::cli
