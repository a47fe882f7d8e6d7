#include "server/app/internal_detail.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace speakers {
namespace {

constexpr absl::string_view kCauseUrl = "speakers.v1/internal-cause";

}  // namespace

absl::Status WithCause(absl::StatusCode code, absl::string_view message,
                       absl::string_view cause) {
  absl::Status status(code, message);
  status.SetPayload(kCauseUrl, absl::Cord(cause));
  return status;
}

std::optional<std::string> CauseOf(const absl::Status& status) {
  absl::optional<absl::Cord> cause = status.GetPayload(kCauseUrl);
  if (!cause.has_value()) return std::nullopt;
  return std::string(*cause);
}

absl::Status ForCaller(const absl::Status& status, bool secretariat) {
  std::optional<std::string> cause = CauseOf(status);
  if (!cause.has_value()) return status;
  if (!secretariat) return absl::Status(status.code(), status.message());
  return absl::Status(status.code(),
                      absl::StrCat(status.message(), " (cause: ", *cause, ")"));
}

}  // namespace speakers
