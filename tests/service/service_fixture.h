#ifndef SPEAKERS_TESTS_SERVICE_SERVICE_FIXTURE_H_
#define SPEAKERS_TESTS_SERVICE_SERVICE_FIXTURE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "server/app/token_store.h"
#include "server/domain/engine.h"
#include "server/domain/session.h"
#include "server/service/grpc_server.h"
#include "speakers/v1/speakers.grpc.pb.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/test_app.h"

// The in-process server every service test talks to over real channels:
//
//   session   the built-in COSP-7 session (Vienna; meetings plenary, experts,
//             irg, informal; 210 delegations). The plenary list for item
//             "1 (f)" is open from 09:00 on 6 October to 12:00 on 6 November
//             2017 (Vienna time), 5:00 statements, warning 0:30; every other
//             list has no window. A meeting starts at its first item.
//   clock     a FakeClock at 10:00 on 6 November 2017, Vienna time.
//   tokens    one per constant below (reads need no token).
namespace speakers::service_test {

inline constexpr absl::string_view kSecretariat = "secretariat-token-0001";
inline constexpr absl::string_view kDisplay = "display-token-00000001";
inline constexpr absl::string_view kChairPlenary = "chair-plenary-token-01";
inline constexpr absl::string_view kChairExperts = "chair-experts-token-01";
inline constexpr absl::string_view kDelegationAut = "delegation-aut-token-1";
inline constexpr absl::string_view kDelegationKen = "delegation-ken-token-1";
inline constexpr absl::string_view kNoToken = "";
inline constexpr absl::string_view kUnknownToken = "no-such-token-0000001";

inline constexpr absl::string_view kPlenary = "plenary";
inline constexpr absl::string_view kItemF = "1 (f)";
// A plenary item whose list has no window (always open).
inline constexpr absl::string_view kItem2 = "2";

// 10:00 on 6 November 2017, Vienna time (09:00 UTC).
absl::Time StartTime();
// 12:00 on 6 November 2017, Vienna time: the list for item 1 (f) closes.
absl::Time CloseTime();

// ---- Request builders (meeting "plenary" unless named) ----

v1::ListRef ListOf(absl::string_view item,
                   absl::string_view meeting = kPlenary);
v1::ListCommand ListCommandOf(absl::string_view item);
v1::InscribeRequest InscribeOf(absl::string_view item,
                               absl::string_view delegation,
                               v1::Rank rank = v1::RANK_HEAD_OF_DELEGATION,
                               absl::string_view name = "H.E. Ms. Jane Doe");
v1::DelegationCommand DelegationCommandOf(absl::string_view item,
                                          absl::string_view delegation);
v1::CallNextRequest CallNextOf(absl::string_view item);
v1::TimerRequest TimerOf(absl::string_view item, v1::TimerAction action);
v1::ChangeMeetingRequest ChangeMeetingOf(v1::MeetingAction action);

// Sets the bearer token (none when empty) and a deadline `timeout` from now.
// With `wait_for_ready` a call waits (within the deadline) for the channel
// to the test's own server to connect instead of failing on one refused
// attempt (seen under a sanitizer on a loaded machine: 1 run in 300).
void Prepare(grpc::ClientContext* context, absl::string_view token,
             absl::Duration timeout = absl::Seconds(10),
             bool wait_for_ready = true);

// gtest helpers for statuses, with the code and message in failures.
::testing::AssertionResult IsOk(const grpc::Status& status);
::testing::AssertionResult HasStatus(const grpc::Status& status,
                                     grpc::StatusCode code,
                                     absl::string_view message_part = "");

// Protobuf time values as absl values.
absl::Time ToTime(const google::protobuf::Timestamp& t);
absl::Duration ToDuration(const google::protobuf::Duration& d);

// The reading end of a server stream, with a deadline on the whole stream
// so that a missing message fails the test instead of hanging it.
template <typename M>
class StreamReader {
 public:
  using Starter = std::function<std::unique_ptr<grpc::ClientReader<M>>(
      grpc::ClientContext*)>;

  StreamReader(absl::string_view token, absl::Duration timeout,
               const Starter& start) {
    Prepare(&context_, token, timeout);
    reader_ = start(&context_);
  }
  ~StreamReader() { Cancel(); }

  StreamReader(const StreamReader&) = delete;
  StreamReader& operator=(const StreamReader&) = delete;

  // Blocks for the next message; false when the stream ended (see Finish).
  bool Read(M* out) { return !finished_ && reader_->Read(out); }

  // The next message, or a test failure and nullopt.
  std::optional<M> Next() {
    M message;
    if (Read(&message)) return message;
    ADD_FAILURE() << "the stream ended: " << Finish().error_message();
    return std::nullopt;
  }

  // The stream's status; call after Read returned false or after Cancel.
  grpc::Status Finish() {
    if (!finished_) {
      finished_ = true;
      status_ = reader_->Finish();
    }
    return status_;
  }

  // Cancels the call from the client side and collects its status.
  grpc::Status Cancel() {
    if (!finished_) context_.TryCancel();
    return Finish();
  }

  grpc::ClientContext& context() { return context_; }

 private:
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<M>> reader_;
  bool finished_ = false;
  grpc::Status status_;
};

using WatchReader = StreamReader<v1::Update>;
using DelegationReader = StreamReader<v1::DelegationUpdate>;

class ServiceTest : public ::testing::Test {
 protected:
  template <typename Req, typename Resp>
  using Method = grpc::Status (v1::Speakers::Stub::*)(grpc::ClientContext*,
                                                      const Req&, Resp*);

  void SetUp() override;
  void TearDown() override;

  // Replaces the running server by a new one over a fresh app (a fresh
  // engine and database): `options` are the app's (reads_need_token,
  // stall_timeout).
  void StartServer(const AppOptions& options);
  // Stops the server and starts a new one on the same database (recovery
  // by replay), with the same clock.
  void RestartServer();
  // Starts an app on `db_path` (empty: a fresh database) and a server.
  void StartOn(const AppOptions& options, const std::string& db_path);

  // Calls `method` with `token` on the shared channel.
  template <typename Req, typename Resp>
  grpc::Status Call(Method<Req, Resp> method, absl::string_view token,
                    const Req& request,
                    std::type_identity_t<Resp>* response = nullptr) {
    grpc::ClientContext context;
    Prepare(&context, token, absl::Seconds(10), wait_for_ready_);
    Resp ignored;
    return (stub_.get()->*method)(&context, request,
                                  response ? response : &ignored);
  }

  // Calls a command that must succeed and returns its reply.
  template <typename Req>
  v1::CommandReply Command(Method<Req, v1::CommandReply> method,
                           absl::string_view token, const Req& request) {
    v1::CommandReply reply;
    EXPECT_TRUE(IsOk(Call(method, token, request, &reply)));
    return reply;
  }

  // Streams on the shared channel (or on `stub` when given): Watch without
  // a token, WatchDelegation with the AUT delegation's token.
  std::unique_ptr<WatchReader> Watch(
      uint64_t since_version = 0, absl::string_view meeting = kPlenary,
      v1::Speakers::Stub* stub = nullptr,
      absl::Duration timeout = absl::Seconds(15));
  std::unique_ptr<DelegationReader> WatchDelegation(
      absl::string_view delegation, int notify_within = 0);

  // A stub on a channel of its own (its own connection) with `args`.
  std::unique_ptr<v1::Speakers::Stub> NewStub(
      grpc::ChannelArguments args = grpc::ChannelArguments()) const;

  // The meeting's version, read with GetMeeting.
  uint64_t Version(absl::string_view meeting = kPlenary);
  MeetingRunner* hub(absl::string_view meeting = kPlenary) const {
    return app_->app().runner(meeting);
  }
  // The readers of every stream of the meeting (its updates and each
  // watched delegation's positions).
  size_t Readers(absl::string_view meeting = kPlenary) const;
  // Waits (up to 5 s of real time, for the server's threads) until the
  // meeting's streams have `count` readers in all.
  ::testing::AssertionResult AwaitSinkCount(
      size_t count, absl::string_view meeting = kPlenary);

  // Inscribes each of `codes` on `item` (secretariat), asserting success.
  void InscribeAll(absl::string_view item,
                   const std::vector<std::string>& codes);

  testing::FakeClock clock_{StartTime()};
  std::unique_ptr<testing::TestApp> app_;
  // Apps stopped by RestartServer: they own the database's directory.
  std::vector<std::unique_ptr<testing::TestApp>> restarted_;
  std::unique_ptr<GrpcServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Speakers::Stub> stub_;
  // Whether Call waits for the channel to connect (see Prepare); a test of
  // a server that is gone sets it false to see UNAVAILABLE at once.
  bool wait_for_ready_ = true;
};

}  // namespace speakers::service_test

#endif  // SPEAKERS_TESTS_SERVICE_SERVICE_FIXTURE_H_
