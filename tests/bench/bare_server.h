#ifndef SPEAKERS_TESTS_BENCH_BARE_SERVER_H_
#define SPEAKERS_TESTS_BENCH_BARE_SERVER_H_

#include <string>

namespace speakers::bench {

// The bare limit (watch_bench --bare-server): a plain gRPC server of the
// bench.Bare service. Broadcast stamps server_time, serializes the Blob
// once into one grpc::Slice and queues that same Slice on every open Watch
// stream: one write in flight per stream, the rest queued, nothing
// dropped; the minimal correct broadcast (with absl's Mutex deadlock
// detection off, which Debian's abseil leaves on). Serves on `address`
// (port 0 picks one), prints "listening grpc=HOST:PORT" once serving and
// runs until SIGTERM or SIGINT. Returns the process exit code.
int RunBareServer(const std::string& address);

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_BARE_SERVER_H_
