#ifndef SPEAKERS_TESTS_GATEWAY_BARE_SSE_SERVER_H_
#define SPEAKERS_TESTS_GATEWAY_BARE_SSE_SERVER_H_

namespace speakers::gateway_test {

// The bare limit of browser_bench: an HTTP/1.1 server that does nothing but
// hold Server-Sent Events streams and write the same bytes to all of them,
// the way the gateway does (Boost.Asio, one io_context thread per shard,
// streams spread over the shards, a direct non-blocking send first and an
// asynchronous write for the rest). No app, no JSON, no commit, no access
// check: what is left is the sockets' and the kernel's cost.
//
//   GET <any path>                    an event stream: the head, then a
//                                     first message "id: 0"
//   POST /trigger?v=VERSION&bytes=B   every open stream gets one message
//                                     "id: VERSION" with B bytes of data;
//                                     answered 200 once it is handed to the
//                                     shards
//
// Binds 127.0.0.1:0, prints "listening grpc=- http=127.0.0.1:PORT" on
// stdout (the line speakers-server prints, so that ServerProcess finds it)
// and serves until killed. Returns non-zero when it cannot listen.
int RunBareSseServer(int threads);

}  // namespace speakers::gateway_test

#endif  // SPEAKERS_TESTS_GATEWAY_BARE_SSE_SERVER_H_
