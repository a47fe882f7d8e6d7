#include "client/command_parser.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/arg_reader.h"
#include "client/command_table.h"
#include "client/option_table.h"
#include "client/usage_text.h"

namespace speakers::cli {
namespace {

bool Takes(const CommandSpec& spec, absl::string_view option) {
  return std::find(spec.options.begin(), spec.options.end(), option) !=
         spec.options.end();
}

// The row called `name` that takes `count` positional arguments, else the
// first row called `name`; null when there is none.
const CommandSpec* FindForm(absl::string_view name, int count) {
  const CommandSpec* first = nullptr;
  for (const CommandSpec& spec : AllCommands()) {
    if (spec.name != name) continue;
    if (count >= spec.min_args && count <= spec.max_args) return &spec;
    if (first == nullptr) first = &spec;
  }
  return first;
}

// The usage error of `spec`'s command given `words` as its positional
// arguments: how many every row of that name takes together, and what.
absl::Status CountError(const CommandSpec& spec, const ArgReader& in,
                        const std::vector<std::string>& words) {
  int min_args = spec.min_args;
  int max_args = spec.max_args;
  for (const CommandSpec& other : AllCommands()) {
    if (other.name != spec.name) continue;
    min_args = std::min(min_args, other.min_args);
    max_args = std::max(max_args, other.max_args);
  }
  const std::string expected = min_args == max_args
                                   ? absl::StrCat(min_args)
                                   : absl::StrCat(min_args, " or ", max_args);
  return in.Error(absl::StrCat(
      "expects ", expected, max_args == 1 ? " argument" : " arguments",
      spec.synopsis.empty() || max_args == 0
          ? ""
          : absl::StrCat(" (", spec.synopsis, ")"),
      ", got ",
      words.empty() ? "none"
                    : absl::StrCat("\"", absl::StrJoin(words, " "), "\"")));
}

}  // namespace

CommandParser::CommandParser(EnvLookup env) : env_(std::move(env)) {}

absl::StatusOr<GlobalOptions> CommandParser::Global(const CliArgs& args) const {
  GlobalOptions global;
  if (std::optional<std::string> address = env_("SPEAKERS_ADDRESS");
      address.has_value() && !address->empty()) {
    global.address = *address;
  }
  global.token = env_("SPEAKERS_TOKEN").value_or("");
  if (std::optional<std::string> address = args.Get("address")) {
    if (address->empty()) {
      return absl::InvalidArgumentError(
          "--address needs a value: --address=HOST:PORT (see speakers --help)");
    }
    global.address = *address;
  }
  if (std::optional<std::string> token = args.Get("token")) {
    global.token = *token;
  }
  global.json = args.Has("json");
  global.ca = env_("SPEAKERS_CA").value_or("");
  if (std::optional<std::string> ca = args.Get("ca")) {
    if (ca->empty()) {
      return absl::InvalidArgumentError(
          "--ca needs a value: --ca=FILE, the CA of the server's certificate");
    }
    global.ca = *ca;
  }
  global.insecure = args.Has("insecure");
  if (global.insecure && !global.ca.empty()) {
    return absl::InvalidArgumentError(
        "--insecure and --ca contradict each other: --ca is for TLS");
  }
  return global;
}

absl::StatusOr<ParsedCommand> CommandParser::Parse(
    const std::vector<std::string>& words) const {
  absl::StatusOr<CliArgs> args = CliArgs::Parse(words);
  if (!args.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(args.status().message(), " (see speakers --help)"));
  }
  ParsedCommand parsed;
  absl::StatusOr<GlobalOptions> global = Global(*args);
  if (!global.ok()) return global.status();
  parsed.global = *std::move(global);

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

  const int count = static_cast<int>(args->args().size());
  spec = FindForm(name, count);
  const ArgReader in(spec->name, *args);
  for (const std::string& option : args->option_names()) {
    if (!IsGlobalOption(option) && !Takes(*spec, option)) {
      return in.Error(absl::StrCat("this command takes no --", option));
    }
  }
  if (count < spec->min_args || count > spec->max_args) {
    return CountError(*spec, in, args->args());
  }
  for (absl::string_view option : {"meeting", "item"}) {
    absl::StatusOr<std::optional<std::string>> value = in.Value(option);
    if (!value.ok()) return value.status();
  }
  absl::StatusOr<std::shared_ptr<google::protobuf::Message>> request =
      spec->request.build(in);
  if (!request.ok()) return request.status();
  parsed.command = spec;
  parsed.request = *std::move(request);
  parsed.resolve_item = Takes(*spec, "item") && !args->Has("item");
  parsed.args = *std::move(args);
  return parsed;
}

}  // namespace speakers::cli
