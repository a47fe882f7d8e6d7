#ifndef SPEAKERS_SERVER_GATEWAY_SHARD_STREAMS_H_
#define SPEAKERS_SERVER_GATEWAY_SHARD_STREAMS_H_

#include <memory>
#include <string>
#include <vector>

namespace speakers {

class SseStream;

// The gateway's open browser streams, one list per shard of the IoPool,
// each touched only on its shard's thread (no lock): for the clock frames
// and for shutdown. The updates themselves do not pass here: each stream
// is a reader of its meeting's Broadcaster in the app layer.
class ShardStreams {
 public:
  explicit ShardStreams(int shards);
  ~ShardStreams();  // drops what is left (after the threads stopped)

  ShardStreams(const ShardStreams&) = delete;
  ShardStreams& operator=(const ShardStreams&) = delete;

  // Adds `stream` to `shard`'s list, or false once the shard is closed (the
  // stream must close). Shard thread.
  bool Add(int shard, const std::shared_ptr<SseStream>& stream);
  // Removes `stream` if it is listed. Shard thread.
  void Remove(int shard, SseStream* stream);

  // Hands the gateway frame `frame` (the clock) to every stream of
  // `shard`. Shard thread.
  void Broadcast(int shard, const std::shared_ptr<const std::string>& frame);

  // Closes every stream of `shard`; later Adds on it fail. Shard thread
  // (or any thread once the shard's thread has stopped). Idempotent.
  void CloseShard(int shard);

  // Streams open on `shard`. Shard thread.
  size_t size(int shard) const { return shards_[shard].streams.size(); }

 private:
  struct Shard {
    std::vector<std::shared_ptr<SseStream>> streams;
    bool closed = false;
  };
  std::vector<Shard> shards_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_SHARD_STREAMS_H_
