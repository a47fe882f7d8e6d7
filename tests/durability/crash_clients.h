#ifndef SPEAKERS_TESTS_DURABILITY_CRASH_CLIENTS_H_
#define SPEAKERS_TESTS_DURABILITY_CRASH_CLIENTS_H_

// The load of the crash harness: client threads that send commands at once
// (delegations inscribing, withdrawing, changing speakers and asking for
// replies; the chairs of two meetings calling speakers, running clocks,
// moving, swapping, re-adding, adding speakers and time), each with a unique
// request_id, and the record of what each sent and what came back.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "grpcpp/grpcpp.h"
#include "speakers/v1/speakers.grpc.pb.h"
#include "tests/durability/crash_env.h"
#include "tests/durability/durability_util.h"

namespace speakers::durability {

// What a client knows of a command it sent. kInFlight: no answer (the
// server may or may not have made it durable); kLost: in flight at a kill
// and not in the log after the restart.
enum class Outcome { kAcked, kRefused, kInFlight, kLost };

struct Sent {
  std::string rpc;  // "Inscribe"
  std::string meeting;
  std::string actor;       // Principal::Describe() of the token
  std::string request_id;  // unique over the whole test
  int round = 0;
  // Sends the very same request again (same token, same request_id).
  std::function<grpc::Status(Stub*, v1::CommandReply*)> send;
  Outcome outcome = Outcome::kInFlight;
  grpc::Status status;
  v1::CommandReply reply;  // kAcked
};

// Sends `request` with `token` through `method`, each time it is called.
template <typename Request>
std::function<grpc::Status(Stub*, v1::CommandReply*)> Sender(
    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                 v1::CommandReply*),
    std::string token, Request request) {
  return [method, token = std::move(token), request = std::move(request)](
             Stub* stub, v1::CommandReply* reply) {
    return Call(stub, method, token, request, reply, kRpcTimeout);
  };
}

// The outcome is unknown to the client: the server may or may not have
// made the command durable.
bool IsTransportError(grpc::StatusCode code);

// Records `status` (and `reply` when OK) in `sent` as its outcome.
void Classify(Sent& sent, const grpc::Status& status, v1::CommandReply reply);

// One client thread's role.
struct Role {
  enum Kind { kDelegations, kChair } kind = kDelegations;
  std::string meeting;
  std::vector<std::string> items;
  std::vector<std::string> codes;  // delegations it acts for (kDelegations)
};

// What a delegation thread has learnt from its replies, kept across rounds:
// "CODE|ITEM" keys.
struct Beliefs {
  std::set<std::string> on_list;
  std::set<std::string> spoken;   // has spoken there: only the chair can add it
  std::set<std::string> replied;  // a right of reply there was refused
};

// One client thread of one round: its own connection, its own random
// choices (from `seed`), request ids "rROUND-tTHREAD-N".
class Worker {
 public:
  Worker(int thread, int round, uint64_t seed, const Role& role,
         const Tokens& tokens, const std::string& address,
         const std::atomic<bool>* stop, Beliefs* beliefs);

  // Sends commands until `stop` or a call whose outcome is unknown.
  void Run();

  std::vector<std::unique_ptr<Sent>>& sent() { return sent_; }

 private:
  int Uniform(int n);
  const std::string& Pick(const std::vector<std::string>& v);
  std::unique_ptr<Sent> NewSent(std::string rpc, const std::string& actor);
  v1::Speaker RandomSpeaker(const std::string& code);
  // What a delegation thread believes: which of its delegations are on
  // which list (from its own replies; the chair changes lists too, so a
  // belief can be wrong, and the refusal corrects it).
  void Learn(const Sent& sent);
  // The next command of a delegation thread, or of a chair (nullptr when a
  // read failed: the server is gone).
  std::unique_ptr<Sent> NextDelegation();
  std::unique_ptr<Sent> NextChair();

  const int thread_;
  const int round_;
  std::mt19937_64 rng_;
  const Role role_;
  const Tokens& tokens_;
  const std::atomic<bool>* stop_;
  std::set<std::string>& on_list_;
  std::set<std::string>& spoken_;
  std::set<std::string>& replied_;
  std::unique_ptr<Stub> stub_;
  std::vector<std::string> all_codes_;
  std::map<std::string, v1::ListState> lists_;
  int ops_ = 0;
  int count_ = 0;
  std::string last_code_;
  std::string last_item_;
  std::vector<std::unique_ptr<Sent>> sent_;
};

}  // namespace speakers::durability

#endif  // SPEAKERS_TESTS_DURABILITY_CRASH_CLIENTS_H_
