#include "tests/bench/update_reader.h"

#include "absl/strings/str_cat.h"
#include "tests/bench/floor_client.h"

namespace speakers::bench {

UpdateReader::UpdateReader(const std::string& address, const std::string& token,
                           const std::string& meeting) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetString("speakers.bench.update_reader", meeting);
  args.SetMaxReceiveMessageSize(64 << 20);
  stub_ = v1::Speakers::NewStub(grpc::CreateCustomChannel(
      address, grpc::InsecureChannelCredentials(), args));
  if (!token.empty()) {
    context_.AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }
  request_.set_meeting(meeting);
  thread_ = std::thread([this] { Loop(); });
}

UpdateReader::~UpdateReader() { Close(); }

void UpdateReader::Loop() {
  std::unique_ptr<grpc::ClientReader<v1::Update>> reader =
      stub_->Watch(&context_, request_);
  v1::Update update;
  while (reader->Read(&update)) {
    const size_t bytes = update.ByteSizeLong();
    const size_t space =
        update.has_delta() ? static_cast<size_t>(update.SpaceUsedLong()) : 0;
    absl::MutexLock lock(&mu_);
    if (seen_.updates == 0) seen_.first_bytes = bytes;
    ++seen_.updates;
    if (update.has_snapshot()) ++seen_.snapshots;
    if (update.has_delta()) {
      seen_.last_change_bytes = bytes;
      seen_.last_change_space = space;
    }
    if (bytes > seen_.max_bytes) seen_.max_bytes = bytes;
    seen_.version = update.version();
  }
  const grpc::Status status = reader->Finish();
  absl::MutexLock lock(&mu_);
  seen_.ended = true;
  seen_.end_status =
      absl::StrCat(CodeName(status.error_code()), ": ", status.error_message());
}

UpdateReader::Seen UpdateReader::seen() const {
  absl::MutexLock lock(&mu_);
  return seen_;
}

bool UpdateReader::WaitFor(uint64_t version, absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto there = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return (seen_.updates > 0 && seen_.version >= version) || seen_.ended;
  };
  mu_.AwaitWithTimeout(absl::Condition(&there), timeout);
  return seen_.updates > 0 && seen_.version >= version;
}

void UpdateReader::Close() {
  if (closed_) return;
  closed_ = true;
  context_.TryCancel();
  thread_.join();
}

}  // namespace speakers::bench
