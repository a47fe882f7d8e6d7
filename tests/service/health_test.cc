// grpc.health.v1.Health/Check, called through a generic stub with the
// request and response encoded by hand (the health proto's generated code
// is not installed):
//   HealthCheckRequest  { string service = 1; }
//   HealthCheckResponse { ServingStatus status = 1; }  SERVING = 1
#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "tests/service/service_fixture.h"

namespace speakers::service_test {
namespace {

class HealthTest : public ServiceTest {
 protected:
  // Calls Check for `service`; returns the status and the response bytes.
  grpc::Status Check(const std::string& service, std::string* response_bytes) {
    std::string request_bytes;
    if (!service.empty()) {
      request_bytes.push_back(0x0a);  // field 1, length-delimited
      request_bytes.push_back(static_cast<char>(service.size()));
      request_bytes += service;
    }
    grpc::Slice slice(request_bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::GenericStub stub(channel_);
    grpc::ClientContext context;
    Prepare(&context, kNoToken);
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, "/grpc.health.v1.Health/Check",
                   grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status status) { done.set_value(status); });
    std::future<grpc::Status> result = done.get_future();
    // The call has a deadline of its own; this only guards the test.
    if (result.wait_for(std::chrono::seconds(20)) !=
        std::future_status::ready) {
      context.TryCancel();
      result.wait();
      return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "no answer");
    }
    grpc::Status status = result.get();
    std::vector<grpc::Slice> slices;
    response_bytes->clear();
    if (status.ok() && response.Dump(&slices).ok()) {
      for (const grpc::Slice& s : slices) {
        response_bytes->append(reinterpret_cast<const char*>(s.begin()),
                               s.size());
      }
    }
    return status;
  }
};

TEST_F(HealthTest, TheServerReportsServing) {
  std::string response;
  ASSERT_TRUE(IsOk(Check("", &response)));
  EXPECT_EQ(response, std::string("\x08\x01", 2));  // status: SERVING
}

TEST_F(HealthTest, AnUnknownServiceIsNotFound) {
  std::string response;
  EXPECT_TRUE(HasStatus(Check("no.such.Service", &response),
                        grpc::StatusCode::NOT_FOUND));
}

}  // namespace
}  // namespace speakers::service_test
