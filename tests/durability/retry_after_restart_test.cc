// Retries after a restart: a client's retry (same request_id) must get the
// first reply however many commands came after it, also when the server
// restarted in between — never be applied a second time.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "server/app/command_table.h"
#include "server/app/state_to_proto.h"
#include "server/app/stored_command.h"
#include "server/domain/command.h"
#include "server/domain/engine.h"
#include "speakers/v1/speakers.grpc.pb.h"
#include "tests/durability/crash_env.h"
#include "tests/durability/data_dir_fixture.h"
#include "tests/durability/durability_util.h"
#include "tests/testing/server_process.h"

namespace speakers::durability {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::speakers::testing::ServerProcess;

// How many requests per meeting the server used to remember (in memory,
// reloaded at start); older ones must be answered from the log.
constexpr uint64_t kRememberedRequests = 10000;

// A log of 12,000 commands; after a restart, the chair's retry of one of the
// first inscriptions (whose delegation is off the list by now, so applying
// it again would succeed) gets its first reply and changes nothing.
// BUG before 7da12bb (server/main.cc and server/service/meeting_hub.cc): the
// server remembered the replies of the last 10,000 requests per meeting only
// (MeetingHub::kRememberedRequests; main.cc reloaded as many at start) and
// did not look older ones up in the log (SqliteCommandLog::FindByRequestId),
// so the retry of an older acknowledged request was applied a second time.
TEST_F(DataDirTest, AnOldAcknowledgedRequestIsNotAppliedTwiceAfterARestart) {
  const std::string dir = work_ + "/old-retry";
  std::filesystem::create_directories(dir);
  absl::StatusOr<GeneratedLog> generated =
      GenerateLog(dir + "/speakers.db", 12000, /*seed=*/11);
  ASSERT_TRUE(generated.ok()) << generated.status();
  // The first chair's inscription whose delegation is off the list by now:
  // applying it again would succeed.
  absl::StatusOr<std::unique_ptr<Replayed>> replayed =
      ReplayCopy(dir + "/speakers.db", work_);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  const Meeting* plenary =
      *static_cast<const Engine&>(*(*replayed)->engine).FindMeeting("plenary");
  const SpeakersList* list = *plenary->FindList("1 (f)");
  const LoggedCommand* old = nullptr;
  cmd::Inscribe inscribe;
  for (const LoggedCommand& record : (*replayed)->records) {
    if (record.kind != "inscribe") continue;
    absl::StatusOr<StoredPayload> payload =
        DecodeCommand(record.kind, record.payload);
    ASSERT_TRUE(payload.ok());
    inscribe = std::get<cmd::Inscribe>(payload->command);
    const bool active =
        std::any_of(list->waiting().begin(), list->waiting().end(),
                    [&](const Entry& e) {
                      return e.delegation == inscribe.delegation;
                    }) ||
        (list->current() &&
         list->current()->entry.delegation == inscribe.delegation);
    if (!active) {
      old = &record;
      break;
    }
  }
  ASSERT_NE(old, nullptr);
  ASSERT_LE(old->version + kRememberedRequests, generated->plenary_version)
      << "request " << old->request_id << " is not older than the last "
      << kRememberedRequests << " of the meeting";
  v1::CommandReply first;
  ASSERT_TRUE(first.ParseFromString(old->reply));

  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(ServerArgv(dir));
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<std::string> address = (*server)->WaitListening(kStartTimeout);
  ASSERT_TRUE(address.ok()) << address.status();
  absl::StatusOr<Tokens> tokens = ReadTokens(dir + "/new-tokens.txt");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  auto stub = v1::Speakers::NewStub(MakeChannel(*address));
  v1::InscribeRequest request;
  *request.mutable_list() = ListOf("plenary", "1 (f)");
  request.set_delegation(inscribe.delegation);
  request.mutable_speaker()->set_name(inscribe.speaker.name);
  request.mutable_speaker()->set_rank(RankToProto(inscribe.speaker.rank));
  request.set_request_id(old->request_id);
  v1::CommandReply again;
  const grpc::Status status =
      Call(stub.get(), &Stub::AddSpeaker, tokens->chair.at("plenary"), request,
           &again);
  v1::MeetingRef ref;
  ref.set_meeting("plenary");
  v1::MeetingSnapshot snapshot;
  ASSERT_TRUE(
      Call(stub.get(), &Stub::GetMeeting, tokens->display, ref, &snapshot)
          .ok());

  const std::string bug = absl::StrCat(
      "BUG: the retry of acknowledged request ", old->request_id, " (version ",
      old->version, " of ", generated->plenary_version,
      ", a chair's inscription of ", inscribe.delegation,
      ") after a restart was ",
      status.ok()
          ? absl::StrCat("applied again: version ", again.version(),
                         ", the meeting is now at version ", snapshot.version())
          : absl::StrCat("refused: ", StatusText(status)),
      " instead of getting its first reply (version ", first.version(),
      "); does the server only remember the last 10,000 request ids per "
      "meeting?");
  ASSERT_TRUE(status.ok()) << bug;
  EXPECT_TRUE(MessageDifferencer::Equals(first, again))
      << bug << "\nfirst: " << first.ShortDebugString()
      << "\nagain: " << again.ShortDebugString();
  EXPECT_EQ(snapshot.version(), generated->plenary_version) << bug;
}

}  // namespace
}  // namespace speakers::durability
