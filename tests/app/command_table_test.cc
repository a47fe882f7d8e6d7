// The command table is complete and its stored form round-trips: every
// unary rpc of the Speakers service has exactly one row (command or
// query), every domain command has a kind whose stored form reads back as
// the same command, and what no version wrote is refused with DATA_LOSS.
#include "server/app/command_table.h"

#include <random>
#include <set>
#include <string>
#include <variant>

#include "gtest/gtest.h"
#include "server/app/queries.h"
#include "server/app/request_parts.h"
#include "server/app/stored_command.h"
#include "server/app/token_registry.h"
#include "speakers/v1/speakers.pb.h"
#include "speakers/v1/stored_command.pb.h"

namespace speakers {
namespace {

const google::protobuf::ServiceDescriptor* Service() {
  return v1::Update::descriptor()->file()->FindServiceByName("Speakers");
}

TEST(CommandTableTest, EveryUnaryRpcHasExactlyOneRowOfItsRequestType) {
  std::set<std::string> rows;
  for (const ApiCommand& row : ApiCommands())
    EXPECT_TRUE(rows.insert(std::string(row.method)).second);
  for (const Queries::Row& row : Queries::All()) {
    EXPECT_TRUE(rows.insert(std::string(row.method)).second) << row.method;
  }
  // The token methods (TokenRegistry), none of them a command or query.
  for (const char* method :
       {"ListTokens", "IssueToken", "RevokeToken", "RotateToken"}) {
    EXPECT_NE(TokenRegistry::RequestType(method), nullptr) << method;
    EXPECT_TRUE(rows.insert(method).second) << method;
  }
  int unary = 0;
  for (int i = 0; i < Service()->method_count(); ++i) {
    const google::protobuf::MethodDescriptor* m = Service()->method(i);
    if (m->client_streaming() || m->server_streaming()) continue;
    ++unary;
    EXPECT_TRUE(rows.count(m->name())) << "no row for rpc " << m->name();
    const ApiCommand* command = FindApiCommand(m->name());
    const Queries::Row* query = Queries::Find(m->name());
    const google::protobuf::Descriptor* type =
        command ? command->request
        : query ? query->request
                : TokenRegistry::RequestType(m->name());
    EXPECT_EQ(type, m->input_type()) << m->name();
    if (command != nullptr) {
      EXPECT_EQ(m->output_type(), v1::CommandReply::descriptor()) << m->name();
      // Every command request carries a request id and names its meeting.
      EXPECT_NE(m->input_type()->FindFieldByName("request_id"), nullptr)
          << m->name();
      EXPECT_TRUE(m->input_type()->FindFieldByName("list") != nullptr ||
                  m->input_type()->FindFieldByName("meeting") != nullptr)
          << m->name();
    }
  }
  EXPECT_EQ(static_cast<int>(rows.size()), unary);
}

TEST(CommandTableTest, KindNamesAreTheStoredOnes) {
  // Stored in every log: never renamed.
  const std::vector<absl::string_view> expected = {
      "open_list",        "close_list",     "configure_list", "inscribe",
      "update_speaker",   "withdraw",       "remove",         "call_next",
      "mark_absent",      "move",           "swap",           "readd_last",
      "set_time_limit",   "timer",          "add_time",       "request_reply",
      "set_current_item", "change_meeting", "end_statement",  "undo_next",
      "point_of_order",   "reinstate"};
  EXPECT_EQ(KindNames(), expected);
}

TEST(CommandTableTest, PartsAreReadFromEveryRequestType) {
  for (const ApiCommand& row : ApiCommands()) {
    std::unique_ptr<google::protobuf::Message> m(
        google::protobuf::MessageFactory::generated_factory()
            ->GetPrototype(row.request)
            ->New());
    const auto* d = row.request;
    const auto* r = m->GetReflection();
    if (const auto* list = d->FindFieldByName("list")) {
      google::protobuf::Message* ref = r->MutableMessage(m.get(), list);
      ref->GetReflection()->SetString(
          ref, ref->GetDescriptor()->FindFieldByName("meeting"), "plenary");
    } else {
      r->SetString(m.get(), d->FindFieldByName("meeting"), "plenary");
    }
    r->SetString(m.get(), d->FindFieldByName("request_id"), "r-1");
    if (const auto* delegation = d->FindFieldByName("delegation")) {
      r->SetString(m.get(), delegation, "AUT");
    }
    const RequestParts parts = PartsOf(*m);
    EXPECT_EQ(parts.meeting, "plenary") << row.method;
    EXPECT_EQ(parts.request_id, "r-1") << row.method;
    EXPECT_EQ(parts.delegation, d->FindFieldByName("delegation") ? "AUT" : "")
        << row.method;
    // The digest ignores the request id and sees every other field.
    const uint64_t digest = RequestDigest(row.method, *m);
    r->SetString(m.get(), d->FindFieldByName("request_id"), "r-2");
    EXPECT_EQ(RequestDigest(row.method, *m), digest) << row.method;
    EXPECT_NE(RequestDigest("Other", *m), digest) << row.method;
  }
}

// A random command of each kind, with every field exercised.
class RandomCommands {
 public:
  explicit RandomCommands(uint64_t seed) : rng_(seed) {}

  template <size_t I>
  Command Make() {
    using C = std::variant_alternative_t<I, Command>;
    C c;
    Fill(c);
    return c;
  }

 private:
  std::string Text() {
    static const char* kTexts[] = {"",
                                   "AUT",
                                   "1 (f)",
                                   "H.E. Ms. Jane Doe",
                                   "Ministre d\xc3\xa9l\xc3\xa9gu\xc3\xa9",
                                   "plenary"};
    return kTexts[rng_() % std::size(kTexts)];
  }
  ListTarget List() { return {"plenary", Text()}; }
  Speaker SpeakerValue() {
    return {Text(), Text(), static_cast<Rank>(rng_() % kRankCount)};
  }
  std::optional<absl::Duration> MaybeDuration() {
    if (rng_() % 2) return std::nullopt;
    return absl::Seconds(static_cast<int64_t>(rng_() % 7200) - 60);
  }
  void Fill(cmd::OpenList& c) { c.list = List(); }
  void Fill(cmd::CloseList& c) { c.list = List(); }
  void Fill(cmd::ReaddLast& c) { c.list = List(); }
  void Fill(cmd::EndStatement& c) { c.list = List(); }
  void Fill(cmd::UndoNext& c) { c.list = List(); }
  void Fill(cmd::PointOfOrder& c) {
    c = {"plenary", static_cast<cmd::PointAction>(rng_() % 5), Text(),
         rng_() % 2 ? PointKind::kQuestion : PointKind::kOrder};
  }
  void Fill(cmd::ConfigureList& c) {
    c.list = List();
    if (rng_() % 2)
      c.settings.opens_at = absl::FromUnixSeconds(1507273200 + rng_() % 1000);
    if (rng_() % 2)
      c.settings.closes_at = absl::FromUnixSeconds(1509966000 + rng_() % 1000);
    c.settings.speaking_time = absl::Seconds(10 + rng_() % 600);
    c.settings.warning = absl::Seconds(rng_() % 60);
    c.settings.policy.kind = static_cast<PolicyKind>(rng_() % 5);
    c.settings.policy.groups_first = rng_() % 2;
    c.settings.observer_time = MaybeDuration();
    c.settings.group_time = MaybeDuration();
    c.settings.absent =
        rng_() % 2 ? AbsentAction::kDrop : AbsentAction::kMoveToEndOfTier;
  }
  void Fill(cmd::Inscribe& c) {
    c = {List(), Text(),          SpeakerValue(),
         Text(), rng_() % 2 == 0, MaybeDuration()};
  }
  void Fill(cmd::UpdateSpeaker& c) {
    c = {List(), Text(), SpeakerValue(), Text()};
  }
  void Fill(cmd::Withdraw& c) { c = {List(), Text()}; }
  void Fill(cmd::Remove& c) { c = {List(), Text()}; }
  void Fill(cmd::Reinstate& c) { c = {List(), Text()}; }
  void Fill(cmd::MarkAbsent& c) { c = {List(), Text()}; }
  void Fill(cmd::CallNext& c) {
    c.list = List();
    if (rng_() % 2) c.expected_current = Text();
  }
  void Fill(cmd::Move& c) {
    c = {List(), Text(), static_cast<int>(rng_() % 200) - 5};
  }
  void Fill(cmd::Swap& c) { c = {List(), Text(), Text()}; }
  void Fill(cmd::SetTimeLimit& c) { c = {List(), Text(), MaybeDuration()}; }
  void Fill(cmd::Timer& c) {
    c = {List(), static_cast<cmd::TimerAction>(rng_() % 4)};
  }
  void Fill(cmd::AddTime& c) {
    c = {List(), absl::Seconds(static_cast<int64_t>(rng_() % 600) - 300)};
  }
  void Fill(cmd::RequestReply& c) {
    c = {"plenary", Text(), Text(), SpeakerValue(), Text().size() % 2 == 0};
  }
  void Fill(cmd::SetCurrentItem& c) { c = {"plenary", Text()}; }
  void Fill(cmd::ChangeMeeting& c) {
    c = {"plenary", static_cast<cmd::MeetingAction>(rng_() % 4)};
  }

  std::mt19937_64 rng_;
};

template <size_t... I>
void RoundTripEveryKind(RandomCommands& random, uint64_t digest,
                        std::index_sequence<I...>) {
  (
      [&] {
        const Command command = random.Make<I>();
        const std::string payload = EncodeCommand(command, digest);
        absl::StatusOr<StoredPayload> back =
            DecodeCommand(KindName(command), payload);
        ASSERT_TRUE(back.ok()) << KindName(command) << ": " << back.status();
        EXPECT_TRUE(back->command == command) << KindName(command);
        EXPECT_EQ(back->command.index(), I);
        EXPECT_EQ(back->request_digest, digest);
        EXPECT_EQ(back->format, 2);
        // The kind column must agree with the payload.
        const absl::string_view other =
            KindNames()[(I + 1) % KindNames().size()];
        EXPECT_EQ(DecodeCommand(other, payload).status().code(),
                  absl::StatusCode::kDataLoss);
      }(),
      ...);
}

TEST(CommandTableTest, EveryKindRoundTripsThroughItsStoredForm) {
  RandomCommands random(20171106);
  for (uint64_t i = 0; i < 500; ++i) {
    RoundTripEveryKind(
        random, i * 0x9e3779b97f4a7c15ull,
        std::make_index_sequence<std::variant_size_v<Command>>());
  }
}

// Every instant the domain accepts survives the stored form exactly (the
// bounds of ListSettings::Validate are inside what 64-bit nanoseconds
// hold), so what was accepted live always replays.
TEST(CommandTableTest, TheBoundsOfAcceptedInstantsRoundTrip) {
  ListSettings settings;
  settings.opens_at = kEarliestInstant;
  settings.closes_at = kLatestInstant - absl::Nanoseconds(1);
  ASSERT_TRUE(settings.Validate().ok()) << settings.Validate();
  const Command command =
      cmd::ConfigureList{ListTarget{"plenary", "1 (f)"}, settings};
  absl::StatusOr<StoredPayload> back =
      DecodeCommand(KindName(command), EncodeCommand(command, 7));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(back->command == command);
  ASSERT_TRUE(
      std::get<cmd::ConfigureList>(back->command).settings.Validate().ok());
  // One past the bound is refused live, before anything is stored.
  settings.closes_at = kLatestInstant;
  EXPECT_EQ(settings.Validate().code(), absl::StatusCode::kInvalidArgument);
}

TEST(CommandTableTest, WhatNoVersionWroteIsRefusedWithDataLoss) {
  v1::StoredCommand unknown_format;
  unknown_format.set_format(3);
  unknown_format.mutable_open_list()->mutable_list()->set_meeting("plenary");
  EXPECT_EQ(DecodeCommand("open_list", unknown_format.SerializeAsString())
                .status()
                .code(),
            absl::StatusCode::kDataLoss);

  v1::StoredCommand no_command;
  no_command.set_format(2);
  EXPECT_EQ(DecodeCommand("open_list", no_command.SerializeAsString())
                .status()
                .code(),
            absl::StatusCode::kDataLoss);

  v1::StoredCommand bad_rank;
  bad_rank.set_format(2);
  bad_rank.mutable_inscribe()->mutable_list()->set_meeting("plenary");
  bad_rank.mutable_inscribe()->mutable_speaker()->set_rank(
      static_cast<v1::StoredRank>(42));
  absl::Status status =
      DecodeCommand("inscribe", bad_rank.SerializeAsString()).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("unknown rank (42)"), absl::string_view::npos)
      << status;

  v1::StoredCommand no_list;
  no_list.set_format(2);
  no_list.mutable_readd_last();
  EXPECT_EQ(
      DecodeCommand("readd_last", no_list.SerializeAsString()).status().code(),
      absl::StatusCode::kDataLoss);

  EXPECT_EQ(DecodeCommand("open_list", "\xff\xff\xff").status().code(),
            absl::StatusCode::kDataLoss);
  v1::StoredCommandV1 old;
  old.mutable_list()->set_meeting("plenary");
  EXPECT_EQ(
      DecodeCommand("launch_rocket", old.SerializeAsString()).status().code(),
      absl::StatusCode::kDataLoss);
  old.set_action(9);
  EXPECT_EQ(DecodeCommand("timer", old.SerializeAsString()).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(CommandTableTest, FormatOnePayloadsReadAsSpeakersZeroOneWroteThem) {
  // Speakers 0.1 stored raw domain values: rank 3 was a minister, timer
  // action 1 a pause, meeting action 3 an adjournment.
  v1::StoredCommandV1 inscribe;
  inscribe.mutable_list()->set_meeting("plenary");
  inscribe.mutable_list()->set_item("1 (f)");
  inscribe.set_delegation("AUT");
  inscribe.mutable_speaker()->set_name("H.E. Ms. A");
  inscribe.mutable_speaker()->set_rank(3);
  inscribe.set_by_chair(true);
  inscribe.set_duration_nanos(absl::ToInt64Nanoseconds(absl::Minutes(3)));
  absl::StatusOr<StoredPayload> read =
      DecodeCommand("inscribe", inscribe.SerializeAsString());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->format, 1);
  const cmd::Inscribe expected{{"plenary", "1 (f)"},
                               "AUT",
                               {"H.E. Ms. A", "", Rank::kMinister},
                               "",
                               true,
                               absl::Minutes(3)};
  EXPECT_TRUE(std::get<cmd::Inscribe>(read->command) == expected);

  v1::StoredCommandV1 timer;
  timer.mutable_list()->set_meeting("plenary");
  timer.set_action(1);
  read = DecodeCommand("timer", timer.SerializeAsString());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(std::get<cmd::Timer>(read->command).action,
            cmd::TimerAction::kPause);

  v1::StoredCommandV1 meeting;
  meeting.set_meeting("plenary");
  meeting.set_action(3);
  read = DecodeCommand("change_meeting", meeting.SerializeAsString());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(std::get<cmd::ChangeMeeting>(read->command).action,
            cmd::MeetingAction::kAdjourn);
}

}  // namespace
}  // namespace speakers
