#include "server/app/token_registry.h"

#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/app/request_parts.h"
#include "server/app/state_to_proto.h"
#include "server/app/token_change.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers {
namespace {

std::string AnsweredKey(absl::string_view actor, absl::string_view request_id) {
  return absl::StrCat(actor, "\n", request_id);
}

absl::Status Unauthenticated(const TokenEntry& entry, absl::string_view what) {
  return absl::UnauthenticatedError(absl::StrCat(
      "this access token (", entry.id(), ", ", entry.principal.Describe(), ") ",
      what, "; sign in with a new one from the secretariat"));
}

// Applies `record` to `store` after `*version`, remembering its request id
// in `answered`.
template <typename Answered>
absl::Status ReplayInto(const LoggedCommand& record, const Session& session,
                        TokenStore& store, uint64_t* version,
                        absl::flat_hash_map<std::string, Answered>& answered) {
  if (record.kind != kTokenChangeKind) {
    return absl::DataLossError(
        absl::StrCat("the administration stream holds a record of kind \"",
                     record.kind, "\" (written by a newer speakers?)"));
  }
  v1::StoredTokenChange change;
  if (!change.ParseFromString(record.payload))
    return absl::DataLossError("the token change does not parse");
  if (record.version != *version + 1) {
    return absl::DataLossError(absl::StrCat(
        "the token change has version ", record.version, " after ", *version));
  }
  if (absl::Status applied =
          ApplyTokenChange(change, record.at, record.actor, session, store);
      !applied.ok()) {
    return applied;
  }
  *version = record.version;
  if (!record.request_id.empty()) {
    answered[AnsweredKey(record.actor, record.request_id)] = {
        change.request_digest(), record.reply};
  }
  return absl::OkStatus();
}

}  // namespace

TokenRegistry::TokenRegistry(const TokenStore& file, const Session* session,
                             const Clock* clock)
    : file_(file), session_(session), clock_(clock), store_(file) {}

absl::Status TokenRegistry::Replay(const LoggedCommand& record) {
  absl::MutexLock lock(&mu_);
  return ReplayInto(record, *session_, store_, &version_, answered_);
}

void TokenRegistry::Serve(GroupCommitter* committer, const CommandLog* log) {
  committer_ = committer;
  log_ = log;
}

std::optional<TokenEntry> TokenRegistry::Find(absl::string_view token) const {
  absl::MutexLock lock(&mu_);
  const TokenEntry* entry = store_.Find(token);
  if (entry == nullptr) return std::nullopt;
  return *entry;
}

std::optional<TokenEntry> TokenRegistry::FindHash(
    absl::string_view hash) const {
  absl::MutexLock lock(&mu_);
  const TokenEntry* entry = store_.FindHash(hash);
  if (entry == nullptr) return std::nullopt;
  return *entry;
}

const google::protobuf::Descriptor* TokenRegistry::RequestType(
    absl::string_view method) {
  if (method == "ListTokens") return v1::ListTokensRequest::descriptor();
  if (method == "IssueToken") return v1::IssueTokenRequest::descriptor();
  if (method == "RevokeToken" || method == "RotateToken")
    return v1::TokenRef::descriptor();
  return nullptr;
}

void TokenRegistry::Call(absl::string_view method,
                         const google::protobuf::Message& request,
                         absl::string_view actor, Done done) {
  if (method == "ListTokens") {
    auto list = std::make_unique<v1::TokenList>();
    absl::MutexLock lock(&mu_);
    for (const TokenEntry& entry : store_.entries())
      *list->add_tokens() = TokenInfoOf(entry);
    return done(std::move(list));
  }
  const std::string request_id = PartsOf(request).request_id;
  if (request_id.size() > 128) {
    return done(
        absl::InvalidArgumentError("request_id is longer than 128 characters"));
  }
  const uint64_t digest = RequestDigest(method, request);
  LoggedCommand record;
  std::string token;
  std::vector<std::string> revoked;
  {
    absl::MutexLock lock(&mu_);
    if (!request_id.empty()) {
      auto it = answered_.find(AnsweredKey(actor, request_id));
      if (it != answered_.end()) {
        if (it->second.digest != digest) {
          return done(absl::InvalidArgumentError(
              absl::StrCat("request_id ", request_id,
                           " was already used for a different request")));
        }
        return done(ReplyOf(method, it->second.reply, ""));  // a retry
      }
    }
    absl::StatusOr<v1::StoredTokenChange> change =
        Prepare(method, request, &token);
    if (!change.ok()) return done(change.status());
    change->set_request_digest(digest);
    const absl::Time now = clock_->Now();
    if (absl::Status applied =
            ApplyTokenChange(*change, now, actor, *session_, store_);
        !applied.ok()) {
      return done(absl::InternalError(applied.message()));  // checked
    }
    record.meeting = std::string(kStream);
    record.version = ++version_;
    record.at = now;
    record.actor = std::string(actor);
    record.request_id = request_id;
    record.kind = std::string(kTokenChangeKind);
    record.payload = change->SerializeAsString();
    record.reply = StoredReply(method, *change);
    if (!request_id.empty())
      answered_[AnsweredKey(actor, request_id)] = {digest, record.reply};
    revoked.assign(change->revoke_hashes().begin(),
                   change->revoke_hashes().end());
  }
  std::string reply = record.reply;
  committer_->Enqueue(
      std::move(record),
      [this, method = std::string(method), reply = std::move(reply),
       token = std::move(token), revoked = std::move(revoked),
       done = std::move(done)](const absl::Status& written, bool) {
        if (!written.ok()) {
          Rebuild();
          return done(written);
        }
        for (const std::string& hash : revoked) {
          std::optional<TokenEntry> entry;
          {
            absl::MutexLock lock(&mu_);
            if (const TokenEntry* e = store_.FindHash(hash)) entry = *e;
          }
          if (entry.has_value()) {
            EndStreams(hash, Unauthenticated(*entry,
                                             absl::StrCat("was revoked by the ",
                                                          entry->revoked_by)));
          }
        }
        done(ReplyOf(method, reply, token));
      });
}

absl::StatusOr<v1::StoredTokenChange> TokenRegistry::Prepare(
    absl::string_view method, const google::protobuf::Message& request,
    std::string* token) const {
  v1::StoredTokenChange change;
  change.set_format(1);
  const absl::Time now = clock_->Now();
  if (method == "IssueToken") {
    const auto& r = static_cast<const v1::IssueTokenRequest&>(request);
    std::optional<Role> role = RoleOfToken(r.role());
    if (!role.has_value()) {
      return absl::InvalidArgumentError(
          "give the token's role: secretariat, chair, delegation or display");
    }
    if (r.name().size() > 200 || r.name().find('\n') != std::string::npos) {
      return absl::InvalidArgumentError(
          "a token's name is one line of at most 200 characters");
    }
    std::string scope = r.scope();
    switch (*role) {
      case Role::kChair:
        if (r.scope().empty()) {
          return absl::InvalidArgumentError(
              "a chair token names its meeting (scope)");
        }
        if (session_->FindMeeting(r.scope()) == nullptr) {
          return absl::NotFoundError(
              absl::StrCat("no meeting \"", r.scope(), "\" in the session"));
        }
        break;
      case Role::kDelegation:
        if (r.scope().empty()) {
          return absl::InvalidArgumentError(
              "a delegation token names the delegation's code (scope)");
        }
        if (const Delegation* d = session_->FindDelegationAnyCase(r.scope())) {
          scope = d->code;  // "aut" is AUT
        } else {
          return absl::NotFoundError(
              absl::StrCat("no delegation with code \"", r.scope(),
                           "\" is accredited to the session"));
        }
        break;
      case Role::kSecretariat:
      case Role::kDisplay:
        if (!r.scope().empty()) {
          return absl::InvalidArgumentError(
              absl::StrCat("the ", RoleName(*role), " role takes no scope"));
        }
        break;
    }
    v1::StoredTokenIssue* issue = change.mutable_issue();
    if (r.has_expires()) {
      const absl::Time expires = TimeFromProto(r.expires());
      if (expires <= now) {
        return absl::InvalidArgumentError(
            absl::StrCat("the expiry, ", session_->FormatTime(expires),
                         ", is past; give a time ahead"));
      }
      issue->set_expires_unix_nanos(absl::ToUnixNanos(expires));
    }
    *token = GenerateToken();
    issue->set_hash(TokenHash(*token));
    issue->set_role(StoredRoleOf(*role));
    issue->set_scope(scope);
    issue->set_name(r.name());
    return change;
  }
  const auto& r = static_cast<const v1::TokenRef&>(request);
  absl::StatusOr<const TokenEntry*> found = store_.FindId(r.id());
  if (!found.ok()) return found.status();
  const TokenEntry& entry = **found;
  if (entry.revoked()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the token ", entry.id(), " (", entry.principal.Describe(),
        ") was revoked already, at ", session_->FormatTime(*entry.revoked_at),
        " by the ", entry.revoked_by));
  }
  change.add_revoke_hashes(entry.hash);
  if (method == "RevokeToken") {
    if (entry.principal.role == Role::kSecretariat && entry.valid_at(now)) {
      int valid = 0;
      for (const TokenEntry& e : store_.entries()) {
        valid += e.principal.role == Role::kSecretariat && e.valid_at(now);
      }
      if (valid == 1) {
        return absl::FailedPreconditionError(absl::StrCat(
            "the token ", entry.id(),
            " is the last valid secretariat token: issue another one first, "
            "or nobody could administer the server"));
      }
    }
    return change;
  }
  // RotateToken: the same holder, a new token.
  if (entry.expires.has_value() && *entry.expires <= now) {
    return absl::FailedPreconditionError(
        absl::StrCat("the token ", entry.id(), " expired at ",
                     session_->FormatTime(*entry.expires),
                     "; issue a new one (IssueToken) instead"));
  }
  *token = GenerateToken();
  v1::StoredTokenIssue* issue = change.mutable_issue();
  issue->set_hash(TokenHash(*token));
  issue->set_role(StoredRoleOf(entry.principal.role));
  issue->set_scope(entry.principal.scope);
  issue->set_name(entry.name);
  if (entry.expires.has_value())
    issue->set_expires_unix_nanos(absl::ToUnixNanos(*entry.expires));
  return change;
}

std::string TokenRegistry::StoredReply(
    absl::string_view method, const v1::StoredTokenChange& change) const {
  if (method == "RevokeToken") {
    return TokenInfoOf(*store_.FindHash(change.revoke_hashes(0)))
        .SerializeAsString();
  }
  v1::IssuedToken issued;
  *issued.mutable_info() = TokenInfoOf(*store_.FindHash(change.issue().hash()));
  return issued.SerializeAsString();
}

TokenRegistry::Reply TokenRegistry::ReplyOf(absl::string_view method,
                                            const std::string& stored,
                                            const std::string& token) {
  if (method == "RevokeToken") {
    auto info = std::make_unique<v1::TokenInfo>();
    if (!info->ParseFromString(stored))
      return absl::DataLossError("a stored reply to RevokeToken is damaged");
    return info;
  }
  auto issued = std::make_unique<v1::IssuedToken>();
  if (!issued->ParseFromString(stored))
    return absl::DataLossError("a stored reply to a token change is damaged");
  issued->set_token(token);
  return issued;
}

void TokenRegistry::Rebuild() {
  TokenStore store = file_;
  uint64_t version = 0;
  absl::flat_hash_map<std::string, Answered> answered;
  const absl::Status read = log_->ReadMeeting(
      std::string(kStream), 1, std::numeric_limits<uint64_t>::max(),
      [&](const LoggedCommand& record) {
        return ReplayInto(record, *session_, store, &version, answered);
      });
  if (!read.ok()) return;  // the committer refuses every change from now on
  absl::MutexLock lock(&mu_);
  store_ = std::move(store);
  version_ = version;
  answered_ = std::move(answered);
}

void TokenRegistry::Track(const std::string& hash,
                          std::weak_ptr<Subscription> subscription) {
  absl::MutexLock lock(&streams_mu_);
  std::vector<std::weak_ptr<Subscription>>& list = streams_[hash];
  if (list.size() >= 16) {  // drop the streams that ended
    std::erase_if(list, [](const auto& s) { return s.expired(); });
  }
  list.push_back(std::move(subscription));
}

void TokenRegistry::EndStreams(const std::string& hash,
                               const absl::Status& status) {
  std::vector<std::weak_ptr<Subscription>> list;
  {
    absl::MutexLock lock(&streams_mu_);
    auto it = streams_.find(hash);
    if (it == streams_.end()) return;
    list = std::move(it->second);
    streams_.erase(it);
  }
  for (const std::weak_ptr<Subscription>& weak : list) {
    if (std::shared_ptr<Subscription> s = weak.lock()) s->End(status);
  }
}

void TokenRegistry::EndExpiredStreams(absl::Time now) {
  std::vector<std::string> hashes;
  {
    absl::MutexLock lock(&streams_mu_);
    for (auto it = streams_.begin(); it != streams_.end();) {
      std::erase_if(it->second, [](const auto& s) { return s.expired(); });
      if (it->second.empty()) {
        streams_.erase(it++);
      } else {
        hashes.push_back(it->first);
        ++it;
      }
    }
  }
  for (const std::string& hash : hashes) {
    std::optional<TokenEntry> entry;
    {
      absl::MutexLock lock(&mu_);
      if (const TokenEntry* e = store_.FindHash(hash)) entry = *e;
    }
    if (!entry.has_value() || entry->valid_at(now)) continue;
    EndStreams(
        hash,
        Unauthenticated(
            *entry, entry->revoked()
                        ? "was revoked"
                        : absl::StrCat("expired at ",
                                       session_->FormatTime(*entry->expires))));
  }
}

}  // namespace speakers
