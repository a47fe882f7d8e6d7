#include "server/gateway/shard_streams.h"

#include <utility>

#include "server/gateway/sse_stream.h"

namespace speakers {

ShardStreams::ShardStreams(int shards) : shards_(shards < 1 ? 1 : shards) {}

ShardStreams::~ShardStreams() = default;

bool ShardStreams::Add(int shard, const std::shared_ptr<SseStream>& stream) {
  Shard& s = shards_[shard];
  if (s.closed) return false;
  stream->set_slot(s.streams.size());
  s.streams.push_back(stream);
  return true;
}

void ShardStreams::Remove(int shard, SseStream* stream) {
  std::vector<std::shared_ptr<SseStream>>& streams = shards_[shard].streams;
  const size_t slot = stream->slot();
  if (slot >= streams.size() || streams[slot].get() != stream) return;
  if (slot + 1 != streams.size()) {
    streams[slot] = std::move(streams.back());
    streams[slot]->set_slot(slot);
  }
  streams.pop_back();
  stream->set_slot(SseStream::kNoSlot);
}

void ShardStreams::Broadcast(int shard,
                             const std::shared_ptr<const std::string>& frame) {
  // SendControl never closes a stream synchronously, so the list is stable.
  for (const std::shared_ptr<SseStream>& stream : shards_[shard].streams) {
    stream->SendControl(frame);
  }
}

void ShardStreams::CloseShard(int shard) {
  Shard& s = shards_[shard];
  s.closed = true;
  std::vector<std::shared_ptr<SseStream>> streams;
  streams.swap(s.streams);
  for (const std::shared_ptr<SseStream>& stream : streams) {
    stream->set_slot(SseStream::kNoSlot);  // already removed
    stream->Close();
  }
}

}  // namespace speakers
