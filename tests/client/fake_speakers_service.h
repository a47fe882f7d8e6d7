#ifndef SPEAKERS_TESTS_CLIENT_FAKE_SPEAKERS_SERVICE_H_
#define SPEAKERS_TESTS_CLIENT_FAKE_SPEAKERS_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "speakers/v1/speakers.grpc.pb.h"

namespace speakers::testing {

// One recorded call: the method, the request, what the client sent along.
struct RecordedCall {
  std::string method;  // "CallNext"
  std::shared_ptr<google::protobuf::Message> request;
  std::string authorization;     // the metadata value, or ""
  absl::Duration deadline_left;  // InfiniteDuration when none
};

// A scripted Watch stream: these updates, then this status.
struct ScriptedStream {
  std::vector<v1::Update> updates;
  grpc::Status end = grpc::Status::OK;
};

// An in-memory Speakers service for client tests: implements every RPC but
// WatchDelegation, records every call and answers from canned replies. Unary
// calls first consume queued failures (FailNext), then answer with the canned
// reply of their type. Watch plays the scripted streams in order; with none
// left it holds the stream open until the client cancels.
class FakeSpeakersService final : public v1::Speakers::Service {
 public:
  // The next `count` unary calls fail with `status`.
  void FailNext(int count, grpc::Status status);
  void AddStream(ScriptedStream stream);

  std::vector<RecordedCall> calls() const;
  // The since_version of each Watch call, in order.
  std::vector<uint64_t> watch_versions() const;

  // Canned replies (set before the calls).
  v1::SessionInfo session;
  v1::MeetingSnapshot meeting;
  v1::ListState list;
  v1::Position position;
  v1::SpeakingTimeReport report;
  v1::CommandReply reply;  // of every command
  v1::AuditExport audit;
  v1::BackupReply backup;
  v1::TokenList tokens;
  v1::Caller caller;
  v1::IssuedToken issued;  // of IssueToken and RotateToken
  v1::TokenInfo revoked;

  grpc::Status GetSession(grpc::ServerContext* c,
                          const v1::GetSessionRequest* r,
                          v1::SessionInfo* out) override;
  grpc::Status WhoAmI(grpc::ServerContext* c, const v1::WhoAmIRequest* r,
                      v1::Caller* out) override;
  grpc::Status GetMeeting(grpc::ServerContext* c, const v1::MeetingRef* r,
                          v1::MeetingSnapshot* out) override;
  grpc::Status GetList(grpc::ServerContext* c, const v1::ListRef* r,
                       v1::ListState* out) override;
  grpc::Status GetPosition(grpc::ServerContext* c,
                           const v1::DelegationOnList* r,
                           v1::Position* out) override;
  grpc::Status GetSpeakingTime(grpc::ServerContext* c, const v1::MeetingRef* r,
                               v1::SpeakingTimeReport* out) override;
  grpc::Status OpenList(grpc::ServerContext* c, const v1::ListCommand* r,
                        v1::CommandReply* out) override;
  grpc::Status CloseList(grpc::ServerContext* c, const v1::ListCommand* r,
                         v1::CommandReply* out) override;
  grpc::Status ConfigureList(grpc::ServerContext* c,
                             const v1::ConfigureListRequest* r,
                             v1::CommandReply* out) override;
  grpc::Status CallNext(grpc::ServerContext* c, const v1::CallNextRequest* r,
                        v1::CommandReply* out) override;
  grpc::Status MarkAbsent(grpc::ServerContext* c,
                          const v1::DelegationCommand* r,
                          v1::CommandReply* out) override;
  grpc::Status Move(grpc::ServerContext* c, const v1::MoveRequest* r,
                    v1::CommandReply* out) override;
  grpc::Status Swap(grpc::ServerContext* c, const v1::SwapRequest* r,
                    v1::CommandReply* out) override;
  grpc::Status Remove(grpc::ServerContext* c, const v1::DelegationCommand* r,
                      v1::CommandReply* out) override;
  grpc::Status AddSpeaker(grpc::ServerContext* c, const v1::InscribeRequest* r,
                          v1::CommandReply* out) override;
  grpc::Status ReaddLast(grpc::ServerContext* c, const v1::ListCommand* r,
                         v1::CommandReply* out) override;
  grpc::Status Reinstate(grpc::ServerContext* c, const v1::DelegationCommand* r,
                         v1::CommandReply* out) override;
  grpc::Status SetTimeLimit(grpc::ServerContext* c,
                            const v1::SetTimeLimitRequest* r,
                            v1::CommandReply* out) override;
  grpc::Status Timer(grpc::ServerContext* c, const v1::TimerRequest* r,
                     v1::CommandReply* out) override;
  grpc::Status AddTime(grpc::ServerContext* c, const v1::AddTimeRequest* r,
                       v1::CommandReply* out) override;
  grpc::Status SetCurrentItem(grpc::ServerContext* c,
                              const v1::SetCurrentItemRequest* r,
                              v1::CommandReply* out) override;
  grpc::Status EndStatement(grpc::ServerContext* c, const v1::ListCommand* r,
                            v1::CommandReply* out) override;
  grpc::Status UndoNext(grpc::ServerContext* c, const v1::ListCommand* r,
                        v1::CommandReply* out) override;
  grpc::Status GrantPoint(grpc::ServerContext* c, const v1::PointRequest* r,
                          v1::CommandReply* out) override;
  grpc::Status DismissPoint(grpc::ServerContext* c, const v1::PointRequest* r,
                            v1::CommandReply* out) override;
  grpc::Status EndPoint(grpc::ServerContext* c, const v1::PointRequest* r,
                        v1::CommandReply* out) override;
  grpc::Status RaisePoint(grpc::ServerContext* c, const v1::PointRequest* r,
                          v1::CommandReply* out) override;
  grpc::Status WithdrawPoint(grpc::ServerContext* c, const v1::PointRequest* r,
                             v1::CommandReply* out) override;
  grpc::Status AddReply(grpc::ServerContext* c,
                        const v1::RequestReplyRequest* r,
                        v1::CommandReply* out) override;
  grpc::Status ChangeMeeting(grpc::ServerContext* c,
                             const v1::ChangeMeetingRequest* r,
                             v1::CommandReply* out) override;
  grpc::Status Inscribe(grpc::ServerContext* c, const v1::InscribeRequest* r,
                        v1::CommandReply* out) override;
  grpc::Status UpdateSpeaker(grpc::ServerContext* c,
                             const v1::UpdateSpeakerRequest* r,
                             v1::CommandReply* out) override;
  grpc::Status Withdraw(grpc::ServerContext* c, const v1::DelegationCommand* r,
                        v1::CommandReply* out) override;
  grpc::Status RequestReply(grpc::ServerContext* c,
                            const v1::RequestReplyRequest* r,
                            v1::CommandReply* out) override;
  grpc::Status ExportAudit(grpc::ServerContext* c, const v1::AuditRequest* r,
                           v1::AuditExport* out) override;
  grpc::Status Backup(grpc::ServerContext* c, const v1::BackupRequest* r,
                      v1::BackupReply* out) override;
  grpc::Status ListTokens(grpc::ServerContext* c,
                          const v1::ListTokensRequest* r,
                          v1::TokenList* out) override;
  grpc::Status IssueToken(grpc::ServerContext* c,
                          const v1::IssueTokenRequest* r,
                          v1::IssuedToken* out) override;
  grpc::Status RevokeToken(grpc::ServerContext* c, const v1::TokenRef* r,
                           v1::TokenInfo* out) override;
  grpc::Status RotateToken(grpc::ServerContext* c, const v1::TokenRef* r,
                           v1::IssuedToken* out) override;
  grpc::Status Watch(grpc::ServerContext* c, const v1::WatchRequest* r,
                     grpc::ServerWriter<v1::Update>* writer) override;

 private:
  // Records the call; returns the queued failure or OK.
  grpc::Status Record(absl::string_view method, grpc::ServerContext* context,
                      const google::protobuf::Message& request);
  // Record, then the canned `reply` into `out` when OK.
  template <typename T>
  grpc::Status Answer(absl::string_view method, grpc::ServerContext* context,
                      const google::protobuf::Message& request, const T& reply,
                      T* out);

  mutable absl::Mutex mu_;
  std::vector<RecordedCall> calls_ ABSL_GUARDED_BY(mu_);
  std::deque<grpc::Status> failures_ ABSL_GUARDED_BY(mu_);
  std::deque<ScriptedStream> streams_ ABSL_GUARDED_BY(mu_);
  std::vector<uint64_t> watch_versions_ ABSL_GUARDED_BY(mu_);
};

// The fake served in-process: a channel to it without any port.
class FakeServer {
 public:
  FakeServer();
  ~FakeServer();
  FakeSpeakersService& service() { return service_; }
  std::shared_ptr<grpc::Channel> channel();

 private:
  FakeSpeakersService service_;
  std::unique_ptr<grpc::Server> server_;
};

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_CLIENT_FAKE_SPEAKERS_SERVICE_H_
