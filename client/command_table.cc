// The table of `speakers` subcommands: for each its name, help texts,
// arguments and options, how its request is built, which RPC it calls and
// how its reply is printed.
#include "client/command_table.h"

#include <fstream>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "client/output_format.h"
#include "client/token_text.h"
#include "client/value_parsers.h"
#include "client/watch_view.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::cli {
namespace {

// Evaluates `expr` (a StatusOr); returns its status on error, else moves
// its value into a new variable `lhs`.
#define SPEAKERS_ASSIGN_OR_RETURN(lhs, expr)    \
  auto lhs##_or = (expr);                       \
  if (!lhs##_or.ok()) return lhs##_or.status(); \
  auto lhs = *std::move(lhs##_or)

constexpr absl::string_view kChair =
    "Chair commands (the meeting's chair or the secretariat):";
constexpr absl::string_view kDelegate =
    "Delegation commands (a delegation for itself, the chair, the "
    "secretariat):";
constexpr absl::string_view kQuery = "Queries (any role):";
constexpr absl::string_view kDisplay = "Display:";
constexpr absl::string_view kRecords =
    "Records (the chair for its meeting; backups: the secretariat):";
constexpr absl::string_view kTokens = "Access tokens (the secretariat):";

// ---- Requests shared by several commands ----

// The list alone.
absl::Status ListOnly(const ArgReader& in, v1::ListCommand& request) {
  *request.mutable_list() = in.Ref();
  return absl::OkStatus();
}

// The list and the delegation CODE.
absl::Status OneDelegation(const ArgReader& in,
                           v1::DelegationCommand& request) {
  *request.mutable_list() = in.Ref();
  SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
  request.set_delegation(code);
  return absl::OkStatus();
}

// CODE and the speaker options; --limit where the command takes it.
absl::Status Inscription(const ArgReader& in, v1::InscribeRequest& request) {
  *request.mutable_list() = in.Ref();
  SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
  SPEAKERS_ASSIGN_OR_RETURN(speaker, in.Speaker());
  SPEAKERS_ASSIGN_OR_RETURN(group, in.Value("group"));
  SPEAKERS_ASSIGN_OR_RETURN(limit, in.TimeLimit("limit"));
  request.set_delegation(code);
  *request.mutable_speaker() = speaker;
  request.set_on_behalf_of(group.value_or(""));
  if (limit.has_value()) {
    SetProtoDuration(*limit, request.mutable_time_limit());
  }
  return absl::OkStatus();
}

// The meeting alone.
absl::Status MeetingOnly(const ArgReader& in, v1::MeetingRef& request) {
  request.set_meeting(in.Meeting());
  return absl::OkStatus();
}

// ---- Replies shared by several commands ----

// A command's result. Only a receipt needs the session's zone: it is not
// asked for otherwise.
std::string CommandReplyText(const v1::CommandReply& reply,
                             CommandContext& context) {
  const bool has_receipt = reply.entry().receipt().number() > 0;
  return TextFormatter(has_receipt ? context.Zone() : absl::UTCTimeZone())
      .Reply(reply);
}

// `reply` and `add-reply`: CODE, the speaker, the item replied on.
absl::Status ReplyRequest(const ArgReader& in,
                          v1::RequestReplyRequest& request) {
  const v1::ListRef ref = in.Ref();
  SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
  SPEAKERS_ASSIGN_OR_RETURN(speaker, in.Speaker());
  request.set_meeting(ref.meeting());
  request.set_item(ref.item());
  request.set_delegation(code);
  *request.mutable_speaker() = speaker;
  return absl::OkStatus();
}

// The point of order commands: the meeting, CODE (where given), --question.
absl::Status PointRequestOf(const ArgReader& in, v1::PointRequest& request,
                            bool code_required) {
  request.set_meeting(in.Meeting());
  if (code_required || in.count() > 0) {
    SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
    request.set_delegation(code);
  }
  if (in.Has("question")) request.set_kind(v1::POINT_QUESTION);
  return absl::OkStatus();
}

const std::vector<CommandSpec>& Commands() {
  static const auto* const kCommands = new std::vector<CommandSpec>{
      {
          .name = "next",
          .group = kChair,
          .synopsis = "[--expect=CODE|--expect-none]",
          .summary = "give the floor to the next speaker",
          .details =
              "Ends the current turn and gives the floor to the first "
              "speaker waiting. With --expect=CODE (or --expect-none) the "
              "server refuses with FAILED_PRECONDITION unless CODE (or "
              "nobody) has the floor, so that a double click never advances "
              "twice.",
          .options = {"expect", "expect-none", "meeting", "item"},
          .rpc = "CallNext",
          .request = Build([](const ArgReader& in,
                              v1::CallNextRequest& request) -> absl::Status {
            *request.mutable_list() = in.Ref();
            SPEAKERS_ASSIGN_OR_RETURN(expect, in.Value("expect"));
            if (expect.has_value() && in.Has("expect-none")) {
              return in.Error("--expect and --expect-none exclude each other");
            }
            if (expect.has_value()) {
              request.set_expected_current(absl::AsciiStrToUpper(*expect));
            }
            if (in.Has("expect-none")) request.set_expected_current("");
            return absl::OkStatus();
          }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "end",
          .group = kChair,
          .summary = "end the current statement; nobody has the floor",
          .details =
              "A meeting has one floor: while someone speaks on one list, "
              "another list cannot be called. End the statement first.",
          .options = {"meeting", "item"},
          .rpc = "EndStatement",
          .request = Build(&ListOnly),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "undo-next",
          .group = kChair,
          .summary = "undo the last \"next\": the previous speaker has the "
                     "floor again",
          .details =
              "While the speaker called last still has the floor: the "
              "previous speaker has it again with the time used and the "
              "clock as they were, the one called goes back to its place "
              "with its receipt, and no statement is recorded for it.",
          .options = {"meeting", "item"},
          .rpc = "UndoNext",
          .request = Build(&ListOnly),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "grant",
          .group = kChair,
          .synopsis = "[CODE]",
          .summary = "hear a point of order (the first waiting, or CODE's)",
          .details =
              "The raiser has the floor; the current speaker's clock pauses "
              "until the point ends (speakers end-point).",
          .max_args = 1,
          .options = {"meeting"},
          .rpc = "GrantPoint",
          .request = Build(
              [](const ArgReader& in, v1::PointRequest& r) -> absl::Status {
                return PointRequestOf(in, r, /*code_required=*/false);
              }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "dismiss",
          .group = kChair,
          .synopsis = "CODE",
          .summary = "rule a waiting point of order out",
          .min_args = 1,
          .max_args = 1,
          .options = {"meeting"},
          .rpc = "DismissPoint",
          .request = Build(
              [](const ArgReader& in, v1::PointRequest& r) -> absl::Status {
                return PointRequestOf(in, r, /*code_required=*/true);
              }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "end-point",
          .group = kChair,
          .summary = "end the point of order heard; the interrupted speaker "
                     "has the floor again",
          .options = {"meeting"},
          .rpc = "EndPoint",
          .request = Build(
              [](const ArgReader& in, v1::PointRequest& r) -> absl::Status {
                return PointRequestOf(in, r, /*code_required=*/false);
              }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "add-reply",
          .group = kChair,
          .synopsis = "CODE --name=NAME [--title=TITLE] [--rank=RANK]",
          .summary = "give a delegation the right of reply on an item",
          .details =
              "--item names the item replied on (default: the current item). "
              "The session's rules apply as to a request: who may reply, an "
              "item with statements, at most the allowed replies per item.",
          .min_args = 1,
          .max_args = 1,
          .options = {"name", "title", "rank", "meeting", "item"},
          .rpc = "AddReply",
          .request = Build(&ReplyRequest),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "open",
          .group = kChair,
          .summary = "open the list of speakers",
          .options = {"meeting", "item"},
          .rpc = "OpenList",
          .request = Build(&ListOnly),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "close",
          .group = kChair,
          .summary = "close the list of speakers",
          .options = {"meeting", "item"},
          .rpc = "CloseList",
          .request = Build(&ListOnly),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "timer",
          .group = kChair,
          .synopsis = "start|pause|resume|reset",
          .summary = "control the speaker's clock",
          .min_args = 1,
          .max_args = 1,
          .options = {"meeting", "item"},
          .rpc = "Timer",
          .request = Build([](const ArgReader& in,
                              v1::TimerRequest& request) -> absl::Status {
            *request.mutable_list() = in.Ref();
            SPEAKERS_ASSIGN_OR_RETURN(action,
                                      in.Checked(ParseTimerAction(in.Arg(0))));
            request.set_action(action);
            return absl::OkStatus();
          }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "add-time",
          .group = kChair,
          .synopsis = "DURATION",
          .summary = "give the speaker more time (60, 1m or 1:00) or less "
                     "(-30)",
          .details = "A bare number is seconds: add-time 90 gives a minute "
                     "and a half (as do 90s, 1m30s and 1:30); a leading "
                     "minus takes time away.",
          .min_args = 1,
          .max_args = 1,
          .options = {"meeting", "item"},
          .rpc = "AddTime",
          .request = Build([](const ArgReader& in,
                              v1::AddTimeRequest& request) -> absl::Status {
            *request.mutable_list() = in.Ref();
            SPEAKERS_ASSIGN_OR_RETURN(
                delta, in.Checked(ParseSignedDuration(in.Arg(0))));
            SetProtoDuration(delta, request.mutable_delta());
            return absl::OkStatus();
          }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "move",
          .group = kChair,
          .synopsis = "CODE POS",
          .summary = "move a waiting speaker to place POS (1 = next)",
          .min_args = 2,
          .max_args = 2,
          .options = {"meeting", "item"},
          .rpc = "Move",
          .request = Build([](const ArgReader& in,
                              v1::MoveRequest& request) -> absl::Status {
            *request.mutable_list() = in.Ref();
            SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
            SPEAKERS_ASSIGN_OR_RETURN(position,
                                      in.Checked(ParsePosition(in.Arg(1))));
            request.set_delegation(code);
            request.set_position(position);
            return absl::OkStatus();
          }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "swap",
          .group = kChair,
          .synopsis = "CODE1 CODE2",
          .summary = "exchange the places of two waiting speakers",
          .min_args = 2,
          .max_args = 2,
          .options = {"meeting", "item"},
          .rpc = "Swap",
          .request = Build([](const ArgReader& in,
                              v1::SwapRequest& request) -> absl::Status {
            *request.mutable_list() = in.Ref();
            SPEAKERS_ASSIGN_OR_RETURN(first, in.Code(0));
            SPEAKERS_ASSIGN_OR_RETURN(second, in.Code(1));
            if (first == second) {
              return in.Error("give two different delegations");
            }
            request.set_first(first);
            request.set_second(second);
            return absl::OkStatus();
          }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "remove",
          .group = kChair,
          .synopsis = "CODE",
          .summary = "take a speaker off the list",
          .min_args = 1,
          .max_args = 1,
          .options = {"meeting", "item"},
          .rpc = "Remove",
          .request = Build(&OneDelegation),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "reinstate",
          .group = kChair,
          .synopsis = "CODE",
          .summary = "put back a speaker removed (or dropped as absent) by "
                     "mistake, where it stood, with its receipt",
          .min_args = 1,
          .max_args = 1,
          .options = {"meeting", "item"},
          .rpc = "Reinstate",
          .request = Build(&OneDelegation),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "absent",
          .group = kChair,
          .synopsis = "CODE",
          .summary =
              "mark a speaker absent (to the end of the tier, or dropped)",
          .min_args = 1,
          .max_args = 1,
          .options = {"meeting", "item"},
          .rpc = "MarkAbsent",
          .request = Build(&OneDelegation),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "add",
          .group = kChair,
          .synopsis = "CODE --name=NAME [--title=TITLE] [--rank=RANK] "
                      "[--group=GROUP] [--limit=DURATION]",
          .summary = "put a speaker on the list on the chair's authority",
          .details = "Adds a speaker even when the list is closed, optionally "
                     "with a speaking time of its own.",
          .min_args = 1,
          .max_args = 1,
          .options = {"name", "title", "rank", "group", "limit", "meeting",
                      "item"},
          .rpc = "AddSpeaker",
          .request = Build(&Inscription),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "readd",
          .group = kChair,
          .summary = "put the last speaker back on the list, next in line",
          .options = {"meeting", "item"},
          .rpc = "ReaddLast",
          .request = Build(&ListOnly),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "limit",
          .group = kChair,
          .synopsis = "CODE DURATION|default",
          .summary = "set one speaker's time limit, or return it to the "
                     "list's default",
          .min_args = 2,
          .max_args = 2,
          .options = {"meeting", "item"},
          .rpc = "SetTimeLimit",
          .request =
              Build([](const ArgReader& in,
                       v1::SetTimeLimitRequest& request) -> absl::Status {
                *request.mutable_list() = in.Ref();
                SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
                request.set_delegation(code);
                if (in.Arg(1) == "default") return absl::OkStatus();
                absl::StatusOr<absl::Duration> limit =
                    ParseTimeLimit(in.Arg(1));
                if (!limit.ok()) {
                  return in.Error(absl::StrCat(limit.status().message(),
                                               ", or \"default\""));
                }
                SetProtoDuration(*limit, request.mutable_limit());
                return absl::OkStatus();
              }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "item",
          .group = kChair,
          .synopsis = "ITEM",
          .summary = "make ITEM the meeting's current item",
          .min_args = 1,
          .max_args = 1,
          .options = {"meeting"},
          .rpc = "SetCurrentItem",
          .request =
              Build([](const ArgReader& in,
                       v1::SetCurrentItemRequest& request) -> absl::Status {
                if (in.Arg(0).empty())
                  return in.Error("the item may not be empty");
                request.set_meeting(in.Meeting());
                request.set_item(in.Arg(0));
                return absl::OkStatus();
              }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "meeting",
          .group = kChair,
          .synopsis = "open|suspend|resume|adjourn",
          .summary = "open, suspend, resume or adjourn the meeting",
          .min_args = 1,
          .max_args = 1,
          .options = {"meeting"},
          .rpc = "ChangeMeeting",
          .request =
              Build([](const ArgReader& in,
                       v1::ChangeMeetingRequest& request) -> absl::Status {
                SPEAKERS_ASSIGN_OR_RETURN(
                    action, in.Checked(ParseMeetingAction(in.Arg(0))));
                request.set_meeting(in.Meeting());
                request.set_action(action);
                return absl::OkStatus();
              }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "configure",
          .group = kChair,
          .synopsis = "[--speaking-time=DURATION] [--observer-time=DURATION] "
                      "[--group-time=DURATION] [--warning=DURATION] "
                      "[--policy=POLICY] [--absent=end|drop]",
          .summary = "change the list's settings",
          .details =
              "Reads the list's settings and changes only the ones given. "
              "Policies: parties (States parties before observers, then "
              "ministerial rank), ministerial (ministerial rank first), "
              "protocol (by "
              "rank), category (first come, first served within each "
              "category), fcfs (first come, first served). --observer-time "
              "and --group-time limit observers' statements and statements on "
              "behalf of a group (0:00: back to the speaking time).",
          .options = {"speaking-time", "observer-time", "group-time", "warning",
                      "policy", "absent", "meeting", "item"},
          .rpc = "ConfigureList",
          .request = Build([](const ArgReader& in,
                              v1::ConfigureListRequest& request)
                               -> absl::Status {
            *request.mutable_list() = in.Ref();
            v1::ListSettings* settings = request.mutable_settings();
            SPEAKERS_ASSIGN_OR_RETURN(speaking_time,
                                      in.TimeLimit("speaking-time"));
            SPEAKERS_ASSIGN_OR_RETURN(warning, in.Duration("warning"));
            SPEAKERS_ASSIGN_OR_RETURN(policy, in.Value("policy"));
            SPEAKERS_ASSIGN_OR_RETURN(absent, in.Value("absent"));
            SPEAKERS_ASSIGN_OR_RETURN(observer_time,
                                      in.TimeLimit("observer-time"));
            SPEAKERS_ASSIGN_OR_RETURN(group_time, in.TimeLimit("group-time"));
            if (!speaking_time && !warning && !policy && !absent &&
                !observer_time && !group_time) {
              return in.Error(
                  "give at least one of --speaking-time, --observer-time, "
                  "--group-time, --warning, --policy, --absent");
            }
            if (observer_time) {
              SetProtoDuration(*observer_time,
                               settings->mutable_observer_time());
            }
            if (group_time)
              SetProtoDuration(*group_time, settings->mutable_group_time());
            if (speaking_time) {
              SetProtoDuration(*speaking_time,
                               settings->mutable_speaking_time());
            }
            if (warning)
              SetProtoDuration(*warning, settings->mutable_warning());
            if (policy) {
              SPEAKERS_ASSIGN_OR_RETURN(kind, in.Checked(ParsePolicy(*policy)));
              settings->set_policy(kind);
            }
            if (absent) {
              SPEAKERS_ASSIGN_OR_RETURN(rule, in.Checked(ParseAbsent(*absent)));
              settings->set_absent(rule);
            }
            return absl::OkStatus();
          }),
          // The server replaces all settings: start from the list's own.
          .run = Run([](CommandContext& context,
                        v1::ConfigureListRequest& request) -> absl::Status {
            absl::StatusOr<v1::ListState> list =
                context.client().Call<v1::ListState>("GetList", request.list());
            if (!list.ok()) return list.status();
            v1::ListSettings settings = list->settings();
            const v1::ListSettings& given = request.settings();
            if (given.has_speaking_time()) {
              *settings.mutable_speaking_time() = given.speaking_time();
            }
            if (given.has_warning()) {
              *settings.mutable_warning() = given.warning();
            }
            if (given.has_observer_time()) {
              *settings.mutable_observer_time() = given.observer_time();
            }
            if (given.has_group_time()) {
              *settings.mutable_group_time() = given.group_time();
            }
            if (given.policy() != v1::POLICY_KIND_UNSPECIFIED) {
              settings.set_policy(given.policy());
            }
            if (given.absent() != v1::ABSENT_UNSPECIFIED) {
              settings.set_absent(given.absent());
            }
            *request.mutable_settings() = settings;
            return Print(&CommandReplyText)(context, request);
          }),
      },
      {
          .name = "inscribe",
          .group = kDelegate,
          .synopsis =
              "CODE --name=NAME [--title=TITLE] [--rank=RANK] [--group=GROUP]",
          .summary = "inscribe a delegation's speaker on the list",
          .details = "Prints the receipt: the order of arrival and its time.",
          .min_args = 1,
          .max_args = 1,
          .options = {"name", "title", "rank", "group", "meeting", "item"},
          .rpc = "Inscribe",
          .request = Build(&Inscription),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "update",
          .group = kDelegate,
          .synopsis =
              "CODE --name=NAME [--title=TITLE] [--rank=RANK] [--group=GROUP]",
          .summary = "change the speaker of an inscription",
          .details = "Replaces the speaker's name, title, rank and group; the "
                     "place on the list follows the new rank.",
          .min_args = 1,
          .max_args = 1,
          .options = {"name", "title", "rank", "group", "meeting", "item"},
          .rpc = "UpdateSpeaker",
          .request =
              Build([](const ArgReader& in,
                       v1::UpdateSpeakerRequest& request) -> absl::Status {
                *request.mutable_list() = in.Ref();
                SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
                SPEAKERS_ASSIGN_OR_RETURN(speaker, in.Speaker());
                SPEAKERS_ASSIGN_OR_RETURN(group, in.Value("group"));
                request.set_delegation(code);
                *request.mutable_speaker() = speaker;
                request.set_on_behalf_of(group.value_or(""));
                return absl::OkStatus();
              }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "withdraw",
          .group = kDelegate,
          .synopsis = "CODE",
          .summary = "withdraw an inscription",
          .min_args = 1,
          .max_args = 1,
          .options = {"meeting", "item"},
          .rpc = "Withdraw",
          .request = Build(&OneDelegation),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "position",
          .group = kDelegate,
          .synopsis = "CODE",
          .summary = "show a delegation's place and expected wait",
          .min_args = 1,
          .max_args = 1,
          .options = {"meeting", "item"},
          .rpc = "GetPosition",
          .request = Build([](const ArgReader& in,
                              v1::DelegationOnList& request) -> absl::Status {
            *request.mutable_list() = in.Ref();
            SPEAKERS_ASSIGN_OR_RETURN(code, in.Code(0));
            request.set_delegation(code);
            return absl::OkStatus();
          }),
          .run =
              Print([](const v1::Position& position, CommandContext& context) {
                return TextFormatter(context.Zone()).Position(position);
              }),
      },
      {
          .name = "reply",
          .group = kDelegate,
          .synopsis = "CODE --name=NAME [--title=TITLE] [--rank=RANK]",
          .summary = "ask for the right of reply on an item",
          .details =
              "--item names the item replied on (default: the current item).",
          .min_args = 1,
          .max_args = 1,
          .options = {"name", "title", "rank", "meeting", "item"},
          .rpc = "RequestReply",
          .request = Build(&ReplyRequest),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "point-of-order",
          .group = kDelegate,
          .synopsis = "CODE [--question]",
          .summary = "raise a point of order (or a question to the speaker)",
          .details =
              "The chair sees it at once and grants or dismisses it. One "
              "point may wait per delegation; the session says which "
              "delegations may raise one (States parties by default).",
          .min_args = 1,
          .max_args = 1,
          .options = {"question", "meeting"},
          .rpc = "RaisePoint",
          .request = Build(
              [](const ArgReader& in, v1::PointRequest& r) -> absl::Status {
                return PointRequestOf(in, r, /*code_required=*/true);
              }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "withdraw-point",
          .group = kDelegate,
          .synopsis = "CODE",
          .summary = "withdraw a point of order still waiting",
          .min_args = 1,
          .max_args = 1,
          .options = {"meeting"},
          .rpc = "WithdrawPoint",
          .request = Build(
              [](const ArgReader& in, v1::PointRequest& r) -> absl::Status {
                return PointRequestOf(in, r, /*code_required=*/true);
              }),
          .run = Print(&CommandReplyText),
      },
      {
          .name = "session",
          .group = kQuery,
          .summary = "show the session: name, meetings, number of delegations",
          .rpc = "GetSession",
          .request = Build([](const ArgReader&, v1::GetSessionRequest&) {
            return absl::OkStatus();
          }),
          .run = Print([](const v1::SessionInfo& session, CommandContext&) {
            return TextFormatter(absl::UTCTimeZone()).Session(session);
          }),
      },
      {
          .name = "whoami",
          .group = kQuery,
          .summary = "show who your token says you are: role, meeting or "
                     "delegation, holder, expiry",
          .rpc = "WhoAmI",
          .request = Build([](const ArgReader&, v1::WhoAmIRequest&) {
            return absl::OkStatus();
          }),
          .run = Print([](const v1::Caller& caller, CommandContext& context) {
            return CallerText(caller, context.Zone());
          }),
      },
      {
          .name = "list",
          .group = kQuery,
          .synopsis = "[--wide]",
          .summary = "show the list: place, delegation, speaker, rank and "
                     "tier, receipt, expected wait",
          .details =
              "Times are local times of the session's time zone. The table "
              "fits $COLUMNS columns when it is set (COLUMNS=120 speakers "
              "list), else the terminal's width, else 100 (at least 40): "
              "where all columns do not fit, the Tier, then the Received, "
              "then the Rank column are left out and long delegations, "
              "speakers and notes "
              "are cut with \"\u2026\". Chinese, Japanese and Korean "
              "characters count two columns, combining accents none. --wide "
              "prints every column at full width.",
          .options = {"wide", "meeting", "item"},
          .rpc = "GetList",
          .request = Build([](const ArgReader& in, v1::ListRef& request) {
            request = in.Ref();
            return absl::OkStatus();
          }),
          .run = Print([](const v1::ListState& list, CommandContext& context) {
            return TextFormatter(context.Zone())
                .List(list,
                      context.args().Has("wide") ? 0 : context.table_width());
          }),
      },
      {
          .name = "meeting",
          .group = kQuery,
          .summary = "show the meeting: status, current item, its lists",
          .options = {"meeting"},
          .rpc = "GetMeeting",
          .request = Build(&MeetingOnly),
          .run = Print([](const v1::MeetingSnapshot& meeting, CommandContext&) {
            return TextFormatter(absl::UTCTimeZone()).Meeting(meeting);
          }),
      },
      {
          .name = "time-used",
          .group = kQuery,
          .summary = "show the speaking time used per delegation, most first",
          .options = {"meeting"},
          .rpc = "GetSpeakingTime",
          .request = Build(&MeetingOnly),
          .run =
              Print([](const v1::SpeakingTimeReport& report, CommandContext&) {
                return TextFormatter(absl::UTCTimeZone()).SpeakingTime(report);
              }),
      },
      {
          .name = "audit",
          .group = kRecords,
          .synopsis = "[--format=csv|json] [--output=FILE]",
          .summary =
              "export the record of a list (or with --item=all, the meeting)",
          .details =
              "Every inscription with its receipt number and server time, "
              "every edit and who made it, every speech with its actual "
              "duration, from the server's command log. Times are given in "
              "UTC and in the session's local time.",
          .options = {"meeting", "item", "format", "output"},
          .rpc = "ExportAudit",
          .request = Build([](const ArgReader& in,
                              v1::AuditRequest& request) -> absl::Status {
            const v1::ListRef ref = in.Ref();
            request.set_meeting(ref.meeting());
            request.set_item(ref.item() == "all" ? "" : ref.item());
            SPEAKERS_ASSIGN_OR_RETURN(format, in.Value("format"));
            if (!format || *format == "csv") {
              request.set_format(v1::AUDIT_CSV);
            } else if (*format == "json") {
              request.set_format(v1::AUDIT_JSON);
            } else {
              return in.Error(absl::StrCat("--format takes csv or json, not \"",
                                           *format, "\""));
            }
            // Read when the command runs; checked here.
            return in.Value("output").status();
          }),
          // The record as it is (also with --json), to --output or stdout.
          .run = Run([](CommandContext& context,
                        v1::AuditRequest& request) -> absl::Status {
            absl::StatusOr<v1::AuditExport> audit =
                context.Send<v1::AuditExport>(request);
            if (!audit.ok()) return audit.status();
            const std::string output =
                context.args().Get("output").value_or("");
            if (output.empty()) {
              context.out() << audit->content();
              context.out().flush();
              return absl::OkStatus();
            }
            std::ofstream file(output, std::ios::binary | std::ios::trunc);
            file << audit->content();
            file.close();
            if (!file) {
              return absl::UnavailableError(
                  absl::StrCat("cannot write ", output));
            }
            context.out() << "Wrote " << audit->rows() << " rows (to version "
                          << audit->version() << ") to " << output << "\n"
                          << "Chain head at record " << audit->chain_record()
                          << ": " << audit->chain_head() << "\n";
            return absl::OkStatus();
          }),
      },
      {
          .name = "backup",
          .group = kRecords,
          .synopsis = "[NAME]",
          .summary = "copy the database, while in use, into the server's "
                     "backup directory",
          .details = "NAME is a file name in the directory the server was "
                     "started with (--backup-dir); the file must not exist "
                     "yet. Without NAME the server names it after its time "
                     "(speakers-20171106-110000.db). The copy is consistent "
                     "and can be used with --db.",
          .max_args = 1,
          .rpc = "Backup",
          .request = Build([](const ArgReader& in, v1::BackupRequest& request) {
            if (in.count() > 0) request.set_destination(in.Arg(0));
            return absl::OkStatus();
          }),
          .run = Print([](const v1::BackupReply& reply, CommandContext&) {
            return absl::StrCat("Backup written to ", reply.path(), " (",
                                reply.bytes(), " bytes, ", reply.records(),
                                " commands)\n");
          }),
      },
      {
          .name = "tokens",
          .group = kTokens,
          .summary = "list the access tokens: id, role, scope, holder, "
                     "expiry, whether revoked",
          .details = "The server keeps only the tokens' hashes: a token is "
                     "shown once, when it is issued. The id (8 hex digits) "
                     "names a token for revoke-token and rotate-token.",
          .rpc = "ListTokens",
          .request = Build([](const ArgReader&, v1::ListTokensRequest&) {
            return absl::OkStatus();
          }),
          .run = Print([](const v1::TokenList& list, CommandContext& context) {
            return TokenListText(list, context.Zone());
          }),
      },
      {
          .name = "issue-token",
          .group = kTokens,
          .synopsis = "ROLE [SCOPE] [--holder=NAME] [--expires=DATE]",
          .summary = "issue a new token: secretariat, display, chair MEETING "
                     "or delegation CODE",
          .details = "Prints the token once: hand it to its holder. A "
                     "delegation or a chair may have several (the named "
                     "members of a mission). --expires takes a date "
                     "(2017-11-10: refused from the end of that day, the "
                     "session's time) or an RFC 3339 time.",
          .min_args = 1,
          .max_args = 2,
          .options = {"holder", "expires"},
          .rpc = "IssueToken",
          .request = Build([](const ArgReader& in,
                              v1::IssueTokenRequest& request) -> absl::Status {
            SPEAKERS_ASSIGN_OR_RETURN(role,
                                      in.Checked(ParseTokenRole(in.Arg(0))));
            request.set_role(role);
            // A delegation is named by its code, in capitals as the
            // session has it; a meeting by its id, as given.
            if (in.count() > 1) {
              request.set_scope(role == v1::TOKEN_ROLE_DELEGATION
                                    ? absl::AsciiStrToUpper(in.Arg(1))
                                    : in.Arg(1));
            }
            SPEAKERS_ASSIGN_OR_RETURN(holder, in.Value("holder"));
            if (holder.has_value()) request.set_name(*holder);
            // --expires is read when the command runs (its date is a day
            // of the session's time zone); checked here.
            return in.Value("expires").status();
          }),
          .run = Run([](CommandContext& context,
                        v1::IssueTokenRequest& request) -> absl::Status {
            if (std::optional<std::string> expires =
                    context.args().Get("expires")) {
              SPEAKERS_ASSIGN_OR_RETURN(at,
                                        ParseExpiry(*expires, context.Zone()));
              *request.mutable_expires() = at;
            }
            absl::StatusOr<v1::IssuedToken> issued =
                context.Send<v1::IssuedToken>(request);
            if (!issued.ok()) return issued.status();
            context.out() << IssuedTokenText(*issued, context.Zone());
            return absl::OkStatus();
          }),
      },
      {
          .name = "revoke-token",
          .group = kTokens,
          .synopsis = "ID",
          .summary = "revoke a token at once (its open streams end too)",
          .min_args = 1,
          .max_args = 1,
          .rpc = "RevokeToken",
          .request = Build([](const ArgReader& in, v1::TokenRef& request) {
            request.set_id(in.Arg(0));
            return absl::OkStatus();
          }),
          .run = Print([](const v1::TokenInfo& info, CommandContext& context) {
            return absl::StrCat("Revoked ", TokenLine(info, context.Zone()),
                                "\n");
          }),
      },
      {
          .name = "rotate-token",
          .group = kTokens,
          .synopsis = "ID",
          .summary = "replace a token by a new one for the same holder",
          .details = "Revokes the token ID and issues one with the same role, "
                     "scope, name and expiry, in one command; prints the new "
                     "token once.",
          .min_args = 1,
          .max_args = 1,
          .rpc = "RotateToken",
          .request = Build([](const ArgReader& in, v1::TokenRef& request) {
            request.set_id(in.Arg(0));
            return absl::OkStatus();
          }),
          .run =
              Print([](const v1::IssuedToken& issued, CommandContext& context) {
                return IssuedTokenText(issued, context.Zone());
              }),
      },
      {
          .name = "watch",
          .group = kDisplay,
          .synopsis = "[--once]",
          .summary = "show a live view: the current speaker, the countdown, "
                     "the next five speakers",
          .details =
              "Redraws the screen as the meeting changes and every second for "
              "the countdown (amber WARNING near the limit, red OVERRUN past "
              "it). Reconnects after a broken connection. With --json, prints "
              "every update instead.",
          .options = {"once", "meeting"},
          .rpc = "Watch",
          .request = Build([](const ArgReader& in, v1::WatchRequest& request) {
            request.set_meeting(in.Meeting());
            return absl::OkStatus();
          }),
          .run = Run([](CommandContext& context, v1::WatchRequest& request) {
            WatchView view(&context.client(), &context.out(),
                           context.frame_style());
            return context.args().Has("once")
                       ? view.RunOnce(request, context.json())
                       : view.RunLive(request, context.json());
          }),
      },
  };
  return *kCommands;
}

#undef SPEAKERS_ASSIGN_OR_RETURN

}  // namespace

const std::vector<CommandSpec>& AllCommands() { return Commands(); }

const CommandSpec* FindCommand(absl::string_view name) {
  for (const CommandSpec& spec : Commands()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace speakers::cli
