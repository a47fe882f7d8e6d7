#include "client/command_parser.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/arg_reader.h"
#include "client/usage_text.h"
#include "client/value_parsers.h"

namespace speakers::cli {
namespace {

// Evaluates `expr` (a StatusOr); returns its status on error, else moves
// its value into a new variable `lhs`.
#define SPEAKERS_ASSIGN_OR_RETURN(lhs, expr)    \
  auto lhs##_or = (expr);                       \
  if (!lhs##_or.ok()) return lhs##_or.status(); \
  auto lhs = *std::move(lhs##_or)

// The parse of an argument as the command's usage error.
template <typename T>
absl::StatusOr<T> Checked(const ArgReader& in, absl::StatusOr<T> value) {
  if (!value.ok()) return in.Error(value.status().message());
  return value;
}

}  // namespace

CommandParser::CommandParser(EnvLookup env) : env_(std::move(env)) {}

absl::StatusOr<ParsedCommand> CommandParser::Parse(
    const std::vector<std::string>& words) const {
  absl::StatusOr<CliArgs> args = CliArgs::Parse(words);
  if (!args.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(args.status().message(), " (see speakers --help)"));
  }
  ParsedCommand parsed;
  if (std::optional<std::string> address = env_("SPEAKERS_ADDRESS");
      address.has_value() && !address->empty()) {
    parsed.global.address = *address;
  }
  parsed.global.token = env_("SPEAKERS_TOKEN").value_or("");
  if (std::optional<std::string> address = args->Get("address")) {
    if (address->empty()) {
      return absl::InvalidArgumentError(
          "--address needs a value: --address=HOST:PORT (see speakers --help)");
    }
    parsed.global.address = *address;
  }
  if (std::optional<std::string> token = args->Get("token")) {
    parsed.global.token = *token;
  }
  parsed.global.json = args->Has("json");

  std::string name = args->command();
  bool help = args->Has("help");
  if (name == "help") {
    help = true;
    name = args->args().empty() ? "" : args->args()[0];
  }
  if (name.empty()) {
    if (!help) {
      return absl::InvalidArgumentError(
          "no command given (see speakers --help)");
    }
    parsed.help = MainUsage();
    return parsed;
  }
  const CommandSpec* spec = FindCommand(name);
  if (spec == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown command \"", name, "\" (see speakers --help)"));
  }
  if (help) {
    parsed.help = CommandUsage(*spec);
    return parsed;
  }

  const ArgReader in(*spec, *args);
  for (const std::string& option : args->option_names()) {
    if (!IsGlobalOption(option) &&
        std::find(spec->options.begin(), spec->options.end(), option) ==
            spec->options.end()) {
      return in.Error(absl::StrCat("this command takes no --", option));
    }
  }
  const int count = static_cast<int>(args->args().size());
  if (count < spec->min_args || count > spec->max_args) {
    const std::string expected =
        spec->min_args == spec->max_args
            ? absl::StrCat(spec->min_args)
            : absl::StrCat(spec->min_args, " or ", spec->max_args);
    return in.Error(absl::StrCat(
        "expects ", expected, spec->max_args == 1 ? " argument" : " arguments",
        spec->synopsis.empty() || spec->max_args == 0
            ? ""
            : absl::StrCat(" (", spec->synopsis, ")"),
        ", got ",
        count == 0
            ? "none"
            : absl::StrCat("\"", absl::StrJoin(args->args(), " "), "\"")));
  }
  for (absl::string_view option : {"meeting", "item"}) {
    absl::StatusOr<std::optional<std::string>> value = in.Value(option);
    if (!value.ok()) return value.status();
  }
  absl::Status built = BuildRequest(*spec, *args, parsed);
  if (!built.ok()) return built;
  return parsed;
}

absl::Status CommandParser::BuildRequest(const CommandSpec& spec,
                                         const CliArgs& args,
                                         ParsedCommand& parsed) const {
  const ArgReader in(spec, args);
  bool* const resolve = &parsed.resolve_item;
  parsed.command = spec.command;
  switch (spec.command) {
    case Command::kNext: {
      auto request = std::make_shared<v1::CallNextRequest>();
      *request->mutable_list() = in.Ref(resolve);
      SPEAKERS_ASSIGN_OR_RETURN(expect, in.Value("expect"));
      if (expect.has_value() && args.Has("expect-none")) {
        return in.Error("--expect and --expect-none exclude each other");
      }
      if (expect.has_value()) request->set_expected_current(*expect);
      if (args.Has("expect-none")) request->set_expected_current("");
      parsed.request = std::move(request);
      break;
    }
    case Command::kOpen:
    case Command::kClose:
    case Command::kReadd: {
      auto request = std::make_shared<v1::ListCommand>();
      *request->mutable_list() = in.Ref(resolve);
      parsed.request = std::move(request);
      break;
    }
    case Command::kTimer: {
      auto request = std::make_shared<v1::TimerRequest>();
      *request->mutable_list() = in.Ref(resolve);
      SPEAKERS_ASSIGN_OR_RETURN(action,
                                Checked(in, ParseTimerAction(in.Arg(0))));
      request->set_action(action);
      parsed.request = std::move(request);
      break;
    }
    case Command::kAddTime: {
      auto request = std::make_shared<v1::AddTimeRequest>();
      *request->mutable_list() = in.Ref(resolve);
      SPEAKERS_ASSIGN_OR_RETURN(delta,
                                Checked(in, ParseSignedDuration(in.Arg(0))));
      SetProtoDuration(delta, request->mutable_delta());
      parsed.request = std::move(request);
      break;
    }
    case Command::kMove: {
      auto request = std::make_shared<v1::MoveRequest>();
      *request->mutable_list() = in.Ref(resolve);
      SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
      SPEAKERS_ASSIGN_OR_RETURN(position,
                                Checked(in, ParsePosition(in.Arg(1))));
      request->set_delegation(code);
      request->set_position(position);
      parsed.request = std::move(request);
      break;
    }
    case Command::kSwap: {
      auto request = std::make_shared<v1::SwapRequest>();
      *request->mutable_list() = in.Ref(resolve);
      SPEAKERS_ASSIGN_OR_RETURN(first, in.Code(0));
      SPEAKERS_ASSIGN_OR_RETURN(second, in.Code(1));
      if (first == second) return in.Error("give two different delegations");
      request->set_first(first);
      request->set_second(second);
      parsed.request = std::move(request);
      break;
    }
    case Command::kRemove:
    case Command::kAbsent:
    case Command::kWithdraw: {
      auto request = std::make_shared<v1::DelegationCommand>();
      *request->mutable_list() = in.Ref(resolve);
      SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
      request->set_delegation(code);
      parsed.request = std::move(request);
      break;
    }
    case Command::kAdd:
    case Command::kInscribe: {
      auto request = std::make_shared<v1::InscribeRequest>();
      *request->mutable_list() = in.Ref(resolve);
      SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
      SPEAKERS_ASSIGN_OR_RETURN(speaker, in.Speaker());
      SPEAKERS_ASSIGN_OR_RETURN(group, in.Value("group"));
      SPEAKERS_ASSIGN_OR_RETURN(limit, in.Duration("limit"));
      request->set_delegation(code);
      *request->mutable_speaker() = speaker;
      request->set_on_behalf_of(group.value_or(""));
      if (limit.has_value())
        SetProtoDuration(*limit, request->mutable_time_limit());
      parsed.request = std::move(request);
      break;
    }
    case Command::kUpdate: {
      auto request = std::make_shared<v1::UpdateSpeakerRequest>();
      *request->mutable_list() = in.Ref(resolve);
      SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
      SPEAKERS_ASSIGN_OR_RETURN(speaker, in.Speaker());
      SPEAKERS_ASSIGN_OR_RETURN(group, in.Value("group"));
      request->set_delegation(code);
      *request->mutable_speaker() = speaker;
      request->set_on_behalf_of(group.value_or(""));
      parsed.request = std::move(request);
      break;
    }
    case Command::kLimit: {
      auto request = std::make_shared<v1::SetTimeLimitRequest>();
      *request->mutable_list() = in.Ref(resolve);
      SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
      request->set_delegation(code);
      if (in.Arg(1) != "default") {
        absl::StatusOr<absl::Duration> limit = ParseDuration(in.Arg(1));
        if (!limit.ok()) {
          return in.Error(
              absl::StrCat(limit.status().message(), ", or \"default\""));
        }
        SetProtoDuration(*limit, request->mutable_limit());
      }
      parsed.request = std::move(request);
      break;
    }
    case Command::kItem: {
      if (in.Arg(0).empty()) return in.Error("the item may not be empty");
      auto request = std::make_shared<v1::SetCurrentItemRequest>();
      request->set_meeting(in.Meeting());
      request->set_item(in.Arg(0));
      parsed.request = std::move(request);
      break;
    }
    case Command::kMeeting:
    case Command::kMeetingInfo: {
      if (args.args().empty()) {
        auto request = std::make_shared<v1::MeetingRef>();
        request->set_meeting(in.Meeting());
        parsed.command = Command::kMeetingInfo;
        parsed.request = std::move(request);
        break;
      }
      auto request = std::make_shared<v1::ChangeMeetingRequest>();
      SPEAKERS_ASSIGN_OR_RETURN(action,
                                Checked(in, ParseMeetingAction(in.Arg(0))));
      request->set_meeting(in.Meeting());
      request->set_action(action);
      parsed.command = Command::kMeeting;
      parsed.request = std::move(request);
      break;
    }
    case Command::kConfigure: {
      auto request = std::make_shared<v1::ConfigureListRequest>();
      *request->mutable_list() = in.Ref(resolve);
      v1::ListSettings* settings = request->mutable_settings();
      SPEAKERS_ASSIGN_OR_RETURN(speaking_time, in.Duration("speaking-time"));
      SPEAKERS_ASSIGN_OR_RETURN(warning, in.Duration("warning"));
      SPEAKERS_ASSIGN_OR_RETURN(policy, in.Value("policy"));
      SPEAKERS_ASSIGN_OR_RETURN(absent, in.Value("absent"));
      if (!speaking_time && !warning && !policy && !absent) {
        return in.Error(
            "give at least one of --speaking-time, --warning, --policy, "
            "--absent");
      }
      if (speaking_time)
        SetProtoDuration(*speaking_time, settings->mutable_speaking_time());
      if (warning) SetProtoDuration(*warning, settings->mutable_warning());
      if (policy) {
        SPEAKERS_ASSIGN_OR_RETURN(kind, Checked(in, ParsePolicy(*policy)));
        settings->set_policy(kind);
      }
      if (absent) {
        SPEAKERS_ASSIGN_OR_RETURN(rule, Checked(in, ParseAbsent(*absent)));
        settings->set_absent(rule);
      }
      parsed.request = std::move(request);
      break;
    }
    case Command::kPosition: {
      auto request = std::make_shared<v1::DelegationOnList>();
      *request->mutable_list() = in.Ref(resolve);
      SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
      request->set_delegation(code);
      parsed.request = std::move(request);
      break;
    }
    case Command::kReply: {
      auto request = std::make_shared<v1::RequestReplyRequest>();
      const v1::ListRef ref = in.Ref(resolve);
      SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
      SPEAKERS_ASSIGN_OR_RETURN(speaker, in.Speaker());
      request->set_meeting(ref.meeting());
      request->set_item(ref.item());
      request->set_delegation(code);
      *request->mutable_speaker() = speaker;
      parsed.request = std::move(request);
      break;
    }
    case Command::kSession:
      parsed.request = std::make_shared<v1::GetSessionRequest>();
      break;
    case Command::kList:
      parsed.request = std::make_shared<v1::ListRef>(in.Ref(resolve));
      break;
    case Command::kTimeUsed: {
      auto request = std::make_shared<v1::MeetingRef>();
      request->set_meeting(in.Meeting());
      parsed.request = std::move(request);
      break;
    }
    case Command::kAudit: {
      auto request = std::make_shared<v1::AuditRequest>();
      const v1::ListRef ref = in.Ref(resolve);
      request->set_meeting(ref.meeting());
      request->set_item(ref.item() == "all" ? "" : ref.item());
      SPEAKERS_ASSIGN_OR_RETURN(format, in.Value("format"));
      if (!format || *format == "csv") {
        request->set_format(v1::AUDIT_CSV);
      } else if (*format == "json") {
        request->set_format(v1::AUDIT_JSON);
      } else {
        return in.Error(absl::StrCat("--format takes csv or json, not \"", *format, "\""));
      }
      SPEAKERS_ASSIGN_OR_RETURN(output, in.Value("output"));
      parsed.output = output.value_or("");
      parsed.request = std::move(request);
      break;
    }
    case Command::kBackup: {
      auto request = std::make_shared<v1::BackupRequest>();
      request->set_destination(in.Arg(0));
      parsed.request = std::move(request);
      break;
    }
    case Command::kWatch: {
      auto request = std::make_shared<v1::WatchRequest>();
      request->set_meeting(in.Meeting());
      parsed.once = args.Has("once");
      parsed.request = std::move(request);
      break;
    }
  }
  return absl::OkStatus();
}

}  // namespace speakers::cli
