#include "client/usage_text.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/command_table.h"
#include "client/option_table.h"

namespace speakers::cli {
namespace {

constexpr int kSummaryColumn = 32;
constexpr int kTextWidth = 79;

// `text` broken into lines of at most `width` columns at spaces; each line
// ends in "\n".
std::string Wrap(absl::string_view text, int width) {
  std::string out;
  std::string line;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (!line.empty() &&
        static_cast<int>(line.size() + 1 + word.size()) > width) {
      absl::StrAppend(&out, line, "\n");
      line.clear();
    }
    absl::StrAppend(&line, line.empty() ? "" : " ", word);
  }
  if (!line.empty()) absl::StrAppend(&out, line, "\n");
  return out;
}

// The full usage line of a command, list options appended.
std::string UsageLine(const CommandSpec& spec) {
  std::string line = absl::StrCat("speakers ", spec.name);
  if (!spec.synopsis.empty()) absl::StrAppend(&line, " ", spec.synopsis);
  for (absl::string_view option : {"meeting", "item"}) {
    if (std::find(spec.options.begin(), spec.options.end(), option) !=
        spec.options.end()) {
      absl::StrAppend(&line, " [", FindOption(option)->usage, "]");
    }
  }
  return line;
}

// "  left   text" with text at kSummaryColumn (on the next line when the
// left part is too wide), wrapped to kTextWidth with a hanging indent.
std::string TwoColumns(absl::string_view left, absl::string_view text) {
  std::string out;
  for (absl::string_view part :
       absl::StrSplit(Wrap(left, kTextWidth - 6), '\n', absl::SkipEmpty())) {
    absl::StrAppend(&out, out.empty() ? "  " : "\n      ", part);
  }
  const std::string indent(kSummaryColumn, ' ');
  if (out.find('\n') != std::string::npos ||
      static_cast<int>(out.size()) + 2 > kSummaryColumn) {
    absl::StrAppend(&out, "\n", indent);
  } else {
    out.append(kSummaryColumn - out.size(), ' ');
  }
  const std::string wrapped = Wrap(text, kTextWidth - kSummaryColumn);
  for (absl::string_view line :
       absl::StrSplit(wrapped, '\n', absl::SkipEmpty())) {
    if (out.back() == '\n') out += indent;
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

// `prefix` + `line` wrapped to kTextWidth, continuation lines indented
// by 8.
std::string WrapUsage(absl::string_view prefix, absl::string_view line) {
  std::string out(prefix);
  bool first = true;
  for (absl::string_view part :
       absl::StrSplit(Wrap(line, kTextWidth - 8), '\n', absl::SkipEmpty())) {
    absl::StrAppend(&out, first ? "" : "        ", part, "\n");
    first = false;
  }
  return out;
}

}  // namespace

std::string MainUsage() {
  std::string out =
      "usage: speakers [--address=HOST:PORT] [--token=TOKEN] "
      "[--ca=FILE | --insecure]\n"
      "                [--json] COMMAND [ARGS]\n"
      "\n"
      "The client of the speakers server: the chair's console, a "
      "delegation's\n"
      "inscriptions, and a live display of a meeting's list of speakers.\n";
  absl::string_view group;
  for (const CommandSpec& spec : AllCommands()) {
    if (spec.group != group) {
      group = spec.group;
      absl::StrAppend(&out, "\n", group, "\n");
    }
    std::string left(spec.name);
    if (!spec.synopsis.empty()) absl::StrAppend(&left, " ", spec.synopsis);
    absl::StrAppend(&out, TwoColumns(left, spec.summary));
  }
  absl::StrAppend(
      &out,
      "\n"
      "A list is named by --meeting=ID (default: plenary) and --item=ITEM\n"
      "(default: the meeting's current item), e.g. --meeting=plenary "
      "--item=\"1 (f)\".\n"
      "Delegation codes may be typed in any case (aut is AUT).\n"
      "Durations: a bare number is seconds (90), or with units 90s, 2m, "
      "1m30s,\n"
      "or a clock M:SS or H:MM:SS (1:30, 5:00, 1:00:00). A time limit (a "
      "speaking\n"
      "time, --limit, limit CODE) of a bare 1 to 59 is refused as a slip "
      "for\n"
      "minutes: write 3m or 3:00 (3s if seconds are meant).\n"
      "Ranks: head-of-state, deputy-head-of-state (crown-prince),\n"
      "head-of-government, minister, vice-minister, head-of-delegation (the\n"
      "default), other.\n"
      "\n"
      "Options:\n");
  for (const OptionSpec& option : AllOptions()) {
    if (IsGlobalOption(option.name)) {
      absl::StrAppend(&out, TwoColumns(option.usage, option.help));
    }
  }
  absl::StrAppend(
      &out,
      "\n"
      "Exit status: 0 success; 1 local failure; 2 usage error; otherwise 3 + "
      "the\n"
      "gRPC status code of the error: 6 INVALID_ARGUMENT, 7 "
      "DEADLINE_EXCEEDED,\n"
      "8 NOT_FOUND, 9 ALREADY_EXISTS, 10 PERMISSION_DENIED, "
      "12 FAILED_PRECONDITION,\n"
      "16 INTERNAL, 17 UNAVAILABLE, 19 UNAUTHENTICATED. Errors go to stderr "
      "as\n"
      "\"speakers: CODE_NAME: message\".\n");
  return out;
}

std::string CommandUsage(const CommandSpec& spec) {
  std::string out;
  // "meeting" is both a chair command and a query: show both forms.
  for (const CommandSpec& other : AllCommands()) {
    if (other.name == spec.name) {
      absl::StrAppend(&out, WrapUsage(out.empty() ? "usage: " : "   or: ",
                                      UsageLine(other)));
    }
  }
  absl::StrAppend(&out, "\n");
  for (const CommandSpec& other : AllCommands()) {
    if (other.name != spec.name) continue;
    std::string paragraph = absl::StrCat(other.summary, ".");
    paragraph[0] =
        absl::ascii_toupper(static_cast<unsigned char>(paragraph[0]));
    if (!other.details.empty()) absl::StrAppend(&paragraph, " ", other.details);
    absl::StrAppend(&out, Wrap(paragraph, kTextWidth));
  }
  if (!spec.options.empty()) {
    absl::StrAppend(&out, "\nOptions:\n");
    for (absl::string_view name : spec.options) {
      const OptionSpec* option = FindOption(name);
      absl::StrAppend(&out, TwoColumns(option->usage, option->help));
    }
  }
  absl::StrAppend(&out,
                  "\nGlobal options: --address=HOST:PORT, --token=TOKEN, "
                  "--ca=FILE, --insecure,\n--json, --help (see speakers "
                  "--help).\n");
  return out;
}

}  // namespace speakers::cli
