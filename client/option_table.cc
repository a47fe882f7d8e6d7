#include "client/option_table.h"

namespace speakers::cli {

const std::vector<OptionSpec>& AllOptions() {
  static const auto* const kOptions = new std::vector<OptionSpec>{
      {"address", true, "--address=HOST:PORT",
       "the server (default: $SPEAKERS_ADDRESS, else 127.0.0.1:50051)"},
      {"token", true, "--token=TOKEN",
       "access token, sent as \"authorization: Bearer TOKEN\" (default: "
       "$SPEAKERS_TOKEN)"},
      {"ca", true, "--ca=FILE",
       "speak TLS, checking the server's certificate against this CA (PEM; "
       "default: $SPEAKERS_CA; without it: plain text to 127.0.0.1, TLS with "
       "the system's CAs to any other server)"},
      {"insecure", false, "--insecure",
       "plain text even to another machine (the token can be read off the "
       "network)"},
      {"json", false, "--json",
       "print the server's replies as protobuf JSON, one object per line"},
      {"help", false, "--help",
       "show help; speakers COMMAND --help for one command"},
      {"meeting", true, "--meeting=ID", "the meeting (default: plenary)"},
      {"item", true, "--item=ITEM",
       "the agenda item, e.g. --item=\"1 (f)\" (default: the meeting's "
       "current item)"},
      {"expect", true, "--expect=CODE", "refuse unless CODE has the floor now"},
      {"expect-none", false, "--expect-none",
       "refuse unless nobody has the floor now"},
      {"name", true, "--name=NAME", "the speaker's name (required)"},
      {"title", true, "--title=TITLE", "the speaker's title or function"},
      {"rank", true, "--rank=RANK",
       "the speaker's rank (default: head-of-delegation)"},
      {"group", true, "--group=GROUP",
       "speaking on behalf of this group of States"},
      {"limit", true, "--limit=DURATION",
       "a speaking time for this speaker only"},
      {"speaking-time", true, "--speaking-time=DURATION",
       "the default speaking time"},
      {"observer-time", true, "--observer-time=DURATION",
       "the speaking time of observers (0:00: the list's speaking time)"},
      {"group-time", true, "--group-time=DURATION",
       "the speaking time of a statement on behalf of a group (0:00: the "
       "list's speaking time)"},
      {"warning", true, "--warning=DURATION",
       "the clock turns amber this long before the limit"},
      {"policy", true, "--policy=POLICY",
       "the order of the list: parties, ministerial, protocol, category or "
       "fcfs"},
      {"absent", true, "--absent=end|drop",
       "a speaker absent when called moves to the end of the tier, or is "
       "dropped"},
      {"format", true, "--format=csv|json",
       "the format of the record (default: csv)"},
      {"holder", true, "--holder=NAME",
       "who will hold the token (\"Ms. Jane Doe, adviser\")"},
      {"expires", true, "--expires=DATE",
       "refuse the token from the end of DATE (2017-11-10, the session's "
       "time) or from an RFC 3339 time"},
      {"output", true, "--output=FILE",
       "write to FILE instead of the standard output"},
      {"question", false, "--question",
       "a question to the current speaker, not a point of order (where the "
       "meeting takes them)"},
      {"wide", false, "--wide",
       "every column at full width, nothing cut or left out"},
      {"once", false, "--once",
       "print one frame after the snapshot, without clearing the screen, "
       "and exit"},
  };
  return *kOptions;
}

const OptionSpec* FindOption(absl::string_view name) {
  for (const OptionSpec& option : AllOptions()) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

bool IsGlobalOption(absl::string_view name) {
  return name == "address" || name == "token" || name == "json" ||
         name == "help" || name == "ca" || name == "insecure";
}

}  // namespace speakers::cli
