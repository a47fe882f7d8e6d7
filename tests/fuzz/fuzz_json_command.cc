// Fuzz target: the JSON commands of the HTTP gateway
// (server/gateway/json_commands.h), JSON body -> request message -> App.
//
// Feeds: "METHOD\nBODY": the method name ("Inscribe"; the seeds name the
// rows of ApiCommands() and the queries) and arbitrary bytes as the POST
// body, to JsonCommands::Call on the whole app (tests/testing/test_app.h:
// the built-in session, SQLite in a temporary directory), built once per
// process, anonymously (the app knows no token, so no command is ever
// applied and every input runs against the same state). A body that parses
// as a command's request is then taken further as the app would, on an
// engine of its own, fresh for the input, where the plenary sits (opened,
// on item 1 (f), Austria speaking with the clock running, Kenya and the EU
// waiting): converted to its domain command (ApiCommand::to_command,
// against the meeting it names), stored and read back, and applied.
// Asserts:
//   - Call answers exactly once, before it returns, with a JSON body;
//   - a command is never answered 200 to a caller without a token;
//   - a command the API converts reads back from its stored form
//     (DecodeCommand(EncodeCommand)) with the same stored bytes;
//   - the domain answers it (any status).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"
#include "server/app/command_table.h"
#include "server/app/request_parts.h"
#include "server/app/stored_command.h"
#include "server/config/session_loader.h"
#include "server/domain/engine.h"
#include "server/gateway/json_commands.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/test_app.h"

namespace {

using speakers::JsonCommands;

[[noreturn]] void Fail(const char* what, absl::string_view method) {
  std::fprintf(stderr, "JSON command path broke its contract: %s (\"%.*s\")\n",
               what, static_cast<int>(method.size()), method.data());
  std::abort();
}

const absl::Time kStart = absl::FromCivil(
    absl::CivilSecond(2017, 11, 6, 10, 0, 0), absl::UTCTimeZone());

// The commands that make the plenary sit (see the top of the file).
constexpr std::pair<absl::string_view, absl::string_view> kSitting[] = {
    {"ChangeMeeting", R"j({"meeting":"plenary","action":"MEETING_OPEN"})j"},
    {"SetCurrentItem", R"j({"meeting":"plenary","item":"1 (f)"})j"},
    {"Inscribe",
     R"j({"list":{"meeting":"plenary","item":"1 (f)"},"delegation":"AUT",)j"
     R"j("speaker":{"name":"H.E. Mr. Johannes Schmidt",)j"
     R"j("rank":"RANK_MINISTER"}})j"},
    {"Inscribe",
     R"j({"list":{"meeting":"plenary","item":"1 (f)"},"delegation":"KEN",)j"
     R"j("speaker":{"name":"Mr. Peter Otieno"}})j"},
    {"AddSpeaker",
     R"j({"list":{"meeting":"plenary","item":"1 (f)"},"delegation":"EU",)j"
     R"j("speaker":{"name":"Ms. Anna Weber"},"timeLimit":"180s"})j"},
    {"CallNext", R"j({"list":{"meeting":"plenary","item":"1 (f)"}})j"},
    {"Timer", R"j({"list":{"meeting":"plenary","item":"1 (f)"},)j"
              R"j("action":"TIMER_START"})j"},
};

std::unique_ptr<google::protobuf::Message> ParseRequest(
    const speakers::ApiCommand& row, absl::string_view body) {
  std::unique_ptr<google::protobuf::Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(row.request)
          ->New());
  google::protobuf::util::JsonParseOptions parse_options;
  parse_options.ignore_unknown_fields = false;  // as JsonCommands::Call
  if (!google::protobuf::util::JsonStringToMessage(
           body.empty()
               ? "{}"
               : google::protobuf::StringPiece(body.data(), body.size()),
           request.get(), parse_options)
           .ok()) {
    return nullptr;
  }
  return request;
}

// Converts `request` for `row` against `engine`'s state and applies it.
absl::StatusOr<speakers::Command> Apply(
    speakers::Engine& engine, const speakers::ApiCommand& row,
    const google::protobuf::Message& request, absl::Status* applied) {
  absl::StatusOr<speakers::Meeting*> meeting =
      engine.FindMeeting(speakers::PartsOf(request).meeting);
  if (!meeting.ok()) return meeting.status();
  absl::StatusOr<speakers::Command> command =
      row.to_command(request, **meeting);
  if (command.ok()) *applied = engine.Apply(*command, "fuzz").status();
  return command;
}

// Built on the first input, stopped at exit (its directory removed).
struct Fixture {
  Fixture() {
    speakers::testing::TestApp::Options options;
    options.tokens = "";  // no token: every caller is anonymous
    absl::StatusOr<std::unique_ptr<speakers::testing::TestApp>> started =
        speakers::testing::TestApp::Start(options);
    if (!started.ok()) Fail("the test app does not start", "");
    app = *std::move(started);
    commands = std::make_unique<JsonCommands>(&app->app());
    absl::StatusOr<speakers::Session> loaded = speakers::LoadBuiltinSession();
    if (!loaded.ok()) Fail("the built-in session does not load", "");
    session = std::make_shared<const speakers::Session>(*std::move(loaded));
    Sitting();  // checks the sitting commands once
  }
  ~Fixture() {
    commands->Close();
    commands.reset();
    app.reset();
  }

  // A fresh engine where the plenary sits.
  std::unique_ptr<speakers::Engine> Sitting() {
    auto engine = std::make_unique<speakers::Engine>(session, &clock);
    for (const auto& [method, body] : kSitting) {
      const speakers::ApiCommand* row = speakers::FindApiCommand(method);
      if (row == nullptr) Fail("no such command", method);
      std::unique_ptr<google::protobuf::Message> request =
          ParseRequest(*row, body);
      if (request == nullptr) Fail("a sitting request does not parse", method);
      absl::Status applied = absl::UnknownError("not converted");
      absl::StatusOr<speakers::Command> command =
          Apply(*engine, *row, *request, &applied);
      if (!command.ok()) applied = command.status();
      if (!applied.ok()) {
        std::fprintf(stderr, "%s\n", applied.ToString().c_str());
        Fail("a sitting command is refused", method);
      }
    }
    return engine;
  }

  std::unique_ptr<speakers::testing::TestApp> app;
  std::unique_ptr<JsonCommands> commands;
  speakers::testing::FakeClock clock{kStart};
  std::shared_ptr<const speakers::Session> session;
};

std::string Serialized(const speakers::Command& command, uint64_t digest) {
  std::string out;
  speakers::ToStored(command, digest).SerializeToString(&out);
  return out;
}

// The command path beyond the app's refusal (see the top of the file).
void Convert(Fixture& f, const speakers::ApiCommand& row,
             absl::string_view body) {
  std::unique_ptr<google::protobuf::Message> request = ParseRequest(row, body);
  if (request == nullptr) return;
  std::unique_ptr<speakers::Engine> engine = f.Sitting();
  absl::Status applied;
  absl::StatusOr<speakers::Command> command =
      Apply(*engine, row, *request, &applied);
  if (!command.ok()) return;
  const uint64_t digest = speakers::RequestDigest(row.method, *request);
  const absl::string_view kind = speakers::KindName(*command);
  absl::StatusOr<speakers::StoredPayload> decoded =
      speakers::DecodeCommand(kind, speakers::EncodeCommand(*command, digest));
  if (!decoded.ok()) Fail("a converted command does not read back", kind);
  if (Serialized(decoded->command, digest) != Serialized(*command, digest)) {
    Fail("a converted command reads back differently", kind);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fixture;
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const absl::string_view method = input.substr(0, newline);
  const absl::string_view body = newline == absl::string_view::npos
                                     ? absl::string_view()
                                     : input.substr(newline + 1);
  struct Answers {
    int count = 0;
    JsonCommands::Result result;
  };
  // Shared: a late answer (a broken contract) must not write to the stack.
  auto answers = std::make_shared<Answers>();
  fixture.commands->Call(
      method, body, "",
      [answers](JsonCommands::Result r, speakers::CallsInFlight::Hold) {
        ++answers->count;
        answers->result = std::move(r);
      });
  if (answers->count != 1) {
    Fail("no answer, or more than one, before Call returned", method);
  }
  const JsonCommands::Result& result = answers->result;
  if (result.json.empty()) Fail("an answer without a body", method);
  const speakers::ApiCommand* row = speakers::FindApiCommand(method);
  if (row == nullptr) return 0;
  if (result.http_status == 200)
    Fail("a command accepted without a token", method);
  Convert(fixture, *row, body);
  return 0;
}
