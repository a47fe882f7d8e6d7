#include "tests/service/service_fixture.h"

#include <chrono>
#include <thread>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/app/state_to_proto.h"
#include "server/config/session_loader.h"

namespace speakers::service_test {

absl::Time StartTime() {
  return absl::FromCivil(absl::CivilSecond(2017, 11, 6, 9, 0, 0),
                         absl::UTCTimeZone());
}

absl::Time CloseTime() {
  return absl::FromCivil(absl::CivilSecond(2017, 11, 6, 11, 0, 0),
                         absl::UTCTimeZone());
}

v1::ListRef ListOf(absl::string_view item, absl::string_view meeting) {
  v1::ListRef ref;
  ref.set_meeting(std::string(meeting));
  ref.set_item(std::string(item));
  return ref;
}

v1::ListCommand ListCommandOf(absl::string_view item) {
  v1::ListCommand r;
  *r.mutable_list() = ListOf(item);
  return r;
}

v1::InscribeRequest InscribeOf(absl::string_view item,
                               absl::string_view delegation, v1::Rank rank,
                               absl::string_view name) {
  v1::InscribeRequest r;
  *r.mutable_list() = ListOf(item);
  r.set_delegation(std::string(delegation));
  r.mutable_speaker()->set_name(std::string(name));
  r.mutable_speaker()->set_rank(rank);
  return r;
}

v1::DelegationCommand DelegationCommandOf(absl::string_view item,
                                          absl::string_view delegation) {
  v1::DelegationCommand r;
  *r.mutable_list() = ListOf(item);
  r.set_delegation(std::string(delegation));
  return r;
}

v1::CallNextRequest CallNextOf(absl::string_view item) {
  v1::CallNextRequest r;
  *r.mutable_list() = ListOf(item);
  return r;
}

v1::TimerRequest TimerOf(absl::string_view item, v1::TimerAction action) {
  v1::TimerRequest r;
  *r.mutable_list() = ListOf(item);
  r.set_action(action);
  return r;
}

v1::ChangeMeetingRequest ChangeMeetingOf(v1::MeetingAction action) {
  v1::ChangeMeetingRequest r;
  r.set_meeting(std::string(kPlenary));
  r.set_action(action);
  return r;
}

void Prepare(grpc::ClientContext* context, absl::string_view token,
             absl::Duration timeout, bool wait_for_ready) {
  if (!token.empty())
    context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  context->set_wait_for_ready(wait_for_ready);
  context->set_deadline(std::chrono::system_clock::now() +
                        absl::ToChronoMilliseconds(timeout));
}

::testing::AssertionResult IsOk(const grpc::Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "status " << status.error_code() << ": " << status.error_message();
}

::testing::AssertionResult HasStatus(const grpc::Status& status,
                                     grpc::StatusCode code,
                                     absl::string_view message_part) {
  if (status.error_code() == code &&
      absl::StrContains(status.error_message(), message_part)) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "status " << status.error_code() << " \"" << status.error_message()
         << "\"; wanted " << code << " with \"" << message_part << "\"";
}

absl::Time ToTime(const google::protobuf::Timestamp& t) {
  return TimeFromProto(t);
}
absl::Duration ToDuration(const google::protobuf::Duration& d) {
  return DurationFromProto(d);
}

void ServiceTest::SetUp() { StartServer(AppOptions{}); }

void ServiceTest::TearDown() {
  stub_.reset();
  channel_.reset();
  if (server_ != nullptr) server_->Shutdown();
  server_.reset();
  app_.reset();
  restarted_.clear();  // their directories last
}

void ServiceTest::StartServer(const AppOptions& options) {
  TearDown();
  clock_.Set(StartTime());
  StartOn(options, "");
}

void ServiceTest::RestartServer() {
  const std::string db = app_->db_path();
  stub_.reset();
  channel_.reset();
  server_->Shutdown();
  server_.reset();
  app_->Stop();  // keeps the file
  restarted_.push_back(std::move(app_));
  StartOn(AppOptions(), db);
}

void ServiceTest::StartOn(const AppOptions& options,
                          const std::string& db_path) {
  testing::TestApp::Options app_options;
  app_options.db_path = db_path;
  app_options.app = options;
  // Every change's positions at once, so that tests read each version
  // (the interval is tested in tests/app/positions_interval_test.cc).
  app_options.app.runner.positions_interval = absl::ZeroDuration();
  app_options.clock = &clock_;
  app_options.tokens = absl::StrCat(kSecretariat, " secretariat\n",     //
                                    kDisplay, " display\n",             //
                                    kChairPlenary, " chair plenary\n",  //
                                    kChairExperts, " chair experts\n",  //
                                    kDelegationAut, " delegation AUT\n",
                                    kDelegationKen, " delegation KEN\n");
  absl::StatusOr<std::unique_ptr<testing::TestApp>> app =
      testing::TestApp::Start(app_options);
  ASSERT_TRUE(app.ok()) << app.status();
  app_ = *std::move(app);
  GrpcServerOptions grpc_options;
  grpc_options.address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<GrpcServer>> server =
      GrpcServer::Start(&app_->app(), &app_->metrics(), grpc_options);
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  channel_ = grpc::CreateChannel(server_->address(),
                                 grpc::InsecureChannelCredentials());
  stub_ = v1::Speakers::NewStub(channel_);
}

std::unique_ptr<v1::Speakers::Stub> ServiceTest::NewStub(
    grpc::ChannelArguments args) const {
  // A distinct channel argument keeps gRPC from sharing the connection.
  static int channel_number = 0;
  args.SetInt("speakers.test.channel", ++channel_number);
  return v1::Speakers::NewStub(grpc::CreateCustomChannel(
      server_->address(), grpc::InsecureChannelCredentials(), args));
}

std::unique_ptr<WatchReader> ServiceTest::Watch(uint64_t since_version,
                                                absl::string_view meeting,
                                                v1::Speakers::Stub* stub,
                                                absl::Duration timeout) {
  v1::WatchRequest request;
  request.set_meeting(std::string(meeting));
  request.set_since_version(since_version);
  // A client resumes in the stream its snapshot named: this run's.
  if (since_version > 0) request.set_stream(app_->app().stream_id());
  v1::Speakers::Stub* on = stub != nullptr ? stub : stub_.get();
  return std::make_unique<WatchReader>(
      kNoToken, timeout,
      [on, request](grpc::ClientContext* c) { return on->Watch(c, request); });
}

std::unique_ptr<DelegationReader> ServiceTest::WatchDelegation(
    absl::string_view delegation, int notify_within) {
  v1::WatchDelegationRequest request;
  request.set_meeting(std::string(kPlenary));
  request.set_delegation(std::string(delegation));
  request.set_notify_within(notify_within);
  v1::Speakers::Stub* on = stub_.get();
  return std::make_unique<DelegationReader>(
      kDelegationAut, absl::Seconds(15), [on, request](grpc::ClientContext* c) {
        return on->WatchDelegation(c, request);
      });
}

uint64_t ServiceTest::Version(absl::string_view meeting) {
  v1::MeetingRef ref;
  ref.set_meeting(std::string(meeting));
  v1::MeetingSnapshot snapshot;
  EXPECT_TRUE(
      IsOk(Call(&v1::Speakers::Stub::GetMeeting, kDisplay, ref, &snapshot)));
  return snapshot.version();
}

size_t ServiceTest::Readers(absl::string_view meeting) const {
  size_t readers = 0;
  for (Broadcaster* b : hub(meeting)->broadcasters()) readers += b->readers();
  return readers;
}

::testing::AssertionResult ServiceTest::AwaitSinkCount(
    size_t count, absl::string_view meeting) {
  // Waits on the server's threads, not on simulated time.
  const auto give_up =
      std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (Readers(meeting) != count) {
    if (std::chrono::steady_clock::now() > give_up) {
      return ::testing::AssertionFailure()
             << "the meeting's stream has " << Readers(meeting)
             << " readers, not " << count;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return ::testing::AssertionSuccess();
}

void ServiceTest::InscribeAll(absl::string_view item,
                              const std::vector<std::string>& codes) {
  for (const std::string& code : codes) {
    ASSERT_TRUE(IsOk(Call(&v1::Speakers::Stub::Inscribe, kSecretariat,
                          InscribeOf(item, code))))
        << code;
  }
}

}  // namespace speakers::service_test
