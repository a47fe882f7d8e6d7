// Refusals over the wire: the status code and the message people read.
#include <string>

#include "gtest/gtest.h"
#include "tests/service/service_fixture.h"

namespace speakers::service_test {
namespace {

using Stub = v1::Speakers::Stub;
using grpc::StatusCode;

class ErrorsTest : public ServiceTest {};

TEST_F(ErrorsTest, UnknownMeetingItemOrDelegationIsNotFound) {
  v1::MeetingRef ref;
  ref.set_meeting("council");
  EXPECT_TRUE(HasStatus(
      Call(&Stub::GetMeeting, kNoToken, ref), StatusCode::NOT_FOUND,
      "no meeting \"council\" in this session; its meetings are plenary, "
      "experts, irg, informal"));
  v1::InscribeRequest request = InscribeOf(kItemF, "KEN");
  request.mutable_list()->set_meeting("council");
  EXPECT_TRUE(HasStatus(Call(&Stub::Inscribe, kSecretariat, request),
                        StatusCode::NOT_FOUND, "no meeting \"council\""));
  EXPECT_TRUE(HasStatus(
      Call(&Stub::Inscribe, kSecretariat, InscribeOf("99", "KEN")),
      StatusCode::NOT_FOUND,
      "no item \"99\" on the agenda of \"Plenary of the Conference\"; its "
      "items are 1 (a), 1 (b)"));
  EXPECT_TRUE(HasStatus(Call(&Stub::GetList, kNoToken, ListOf("99")),
                        StatusCode::NOT_FOUND, "no item \"99\""));
  EXPECT_TRUE(HasStatus(
      Call(&Stub::Inscribe, kSecretariat, InscribeOf(kItemF, "XYZ")),
      StatusCode::NOT_FOUND,
      "no delegation with code \"XYZ\" is accredited to the session"));
  EXPECT_TRUE(HasStatus(
      Call(&Stub::Withdraw, kSecretariat, DelegationCommandOf(kItemF, "KEN")),
      StatusCode::NOT_FOUND,
      "Kenya is not waiting on the list for item 1 (f)"));

  v1::WatchRequest watch;
  watch.set_meeting("council");
  WatchReader reader(kNoToken, absl::Seconds(10), [&](grpc::ClientContext* c) {
    return stub_->Watch(c, watch);
  });
  v1::Update update;
  EXPECT_FALSE(reader.Read(&update));
  EXPECT_TRUE(HasStatus(reader.Finish(), StatusCode::NOT_FOUND,
                        "no meeting \"council\""));

  v1::WatchDelegationRequest mine;
  mine.set_meeting("plenary");
  mine.set_delegation("XYZ");
  DelegationReader delegation(
      kDisplay, absl::Seconds(10),
      [&](grpc::ClientContext* c) { return stub_->WatchDelegation(c, mine); });
  v1::DelegationUpdate position;
  EXPECT_FALSE(delegation.Read(&position));
  EXPECT_TRUE(HasStatus(
      delegation.Finish(), StatusCode::NOT_FOUND,
      "no delegation with code \"XYZ\" is accredited to the session"));
}

TEST_F(ErrorsTest, ConfigureListOnAnUnknownMeetingIsNotFound) {
  v1::ConfigureListRequest configure;
  *configure.mutable_list() = ListOf(kItemF, "council");
  EXPECT_TRUE(HasStatus(Call(&Stub::ConfigureList, kSecretariat, configure),
                        StatusCode::NOT_FOUND, "no meeting \"council\""));
  EXPECT_TRUE(HasStatus(Call(&Stub::ConfigureList, kNoToken, configure),
                        StatusCode::UNAUTHENTICATED,
                        "this needs an access token"));
}

// Anyone who can reach the port must not be able to stop the server.
TEST_F(ErrorsTest, AnAnonymousConfigureListIsRefusedAndTheServerStaysUp) {
  v1::ConfigureListRequest configure;
  *configure.mutable_list() = ListOf(kItemF);
  EXPECT_TRUE(HasStatus(Call(&Stub::ConfigureList, kNoToken, configure),
                        StatusCode::UNAUTHENTICATED,
                        "this needs an access token"));
  EXPECT_TRUE(IsOk(Call(&Stub::GetSession, kNoToken, v1::GetSessionRequest())));
}

TEST_F(ErrorsTest, MissingOrMalformedFieldsAreInvalidArguments) {
  EXPECT_TRUE(HasStatus(Call(&Stub::Inscribe, kDelegationAut,
                             InscribeOf(kItemF, "AUT", v1::RANK_MINISTER, "")),
                        StatusCode::INVALID_ARGUMENT,
                        "give the name of the speaker"));
  EXPECT_TRUE(
      HasStatus(Call(&Stub::Inscribe, kDelegationAut,
                     InscribeOf(kItemF, "AUT", v1::RANK_MINISTER, "   ")),
                StatusCode::INVALID_ARGUMENT, "give the name of the speaker"));
  v1::InscribeRequest no_meeting = InscribeOf(kItemF, "AUT");
  no_meeting.mutable_list()->clear_meeting();
  EXPECT_TRUE(HasStatus(Call(&Stub::Inscribe, kSecretariat, no_meeting),
                        StatusCode::INVALID_ARGUMENT, "name the meeting"));
  EXPECT_TRUE(
      HasStatus(Call(&Stub::Inscribe, kSecretariat, InscribeOf(kItemF, "")),
                StatusCode::INVALID_ARGUMENT,
                "give the delegation's code in delegation"));
  v1::InscribeRequest own_time = InscribeOf(kItemF, "AUT");
  own_time.mutable_time_limit()->set_seconds(600);
  EXPECT_TRUE(HasStatus(Call(&Stub::Inscribe, kDelegationAut, own_time),
                        StatusCode::INVALID_ARGUMENT,
                        "a delegation cannot choose its own speaking time"));
  EXPECT_TRUE(HasStatus(Call(&Stub::Timer, kChairPlenary,
                             TimerOf(kItemF, v1::TIMER_ACTION_UNSPECIFIED)),
                        StatusCode::INVALID_ARGUMENT,
                        "say what the clock should do"));
  v1::InscribeRequest bad_rank =
      InscribeOf(kItemF, "AUT", static_cast<v1::Rank>(99));
  EXPECT_TRUE(HasStatus(Call(&Stub::Inscribe, kDelegationAut, bad_rank),
                        StatusCode::INVALID_ARGUMENT, "unknown rank 99"));
  EXPECT_TRUE(HasStatus(
      Call(&Stub::Inscribe, kDelegationAut, InscribeOf("reply", "AUT")),
      StatusCode::INVALID_ARGUMENT,
      "ask for a right of reply with a reply request"));
  EXPECT_TRUE(HasStatus(Call(&Stub::ChangeMeeting, kChairPlenary,
                             ChangeMeetingOf(v1::MEETING_ACTION_UNSPECIFIED)),
                        StatusCode::INVALID_ARGUMENT,
                        "say what the meeting should do"));
  v1::WatchRequest no_meeting_watch;
  WatchReader watch(kNoToken, absl::Seconds(10), [&](grpc::ClientContext* c) {
    return stub_->Watch(c, no_meeting_watch);
  });
  v1::Update update;
  EXPECT_FALSE(watch.Read(&update));
  EXPECT_TRUE(HasStatus(watch.Finish(), StatusCode::INVALID_ARGUMENT,
                        "name the meeting"));
  v1::InscribeRequest long_id = InscribeOf(kItemF, "AUT");
  long_id.set_request_id(std::string(129, 'r'));
  EXPECT_TRUE(HasStatus(Call(&Stub::Inscribe, kDelegationAut, long_id),
                        StatusCode::INVALID_ARGUMENT,
                        "request_id is longer than 128 characters"));
  EXPECT_EQ(Version(), 0u);
}

TEST_F(ErrorsTest, ASecondInscriptionAlreadyExists) {
  ASSERT_TRUE(
      IsOk(Call(&Stub::Inscribe, kDelegationAut, InscribeOf(kItemF, "AUT"))));
  EXPECT_TRUE(HasStatus(
      Call(&Stub::Inscribe, kDelegationAut, InscribeOf(kItemF, "AUT")),
      StatusCode::ALREADY_EXISTS,
      "Austria is already on the list for item 1 (f) (receipt 1, position 1)"));
  EXPECT_EQ(Version(), 1u);
}

TEST_F(ErrorsTest, AfterTheCloseOnlyTheChairAddsSpeakers) {
  clock_.Set(CloseTime() - absl::Seconds(1));
  ASSERT_TRUE(
      IsOk(Call(&Stub::Inscribe, kDelegationAut, InscribeOf(kItemF, "AUT"))));
  clock_.Set(CloseTime());
  EXPECT_TRUE(HasStatus(
      Call(&Stub::Inscribe, kDelegationKen, InscribeOf(kItemF, "KEN")),
      StatusCode::FAILED_PRECONDITION,
      "the list for item 1 (f) closed at 12:00 on 6 November 2017, Vienna "
      "time"));
  clock_.Advance(absl::Minutes(30));
  EXPECT_TRUE(HasStatus(
      Call(&Stub::Inscribe, kSecretariat, InscribeOf(kItemF, "KEN")),
      StatusCode::FAILED_PRECONDITION,
      "the list for item 1 (f) closed at 12:00 on 6 November 2017, Vienna "
      "time; only the chair can add speakers now"));
  v1::ListState list;
  ASSERT_TRUE(IsOk(Call(&Stub::GetList, kNoToken, ListOf(kItemF), &list)));
  EXPECT_EQ(list.status(), v1::LIST_CLOSED);

  v1::CommandReply reply;
  ASSERT_TRUE(IsOk(Call(&Stub::AddSpeaker, kChairPlenary,
                        InscribeOf(kItemF, "KEN"), &reply)));
  EXPECT_EQ(reply.version(), 2u);
  EXPECT_EQ(reply.entry().delegation(), "KEN");
  EXPECT_TRUE(reply.entry().added_by_chair());
  EXPECT_EQ(reply.entry().receipt().number(), 2u);
}

TEST_F(ErrorsTest, WrongStateIsAFailedPrecondition) {
  EXPECT_TRUE(
      HasStatus(Call(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF)),
                StatusCode::FAILED_PRECONDITION,
                "the meeting \"Plenary of the Conference\" is not started; "
                "open it first"));
  Command(&Stub::ChangeMeeting, kChairPlenary,
          ChangeMeetingOf(v1::MEETING_OPEN));
  EXPECT_TRUE(
      HasStatus(Call(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF)),
                StatusCode::FAILED_PRECONDITION,
                "nobody is waiting on the list for item 1 (f)"));
  EXPECT_TRUE(HasStatus(
      Call(&Stub::Timer, kChairPlenary, TimerOf(kItemF, v1::TIMER_START)),
      StatusCode::FAILED_PRECONDITION, "nobody has the floor on item 1 (f)"));
  EXPECT_TRUE(HasStatus(Call(&Stub::ChangeMeeting, kChairPlenary,
                             ChangeMeetingOf(v1::MEETING_OPEN)),
                        StatusCode::FAILED_PRECONDITION,
                        "is in session; it cannot be opened"));
  // The guard against advancing twice.
  InscribeAll(kItemF, {"AUT", "KEN"});
  v1::CallNextRequest next = CallNextOf(kItemF);
  next.set_expected_current("");
  Command(&Stub::CallNext, kChairPlenary, next);
  EXPECT_TRUE(HasStatus(
      Call(&Stub::CallNext, kChairPlenary, next),
      StatusCode::FAILED_PRECONDITION,
      "the floor has already moved on: Austria has the floor on item 1 (f)"));
  next.set_expected_current("AUT");
  Command(&Stub::CallNext, kSecretariat, next);
  EXPECT_EQ(Version(), 5u);
}

TEST_F(ErrorsTest, ARequestOverTheReceiveCapIsRefused) {
  // 60 KiB gets through to the rules (a name has at most 120 characters).
  v1::InscribeRequest big =
      InscribeOf(kItemF, "AUT", v1::RANK_MINISTER, std::string(60 * 1024, 'x'));
  EXPECT_TRUE(HasStatus(
      Call(&Stub::Inscribe, kDelegationAut, big), StatusCode::INVALID_ARGUMENT,
      "the speaker's name has 61440 characters; at most 120 are accepted"));
  // Past 64 KiB the transport refuses it before any handler runs.
  v1::InscribeRequest huge =
      InscribeOf(kItemF, "AUT", v1::RANK_MINISTER, std::string(65 * 1024, 'x'));
  EXPECT_TRUE(HasStatus(Call(&Stub::Inscribe, kDelegationAut, huge),
                        StatusCode::RESOURCE_EXHAUSTED));
  v1::WatchRequest watch;
  watch.set_meeting(std::string(70 * 1024, 'm'));
  WatchReader reader(kNoToken, absl::Seconds(10), [&](grpc::ClientContext* c) {
    return stub_->Watch(c, watch);
  });
  v1::Update update;
  EXPECT_FALSE(reader.Read(&update));
  EXPECT_TRUE(HasStatus(reader.Finish(), StatusCode::RESOURCE_EXHAUSTED));
  // The server is still fine.
  EXPECT_TRUE(
      IsOk(Call(&Stub::Inscribe, kDelegationAut, InscribeOf(kItemF, "AUT"))));
  EXPECT_EQ(Version(), 1u);
}

}  // namespace
}  // namespace speakers::service_test
