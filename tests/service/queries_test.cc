// The query RPCs over the wire: GetSession, GetMeeting, GetList,
// GetPosition, GetSpeakingTime.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/service/service_fixture.h"

namespace speakers::service_test {
namespace {

using Stub = v1::Speakers::Stub;

class QueriesTest : public ServiceTest {
 protected:
  v1::ListState GetList(absl::string_view item) {
    v1::ListState list;
    EXPECT_TRUE(IsOk(Call(&Stub::GetList, kNoToken, ListOf(item), &list)));
    return list;
  }
};

TEST_F(QueriesTest, GetSessionDescribesTheBuiltInSession) {
  v1::SessionInfo info;
  ASSERT_TRUE(
      IsOk(Call(&Stub::GetSession, kNoToken, v1::GetSessionRequest(), &info)));
  EXPECT_EQ(info.short_name(), "CAC/COSP/7");
  EXPECT_EQ(info.venue(), "Vienna International Centre, Vienna");
  EXPECT_EQ(info.time_zone(), "Europe/Vienna");
  EXPECT_EQ(info.languages_size(), 6);
  EXPECT_EQ(info.delegations_size(), 210);
  ASSERT_EQ(info.meetings_size(), 4);
  EXPECT_EQ(info.meetings(0).id(), "plenary");
  EXPECT_EQ(info.meetings(1).id(), "experts");
  EXPECT_EQ(info.meetings(2).id(), "irg");
  EXPECT_EQ(info.meetings(3).id(), "informal");
  ASSERT_EQ(info.meetings(0).agenda_size(), 15);
  EXPECT_EQ(info.meetings(0).agenda(5).id(), "1 (f)");
  EXPECT_EQ(info.meetings(0).agenda(5).title(), "General discussion");
  // The names in the other languages, by language code.
  EXPECT_EQ(info.names().at("fr"),
            "Septième session de la Conférence des États parties à la "
            "Convention des Nations Unies contre la corruption");
  EXPECT_EQ(info.meetings(0).names().at("ru"),
            "Пленарное заседание Конференции");
  EXPECT_EQ(info.meetings(0).agenda(5).titles().at("zh"), "一般性辩论");
  EXPECT_EQ(info.meetings(0).agenda(5).titles_size(), 5);
  EXPECT_EQ(info.meetings(0).slots_size(), 10);
  EXPECT_EQ(info.replies_per_item(), 2);
  ASSERT_EQ(info.reply_limits_size(), 2);
  EXPECT_EQ(ToDuration(info.reply_limits(0)), absl::Minutes(10));
  EXPECT_EQ(ToDuration(info.reply_limits(1)), absl::Minutes(5));
  EXPECT_EQ(ToTime(info.server_time()), StartTime());
  const v1::Delegation* austria = nullptr;
  for (const v1::Delegation& d : info.delegations()) {
    if (d.code() == "AUT") austria = &d;
  }
  ASSERT_NE(austria, nullptr);
  EXPECT_EQ(austria->names().at("en"), "Austria");
  EXPECT_EQ(austria->names().at("fr"), "Autriche");
  EXPECT_EQ(austria->category(), v1::CATEGORY_STATE_PARTY);
  EXPECT_EQ(austria->regional_group(), "Western European and other States");
}

TEST_F(QueriesTest, GetMeetingListsEveryAgendaItemThenTheReplyList) {
  v1::MeetingRef ref;
  ref.set_meeting("plenary");
  v1::MeetingSnapshot plenary;
  ASSERT_TRUE(IsOk(Call(&Stub::GetMeeting, kDisplay, ref, &plenary)));
  EXPECT_EQ(plenary.meeting(), "plenary");
  EXPECT_EQ(plenary.name(), "Plenary of the Conference");
  EXPECT_EQ(plenary.status(), v1::MEETING_NOT_STARTED);
  EXPECT_EQ(plenary.current_item(), "1 (a)");
  EXPECT_EQ(plenary.version(), 0u);
  EXPECT_EQ(ToTime(plenary.server_time()), StartTime());
  ASSERT_EQ(plenary.lists_size(), 16);
  EXPECT_EQ(plenary.lists(0).item(), "1 (a)");
  const v1::ListState& f = plenary.lists(5);
  EXPECT_EQ(f.item(), "1 (f)");
  EXPECT_EQ(f.label(), "item 1 (f)");
  EXPECT_EQ(f.title(), "General discussion");
  EXPECT_EQ(f.status(), v1::LIST_OPEN);
  // 09:00 on 6 October 2017 in Vienna is 07:00 UTC (summer time).
  EXPECT_EQ(ToTime(f.settings().opens_at()),
            absl::FromCivil(absl::CivilSecond(2017, 10, 6, 7, 0, 0),
                            absl::UTCTimeZone()));
  EXPECT_EQ(ToTime(f.settings().closes_at()), CloseTime());
  EXPECT_EQ(ToDuration(f.settings().speaking_time()), absl::Minutes(5));
  EXPECT_EQ(ToDuration(f.settings().warning()), absl::Seconds(30));
  EXPECT_EQ(f.settings().policy(), v1::POLICY_MINISTERIAL_FIRST);
  EXPECT_EQ(plenary.lists(15).item(), "reply");
  EXPECT_EQ(plenary.lists(15).title(), "Right of reply");
  EXPECT_EQ(plenary.lists(15).settings().policy(),
            v1::POLICY_FIRST_COME_FIRST_SERVED);

  ref.set_meeting("experts");
  v1::MeetingSnapshot experts;
  ASSERT_TRUE(IsOk(Call(&Stub::GetMeeting, kNoToken, ref, &experts)));
  ASSERT_EQ(experts.lists_size(), 4);
  EXPECT_EQ(experts.lists(0).item(), "1");
  EXPECT_EQ(experts.lists(3).item(), "reply");
}

TEST_F(QueriesTest, GetListOrdersByTierWithExpectedWaits) {
  InscribeAll(kItemF, {"AUT"});
  ASSERT_TRUE(IsOk(Call(&Stub::Inscribe, kSecretariat,
                        InscribeOf(kItemF, "KEN", v1::RANK_MINISTER))));
  InscribeAll(kItemF, {"FRA"});

  v1::ListState list = GetList(kItemF);
  EXPECT_EQ(list.meeting(), "plenary");
  EXPECT_EQ(list.status(), v1::LIST_OPEN);
  EXPECT_EQ(list.next_receipt(), 4u);
  EXPECT_EQ(list.spoken_count(), 0u);
  EXPECT_FALSE(list.has_current());
  ASSERT_EQ(list.waiting_size(), 3);
  // A minister first, then heads of delegation by receipt.
  EXPECT_EQ(list.waiting(0).delegation(), "KEN");
  EXPECT_EQ(list.waiting(0).tier(), "ministerial rank, State party");
  EXPECT_EQ(list.waiting(0).receipt().number(), 2u);
  EXPECT_EQ(list.waiting(1).delegation(), "AUT");
  EXPECT_EQ(list.waiting(1).tier(), "other rank, State party");
  EXPECT_EQ(list.waiting(1).receipt().number(), 1u);
  EXPECT_EQ(list.waiting(2).delegation(), "FRA");
  EXPECT_EQ(list.waiting(2).delegation_name(), "France");
  EXPECT_EQ(ToDuration(list.waiting(0).expected_wait()), absl::ZeroDuration());
  EXPECT_EQ(ToDuration(list.waiting(1).expected_wait()), absl::Minutes(5));
  EXPECT_EQ(ToDuration(list.waiting(2).expected_wait()), absl::Minutes(10));

  // Kenya speaks for a minute: the waits count down from its time left.
  Command(&Stub::ChangeMeeting, kChairPlenary,
          ChangeMeetingOf(v1::MEETING_OPEN));
  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));
  Command(&Stub::Timer, kChairPlenary, TimerOf(kItemF, v1::TIMER_START));
  clock_.Advance(absl::Minutes(1));
  list = GetList(kItemF);
  ASSERT_TRUE(list.has_current());
  EXPECT_EQ(list.current().entry().delegation(), "KEN");
  EXPECT_EQ(list.current().timer().state(), v1::TIMER_RUNNING);
  EXPECT_EQ(ToTime(list.current().timer().started_at()), StartTime());
  EXPECT_EQ(ToDuration(list.current().timer().limit()), absl::Minutes(5));
  ASSERT_EQ(list.waiting_size(), 2);
  EXPECT_EQ(ToDuration(list.waiting(0).expected_wait()), absl::Minutes(4));
  EXPECT_EQ(ToDuration(list.waiting(1).expected_wait()), absl::Minutes(9));

  // No item: the item under consideration (the first, "1 (a)").
  list = GetList("");
  EXPECT_EQ(list.item(), "1 (a)");
  EXPECT_EQ(list.waiting_size(), 0);
}

TEST_F(QueriesTest, GetPositionGivesPlaceWaitAndReceipt) {
  InscribeAll(kItemF, {"AUT"});
  ASSERT_TRUE(IsOk(Call(&Stub::Inscribe, kSecretariat,
                        InscribeOf(kItemF, "KEN", v1::RANK_MINISTER))));
  clock_.Advance(absl::Minutes(2));

  v1::DelegationOnList request;
  *request.mutable_list() = ListOf(kItemF);
  request.set_delegation("AUT");
  v1::Position position;
  ASSERT_TRUE(
      IsOk(Call(&Stub::GetPosition, kDelegationAut, request, &position)));
  EXPECT_EQ(position.meeting(), "plenary");
  EXPECT_EQ(position.item(), "1 (f)");
  EXPECT_EQ(position.delegation(), "AUT");
  EXPECT_EQ(position.position(), 2);
  EXPECT_EQ(ToDuration(position.expected_wait()), absl::Minutes(5));
  EXPECT_EQ(ToTime(position.expected_start()), StartTime() + absl::Minutes(7));
  EXPECT_EQ(position.version(), 2u);
  EXPECT_EQ(position.receipt().number(), 1u);
  EXPECT_EQ(ToTime(position.receipt().at()), StartTime());

  Command(&Stub::ChangeMeeting, kChairPlenary,
          ChangeMeetingOf(v1::MEETING_OPEN));
  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));
  request.set_delegation("KEN");
  ASSERT_TRUE(
      IsOk(Call(&Stub::GetPosition, kDelegationAut, request, &position)));
  EXPECT_EQ(position.position(), 0);
  EXPECT_EQ(ToDuration(position.expected_wait()), absl::ZeroDuration());
  EXPECT_EQ(position.version(), 4u);

  request.set_delegation("FRA");
  EXPECT_TRUE(HasStatus(
      Call(&Stub::GetPosition, kDelegationAut, request, &position),
      grpc::StatusCode::NOT_FOUND, "France is not on the list for item 1 (f)"));
}

TEST_F(QueriesTest, GetSpeakingTimeSumsTheClockTimeOfEveryStatement) {
  InscribeAll(kItemF, {"AUT", "KEN"});
  Command(&Stub::ChangeMeeting, kChairPlenary,
          ChangeMeetingOf(v1::MEETING_OPEN));
  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));  // Austria
  Command(&Stub::Timer, kChairPlenary, TimerOf(kItemF, v1::TIMER_START));
  clock_.Advance(absl::Minutes(3));
  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));  // Kenya
  Command(&Stub::Timer, kChairPlenary, TimerOf(kItemF, v1::TIMER_START));
  clock_.Advance(absl::Seconds(75));
  Command(&Stub::Timer, kChairPlenary, TimerOf(kItemF, v1::TIMER_PAUSE));
  clock_.Advance(absl::Minutes(10));  // paused: not counted
  Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));  // Kenya done
  // Austria's right of reply counts too.
  v1::RequestReplyRequest reply;
  reply.set_meeting("plenary");
  reply.set_item("1 (f)");
  reply.set_delegation("AUT");
  reply.mutable_speaker()->set_name("Mr. Reply");
  Command(&Stub::RequestReply, kDelegationAut, reply);
  Command(&Stub::CallNext, kChairPlenary, CallNextOf("reply"));
  Command(&Stub::Timer, kChairPlenary, TimerOf("reply", v1::TIMER_START));
  clock_.Advance(absl::Seconds(45));
  Command(&Stub::CallNext, kChairPlenary, CallNextOf("reply"));

  v1::MeetingRef ref;
  ref.set_meeting("plenary");
  v1::SpeakingTimeReport report;
  ASSERT_TRUE(IsOk(Call(&Stub::GetSpeakingTime, kDisplay, ref, &report)));
  EXPECT_EQ(report.meeting(), "plenary");
  EXPECT_EQ(report.version(), 13u);
  ASSERT_EQ(report.rows_size(), 2);
  EXPECT_EQ(report.rows(0).delegation(), "AUT");
  EXPECT_EQ(report.rows(0).delegation_name(), "Austria");
  EXPECT_EQ(ToDuration(report.rows(0).used()), absl::Seconds(225));
  EXPECT_EQ(report.rows(0).statements(), 2);
  EXPECT_EQ(report.rows(1).delegation(), "KEN");
  EXPECT_EQ(ToDuration(report.rows(1).used()), absl::Seconds(75));
  EXPECT_EQ(report.rows(1).statements(), 1);

  // GetList carries every statement made (Watch streams only the last).
  v1::ListState list = GetList(kItemF);
  ASSERT_EQ(list.spoken_size(), 2);
  EXPECT_EQ(list.spoken(0).entry().delegation(), "AUT");
  EXPECT_EQ(ToDuration(list.spoken(0).spoken()), absl::Minutes(3));
  EXPECT_EQ(ToTime(list.spoken(0).called_at()), StartTime());
  EXPECT_EQ(ToTime(list.spoken(0).finished_at()),
            StartTime() + absl::Minutes(3));
  EXPECT_EQ(list.spoken(1).entry().delegation(), "KEN");
  EXPECT_EQ(ToDuration(list.spoken(1).spoken()), absl::Seconds(75));

  ref.set_meeting("experts");
  v1::SpeakingTimeReport experts;
  ASSERT_TRUE(IsOk(Call(&Stub::GetSpeakingTime, kDisplay, ref, &experts)));
  EXPECT_EQ(experts.meeting(), "experts");
  EXPECT_EQ(experts.rows_size(), 0);
}

}  // namespace
}  // namespace speakers::service_test
