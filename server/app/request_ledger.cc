#include "server/app/request_ledger.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace speakers {

std::string RequestLedger::Key(absl::string_view actor,
                               absl::string_view request_id) {
  return absl::StrCat(actor, "|", request_id);
}

RequestLedger::Known* RequestLedger::Find(const std::string& key) {
  auto it = known_.find(key);
  return it == known_.end() ? nullptr : &it->second;
}

void RequestLedger::Pending(const std::string& key, uint64_t digest,
                            v1::CommandReply reply) {
  Known& known = known_[key];
  known.digest = digest;
  known.durable = false;
  known.reply = std::move(reply);
  with_reply_.push_back(key);
  Trim();
}

std::vector<RequestLedger::Done> RequestLedger::Committed(
    const std::string& key, bool ok) {
  auto it = known_.find(key);
  if (it == known_.end()) return {};
  std::vector<Done> waiting = std::move(it->second.waiting);
  if (ok) {
    it->second.durable = true;
  } else {
    known_.erase(it);
  }
  Trim();
  return waiting;
}

void RequestLedger::Recovered(const std::string& key, uint64_t digest,
                              std::optional<v1::CommandReply> reply) {
  Known& known = known_[key];
  known.digest = digest;
  known.durable = true;
  known.reply = std::move(reply);
  if (!known.reply) return;
  with_reply_.push_back(key);
  Trim();
}

void RequestLedger::Trim() {
  while (with_reply_.size() > remembered_) {
    auto it = known_.find(with_reply_.front());
    if (it != known_.end()) {
      // A reply still waiting for its commit stays until it is durable.
      if (!it->second.durable) return;
      it->second.reply.reset();
    }
    with_reply_.pop_front();
  }
}

}  // namespace speakers
