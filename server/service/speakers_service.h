#ifndef SPEAKERS_SERVER_SERVICE_SPEAKERS_SERVICE_H_
#define SPEAKERS_SERVER_SERVICE_SPEAKERS_SERVICE_H_

#include "server/app/app.h"
#include "server/app/metrics.h"
#include "speakers/v1/speakers.grpc.pb.h"

namespace speakers {

// The typed face of the Speakers service: the two streams (raw methods:
// each message is serialized once by the app layer and the same bytes go
// to every stream). Every unary method gets the one UnaryHandler, from the
// service's descriptor, which serves it through the app's tables, so that
// no command or query has code here.
class SpeakersService : public v1::Speakers::WithRawCallbackMethod_Watch<
                            v1::Speakers::WithRawCallbackMethod_WatchDelegation<
                                v1::Speakers::CallbackService>> {
 public:
  // `app` and `metrics` (may be null) must outlive the service.
  SpeakersService(App* app, Metrics* metrics);

  grpc::ServerWriteReactor<grpc::ByteBuffer>* Watch(
      grpc::CallbackServerContext* c, const grpc::ByteBuffer* request) override;
  grpc::ServerWriteReactor<grpc::ByteBuffer>* WatchDelegation(
      grpc::CallbackServerContext* c, const grpc::ByteBuffer* request) override;

 private:
  App* const app_;
  Metrics* const metrics_;
};

}  // namespace speakers

#endif  // SPEAKERS_SERVER_SERVICE_SPEAKERS_SERVICE_H_
