#include "client/speakers_client.h"

#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "gtest/gtest.h"
#include "tests/client/fake_speakers_service.h"
#include "tests/client/test_protos.h"

namespace speakers::client {
namespace {

using ::speakers::testing::EqualsProto;
using ::speakers::testing::FakeServer;
using ::speakers::testing::RecordedCall;

class SpeakersClientTest : public ::testing::Test {
 protected:
  std::unique_ptr<SpeakersClient> Client(std::string token = "chair-token") {
    ClientOptions options;
    options.token = std::move(token);
    options.sleep = [this](absl::Duration d) { pauses_.push_back(d); };
    return std::make_unique<SpeakersClient>(server_.channel(),
                                            std::move(options));
  }

  FakeServer server_;
  std::vector<absl::Duration> pauses_;
};

TEST_F(SpeakersClientTest, SendsTheBearerTokenAndADeadline) {
  server_.service().session.set_name("Seventh session");
  absl::StatusOr<v1::SessionInfo> session =
      Client()->Call<v1::SessionInfo>("GetSession", v1::GetSessionRequest());
  ASSERT_TRUE(session.ok()) << session.status();
  EXPECT_EQ(session->name(), "Seventh session");
  const std::vector<RecordedCall> calls = server_.service().calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].method, "GetSession");
  EXPECT_EQ(calls[0].authorization, "Bearer chair-token");
  // gRPC sends the timeout rounded up a little.
  EXPECT_LE(calls[0].deadline_left, absl::Milliseconds(5100));
  EXPECT_GT(calls[0].deadline_left, absl::Seconds(4));
}

TEST_F(SpeakersClientTest, NoTokenSendsNoAuthorization) {
  ASSERT_TRUE(Client("")
                  ->Call<v1::SessionInfo>("GetSession", v1::GetSessionRequest())
                  .ok());
  EXPECT_EQ(server_.service().calls()[0].authorization, "");
}

TEST_F(SpeakersClientTest, CommandsGetARandomRequestId) {
  server_.service().reply.set_version(8);
  v1::CallNextRequest request;
  request.mutable_list()->set_meeting("plenary");
  request.mutable_list()->set_item("1 (f)");
  std::unique_ptr<SpeakersClient> client = Client();
  absl::StatusOr<v1::CommandReply> reply =
      client->Call<v1::CommandReply>("CallNext", request);
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->version(), 8u);
  ASSERT_TRUE(client->Call<v1::CommandReply>("CallNext", request).ok());
  const std::vector<RecordedCall> calls = server_.service().calls();
  ASSERT_EQ(calls.size(), 2u);
  const auto& first =
      static_cast<const v1::CallNextRequest&>(*calls[0].request);
  const auto& second =
      static_cast<const v1::CallNextRequest&>(*calls[1].request);
  EXPECT_EQ(first.request_id().size(), 32u);
  EXPECT_EQ(first.request_id().find_first_not_of("0123456789abcdef"),
            std::string::npos);
  EXPECT_NE(first.request_id(), second.request_id());
  EXPECT_EQ(first.list().item(), "1 (f)");
}

TEST_F(SpeakersClientTest, KeepsTheCallersRequestId) {
  v1::InscribeRequest request;
  request.set_delegation("FRA");
  request.set_request_id("my-id");
  ASSERT_TRUE(Client()->Call<v1::CommandReply>("Inscribe", request).ok());
  EXPECT_EQ(static_cast<const v1::InscribeRequest&>(
                *server_.service().calls()[0].request)
                .request_id(),
            "my-id");
}

TEST_F(SpeakersClientTest, RetriesUnavailableWithTheSameRequestId) {
  server_.service().FailNext(
      2, grpc::Status(grpc::StatusCode::UNAVAILABLE, "restarting"));
  server_.service().reply.set_version(3);
  v1::InscribeRequest request;
  request.set_delegation("FRA");
  absl::StatusOr<v1::CommandReply> reply =
      Client()->Call<v1::CommandReply>("Inscribe", request);
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->version(), 3u);
  const std::vector<RecordedCall> calls = server_.service().calls();
  ASSERT_EQ(calls.size(), 3u);
  const std::string id =
      static_cast<const v1::InscribeRequest&>(*calls[0].request).request_id();
  EXPECT_EQ(id.size(), 32u);
  for (const RecordedCall& call : calls) {
    EXPECT_EQ(
        static_cast<const v1::InscribeRequest&>(*call.request).request_id(),
        id);
  }
  EXPECT_EQ(pauses_, (std::vector<absl::Duration>{absl::Milliseconds(50),
                                                  absl::Milliseconds(100)}));
}

TEST_F(SpeakersClientTest, GivesUpAfterFiveAttempts) {
  server_.service().FailNext(
      6, grpc::Status(grpc::StatusCode::UNAVAILABLE, "down"));
  absl::StatusOr<v1::CommandReply> reply =
      Client()->Call<v1::CommandReply>("OpenList", v1::ListCommand());
  EXPECT_EQ(reply.status(), absl::UnavailableError("down"));
  EXPECT_EQ(server_.service().calls().size(), 5u);
  EXPECT_EQ(pauses_.size(), 4u);
}

TEST_F(SpeakersClientTest, ServerErrorsKeepCodeAndMessage) {
  server_.service().FailNext(1,
                             grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                                          "the list of item 1 (f) is closed"));
  absl::StatusOr<v1::CommandReply> reply =
      Client()->Call<v1::CommandReply>("Inscribe", v1::InscribeRequest());
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(reply.status().message(), "the list of item 1 (f) is closed");
  EXPECT_EQ(server_.service().calls().size(), 1u);
  EXPECT_TRUE(pauses_.empty());
}

TEST_F(SpeakersClientTest, QueriesPassTheirRequests) {
  server_.service().list.set_label("item 1 (f)");
  v1::ListRef ref;
  ref.set_meeting("plenary");
  ref.set_item("1 (f)");
  absl::StatusOr<v1::ListState> list =
      Client()->Call<v1::ListState>("GetList", ref);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->label(), "item 1 (f)");
  EXPECT_TRUE(EqualsProto(*server_.service().calls()[0].request,
                          R"pb(meeting: "plenary" item: "1 (f)")pb"));
}

TEST_F(SpeakersClientTest, EveryUnaryRpcByItsDescriptor) {
  // Commands get a request id, queries (no request_id field) are sent as
  // they are; each reaches the server's method of that name.
  const google::protobuf::ServiceDescriptor& service =
      SpeakersClient::Service();
  google::protobuf::MessageFactory& factory =
      *google::protobuf::MessageFactory::generated_factory();
  std::unique_ptr<SpeakersClient> client = Client();
  size_t calls = 0;
  for (int i = 0; i < service.method_count(); ++i) {
    const google::protobuf::MethodDescriptor& method = *service.method(i);
    if (method.server_streaming() || method.client_streaming()) continue;
    SCOPED_TRACE(method.name());
    std::unique_ptr<google::protobuf::Message> request(
        factory.GetPrototype(method.input_type())->New());
    std::unique_ptr<google::protobuf::Message> reply(
        factory.GetPrototype(method.output_type())->New());
    ASSERT_TRUE(client->Call(method, *request, reply.get()).ok());
    const std::vector<RecordedCall> recorded = server_.service().calls();
    ASSERT_EQ(recorded.size(), ++calls);
    const RecordedCall& call = recorded.back();
    EXPECT_EQ(call.method, method.name());
    EXPECT_EQ(call.authorization, "Bearer chair-token");
    const google::protobuf::FieldDescriptor* id =
        method.input_type()->FindFieldByName("request_id");
    if (id != nullptr) {
      EXPECT_EQ(
          call.request->GetReflection()->GetString(*call.request, id).size(),
          32u);
    }
  }
  EXPECT_GE(calls, 26u);
}

TEST_F(SpeakersClientTest, RefusesWhatIsNoUnaryRpcOfTheService) {
  std::unique_ptr<SpeakersClient> client = Client();
  EXPECT_EQ(
      client->Call<v1::CommandReply>("Launch", v1::ListCommand()).status(),
      absl::InvalidArgumentError(
          "speakers.v1.Speakers has no RPC called \"Launch\""));
  EXPECT_EQ(client->Call<v1::Update>("Watch", v1::WatchRequest()).status(),
            absl::InvalidArgumentError("Watch is a stream, not a unary RPC"));
  EXPECT_EQ(
      client->Call<v1::CommandReply>("OpenList", v1::MoveRequest()).status(),
      absl::InvalidArgumentError(
          "OpenList takes a speakers.v1.ListCommand and returns a "
          "speakers.v1.CommandReply, not a speakers.v1.MoveRequest and a "
          "speakers.v1.CommandReply"));
  EXPECT_TRUE(server_.service().calls().empty());
}

TEST_F(SpeakersClientTest, WatchReconnectsByVersion) {
  v1::Update snapshot;
  snapshot.set_version(3);
  snapshot.mutable_snapshot()->set_meeting("plenary");
  v1::Update change;
  change.set_version(4);
  change.mutable_delta()->set_base_version(3);
  change.mutable_delta()->set_current_item("2");
  v1::Update later;
  later.set_version(5);
  later.mutable_delta()->set_base_version(4);
  server_.service().AddStream(
      {{snapshot, change}, grpc::Status(grpc::StatusCode::UNAVAILABLE, "bye")});
  server_.service().AddStream({{later}, grpc::Status::OK});
  std::vector<uint64_t> seen;
  WatchOptions options;
  options.sleep = [this](absl::Duration d) { pauses_.push_back(d); };
  v1::WatchRequest request;
  request.set_meeting("plenary");
  const absl::Status status = Client()->Watch(
      request,
      [&](const v1::Update& update) {
        seen.push_back(update.version());
        return update.version() < 5;
      },
      options);
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(seen, (std::vector<uint64_t>{3, 4, 5}));
  EXPECT_EQ(server_.service().watch_versions(), (std::vector<uint64_t>{0, 4}));
  EXPECT_EQ(pauses_, (std::vector<absl::Duration>{absl::Milliseconds(50)}));
  // The stream carries the token but no deadline.
  const RecordedCall watch = server_.service().calls()[0];
  EXPECT_EQ(watch.authorization, "Bearer chair-token");
  EXPECT_EQ(watch.deadline_left, absl::InfiniteDuration());
}

TEST_F(SpeakersClientTest, StopFromAnotherThreadEndsAWatch) {
  std::unique_ptr<SpeakersClient> client = Client();
  std::unique_ptr<Watcher> watcher = client->NewWatcher();
  v1::WatchRequest request;
  request.set_meeting("plenary");
  absl::Status status = absl::UnknownError("not run");
  // No scripted stream: the fake holds the stream open until cancelled.
  std::thread thread([&] {
    status = watcher->Run(request, [](const v1::Update&) { return true; });
  });
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (server_.service().watch_versions().empty() && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  watcher->Stop();
  thread.join();
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(server_.service().watch_versions(), (std::vector<uint64_t>{0}));
}

}  // namespace
}  // namespace speakers::client
