#include "client/command_context.h"

#include <utility>

#include "client/output_format.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::cli {

CommandContext::CommandContext(client::SpeakersClient* client,
                               absl::string_view rpc, const CliArgs* args,
                               std::ostream* out, bool json,
                               std::function<FrameStyle()> frame_style,
                               std::function<int()> table_width)
    : client_(client),
      rpc_(rpc),
      args_(args),
      out_(out),
      json_(json),
      frame_style_(std::move(frame_style)),
      table_width_(std::move(table_width)) {}

absl::TimeZone CommandContext::Zone() {
  if (!zone_.has_value()) {
    absl::TimeZone zone = absl::UTCTimeZone();
    absl::StatusOr<v1::SessionInfo> session =
        client_->Call<v1::SessionInfo>("GetSession", v1::GetSessionRequest());
    if (session.ok() && !absl::LoadTimeZone(session->time_zone(), &zone)) {
      zone = absl::UTCTimeZone();
    }
    zone_ = zone;
  }
  return *zone_;
}

absl::Status CommandContext::Print(const google::protobuf::Message& reply,
                                   absl::FunctionRef<std::string()> text) {
  if (json_) {
    absl::StatusOr<std::string> json = ToJsonLine(reply);
    if (!json.ok()) return json.status();
    *out_ << *json << "\n";
  } else {
    *out_ << text();
  }
  out_->flush();
  return absl::OkStatus();
}

}  // namespace speakers::cli
