#ifndef SPEAKERS_PROTO_NET_HOST_PORT_H_
#define SPEAKERS_PROTO_NET_HOST_PORT_H_

#include <string>

namespace speakers {

// Whether "HOST:PORT" (or a bare HOST) names the loopback interface only:
// 127.x.x.x, [::1] or localhost. An empty host (every interface) is not.
// The server refuses plain text elsewhere unless told; the client speaks
// TLS elsewhere unless told.
bool IsLoopbackAddress(const std::string& host_port);

}  // namespace speakers

#endif  // SPEAKERS_PROTO_NET_HOST_PORT_H_
