#include "tests/durability/crash_clients.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/durability/crash_env.h"

namespace speakers::durability {

bool IsTransportError(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE ||
         code == grpc::StatusCode::DEADLINE_EXCEEDED ||
         code == grpc::StatusCode::CANCELLED ||
         code == grpc::StatusCode::UNKNOWN ||
         code == grpc::StatusCode::INTERNAL ||
         code == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

void Classify(Sent& sent, const grpc::Status& status, v1::CommandReply reply) {
  sent.status = status;
  if (status.ok()) {
    sent.outcome = Outcome::kAcked;
    sent.reply = std::move(reply);
  } else if (IsTransportError(status.error_code())) {
    sent.outcome = Outcome::kInFlight;
  } else {
    sent.outcome = Outcome::kRefused;
  }
}

Worker::Worker(int thread, int round, uint64_t seed, const Role& role,
               const Tokens& tokens, const std::string& address,
               const std::atomic<bool>* stop, Beliefs* beliefs)
    : thread_(thread),
      round_(round),
      rng_(seed),
      role_(role),
      tokens_(tokens),
      stop_(stop),
      on_list_(beliefs->on_list),
      spoken_(beliefs->spoken),
      replied_(beliefs->replied),
      stub_(v1::Speakers::NewStub(
          MakeChannel(address, /*own_connection=*/true))) {
  for (const Delegation& d : BuiltinSession()->config().delegations) {
    all_codes_.push_back(d.code);
  }
}

void Worker::Run() {
  while (!stop_->load()) {
    std::unique_ptr<Sent> sent =
        role_.kind == Role::kChair ? NextChair() : NextDelegation();
    if (sent == nullptr) break;  // a read failed: the server is gone
    v1::CommandReply reply;
    const grpc::Status status = sent->send(stub_.get(), &reply);
    Classify(*sent, status, std::move(reply));
    const bool unknown = sent->outcome == Outcome::kInFlight;
    Learn(*sent);
    sent_.push_back(std::move(sent));
    if (unknown) break;
  }
}

int Worker::Uniform(int n) {
  return static_cast<int>(rng_() % static_cast<uint64_t>(n));
}

const std::string& Worker::Pick(const std::vector<std::string>& v) {
  return v[static_cast<size_t>(Uniform(static_cast<int>(v.size())))];
}

std::unique_ptr<Sent> Worker::NewSent(std::string rpc,
                                      const std::string& actor) {
  auto sent = std::make_unique<Sent>();
  sent->rpc = std::move(rpc);
  sent->meeting = role_.meeting;
  sent->actor = actor;
  sent->request_id = absl::StrCat("r", round_, "-t", thread_, "-", ++count_);
  sent->round = round_;
  return sent;
}

v1::Speaker Worker::RandomSpeaker(const std::string& code) {
  v1::Speaker speaker;
  speaker.set_name(absl::StrCat("Speaker ", code, " ", Uniform(100)));
  speaker.set_rank(static_cast<v1::Rank>(1 + Uniform(7)));
  return speaker;
}

void Worker::Learn(const Sent& sent) {
  if (role_.kind != Role::kDelegations || sent.outcome == Outcome::kInFlight) {
    return;
  }
  const std::string key = absl::StrCat(last_code_, "|", last_item_);
  if (sent.rpc == "Inscribe") {
    if (absl::StrContains(sent.status.error_message(), "has already spoken")) {
      spoken_.insert(key);  // only the chair can add it again
    } else if (sent.outcome == Outcome::kAcked ||
               sent.status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      on_list_.insert(key);
    }
  } else if (sent.rpc == "RequestReply") {
    if (sent.outcome == Outcome::kRefused) replied_.insert(key);
  } else if (sent.rpc == "Withdraw" || sent.outcome == Outcome::kRefused) {
    on_list_.erase(key);
  }
}

std::unique_ptr<Sent> Worker::NextDelegation() {
  // Prefer a delegation that may still inscribe itself on the list.
  std::string code = Pick(role_.codes);
  const std::string& item = Pick(role_.items);
  for (int tries = 0;
       tries < 8 && spoken_.contains(absl::StrCat(code, "|", item)); ++tries) {
    code = Pick(role_.codes);
  }
  last_code_ = code;
  last_item_ = item;
  const std::string& token = tokens_.delegation.at(code);
  const std::string actor = absl::StrCat("delegation ", code);
  const std::string key = absl::StrCat(code, "|", item);
  const bool on_list = on_list_.contains(key);
  int r = Uniform(100);
  // Mostly what makes sense; no reply once its replies are used up.
  if (r < 90) r = on_list ? 55 + Uniform(37) : Uniform(55);
  if (r >= 92 && replied_.contains(key)) r = Uniform(92);
  if (r < 55) {
    auto sent = NewSent("Inscribe", actor);
    v1::InscribeRequest request;
    *request.mutable_list() = ListOf(role_.meeting, item);
    request.set_delegation(code);
    *request.mutable_speaker() = RandomSpeaker(code);
    request.set_request_id(sent->request_id);
    sent->send = Sender(&Stub::Inscribe, token, request);
    return sent;
  }
  if (r < 75) {
    auto sent = NewSent("Withdraw", actor);
    v1::DelegationCommand request;
    *request.mutable_list() = ListOf(role_.meeting, item);
    request.set_delegation(code);
    request.set_request_id(sent->request_id);
    sent->send = Sender(&Stub::Withdraw, token, request);
    return sent;
  }
  if (r < 92) {
    auto sent = NewSent("UpdateSpeaker", actor);
    v1::UpdateSpeakerRequest request;
    *request.mutable_list() = ListOf(role_.meeting, item);
    request.set_delegation(code);
    *request.mutable_speaker() = RandomSpeaker(code);
    request.set_request_id(sent->request_id);
    sent->send = Sender(&Stub::UpdateSpeaker, token, request);
    return sent;
  }
  auto sent = NewSent("RequestReply", actor);
  v1::RequestReplyRequest request;
  request.set_meeting(role_.meeting);
  request.set_item(item);
  request.set_delegation(code);
  *request.mutable_speaker() = RandomSpeaker(code);
  request.set_request_id(sent->request_id);
  sent->send = Sender(&Stub::RequestReply, token, request);
  return sent;
}

std::unique_ptr<Sent> Worker::NextChair() {
  const std::string& item = Pick(role_.items);
  const std::string& token = tokens_.chair.at(role_.meeting);
  const std::string actor = absl::StrCat("chair of ", role_.meeting);
  // What the chair sees: refreshed every few commands (a read).
  if (ops_++ % 6 == 0 || !lists_.contains(item)) {
    v1::ListState state;
    const grpc::Status status =
        Call(stub_.get(), &Stub::GetList, tokens_.display,
             ListOf(role_.meeting, item), &state, kRpcTimeout);
    if (!status.ok()) return nullptr;
    lists_[item] = std::move(state);
  }
  const v1::ListState& list = lists_[item];
  std::vector<std::string> waiting;
  for (const v1::Entry& e : list.waiting()) waiting.push_back(e.delegation());
  const v1::ListRef ref = ListOf(role_.meeting, item);
  int r = Uniform(100);
  // Nobody to move: add someone.
  if (waiting.size() < 2 && r >= 20 && r < 67) r = 80;
  if (r < 20) {
    auto sent = NewSent("CallNext", actor);
    v1::CallNextRequest request;
    *request.mutable_list() = ref;
    request.set_request_id(sent->request_id);
    sent->send = Sender(&Stub::CallNext, token, request);
    return sent;
  }
  if (r < 40) {
    auto sent = NewSent("Timer", actor);
    v1::TimerRequest request;
    *request.mutable_list() = ref;
    switch (list.current().timer().state()) {
      case v1::TIMER_RUNNING:
        request.set_action(v1::TIMER_PAUSE);
        break;
      case v1::TIMER_PAUSED:
        request.set_action(Uniform(8) == 0 ? v1::TIMER_RESET
                                           : v1::TIMER_RESUME);
        break;
      default:
        request.set_action(v1::TIMER_START);
        break;
    }
    request.set_request_id(sent->request_id);
    sent->send = Sender(&Stub::Timer, token, request);
    return sent;
  }
  if (r < 55) {
    auto sent = NewSent("Move", actor);
    v1::MoveRequest request;
    *request.mutable_list() = ref;
    request.set_delegation(Pick(waiting));
    request.set_position(1 + Uniform(static_cast<int>(waiting.size())));
    request.set_request_id(sent->request_id);
    sent->send = Sender(&Stub::Move, token, request);
    return sent;
  }
  if (r < 62) {
    auto sent = NewSent("Swap", actor);
    v1::SwapRequest request;
    *request.mutable_list() = ref;
    request.set_first(Pick(waiting));
    request.set_second(Pick(waiting));
    request.set_request_id(sent->request_id);
    sent->send = Sender(&Stub::Swap, token, request);
    return sent;
  }
  if (r < 67) {
    auto sent = NewSent("ReaddLast", actor);
    v1::ListCommand request;
    *request.mutable_list() = ref;
    request.set_request_id(sent->request_id);
    sent->send = Sender(&Stub::ReaddLast, token, request);
    return sent;
  }
  if (r < 72) {
    auto sent = NewSent("AddTime", actor);
    v1::AddTimeRequest request;
    *request.mutable_list() = ref;
    request.mutable_delta()->set_seconds(Uniform(3) == 0 ? -5 : 10);
    request.set_request_id(sent->request_id);
    sent->send = Sender(&Stub::AddTime, token, request);
    return sent;
  }
  if (r < 77 && !waiting.empty()) {
    auto sent = NewSent("SetTimeLimit", actor);
    v1::SetTimeLimitRequest request;
    *request.mutable_list() = ref;
    request.set_delegation(Pick(waiting));
    request.mutable_limit()->set_seconds(60 * (1 + Uniform(5)));
    request.set_request_id(sent->request_id);
    sent->send = Sender(&Stub::SetTimeLimit, token, request);
    return sent;
  }
  if (r < 92 || waiting.empty()) {
    auto sent = NewSent("AddSpeaker", actor);
    v1::InscribeRequest request;
    *request.mutable_list() = ref;
    const std::string& code = Pick(all_codes_);
    request.set_delegation(code);
    *request.mutable_speaker() = RandomSpeaker(code);
    request.set_request_id(sent->request_id);
    sent->send = Sender(&Stub::AddSpeaker, token, request);
    return sent;
  }
  auto sent = NewSent(r < 96 ? "MarkAbsent" : "Remove", actor);
  v1::DelegationCommand request;
  *request.mutable_list() = ref;
  request.set_delegation(Pick(waiting));
  request.set_request_id(sent->request_id);
  sent->send =
      Sender(r < 96 ? &Stub::MarkAbsent : &Stub::Remove, token, request);
  return sent;
}

}  // namespace speakers::durability
