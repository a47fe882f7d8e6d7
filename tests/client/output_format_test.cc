#include "client/output_format.h"

#include "gtest/gtest.h"
#include "tests/client/test_protos.h"

namespace speakers::cli {
namespace {

using ::speakers::testing::Dur;
using ::speakers::testing::MakeEntry;
using ::speakers::testing::Proto;
using ::speakers::testing::Ts;
using ::speakers::testing::Utc;

class OutputFormatTest : public ::testing::Test {
 protected:
  OutputFormatTest() {
    EXPECT_TRUE(absl::LoadTimeZone("Europe/Vienna", &vienna_));
  }
  absl::TimeZone vienna_;
};

v1::ListState SampleList() {
  v1::ListState list = Proto<v1::ListState>(R"pb(
    meeting: "plenary"
    item: "1 (f)"
    label: "item 1 (f)"
    title: "General discussion"
    status: LIST_OPEN
    settings {
      speaking_time { seconds: 300 }
      warning { seconds: 30 }
      policy: POLICY_MINISTERIAL_FIRST
    })pb");
  v1::CurrentSpeaker* current = list.mutable_current();
  *current->mutable_entry() =
      MakeEntry("FRA", "France", "Jean Dupont", v1::RANK_MINISTER);
  current->mutable_entry()->mutable_speaker()->set_title("Minister for Europe");
  *current->mutable_called_at() = Ts(Utc(14, 0, 5));
  current->mutable_timer()->set_state(v1::TIMER_RUNNING);
  *current->mutable_timer()->mutable_limit() = Dur(absl::Minutes(5));

  v1::Entry* ger = list.add_waiting();
  *ger = MakeEntry("GER", "Germany", "Annalena Baerbock", v1::RANK_MINISTER);
  ger->set_tier("ministerial rank, State party");
  ger->mutable_receipt()->set_number(3);
  *ger->mutable_receipt()->mutable_at() = Ts(Utc(9, 2, 13));
  *ger->mutable_expected_wait() = Dur(absl::Seconds(250));

  v1::Entry* eu = list.add_waiting();
  *eu = MakeEntry("EU", "European Union", "Josep Borrell", v1::RANK_OTHER);
  eu->mutable_speaker()->set_title("High Representative");
  eu->set_tier("other rank, intergovernmental");
  eu->mutable_receipt()->set_number(1);
  *eu->mutable_receipt()->mutable_at() = Ts(Utc(8, 55, 0));
  *eu->mutable_expected_wait() = Dur(absl::Seconds(550));
  eu->set_added_by_chair(true);
  eu->set_own_time_limit(true);
  *eu->mutable_time_limit() = Dur(absl::Minutes(3));
  return list;
}

TEST_F(OutputFormatTest, List) {
  EXPECT_EQ(
      TextFormatter(vienna_).List(SampleList()),
      "plenary, item 1 (f): General discussion\n"
      "List open; 2 waiting; policy ministerial; speaking time 5:00, warning "
      "0:30; "
      "times are Vienna time\n"
      "Floor: FRA  France \u2014 Jean Dupont, Minister for Europe (minister); "
      "since "
      "15:00:05, clock running, limit 5:00\n"
      "\n"
      "#  Code  Delegation      Speaker                             Rank      "
      "Tier                           Receipt  Received             Wait  "
      "Notes\n"
      "1  GER   Germany         Annalena Baerbock                   minister  "
      "ministerial rank, State party  #3       6 Nov 2017 10:02:13  4:10\n"
      "2  EU    European Union  Josep Borrell, High Representative  other     "
      "other rank, intergovernmental  #1       6 Nov 2017 09:55:00  9:10  "
      "added by the chair; limit 3:00\n");
}

TEST_F(OutputFormatTest, ListFitsAWidth) {
  // 168 columns at full width: the Tier and the Received column are left
  // out, the speakers and notes cut to 24 columns each; the floor's line
  // (104 columns) gives way before its clock.
  EXPECT_EQ(
      TextFormatter(vienna_).List(SampleList(), 100),
      "plenary, item 1 (f): General discussion\n"
      "List open; 2 waiting; policy ministerial; speaking time 5:00, warning "
      "0:30; times are Vienna time\n"
      "Floor: FRA  France \u2014 Jean Dupont, Minister for Europe (m\u2026; "
      "since 15:00:05, clock running, limit 5:00\n"
      "\n"
      "#  Code  Delegation      Speaker                   Rank      Receipt  "
      "Wait  Notes\n"
      "1  GER   Germany         Annalena Baerbock         minister  #3       "
      "4:10\n"
      "2  EU    European Union  Josep Borrell, High Rep\u2026  other     #1  "
      "     9:10  added by the chair; lim\u2026\n");
}

// "Muhammad Abd al-Ati", the first name with its vowel signs: 15 columns.
constexpr char kEgyptSpeaker[] =
    "\u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f "
    "\u0639\u0628\u062f \u0627\u0644\u0639\u0627\u0637\u064a";

TEST_F(OutputFormatTest, ListFitsAWidthWithWideAndCombiningCharacters) {
  v1::ListState list = SampleList();
  v1::Entry* floor = list.mutable_current()->mutable_entry();
  *floor =
      MakeEntry("GBR", "United Kingdom of Great Britain and Northern Ireland",
                "Rt Hon. David Lammy", v1::RANK_MINISTER);
  floor->mutable_speaker()->set_title(
      "Secretary of State for Foreign, Commonwealth and Development Affairs");
  list.clear_waiting();
  v1::Entry* chn = list.add_waiting();
  *chn = MakeEntry("CHN", "中华人民共和国", "王毅", v1::RANK_MINISTER);
  chn->mutable_speaker()->set_title("中共中央政治局委员、外交部长");
  chn->set_tier("ministerial rank, State party");
  *chn->mutable_receipt()->mutable_at() = Ts(Utc(8, 1, 2));
  chn->mutable_receipt()->set_number(2);
  *chn->mutable_expected_wait() = Dur(absl::Seconds(300));
  v1::Entry* egy = list.add_waiting();
  *egy = MakeEntry("EGY", "\u0645\u0635\u0631", kEgyptSpeaker, v1::RANK_OTHER);
  egy->set_tier("other rank, State party");
  *egy->mutable_receipt()->mutable_at() = Ts(Utc(8, 30, 0));
  egy->mutable_receipt()->set_number(5);
  egy->set_on_behalf_of("Group of Arab States");
  *egy->mutable_expected_wait() = Dur(absl::Seconds(600));
  v1::Entry* esp = list.add_waiting();
  *esp = MakeEntry("ESP", "Espan\u0303a", "Jose\u0301 Manuel Albares Bueno",
                   v1::RANK_MINISTER);
  esp->mutable_speaker()->set_title(
      "Ministro de Asuntos Exteriores, Unio\u0301n Europea y "
      "Cooperacio\u0301n");
  esp->set_tier("ministerial rank, State party");
  *esp->mutable_receipt()->mutable_at() = Ts(Utc(10, 15, 45));
  esp->mutable_receipt()->set_number(11);
  *esp->mutable_expected_wait() = Dur(absl::Seconds(900));
  // Chinese characters take two columns, the Arabic vowel signs and the
  // combining accents none: the columns stay aligned on the screen.
  EXPECT_EQ(
      TextFormatter(vienna_).List(list, 100),
      "plenary, item 1 (f): General discussion\n"
      "List open; 3 waiting; policy ministerial; speaking time 5:00, warning "
      "0:30; times are Vienna time\n"
      "Floor: GBR  United Kingdom of G\u2026 \u2014 Rt Hon. David Lammy, "
      "\u2026; since 15:00:05, clock running, limit 5:00\n"
      "\n"
      "#  Code  Delegation      Speaker                  Rank      Receipt  "
      "Wait   Notes\n"
      "1  CHN   中华人民共和国  王毅, 中共中央政治局委\u2026  minister  #2     "
      "  "
      "5:00\n"
      "2  EGY   \u0645\u0635\u0631             " +
          std::string(kEgyptSpeaker) +
          "          other     #5       10:00  for Group of Arab States\n"
          "3  ESP   Espan\u0303a          Jose\u0301 Manuel Albares Bu\u2026  "
          "minister  #11      15:00\n");
  // With --wide: every column, nothing cut.
  const std::string wide = TextFormatter(vienna_).List(list);
  EXPECT_NE(wide.find("minister  ministerial rank, State party  #2       6 Nov "
                      "2017 09:01:02  5:00\n"),
            std::string::npos)
      << wide;
  EXPECT_NE(wide.find("Floor: GBR  United Kingdom of Great Britain and "
                      "Northern Ireland \u2014 Rt Hon. David Lammy, Secretary "
                      "of State for Foreign, Commonwealth and Development "
                      "Affairs (minister); since"),
            std::string::npos)
      << wide;
}

TEST_F(OutputFormatTest, EmptyList) {
  v1::ListState list = SampleList();
  list.clear_current();
  list.clear_waiting();
  list.set_status(v1::LIST_NOT_YET_OPEN);
  EXPECT_EQ(
      TextFormatter(absl::UTCTimeZone()).List(list),
      "plenary, item 1 (f): General discussion\n"
      "List not yet open; 0 waiting; policy ministerial; speaking time 5:00, "
      "warning 0:30; times are UTC time\n"
      "Floor: nobody\n"
      "\n"
      "Nobody is waiting.\n");
}

TEST_F(OutputFormatTest, Session) {
  const v1::SessionInfo session = Proto<v1::SessionInfo>(R"pb(
    name: "Seventh session of the Conference"
    short_name: "CAC/COSP/7"
    venue: "Vienna International Centre"
    time_zone: "Europe/Vienna"
    delegations { code: "AUT" }
    delegations { code: "FRA" }
    delegations { code: "EU" }
    meetings {
      id: "plenary"
      name: "Plenary of the Conference"
      agenda { id: "1 (a)" }
      agenda { id: "1 (b)" }
    }
    meetings { id: "cow" name: "Committee of the Whole" })pb");
  EXPECT_EQ(TextFormatter(vienna_).Session(session),
            "Seventh session of the Conference (CAC/COSP/7)\n"
            "Venue:        Vienna International Centre\n"
            "Time zone:    Europe/Vienna\n"
            "Delegations:  3\n"
            "Meetings:     2\n"
            "\n"
            "Meeting  Name                       Agenda items\n"
            "plenary  Plenary of the Conference  2\n"
            "cow      Committee of the Whole     0\n");
}

TEST_F(OutputFormatTest, Meeting) {
  v1::MeetingSnapshot meeting = Proto<v1::MeetingSnapshot>(R"pb(
    meeting: "plenary"
    name: "Plenary"
    status: MEETING_IN_SESSION
    current_item: "1 (f)"
    version: 42
    lists { item: "1 (e)" title: "Credentials" status: LIST_CLOSED }
    lists {
      item: "1 (f)"
      title: "General discussion"
      status: LIST_OPEN
      waiting {}
      waiting {}
      current { entry { delegation: "FRA" } }
    })pb");
  EXPECT_EQ(TextFormatter(vienna_).Meeting(meeting),
            "Plenary (plenary): in session\n"
            "Current item:  1 (f)\n"
            "Version:       42\n"
            "\n"
            "Item   List    Waiting  Floor  Title\n"
            "1 (e)  closed  0        -      Credentials\n"
            "1 (f)  open    2        FRA    General discussion\n");
}

TEST_F(OutputFormatTest, Position) {
  v1::Position position = Proto<v1::Position>(R"pb(
    meeting: "plenary"
    item: "1 (f)"
    delegation: "EU"
    position: 2
    expected_wait { seconds: 550 }
    receipt { number: 1 })pb");
  *position.mutable_expected_start() = Ts(Utc(14, 10, 0));
  *position.mutable_receipt()->mutable_at() = Ts(Utc(8, 55, 0));
  EXPECT_EQ(TextFormatter(vienna_).Position(position),
            "EU, plenary item 1 (f)\n"
            "Position:        2\n"
            "Expected wait:   9:10\n"
            "Expected start:  15:10:00 (Vienna time)\n"
            "Receipt:         #1 at 6 Nov 2017 09:55:00 CET\n");
  position.set_position(0);
  EXPECT_EQ(TextFormatter(vienna_).Position(position),
            "EU, plenary item 1 (f)\n"
            "Position:  has the floor\n"
            "Receipt:   #1 at 6 Nov 2017 09:55:00 CET\n");
}

TEST_F(OutputFormatTest, SpeakingTime) {
  const v1::SpeakingTimeReport report = Proto<v1::SpeakingTimeReport>(R"pb(
    meeting: "plenary"
    rows {
      delegation: "FRA"
      delegation_name: "France"
      used { seconds: 750 }
      statements: 3
    }
    rows {
      delegation: "EU"
      delegation_name: "European Union"
      used { seconds: 62 }
      statements: 1
    })pb");
  EXPECT_EQ(TextFormatter(vienna_).SpeakingTime(report),
            "Speaking time used in plenary\n"
            "Code  Delegation      Used   Statements\n"
            "FRA   France          12:30  3\n"
            "EU    European Union  1:02   1\n");
}

TEST_F(OutputFormatTest, ReplyWithoutEntry) {
  EXPECT_EQ(TextFormatter(vienna_).Reply(
                Proto<v1::CommandReply>(R"pb(
                  version: 12
                  events {
                    kind: "list_opened"
                    summary: "The list of item 1 (f) is open"
                  })pb")),
            "Done (version 12).\n"
            "  The list of item 1 (f) is open\n");
}

TEST_F(OutputFormatTest, ReceiptTimesHaveTheirDateAndZone) {
  EXPECT_EQ(TextFormatter(vienna_).ReceiptTime(Ts(Utc(9, 2, 13))),
            "6 Nov 2017 10:02:13 CET");
  // Summer time is the zone's other name.
  EXPECT_EQ(TextFormatter(vienna_).ReceiptTime(Ts(absl::FromCivil(
                absl::CivilSecond(2017, 7, 1, 8, 0, 0), absl::UTCTimeZone()))),
            "1 Jul 2017 10:00:00 CEST");
  EXPECT_EQ(TextFormatter(absl::UTCTimeZone()).ReceiptTime(Ts(Utc(9, 2, 13))),
            "6 Nov 2017 09:02:13 UTC");
  absl::TimeZone riyadh;
  ASSERT_TRUE(absl::LoadTimeZone("Asia/Riyadh", &riyadh));
  EXPECT_EQ(TextFormatter(riyadh).ReceiptTime(Ts(Utc(9, 2, 13))),
            "6 Nov 2017 12:02:13 UTC+03");
  EXPECT_EQ(TextFormatter(vienna_).ReceiptTime(google::protobuf::Timestamp()),
            "-");
}

TEST(JsonTest, OneLineWithProtoFieldNames) {
  const v1::Position position =
      Proto<v1::Position>(R"pb(delegation: "FRA"
                               expected_wait { seconds: 90 })pb");
  EXPECT_EQ(
      *ToJsonLine(position),
      "{\"meeting\":\"\",\"item\":\"\",\"delegation\":\"FRA\",\"position\":0,"
      "\"version\":\"0\",\"expected_wait\":\"90s\"}");
}

}  // namespace
}  // namespace speakers::cli
