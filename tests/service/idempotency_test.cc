// Idempotent retries: a request_id sent again gets the first reply and
// changes nothing.
#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/service/service_fixture.h"

namespace speakers::service_test {
namespace {

using google::protobuf::util::MessageDifferencer;
using Stub = v1::Speakers::Stub;

class IdempotencyTest : public ServiceTest {};

TEST_F(IdempotencyTest, ARetryWithTheSameIdGetsTheSameReply) {
  v1::InscribeRequest request = InscribeOf(kItemF, "AUT");
  request.set_request_id("aut-inscribe-1");
  v1::CommandReply first;
  ASSERT_TRUE(IsOk(Call(&Stub::Inscribe, kDelegationAut, request, &first)));
  EXPECT_EQ(first.version(), 1u);
  EXPECT_EQ(first.entry().receipt().number(), 1u);

  clock_.Advance(absl::Minutes(1));  // a later retry still gets the first reply
  v1::CommandReply again;
  ASSERT_TRUE(IsOk(Call(&Stub::Inscribe, kDelegationAut, request, &again)));
  EXPECT_TRUE(MessageDifferencer::Equals(first, again))
      << first.DebugString() << "\n"
      << again.DebugString();
  EXPECT_EQ(again.version(), 1u);
  EXPECT_EQ(again.entry().receipt().number(), 1u);
  EXPECT_EQ(ToTime(again.entry().receipt().at()), StartTime());
  EXPECT_EQ(Version(), 1u);

  // A new id is a new attempt, refused on its merits.
  request.set_request_id("aut-inscribe-2");
  EXPECT_TRUE(HasStatus(Call(&Stub::Inscribe, kDelegationAut, request),
                        grpc::StatusCode::ALREADY_EXISTS,
                        "Austria is already on the list"));
  // So is a request without an id.
  request.clear_request_id();
  EXPECT_TRUE(HasStatus(Call(&Stub::Inscribe, kDelegationAut, request),
                        grpc::StatusCode::ALREADY_EXISTS,
                        "Austria is already on the list"));
  EXPECT_EQ(Version(), 1u);
}

TEST_F(IdempotencyTest, ARetriedCallNextDoesNotAdvanceTwice) {
  InscribeAll(kItemF, {"AUT", "KEN"});
  Command(&Stub::ChangeMeeting, kChairPlenary,
          ChangeMeetingOf(v1::MEETING_OPEN));
  v1::CallNextRequest next = CallNextOf(kItemF);
  next.set_request_id("call-1");
  v1::CommandReply first;
  ASSERT_TRUE(IsOk(Call(&Stub::CallNext, kChairPlenary, next, &first)));
  v1::CommandReply again;
  ASSERT_TRUE(IsOk(Call(&Stub::CallNext, kChairPlenary, next, &again)));
  EXPECT_TRUE(MessageDifferencer::Equals(first, again));
  EXPECT_EQ(again.version(), 4u);
  EXPECT_EQ(again.entry().delegation(), "AUT");
  EXPECT_EQ(Version(), 4u);
  v1::ListState list;
  ASSERT_TRUE(IsOk(Call(&Stub::GetList, kNoToken, ListOf(kItemF), &list)));
  EXPECT_EQ(list.current().entry().delegation(), "AUT");
  ASSERT_EQ(list.waiting_size(), 1);
  EXPECT_EQ(list.waiting(0).delegation(), "KEN");
}

TEST_F(IdempotencyTest, IdsAreScopedToTheCaller) {
  v1::InscribeRequest aut = InscribeOf(kItem2, "AUT");
  aut.set_request_id("same-id");
  v1::CommandReply aut_reply;
  ASSERT_TRUE(IsOk(Call(&Stub::Inscribe, kDelegationAut, aut, &aut_reply)));
  v1::InscribeRequest ken = InscribeOf(kItem2, "KEN");
  ken.set_request_id("same-id");
  v1::CommandReply ken_reply;
  ASSERT_TRUE(IsOk(Call(&Stub::Inscribe, kDelegationKen, ken, &ken_reply)));
  EXPECT_EQ(aut_reply.version(), 1u);
  EXPECT_EQ(ken_reply.version(), 2u);
  EXPECT_EQ(ken_reply.entry().delegation(), "KEN");
}

TEST_F(IdempotencyTest, ARefusedRequestIsTriedAgain) {
  // A refusal is not remembered: once the cause is gone, the retry works.
  Command(&Stub::CloseList, kChairPlenary, ListCommandOf(kItemF));
  v1::InscribeRequest request = InscribeOf(kItemF, "AUT");
  request.set_request_id("retry-me");
  EXPECT_TRUE(HasStatus(Call(&Stub::Inscribe, kDelegationAut, request),
                        grpc::StatusCode::FAILED_PRECONDITION,
                        "was closed by the chair"));
  Command(&Stub::OpenList, kChairPlenary, ListCommandOf(kItemF));
  v1::CommandReply reply;
  ASSERT_TRUE(IsOk(Call(&Stub::Inscribe, kDelegationAut, request, &reply)));
  EXPECT_EQ(reply.version(), 3u);
}

TEST_F(IdempotencyTest, AnIdReusedForAnotherRequestIsRefusedAndChangesNothing) {
  v1::InscribeRequest aut = InscribeOf(kItemF, "AUT");
  aut.set_request_id("chair-1");
  v1::CommandReply first;
  ASSERT_TRUE(IsOk(Call(&Stub::AddSpeaker, kChairPlenary, aut, &first)));
  // The same id with other fields, and the same id on another method: not
  // a retry, so never answered with the first command's reply.
  v1::InscribeRequest ken = InscribeOf(kItemF, "KEN");
  ken.set_request_id("chair-1");
  EXPECT_TRUE(HasStatus(
      Call(&Stub::AddSpeaker, kChairPlenary, ken),
      grpc::StatusCode::INVALID_ARGUMENT,
      "request id \"chair-1\" was already used for a different request; give "
      "each command a new id"));
  v1::ListCommand close = ListCommandOf(kItemF);
  close.set_request_id("chair-1");
  EXPECT_TRUE(HasStatus(Call(&Stub::CloseList, kChairPlenary, close),
                        grpc::StatusCode::INVALID_ARGUMENT,
                        "already used for a different request"));
  EXPECT_EQ(Version(), 1u);
  // The true retry still gets its reply.
  v1::CommandReply again;
  ASSERT_TRUE(IsOk(Call(&Stub::AddSpeaker, kChairPlenary, aut, &again)));
  EXPECT_TRUE(MessageDifferencer::Equals(first, again));
}

TEST_F(IdempotencyTest, AReusedIdIsRecognizedAfterARestart) {
  v1::InscribeRequest aut = InscribeOf(kItemF, "AUT");
  aut.set_request_id("chair-2");
  v1::CommandReply first;
  ASSERT_TRUE(IsOk(Call(&Stub::AddSpeaker, kChairPlenary, aut, &first)));
  RestartServer();  // the same database, recovered by replay
  v1::InscribeRequest ken = InscribeOf(kItemF, "KEN");
  ken.set_request_id("chair-2");
  EXPECT_TRUE(HasStatus(Call(&Stub::AddSpeaker, kChairPlenary, ken),
                        grpc::StatusCode::INVALID_ARGUMENT,
                        "already used for a different request"));
  v1::CommandReply again;
  ASSERT_TRUE(IsOk(Call(&Stub::AddSpeaker, kChairPlenary, aut, &again)));
  EXPECT_TRUE(MessageDifferencer::Equals(first, again));
  EXPECT_EQ(Version(), 1u);
}

}  // namespace
}  // namespace speakers::service_test
