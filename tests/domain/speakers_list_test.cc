// SpeakersList: the order of speakers, the inscription window and the
// refusals of an inscription. Chair edits are in speakers_list_edits_test.cc.
#include "server/domain/speakers_list.h"

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/domain/test_session.h"

namespace speakers {
namespace {

using ::speakers::testing::ListClosesAt;
using ::speakers::testing::ListFixture;
using ::speakers::testing::ListOpensAt;
using ::speakers::testing::MakeInscription;
using ::speakers::testing::MakeSpeaker;
using ::speakers::testing::Vienna;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class SpeakersListTest : public ListFixture {
 protected:
  void TearDown() override {
    EXPECT_TRUE(list_.CheckInvariants().ok()) << list_.CheckInvariants();
  }
};

TEST_F(SpeakersListTest, FirstComeFirstServedInsideATier) {
  const Entry aut = Add("AUT");
  clock_.Advance(absl::Seconds(1));
  const Entry bra = Add("BRA");
  clock_.Advance(absl::Minutes(3));
  const Entry chn = Add("CHN");
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "BRA", "CHN"));
  EXPECT_EQ(aut.receipt, (Receipt{1, testing::SessionStart()}));
  EXPECT_EQ(bra.receipt,
            (Receipt{2, testing::SessionStart() + absl::Seconds(1)}));
  EXPECT_EQ(chn.receipt.number, 3u);
  EXPECT_EQ(list_.next_receipt(), 4u);
  EXPECT_EQ(chn.category, Category::kStateParty);
  EXPECT_FALSE(chn.placed_by_chair);
  EXPECT_FALSE(chn.added_by_chair);
  EXPECT_EQ(chn.tier,
            list_.settings().policy.TierOf(Rank::kHeadOfDelegation,
                                           Category::kStateParty, false));
}

TEST_F(SpeakersListTest, MinistersSpeakBeforeOthers) {
  Add("AUT");
  Add("BRA", Rank::kMinister);
  Add("CHN", Rank::kOther);
  Add("EGY", Rank::kHeadOfState);
  Add("FRA", Rank::kViceMinister);
  Add("KEN", Rank::kHeadOfGovernment);
  // Ministerial ranks share a tier: Brazil's minister came before Egypt's
  // head of State.
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "EGY", "KEN", "AUT", "CHN", "FRA"));
}

TEST_F(SpeakersListTest, StatesPartiesBeforeObservers) {
  for (const char* code :
       {"TI", "EU", "ERI", "BTN", "AUT", "UNODC", "SYR", "BRA"}) {
    Add(code);
  }
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "BRA", "BTN", "SYR", "ERI", "EU",
                                     "UNODC", "TI"));
  // An NGO minister still comes before every head of delegation.
  Add("KEN");
  Add("MEX", Rank::kMinister);
  Add("FRA", Rank::kMinister);
  EXPECT_THAT(Waiting(), ElementsAre("MEX", "FRA", "AUT", "BRA", "KEN", "BTN",
                                     "SYR", "ERI", "EU", "UNODC", "TI"));
}

TEST_F(SpeakersListTest, AChangeOfRankReTiersAndKeepsTheReceipt) {
  Add("AUT");
  Add("BRA");
  Add("CHN");
  ASSERT_TRUE(list_
                  .UpdateSpeaker(
                      "CHN", MakeSpeaker(Rank::kMinister, "H.E. Mr. Wang"), "")
                  .ok());
  EXPECT_THAT(Waiting(), ElementsAre("CHN", "AUT", "BRA"));
  EXPECT_EQ(list_.waiting()[0].receipt.number, 3u);
  EXPECT_EQ(list_.waiting()[0].speaker.name, "H.E. Mr. Wang");
  EXPECT_EQ(list_.waiting()[0].speaker.rank, Rank::kMinister);
  EXPECT_FALSE(list_.waiting()[0].placed_by_chair);
  // Back to head of delegation: back behind the earlier receipts.
  ASSERT_TRUE(
      list_.UpdateSpeaker("CHN", MakeSpeaker(Rank::kHeadOfDelegation), "")
          .ok());
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "BRA", "CHN"));
  EXPECT_EQ(list_.waiting()[2].receipt.number, 3u);
  // Same tier: same place.
  ASSERT_TRUE(
      list_.UpdateSpeaker("AUT", MakeSpeaker(Rank::kOther, "Mr. Huber"), "")
          .ok());
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "BRA", "CHN"));
  EXPECT_EQ(list_.waiting()[0].speaker.name, "Mr. Huber");
}

TEST_F(SpeakersListTest, AChangeOfRankDoesNotMoveAnEntryTheChairPlaced) {
  Add("AUT");
  Add("BRA");
  Add("CHN");
  ASSERT_TRUE(list_.Move("AUT", 3).ok());
  ASSERT_TRUE(
      list_.UpdateSpeaker("AUT", MakeSpeaker(Rank::kMinister), "").ok());
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "CHN", "AUT"));
  EXPECT_EQ(list_.waiting()[2].tier,
            list_.settings().policy.TierOf(Rank::kMinister,
                                           Category::kStateParty, false));
}

TEST_F(SpeakersListTest, UpdateSpeakerRefusals) {
  Add("AUT");
  absl::Status s = list_.UpdateSpeaker("EGY", MakeSpeaker(), "");
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "Egypt is not on the list for item 1 (f)");
  s = list_.UpdateSpeaker("AUT", MakeSpeaker(Rank::kMinister, " "), "");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(list_.waiting()[0].speaker, MakeSpeaker());
  s = list_.UpdateSpeaker("AUT", MakeSpeaker(Rank::kMinister),
                          std::string(201, 'g'));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "the group name has 201 characters; at most 200 are accepted");
  EXPECT_EQ(list_.waiting()[0].speaker, MakeSpeaker());
}

TEST_F(SpeakersListTest, BeforeTheWindowOpens) {
  clock_.Set(ListOpensAt() - absl::Seconds(1));
  EXPECT_EQ(list_.Status(clock_.Now()), ListStatus::kNotYetOpen);
  absl::StatusOr<Entry> entry = TryAdd("AUT");
  EXPECT_EQ(entry.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      entry.status().message(),
      "the list for item 1 (f) opens at 09:00 on 6 October 2017, Vienna time; "
      "inscriptions are accepted from then");
  EXPECT_TRUE(list_.waiting().empty());
  EXPECT_EQ(list_.next_receipt(), 1u);
  clock_.Set(ListOpensAt());
  EXPECT_EQ(list_.Status(clock_.Now()), ListStatus::kOpen);
  EXPECT_TRUE(TryAdd("AUT").ok());
}

TEST_F(SpeakersListTest, AfterTheWindowCloses) {
  clock_.Set(ListClosesAt() - absl::Seconds(1));
  EXPECT_TRUE(TryAdd("AUT").ok());
  clock_.Set(ListClosesAt());
  EXPECT_EQ(list_.Status(clock_.Now()), ListStatus::kClosed);
  absl::StatusOr<Entry> entry = TryAdd("BRA");
  EXPECT_EQ(entry.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(entry.status().message(),
            "the list for item 1 (f) closed at 12:00 on 6 November 2017, "
            "Vienna time; "
            "only the chair can add speakers now");
  EXPECT_EQ(list_.CheckAccepting(clock_.Now()), entry.status());
  EXPECT_THAT(Waiting(), ElementsAre("AUT"));
  EXPECT_EQ(list_.next_receipt(), 2u);
}

TEST_F(SpeakersListTest, TheChairAddsToAListThatIsNotOpen) {
  clock_.Set(ListClosesAt() + absl::Hours(1));
  absl::StatusOr<Entry> added =
      TryAdd("BRA", Rank::kHeadOfDelegation, /*by_chair=*/true);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_TRUE(added->added_by_chair);
  EXPECT_FALSE(added->placed_by_chair);
  EXPECT_EQ(added->receipt, (Receipt{1, ListClosesAt() + absl::Hours(1)}));
  clock_.Set(ListOpensAt() - absl::Hours(1));
  EXPECT_TRUE(TryAdd("AUT", Rank::kMinister, /*by_chair=*/true).ok());
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "BRA"));
}

TEST_F(SpeakersListTest, TheChairClosesAndReopensTheList) {
  EXPECT_EQ(list_.manual_state(), ManualState::kScheduled);
  const absl::Time closing = Vienna(2017, 11, 6, 10, 30);
  clock_.Set(closing);
  ASSERT_TRUE(list_.Close(clock_.Now()).ok());
  EXPECT_EQ(list_.manual_state(), ManualState::kClosedByChair);
  EXPECT_EQ(list_.manual_at(), closing);
  EXPECT_EQ(list_.Status(clock_.Now()), ListStatus::kClosed);
  clock_.Advance(absl::Minutes(5));
  absl::StatusOr<Entry> entry = TryAdd("AUT");
  EXPECT_EQ(entry.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(entry.status().message(),
            "the list for item 1 (f) was closed by the chair at 10:30 on 6 "
            "November 2017, "
            "Vienna time; only the chair can add speakers now");
  absl::Status again = list_.Close(clock_.Now());
  EXPECT_EQ(again.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.message(), "the list for item 1 (f) is already closed");
  EXPECT_EQ(list_.manual_at(), closing);

  ASSERT_TRUE(list_.Open(clock_.Now()).ok());
  EXPECT_EQ(list_.manual_state(), ManualState::kOpenedByChair);
  EXPECT_EQ(list_.manual_at(), closing + absl::Minutes(5));
  EXPECT_TRUE(TryAdd("AUT").ok());
  again = list_.Open(clock_.Now());
  EXPECT_EQ(again.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.message(), "the list for item 1 (f) is already open");
}

TEST_F(SpeakersListTest, AReopenedListOutlivesItsScheduledClose) {
  clock_.Set(ListClosesAt() + absl::Minutes(1));
  EXPECT_EQ(list_.manual_state(), ManualState::kScheduled);
  EXPECT_EQ(list_.Status(clock_.Now()), ListStatus::kClosed);
  ASSERT_TRUE(list_.Open(clock_.Now()).ok());
  clock_.Advance(absl::Hours(48));
  EXPECT_EQ(list_.Status(clock_.Now()), ListStatus::kOpen);
  EXPECT_TRUE(TryAdd("KEN").ok());
}

TEST_F(SpeakersListTest, TheChairOpensTheListEarly) {
  clock_.Set(ListOpensAt() - absl::Hours(2));
  ASSERT_TRUE(list_.Open(clock_.Now()).ok());
  EXPECT_TRUE(TryAdd("AUT").ok());
  // Opening a list that is open on schedule pins it open past its close.
  list_ = SpeakersList(session_.get(), "1 (f)", "item 1 (f)",
                       session_->SettingsFor("plenary", "1 (f)"), false);
  clock_.Set(testing::SessionStart());
  ASSERT_TRUE(list_.Open(clock_.Now()).ok());
  EXPECT_EQ(list_.manual_state(), ManualState::kOpenedByChair);
  EXPECT_EQ(list_.Status(ListClosesAt() + absl::Hours(1)), ListStatus::kOpen);
  absl::Status s = list_.Open(clock_.Now());
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "the list for item 1 (f) is already open");
}

TEST_F(SpeakersListTest, ClosingBeforeTheScheduleKeepsTheListClosed) {
  clock_.Set(ListOpensAt() - absl::Hours(2));
  ASSERT_TRUE(list_.Close(clock_.Now()).ok());
  clock_.Set(ListOpensAt() + absl::Hours(1));
  EXPECT_EQ(list_.Status(clock_.Now()), ListStatus::kClosed);
  EXPECT_EQ(TryAdd("AUT").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(SpeakersListTest, ASecondInscriptionIsRefused) {
  Add("AUT");
  Add("BRA", Rank::kMinister);
  absl::StatusOr<Entry> again = TryAdd("AUT", Rank::kMinister);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(
      again.status().message(),
      "Austria is already on the list for item 1 (f) (receipt 1, position 2)");
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "AUT"));
  EXPECT_EQ(list_.waiting()[1].speaker.rank, Rank::kHeadOfDelegation);
  EXPECT_EQ(list_.next_receipt(), 3u);
  // Not even the chair may put a delegation on twice.
  EXPECT_EQ(TryAdd("AUT", Rank::kOther, /*by_chair=*/true).status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_F(SpeakersListTest, NoInscriptionWhileSpeakingOrAfterHavingSpoken) {
  Add("AUT");
  CallNext();
  absl::StatusOr<Entry> entry = TryAdd("AUT");
  EXPECT_EQ(entry.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(entry.status().message(), "Austria has the floor on item 1 (f)");
  CallNext();  // Austria finishes; nobody waits.
  ASSERT_FALSE(list_.current().has_value());
  entry = TryAdd("AUT");
  EXPECT_EQ(entry.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(entry.status().message(),
            "Austria has already spoken on item 1 (f); the chair can give it "
            "the floor again");
  EXPECT_TRUE(list_.waiting().empty());
  EXPECT_EQ(list_.next_receipt(), 2u);
  // The chair can give it the floor again, with a new receipt.
  absl::StatusOr<Entry> again =
      TryAdd("AUT", Rank::kMinister, /*by_chair=*/true);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->receipt.number, 2u);
  EXPECT_THAT(Waiting(), ElementsAre("AUT"));
}

TEST_F(SpeakersListTest, BadTextsAndLimitsAreRefusedWithoutTakingAReceipt) {
  struct Case {
    Speaker speaker;
    std::string group;
    std::optional<absl::Duration> limit;
    std::string message;
  };
  const std::string long_name(121, 'a');
  const Case cases[] = {
      {MakeSpeaker(Rank::kOther, ""), "", std::nullopt,
       "give the name of the speaker, e.g. \"H.E. Ms. Jane Doe\""},
      {MakeSpeaker(Rank::kOther, " \t "), "", std::nullopt,
       "give the name of the speaker, e.g. \"H.E. Ms. Jane Doe\""},
      {MakeSpeaker(Rank::kOther, long_name), "", std::nullopt,
       "the speaker's name has 121 characters; at most 120 are accepted"},
      {MakeSpeaker(Rank::kOther, "Jos\xE9"), "", std::nullopt,
       "the speaker's name is not valid UTF-8 text"},
      {Speaker{"Ms. Doe", std::string(201, 't'), Rank::kOther}, "",
       std::nullopt,
       "the speaker's title has 201 characters; at most 200 are accepted"},
      {MakeSpeaker(), "G77\xFF", std::nullopt,
       "the group name is not valid UTF-8 text"},
      {MakeSpeaker(), "", absl::Seconds(5),
       "speaking time 0:05 is out of range; give between 0:10 and 2:00:00"},
      {MakeSpeaker(), "", absl::Hours(2) + absl::Seconds(1),
       "speaking time 2:00:01 is out of range; give between 0:10 and 2:00:00"},
  };
  for (const Case& c : cases) {
    SpeakersList::Inscription request = MakeInscription(*session_, "AUT");
    request.speaker = c.speaker;
    request.on_behalf_of = c.group;
    request.time_limit = c.limit;
    absl::StatusOr<Entry> entry = list_.Inscribe(request, clock_.Now());
    EXPECT_EQ(entry.status().code(), absl::StatusCode::kInvalidArgument)
        << c.message;
    EXPECT_EQ(entry.status().message(), c.message);
  }
  EXPECT_TRUE(list_.waiting().empty());
  EXPECT_EQ(list_.next_receipt(), 1u);
}

TEST_F(SpeakersListTest, LimitsOfTextsCountCharactersNotBytes) {
  std::string name;
  for (int i = 0; i < 120; ++i) name += "\xC3\xA9";  // 120 times "é", 240 bytes
  SpeakersList::Inscription request = MakeInscription(*session_, "AUT");
  request.speaker.name = name;
  request.time_limit = absl::Seconds(10);
  absl::StatusOr<Entry> entry = list_.Inscribe(request, clock_.Now());
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_EQ(list_.LimitOf(*entry), absl::Seconds(10));
}

TEST_F(SpeakersListTest, MalformedUtf8IsRefused) {
  // Byte sequences that RFC 3629 forbids: overlong forms, UTF-16 surrogates
  // and code points above U+10FFFF. All should be INVALID_ARGUMENT.
  for (const char* bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                          "\xF4\x90\x80\x80", "\xF5\x80\x80\x80"}) {
    SpeakersList::Inscription request = MakeInscription(*session_, "AUT");
    request.speaker.name = std::string("Ms. ") + bad;
    absl::StatusOr<Entry> entry = list_.Inscribe(request, clock_.Now());
    EXPECT_EQ(entry.status().code(), absl::StatusCode::kInvalidArgument)
        << "BUG: Utf8Length (list_entry.cc) accepts the malformed sequence "
        << ::testing::PrintToString(std::string(bad));
    if (entry.ok()) {
      ASSERT_TRUE(list_.Withdraw("AUT").ok());
    }
  }
}

TEST_F(SpeakersListTest, GroupsFirstAndAPolicyChangeReTierTheList) {
  Add("AUT");
  Add("BRA", Rank::kMinister);
  SpeakersList::Inscription group = MakeInscription(*session_, "EGY");
  group.on_behalf_of = "the Group of African States";
  ASSERT_TRUE(list_.Inscribe(group, clock_.Now()).ok());
  Add("TI", Rank::kMinister);
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "TI", "AUT", "EGY"));

  ListSettings settings = list_.settings();
  settings.policy.groups_first = true;
  ASSERT_TRUE(list_.Configure(settings).ok());
  EXPECT_THAT(Waiting(), ElementsAre("EGY", "BRA", "TI", "AUT"));

  settings.policy = PriorityPolicy{PolicyKind::kCategoryOnly, false};
  ASSERT_TRUE(list_.Configure(settings).ok());
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "BRA", "EGY", "TI"));

  settings.policy = PriorityPolicy{PolicyKind::kFirstComeFirstServed, true};
  ASSERT_TRUE(list_.Configure(settings).ok());
  EXPECT_THAT(Waiting(), ElementsAre("AUT", "BRA", "EGY", "TI"));
  EXPECT_EQ(list_.settings(), settings);
}

TEST_F(SpeakersListTest, ConfigureKeepsTheChairsPlacesAndRefusesBadSettings) {
  Add("AUT");
  Add("BRA");
  Add("CHN", Rank::kMinister);
  ASSERT_TRUE(list_.Move("AUT", 3).ok());  // CHN, BRA, AUT
  ListSettings settings = list_.settings();
  settings.policy.kind = PolicyKind::kCategoryOnly;
  ASSERT_TRUE(list_.Configure(settings).ok());
  // The unplaced entries are re-sorted in their slots; Austria stays third.
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "CHN", "AUT"));

  ListSettings bad = list_.settings();
  bad.warning = bad.speaking_time;
  absl::Status s = list_.Configure(bad);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      s.message(),
      "warning 5:00 must be at least 0:00 and below the speaking time of 5:00");
  bad = list_.settings();
  bad.closes_at = bad.opens_at;
  EXPECT_EQ(list_.Configure(bad).message(),
            "the list must close after it opens; check opens_at and closes_at");
  EXPECT_EQ(list_.settings(), settings);
  EXPECT_THAT(Waiting(), ElementsAre("BRA", "CHN", "AUT"));
}

TEST(ListStatusTest, Names) {
  EXPECT_EQ(ListStatusName(ListStatus::kNotYetOpen), "not yet open");
  EXPECT_EQ(ListStatusName(ListStatus::kOpen), "open");
  EXPECT_EQ(ListStatusName(ListStatus::kClosed), "closed");
}

}  // namespace
}  // namespace speakers
