#include "tests/bench/commander.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "bare.grpc.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "grpcpp/grpcpp.h"
#include "speakers/v1/speakers.grpc.pb.h"

namespace speakers::bench {
namespace {

constexpr char kMeeting[] = "plenary";
constexpr char kItem[] = "1 (f)";

absl::Status FromGrpc(const grpc::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                      absl::StrCat(what, ": ", s.error_message()));
}

class ChairCommander : public Commander {
 public:
  ChairCommander(const std::string& address, const std::string& token,
                 int entries)
      : address_(address),
        token_(token),
        entries_(entries),
        stub_(v1::Speakers::NewStub(grpc::CreateChannel(
            address, grpc::InsecureChannelCredentials()))) {}

  absl::Status Setup() override {
    v1::ChangeMeetingRequest open;
    open.set_meeting(kMeeting);
    open.set_action(v1::MEETING_OPEN);
    if (auto s =
            Call(&v1::Speakers::Stub::ChangeMeeting, open, "ChangeMeeting");
        !s.ok()) {
      return s;
    }
    v1::SetCurrentItemRequest item;
    item.set_meeting(kMeeting);
    item.set_item(kItem);
    if (auto s =
            Call(&v1::Speakers::Stub::SetCurrentItem, item, "SetCurrentItem");
        !s.ok()) {
      return s;
    }
    // The session's delegations in order, one speaker each, until the list
    // is one short of `entries_`: the first Issue adds the last one.
    v1::SessionInfo info;
    {
      grpc::ClientContext context;
      context.AddMetadata("authorization", absl::StrCat("Bearer ", token_));
      context.set_deadline(std::chrono::system_clock::now() +
                           std::chrono::seconds(60));
      if (auto s = FromGrpc(
              stub_->GetSession(&context, v1::GetSessionRequest(), &info),
              "GetSession");
          !s.ok())
        return s;
    }
    for (const v1::Delegation& d : info.delegations()) {
      if (static_cast<int>(codes_.size()) >= entries_) break;
      if (static_cast<int>(codes_.size()) == entries_ - 1) {
        last_ = d.code();
        break;
      }
      absl::Status s = AddSpeaker(d.code());
      if (s.ok()) {
        codes_.push_back(d.code());
      } else if (s.code() == absl::StatusCode::kUnavailable ||
                 s.code() == absl::StatusCode::kDeadlineExceeded) {
        return s;
      }
    }
    if (last_.empty() || codes_.size() < 2) {
      return absl::FailedPreconditionError(
          absl::StrCat("the session has too few delegations for a list of ",
                       entries_, " (", codes_.size(), " added)"));
    }
    return absl::OkStatus();
  }

  uint64_t NextVersion() const override { return version_ + 1; }

  absl::StatusOr<absl::Duration> Issue() override {
    const uint64_t expected = NextVersion();
    const absl::Time start = absl::Now();
    if (!last_.empty()) {
      // The first: one inscription, the list's last entry.
      if (auto s = AddSpeaker(last_); !s.ok()) return s;
      codes_.push_back(last_);
      last_.clear();
    } else {
      v1::SwapRequest swap;
      SetList(swap.mutable_list());
      const size_t n = codes_.size();
      swap.set_first(codes_[round_ % n]);
      swap.set_second(codes_[(round_ + 1) % n]);
      ++round_;
      if (auto s = Call(&v1::Speakers::Stub::Swap, swap, "Swap"); !s.ok())
        return s;
    }
    const absl::Duration rtt = absl::Now() - start;
    if (version_ != expected) {
      return absl::InternalError(absl::StrCat(
          "the command published version ", version_, ", expected ", expected));
    }
    return rtt;
  }

  WatchTarget Target() const override {
    v1::WatchRequest request;
    request.set_meeting(kMeeting);
    return {address_, "/speakers.v1.Speakers/Watch",
            request.SerializeAsString()};
  }

 private:
  absl::Status AddSpeaker(const std::string& code) {
    v1::InscribeRequest add;
    SetList(add.mutable_list());
    add.set_delegation(code);
    add.mutable_speaker()->set_name(absl::StrCat("Speaker of ", code));
    add.mutable_speaker()->set_title("Head of delegation");
    return Call(&v1::Speakers::Stub::AddSpeaker, add,
                absl::StrCat("AddSpeaker ", code));
  }

  static void SetList(v1::ListRef* list) {
    list->set_meeting(kMeeting);
    list->set_item(kItem);
  }

  template <typename Request>
  absl::Status Call(grpc::Status (v1::Speakers::Stub::*method)(
                        grpc::ClientContext*, const Request&,
                        v1::CommandReply*),
                    const Request& request, absl::string_view what) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token_));
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(60));
    v1::CommandReply reply;
    if (auto s =
            FromGrpc((stub_.get()->*method)(&context, request, &reply), what);
        !s.ok()) {
      return s;
    }
    version_ = reply.version();
    return absl::OkStatus();
  }

  const std::string address_;
  const std::string token_;
  const int entries_;
  std::unique_ptr<v1::Speakers::Stub> stub_;
  std::vector<std::string> codes_;  // on the list, in order of adding
  std::string last_;                // added by the first Issue
  uint64_t version_ = 0;
  int round_ = 0;
};

class BareCommander : public Commander {
 public:
  BareCommander(const std::string& address, size_t payload_bytes)
      : address_(address),
        payload_(payload_bytes, 'x'),
        stub_(Bare::NewStub(grpc::CreateChannel(
            address, grpc::InsecureChannelCredentials()))) {}

  absl::Status Setup() override { return absl::OkStatus(); }

  uint64_t NextVersion() const override { return version_ + 1; }

  absl::StatusOr<absl::Duration> Issue() override {
    Blob blob;
    blob.set_version(NextVersion());
    blob.set_payload(payload_);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(60));
    Empty reply;
    const absl::Time start = absl::Now();
    if (auto s =
            FromGrpc(stub_->Broadcast(&context, blob, &reply), "Broadcast");
        !s.ok()) {
      return s;
    }
    const absl::Duration rtt = absl::Now() - start;
    ++version_;
    return rtt;
  }

  WatchTarget Target() const override {
    return {address_, "/speakers.bench.Bare/Watch",
            Empty().SerializeAsString()};
  }

 private:
  const std::string address_;
  const std::string payload_;
  std::unique_ptr<Bare::Stub> stub_;
  uint64_t version_ = 0;
};

}  // namespace

std::unique_ptr<Commander> NewChairCommander(const std::string& address,
                                             const std::string& chair_token,
                                             int entries) {
  return std::make_unique<ChairCommander>(address, chair_token, entries);
}

std::unique_ptr<Commander> NewBareCommander(const std::string& address,
                                            size_t payload_bytes) {
  return std::make_unique<BareCommander>(address, payload_bytes);
}

size_t BarePayloadFor(size_t message_bytes) {
  Blob blob;  // a typical header: a small version, a full timestamp
  blob.set_version(1000);
  blob.mutable_server_time()->set_seconds(1'800'000'000);
  blob.mutable_server_time()->set_nanos(999'999'999);
  const size_t header = blob.ByteSizeLong();
  // With a payload of p bytes: header + 1 (tag) + varint(p) + p.
  for (size_t prefix = 1; prefix <= 5; ++prefix) {
    if (message_bytes < header + 1 + prefix) break;
    const size_t payload = message_bytes - header - 1 - prefix;
    if (google::protobuf::io::CodedOutputStream::VarintSize64(payload) ==
        prefix)
      return payload;
  }
  return 0;
}

}  // namespace speakers::bench
