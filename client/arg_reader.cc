#include "client/arg_reader.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "client/option_table.h"
#include "client/value_parsers.h"

namespace speakers::cli {

void SetProtoDuration(absl::Duration d, google::protobuf::Duration* out) {
  absl::Duration rest;
  const int64_t seconds = absl::IDivDuration(d, absl::Seconds(1), &rest);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(rest)));
}

absl::Status ArgReader::Error(absl::string_view message) const {
  return absl::InvalidArgumentError(absl::StrCat(
      command_, ": ", message, " (see speakers ", command_, " --help)"));
}

absl::StatusOr<std::string> ArgReader::Code(int i) const {
  if (Arg(i).empty()) return Error("a delegation code may not be empty");
  return absl::AsciiStrToUpper(Arg(i));
}

absl::StatusOr<std::optional<std::string>> ArgReader::Value(
    absl::string_view name) const {
  std::optional<std::string> value = args_.Get(name);
  if (value.has_value() && value->empty()) {
    return Error(
        absl::StrCat("--", name, " needs a value: ", FindOption(name)->usage));
  }
  return value;
}

absl::StatusOr<std::optional<absl::Duration>> ArgReader::Duration(
    absl::string_view name) const {
  return DurationOption(name, &ParseDuration);
}

absl::StatusOr<std::optional<absl::Duration>> ArgReader::TimeLimit(
    absl::string_view name) const {
  return DurationOption(name, &ParseTimeLimit);
}

absl::StatusOr<std::optional<absl::Duration>> ArgReader::DurationOption(
    absl::string_view name,
    absl::StatusOr<absl::Duration> (*parse)(absl::string_view)) const {
  absl::StatusOr<std::optional<std::string>> value = Value(name);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return std::optional<absl::Duration>();
  absl::StatusOr<absl::Duration> d = parse(**value);
  if (!d.ok())
    return Error(absl::StrCat("--", name, ": ", d.status().message()));
  return std::optional<absl::Duration>(*d);
}

std::string ArgReader::Meeting() const {
  return args_.Get("meeting").value_or("plenary");
}

v1::ListRef ArgReader::Ref() const {
  v1::ListRef ref;
  ref.set_meeting(Meeting());
  ref.set_item(args_.Get("item").value_or(""));
  return ref;
}

absl::StatusOr<v1::Speaker> ArgReader::Speaker() const {
  std::optional<std::string> name = args_.Get("name");
  if (!name.has_value() || name->empty()) {
    return Error("--name=NAME is required");
  }
  v1::Speaker speaker;
  speaker.set_name(*name);
  speaker.set_title(args_.Get("title").value_or(""));
  speaker.set_rank(v1::RANK_HEAD_OF_DELEGATION);
  if (std::optional<std::string> rank = args_.Get("rank")) {
    absl::StatusOr<v1::Rank> parsed = ParseRank(*rank);
    if (!parsed.ok()) return Error(parsed.status().message());
    speaker.set_rank(*parsed);
  }
  return speaker;
}

}  // namespace speakers::cli
