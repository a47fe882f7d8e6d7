// Every command RPC over the wire, with the content of its CommandReply:
// the new version, the events (kind, actor, summary, ...) and the entry.
#include <string>
#include <vector>

#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/service/service_fixture.h"

namespace speakers::service_test {
namespace {

using Stub = v1::Speakers::Stub;
using google::protobuf::util::TimeUtil;

class CommandsTest : public ServiceTest {
 protected:
  std::vector<std::string> Waiting(absl::string_view item) {
    v1::ListState list;
    EXPECT_TRUE(IsOk(Call(&Stub::GetList, kNoToken, ListOf(item), &list)));
    std::vector<std::string> codes;
    for (const v1::Entry& e : list.waiting()) codes.push_back(e.delegation());
    return codes;
  }

  // Checks a reply with a single event.
  static void ExpectOneEvent(const v1::CommandReply& reply, uint64_t version,
                             absl::string_view kind,
                             absl::string_view summary) {
    EXPECT_EQ(reply.version(), version);
    ASSERT_EQ(reply.events_size(), 1) << reply.DebugString();
    EXPECT_EQ(reply.events(0).version(), version);
    EXPECT_EQ(reply.events(0).kind(), kind);
    EXPECT_EQ(reply.events(0).meeting(), "plenary");
    EXPECT_EQ(reply.events(0).summary(), summary);
  }
};

TEST_F(CommandsTest, AStatementFromInscriptionToTheFloor) {
  v1::CommandReply r = Command(&Stub::ChangeMeeting, kChairPlenary,
                               ChangeMeetingOf(v1::MEETING_OPEN));
  ExpectOneEvent(r, 1, "meeting_opened", "meeting in session");
  EXPECT_EQ(r.events(0).actor(), "chair of plenary");
  EXPECT_EQ(ToTime(r.events(0).at()), StartTime());
  EXPECT_FALSE(r.has_entry());

  v1::SetCurrentItemRequest item;
  item.set_meeting("plenary");
  item.set_item("1 (f)");
  r = Command(&Stub::SetCurrentItem, kSecretariat, item);
  ExpectOneEvent(r, 2, "item_changed",
                 "now considering item 1 (f): General discussion");
  EXPECT_EQ(r.events(0).actor(), "secretariat");

  // No item: the item under consideration.
  r = Command(&Stub::Inscribe, kDelegationAut, InscribeOf("", "AUT"));
  ExpectOneEvent(r, 3, "inscribed", "Austria inscribed (receipt 1)");
  EXPECT_EQ(r.events(0).item(), "1 (f)");
  EXPECT_EQ(r.events(0).delegation(), "AUT");
  EXPECT_EQ(r.events(0).actor(), "delegation AUT");
  EXPECT_EQ(r.events(0).receipt().number(), 1u);
  EXPECT_EQ(r.events(0).position(), 1);
  EXPECT_EQ(r.entry().delegation(), "AUT");
  EXPECT_EQ(r.entry().delegation_name(), "Austria");
  EXPECT_EQ(r.entry().category(), v1::CATEGORY_STATE_PARTY);
  EXPECT_EQ(r.entry().speaker().name(), "H.E. Ms. Jane Doe");
  EXPECT_EQ(r.entry().speaker().rank(), v1::RANK_HEAD_OF_DELEGATION);
  EXPECT_EQ(r.entry().receipt().number(), 1u);
  EXPECT_EQ(ToTime(r.entry().receipt().at()), StartTime());
  EXPECT_EQ(ToDuration(r.entry().time_limit()), absl::Minutes(5));
  EXPECT_FALSE(r.entry().own_time_limit());
  EXPECT_FALSE(r.entry().added_by_chair());

  v1::UpdateSpeakerRequest update;
  *update.mutable_list() = ListOf(kItemF);
  update.set_delegation("AUT");
  update.mutable_speaker()->set_name("H.E. Mr. Minister");
  update.mutable_speaker()->set_rank(v1::RANK_MINISTER);
  r = Command(&Stub::UpdateSpeaker, kDelegationAut, update);
  ExpectOneEvent(r, 4, "speaker_updated", "Austria speaker changed");

  v1::InscribeRequest add = InscribeOf(kItemF, "KEN");
  *add.mutable_time_limit() = TimeUtil::SecondsToDuration(180);
  r = Command(&Stub::AddSpeaker, kChairPlenary, add);
  ExpectOneEvent(r, 5, "inscribed", "Kenya added by the chair (receipt 2)");
  EXPECT_EQ(r.events(0).position(), 2);  // behind the minister
  EXPECT_TRUE(r.entry().added_by_chair());
  EXPECT_TRUE(r.entry().own_time_limit());
  EXPECT_EQ(ToDuration(r.entry().time_limit()), absl::Minutes(3));

  v1::SetTimeLimitRequest limit;
  *limit.mutable_list() = ListOf(kItemF);
  limit.set_delegation("AUT");
  *limit.mutable_limit() = TimeUtil::SecondsToDuration(240);
  r = Command(&Stub::SetTimeLimit, kSecretariat, limit);
  ExpectOneEvent(r, 6, "time_limit_set", "Austria speaking time set to 4:00");
  EXPECT_EQ(ToDuration(r.events(0).duration()), absl::Minutes(4));

  r = Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));
  ExpectOneEvent(r, 7, "called", "Austria has the floor");
  EXPECT_EQ(ToDuration(r.events(0).duration()), absl::Minutes(4));
  EXPECT_EQ(r.entry().delegation(), "AUT");

  r = Command(&Stub::Timer, kChairPlenary, TimerOf(kItemF, v1::TIMER_START));
  ExpectOneEvent(r, 8, "timer_started", "Austria: clock started");

  clock_.Advance(absl::Minutes(1));
  v1::AddTimeRequest more;
  *more.mutable_list() = ListOf(kItemF);
  *more.mutable_delta() = TimeUtil::SecondsToDuration(30);
  r = Command(&Stub::AddTime, kChairPlenary, more);
  ExpectOneEvent(r, 9, "time_added", "Austria: 0:30 added, limit now 4:30");

  clock_.Advance(absl::Minutes(3));
  r = Command(&Stub::CallNext, kChairPlenary, CallNextOf(kItemF));
  EXPECT_EQ(r.version(), 10u);
  ASSERT_EQ(r.events_size(), 2);
  EXPECT_EQ(r.events(0).kind(), "finished");
  EXPECT_EQ(r.events(0).summary(), "Austria finished after 4:00");
  EXPECT_EQ(ToDuration(r.events(0).duration()), absl::Minutes(4));
  EXPECT_EQ(r.events(1).kind(), "called");
  EXPECT_EQ(r.events(1).delegation(), "KEN");
  EXPECT_EQ(ToDuration(r.events(1).duration()), absl::Minutes(3));
  EXPECT_EQ(r.entry().delegation(), "KEN");

  r = Command(&Stub::ReaddLast, kChairPlenary, ListCommandOf(kItemF));
  ExpectOneEvent(r, 11, "readded",
                 "Austria put back on the list, next in line");
  EXPECT_EQ(r.events(0).position(), 1);
  EXPECT_TRUE(r.entry().placed_by_chair());
  EXPECT_EQ(Waiting(kItemF), std::vector<std::string>({"AUT"}));

  v1::RequestReplyRequest reply;
  reply.set_meeting("plenary");
  reply.set_item("1 (f)");
  reply.set_delegation("AUT");
  reply.mutable_speaker()->set_name("Mr. Counsellor");
  r = Command(&Stub::RequestReply, kDelegationAut, reply);
  ExpectOneEvent(r, 12, "reply_requested",
                 "Austria asked for right of reply 1 on item 1 (f) (10:00)");
  EXPECT_EQ(r.events(0).item(), "reply");
  EXPECT_EQ(r.entry().reply_item(), "1 (f)");
  EXPECT_EQ(r.entry().reply_number(), 1);
  EXPECT_EQ(ToDuration(r.entry().time_limit()), absl::Minutes(10));
  EXPECT_EQ(Version(), 12u);
}

TEST_F(CommandsTest, TheChairEditsTheQueue) {
  InscribeAll(kItem2, {"AUT", "KEN", "FRA", "USA", "DEU"});
  ASSERT_EQ(Waiting(kItem2),
            std::vector<std::string>({"AUT", "KEN", "FRA", "USA", "DEU"}));

  v1::MoveRequest move;
  *move.mutable_list() = ListOf(kItem2);
  move.set_delegation("DEU");
  move.set_position(1);
  v1::CommandReply r = Command(&Stub::Move, kChairPlenary, move);
  ExpectOneEvent(r, 6, "moved", "Germany moved to position 1");
  EXPECT_EQ(r.events(0).position(), 1);
  EXPECT_EQ(Waiting(kItem2),
            std::vector<std::string>({"DEU", "AUT", "KEN", "FRA", "USA"}));

  v1::SwapRequest swap;
  *swap.mutable_list() = ListOf(kItem2);
  swap.set_first("AUT");
  swap.set_second("USA");
  r = Command(&Stub::Swap, kChairPlenary, swap);
  ExpectOneEvent(r, 7, "swapped",
                 "Austria exchanged places with United States of America");
  EXPECT_EQ(r.events(0).delegation(), "AUT");
  EXPECT_EQ(r.events(0).other_delegation(), "USA");
  EXPECT_EQ(Waiting(kItem2),
            std::vector<std::string>({"DEU", "USA", "KEN", "FRA", "AUT"}));

  r = Command(&Stub::MarkAbsent, kChairPlenary,
              DelegationCommandOf(kItem2, "KEN"));
  ExpectOneEvent(r, 8, "marked_absent",
                 "Kenya absent, moved to the end of its tier");
  EXPECT_EQ(r.events(0).position(), 5);
  EXPECT_EQ(Waiting(kItem2),
            std::vector<std::string>({"DEU", "USA", "FRA", "AUT", "KEN"}));

  r = Command(&Stub::Remove, kSecretariat, DelegationCommandOf(kItem2, "FRA"));
  ExpectOneEvent(r, 9, "removed", "France removed by the chair");
  EXPECT_EQ(Waiting(kItem2),
            std::vector<std::string>({"DEU", "USA", "AUT", "KEN"}));

  r = Command(&Stub::Withdraw, kDelegationKen,
              DelegationCommandOf(kItem2, "KEN"));
  ExpectOneEvent(r, 10, "withdrawn", "Kenya withdrew");
  EXPECT_EQ(r.events(0).actor(), "delegation KEN");
  EXPECT_EQ(Waiting(kItem2), std::vector<std::string>({"DEU", "USA", "AUT"}));
}

TEST_F(CommandsTest, TheChairClosesAndReopensAList) {
  v1::CommandReply r =
      Command(&Stub::CloseList, kChairPlenary, ListCommandOf(kItemF));
  ExpectOneEvent(r, 1, "list_closed", "item 1 (f): list closed");
  v1::ListState list;
  ASSERT_TRUE(IsOk(Call(&Stub::GetList, kNoToken, ListOf(kItemF), &list)));
  EXPECT_EQ(list.status(), v1::LIST_CLOSED);
  EXPECT_TRUE(list.closed_by_chair());
  EXPECT_EQ(ToTime(list.changed_by_chair_at()), StartTime());
  EXPECT_TRUE(HasStatus(
      Call(&Stub::Inscribe, kDelegationAut, InscribeOf(kItemF, "AUT")),
      grpc::StatusCode::FAILED_PRECONDITION,
      "the list for item 1 (f) was closed by the chair at 10:00 on 6 November "
      "2017, Vienna time"));

  clock_.Advance(absl::Minutes(5));
  r = Command(&Stub::OpenList, kChairPlenary, ListCommandOf(kItemF));
  ExpectOneEvent(r, 2, "list_opened", "item 1 (f): list opened");
  ASSERT_TRUE(IsOk(Call(&Stub::GetList, kNoToken, ListOf(kItemF), &list)));
  EXPECT_EQ(list.status(), v1::LIST_OPEN);
  EXPECT_TRUE(list.opened_by_chair());
  EXPECT_EQ(ToTime(list.changed_by_chair_at()), StartTime() + absl::Minutes(5));
  r = Command(&Stub::Inscribe, kDelegationAut, InscribeOf(kItemF, "AUT"));
  EXPECT_EQ(r.version(), 3u);

  // Opened by the chair, the list stays open past its scheduled close.
  clock_.Set(CloseTime() + absl::Hours(1));
  EXPECT_TRUE(
      IsOk(Call(&Stub::Inscribe, kDelegationKen, InscribeOf(kItemF, "KEN"))));
}

TEST_F(CommandsTest, ConfigureListChangesTheSettingsOfALiveList) {
  Command(&Stub::Inscribe, kDelegationAut, InscribeOf(kItemF, "AUT"));
  v1::ConfigureListRequest configure;
  *configure.mutable_list() = ListOf(kItemF);
  *configure.mutable_settings()->mutable_speaking_time() =
      TimeUtil::SecondsToDuration(180);
  configure.mutable_settings()->set_policy(v1::POLICY_FIRST_COME_FIRST_SERVED);
  v1::CommandReply r = Command(&Stub::ConfigureList, kChairPlenary, configure);
  ExpectOneEvent(r, 2, "list_configured", "item 1 (f): list settings changed");
  v1::ListState list;
  ASSERT_TRUE(IsOk(Call(&Stub::GetList, kNoToken, ListOf(kItemF), &list)));
  EXPECT_EQ(ToDuration(list.settings().speaking_time()), absl::Minutes(3));
  EXPECT_EQ(ToDuration(list.settings().warning()),
            absl::Seconds(30));  // unset: kept
  EXPECT_EQ(list.settings().policy(), v1::POLICY_FIRST_COME_FIRST_SERVED);
  ASSERT_EQ(list.waiting_size(), 1);
  EXPECT_EQ(ToDuration(list.waiting(0).time_limit()), absl::Minutes(3));
  EXPECT_EQ(list.waiting(0).tier(), "single tier");
}

// speakers.proto: ConfigureListRequest.settings "replaces all settings;
// unset durations keep theirs", and ListSettings.closes_at "unset: no
// scheduled close". So a configuration without closes_at removes the
// scheduled noon close of item 1 (f).
TEST_F(CommandsTest, ConfigureListWithoutCloseTimeRemovesTheScheduledClose) {
  v1::ConfigureListRequest configure;
  *configure.mutable_list() = ListOf(kItemF);
  *configure.mutable_settings()->mutable_speaking_time() =
      TimeUtil::SecondsToDuration(300);
  Command(&Stub::ConfigureList, kChairPlenary, configure);
  v1::ListState list;
  ASSERT_TRUE(IsOk(Call(&Stub::GetList, kNoToken, ListOf(kItemF), &list)));
  EXPECT_FALSE(list.settings().has_opens_at()) << list.settings().DebugString();
  EXPECT_FALSE(list.settings().has_closes_at())
      << list.settings().DebugString();
  clock_.Set(CloseTime() + absl::Minutes(1));
  EXPECT_TRUE(
      IsOk(Call(&Stub::Inscribe, kDelegationAut, InscribeOf(kItemF, "AUT"))));
}

}  // namespace
}  // namespace speakers::service_test
