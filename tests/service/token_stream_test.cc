// Token administration over gRPC: a token issued by the secretariat opens
// a Watch; revoking it ends that stream at once with UNAUTHENTICATED, the
// other streams going on; a delegation's positions stream too.
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/service/service_fixture.h"

namespace speakers::service_test {
namespace {

class TokenStreamTest : public ServiceTest {
 protected:
  v1::IssuedToken Issue(v1::TokenRole role, const std::string& scope) {
    v1::IssueTokenRequest request;
    request.set_role(role);
    request.set_scope(scope);
    v1::IssuedToken issued;
    EXPECT_TRUE(IsOk(
        Call(&v1::Speakers::Stub::IssueToken, kSecretariat, request, &issued)));
    return issued;
  }
  grpc::Status Revoke(const std::string& id) {
    v1::TokenRef ref;
    ref.set_id(id);
    v1::TokenInfo info;
    return Call(&v1::Speakers::Stub::RevokeToken, kSecretariat, ref, &info);
  }
};

TEST_F(TokenStreamTest, RevokingATokenEndsItsOpenStreamsAtOnce) {
  const v1::IssuedToken display = Issue(v1::TOKEN_ROLE_DISPLAY, "");
  ASSERT_EQ(display.token().size(), 32u);
  v1::WatchRequest request;
  request.set_meeting("plenary");
  auto revoked = std::make_unique<WatchReader>(
      display.token(), absl::Seconds(15),
      [&](grpc::ClientContext* c) { return stub_->Watch(c, request); });
  auto other = std::make_unique<WatchReader>(
      kDisplay, absl::Seconds(15),
      [&](grpc::ClientContext* c) { return stub_->Watch(c, request); });
  ASSERT_TRUE(revoked->Next().has_value());  // the snapshot
  ASSERT_TRUE(other->Next().has_value());
  ASSERT_TRUE(IsOk(Revoke(display.info().id())));
  v1::Update update;
  EXPECT_FALSE(revoked->Read(&update));
  const grpc::Status ended = revoked->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ended.error_message(),
            absl::StrCat("this access token (", display.info().id(),
                         ", display) was revoked by the secretariat; sign in "
                         "with a new one from the secretariat"));
  // Reconnecting with it is refused; the other stream goes on.
  auto again = std::make_unique<WatchReader>(
      display.token(), absl::Seconds(15),
      [&](grpc::ClientContext* c) { return stub_->Watch(c, request); });
  EXPECT_FALSE(again->Read(&update));
  EXPECT_EQ(again->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::ChangeMeetingRequest open = ChangeMeetingOf(v1::MEETING_OPEN);
  v1::CommandReply reply;
  ASSERT_TRUE(IsOk(
      Call(&v1::Speakers::Stub::ChangeMeeting, kChairPlenary, open, &reply)));
  EXPECT_TRUE(other->Next().has_value());
}

TEST_F(TokenStreamTest, RevokingADelegationTokenEndsItsPositionsStream) {
  const v1::IssuedToken aut = Issue(v1::TOKEN_ROLE_DELEGATION, "AUT");
  v1::WatchDelegationRequest request;
  request.set_meeting("plenary");
  request.set_delegation("AUT");
  auto positions = std::make_unique<DelegationReader>(
      aut.token(), absl::Seconds(15), [&](grpc::ClientContext* c) {
        return stub_->WatchDelegation(c, request);
      });
  ASSERT_TRUE(positions->Next().has_value());
  ASSERT_TRUE(IsOk(Revoke(aut.info().id())));
  v1::DelegationUpdate update;
  EXPECT_FALSE(positions->Read(&update));
  EXPECT_EQ(positions->Finish().error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace speakers::service_test
