#ifndef SPEAKERS_SERVER_GATEWAY_GATEWAY_OPTIONS_H_
#define SPEAKERS_SERVER_GATEWAY_GATEWAY_OPTIONS_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "server/platform/tls_material.h"

namespace speakers {

// How the browser gateway listens and protects itself. The streams' history
// and slow-reader queue are the app layer's (AppOptions::runner.stream),
// shared with gRPC Watch; so is the stall timeout.
struct GatewayOptions {
  std::string address = "127.0.0.1:0";  // HOST:PORT; port 0 picks a free port
  // HTTPS with this certificate and key (TLS 1.2 or later); absent: plain
  // HTTP. A client CA is not used here (browsers show no certificate).
  std::optional<TlsMaterial> tls;
  // Browser connections held at once (HTTP and streams together); one
  // past it is answered 503 and closed. 0: three quarters of the process's
  // open-files limit (ConnectionSlots::DefaultLimit), so that browsers
  // never take the descriptors gRPC needs.
  size_t max_connections = 0;
  // Asio threads, each with its own io_context (a connection stays on one);
  // 0: one per core, at most 4.
  int threads = 0;
  // Largest request body accepted (commands are small): 413 past it.
  size_t max_body_bytes = 64 * 1024;
  // Largest request header block accepted: 431 past it.
  size_t max_header_bytes = 16 * 1024;
  // Time allowed to receive one request (headers and body); also how long
  // an idle keep-alive connection is kept.
  std::chrono::milliseconds read_timeout{15000};
  // Time allowed to send one response.
  std::chrono::milliseconds write_timeout{30000};
  // How long a JSON command may wait for its reply (a command is answered
  // once durable); past it the browser gets 504 saying that the command
  // may still have been applied (JsonCommands::NoAnswer). The call goes on
  // (its late reply is dropped): a retry with the same request_id gets its
  // reply, and it is never applied twice.
  std::chrono::milliseconds command_timeout{10000};
  // How long Shutdown waits for the replies of JSON calls in flight (a
  // command is answered once durable).
  std::chrono::milliseconds drain_timeout{10000};
  // The kernel send buffer of a browser stream (SO_SNDBUF; 0: the system's
  // autotuning, up to megabytes per stalled reader). Bounded so that a
  // stalled browser holds little memory and reaches the queue limit soon.
  int stream_send_buffer = 64 * 1024;
  // How often every browser stream gets a clock frame (the server's time,
  // which also keeps idle connections alive).
  std::chrono::milliseconds heartbeat{15000};
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_GATEWAY_GATEWAY_OPTIONS_H_
