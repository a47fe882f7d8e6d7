#include "tests/domain/test_session.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "server/app/command_table.h"

namespace speakers::testing {
namespace {

const absl::TimeZone& ViennaZone() {
  static const absl::TimeZone* const zone = [] {
    auto* z = new absl::TimeZone;
    if (!absl::LoadTimeZone("Europe/Vienna", z))
      ADD_FAILURE() << "no Europe/Vienna";
    return z;
  }();
  return *zone;
}

Delegation MakeDelegation(std::string code, std::string english,
                          Category category, std::string group) {
  Delegation d;
  d.code = std::move(code);
  d.names["en"] = std::move(english);
  d.category = category;
  d.regional_group = std::move(group);
  return d;
}

}  // namespace

absl::Time Vienna(int year, int month, int day, int hour, int minute,
                  int second) {
  return absl::FromCivil(
      absl::CivilSecond(year, month, day, hour, minute, second), ViennaZone());
}

absl::Time ListOpensAt() { return Vienna(2017, 10, 6, 9, 0); }
absl::Time ListClosesAt() { return Vienna(2017, 11, 6, 12, 0); }
absl::Time SessionStart() { return Vienna(2017, 11, 6, 10, 0); }

SessionConfig MakeSessionConfig() {
  SessionConfig config;
  config.name = "Conference of the States Parties, seventh session";
  config.short_name = "CoSP7";
  config.venue = "Vienna International Centre";
  config.time_zone = "Europe/Vienna";
  config.languages = {"en", "fr"};

  MeetingConfig plenary;
  plenary.id = std::string(kPlenary);
  plenary.name = "Plenary";
  plenary.agenda = {{std::string(kItemF), "General discussion"},
                    {std::string(kItem2), "Review of implementation"}};
  MeetingSlot morning;
  morning.start = Vienna(2017, 11, 6, 10, 0);
  morning.end = Vienna(2017, 11, 6, 13, 0);
  morning.items = {std::string(kItemF)};
  plenary.slots.push_back(morning);

  MeetingConfig experts;
  experts.id = std::string(kExperts);
  experts.name = "Expert meeting";
  experts.agenda = {{std::string(kExpertsItem), "Technical assistance"}};
  config.meetings = {plenary, experts};

  ListConfig general;
  general.meeting = std::string(kPlenary);
  general.item = std::string(kItemF);
  general.settings.opens_at = ListOpensAt();
  general.settings.closes_at = ListClosesAt();
  general.settings.speaking_time = absl::Minutes(5);
  general.settings.warning = absl::Seconds(30);
  config.lists = {general};

  config.delegations = {
      MakeDelegation("AUT", "Austria", Category::kStateParty, "WEOG"),
      MakeDelegation("BRA", "Brazil", Category::kStateParty, "GRULAC"),
      MakeDelegation("CHN", "China", Category::kStateParty, "Asia-Pacific"),
      MakeDelegation("EGY", "Egypt", Category::kStateParty, "African"),
      MakeDelegation("FRA", "France", Category::kStateParty, "WEOG"),
      MakeDelegation("KEN", "Kenya", Category::kStateParty, "African"),
      MakeDelegation("MEX", "Mexico", Category::kStateParty, "GRULAC"),
      MakeDelegation("BTN", "Bhutan", Category::kSignatory, "Asia-Pacific"),
      MakeDelegation("SYR", "Syrian Arab Republic", Category::kSignatory,
                     "Asia-Pacific"),
      MakeDelegation("ERI", "Eritrea", Category::kNonSignatory, "African"),
      MakeDelegation("EU", "European Union", Category::kIntergovernmental, ""),
      MakeDelegation("UNODC", "United Nations Office on Drugs and Crime",
                     Category::kIntergovernmental, ""),
      MakeDelegation("TI", "Transparency International",
                     Category::kNonGovernmental, ""),
  };
  config.delegations[0].names["fr"] = "Autriche";
  config.delegations[4].names["fr"] = "";  // falls back to English
  return config;
}

std::shared_ptr<const Session> MakeSession() {
  absl::StatusOr<Session> session = Session::Create(MakeSessionConfig());
  if (!session.ok()) {
    ADD_FAILURE() << "the test session is refused: " << session.status();
    return nullptr;
  }
  return std::make_shared<const Session>(*std::move(session));
}

Speaker MakeSpeaker(Rank rank, std::string name) {
  Speaker speaker;
  speaker.name = std::move(name);
  speaker.title = std::string(RankName(rank));
  speaker.rank = rank;
  return speaker;
}

SpeakersList::Inscription MakeInscription(const Session& session,
                                          absl::string_view code, Rank rank) {
  SpeakersList::Inscription request;
  request.delegation = session.FindDelegation(code);
  EXPECT_NE(request.delegation, nullptr) << code;
  request.speaker = MakeSpeaker(rank);
  return request;
}

std::vector<std::string> WaitingCodes(const SpeakersList& list) {
  std::vector<std::string> codes;
  for (const Entry& e : list.waiting()) codes.push_back(e.delegation);
  return codes;
}

namespace {

std::string Describe(const Entry& e) {
  return absl::StrCat(
      e.delegation, "#", e.id, " r", e.receipt.number, "@",
      absl::FormatTime(e.receipt.at), " t", e.tier,
      e.placed_by_chair ? " placed" : "", e.added_by_chair ? " added" : "",
      " limit=", e.time_limit ? absl::FormatDuration(*e.time_limit) : "-",
      " speaker=", e.speaker.name, "/", e.speaker.title, "/",
      RankName(e.speaker.rank), " group=", e.on_behalf_of,
      " reply=", e.reply_item, "#", e.reply_number);
}

std::string Describe(const ListSettings& s) {
  return absl::StrCat(
      "opens=", s.opens_at ? absl::FormatTime(*s.opens_at) : "-",
      " closes=", s.closes_at ? absl::FormatTime(*s.closes_at) : "-",
      " time=", absl::FormatDuration(s.speaking_time), " observers=",
      s.observer_time ? absl::FormatDuration(*s.observer_time) : "-",
      " groups=", s.group_time ? absl::FormatDuration(*s.group_time) : "-",
      " warning=", absl::FormatDuration(s.warning),
      " policy=", PolicyKindName(s.policy.kind),
      s.policy.groups_first ? "+groups" : "",
      " absent=", AbsentActionName(s.absent));
}

}  // namespace

std::string Snapshot(const Meeting& meeting, absl::Time now) {
  std::string out = absl::StrCat("meeting ", meeting.id(), " ",
                                 MeetingStateName(meeting.state()),
                                 " item=", meeting.current_item(), "\n");
  for (const SpeakersList* list : meeting.lists()) {
    absl::StrAppend(&out, "list ", list->item(), " [",
                    Describe(list->settings()), "] ",
                    ListStatusName(list->Status(now)),
                    " manual=", static_cast<int>(list->manual_state()), "@",
                    absl::FormatTime(list->manual_at()),
                    " next_receipt=", list->next_receipt(), "\n");
    if (list->current()) {
      const CurrentSpeaker& c = *list->current();
      absl::StrAppend(&out, "  current ", Describe(c.entry),
                      " called=", absl::FormatTime(c.called_at),
                      " timer=", TimerStateName(c.timer.state()),
                      " limit=", absl::FormatDuration(c.timer.limit()),
                      " banked=", absl::FormatDuration(c.timer.accumulated()),
                      " started=", absl::FormatTime(c.timer.started_at()),
                      "\n");
    }
    for (const Entry& e : list->waiting())
      absl::StrAppend(&out, "  waiting ", Describe(e), "\n");
    absl::StrAppend(&out, "  spoken ", list->spoken().size(),
                    " can_undo=", list->can_undo_next(), "\n");
  }
  const PointsOfOrder& points = meeting.points();
  absl::StrAppend(&out, "points next_id=", points.next_id(), "\n");
  for (const RaisedPoint& p : points.waiting()) {
    absl::StrAppend(&out, "  point ", p.id, " ", p.delegation, " ",
                    PointKindName(p.kind), " ", absl::FormatTime(p.raised_at),
                    "\n");
  }
  if (const std::optional<HeardPoint>& h = points.heard()) {
    absl::StrAppend(&out, "  heard ", h->point.id, " ", h->point.delegation,
                    " granted=", absl::FormatTime(h->granted_at),
                    " interrupted=", h->interrupted_item, "/",
                    h->interrupted_entry, " resume=", h->resume_clock, "\n");
  }
  return out;
}

ListFixture::ListFixture()
    : session_(MakeSession()),
      clock_(SessionStart()),
      list_(session_.get(), std::string(kItemF), "item 1 (f)",
            session_->SettingsFor(kPlenary, kItemF), /*reply_list=*/false) {}

absl::StatusOr<Entry> ListFixture::TryAdd(absl::string_view code, Rank rank,
                                          bool by_chair) {
  SpeakersList::Inscription request = MakeInscription(*session_, code, rank);
  request.by_chair = by_chair;
  return list_.Inscribe(request, clock_.Now());
}

Entry ListFixture::Add(absl::string_view code, Rank rank) {
  absl::StatusOr<Entry> entry = TryAdd(code, rank);
  EXPECT_TRUE(entry.ok()) << code << ": " << entry.status();
  return entry.ok() ? *entry : Entry{};
}

void ListFixture::CallNext() {
  absl::StatusOr<SpeakersList::Call> call =
      list_.CallNext(clock_.Now(), std::nullopt);
  EXPECT_TRUE(call.ok()) << call.status();
}

EngineFixture::EngineFixture()
    : session_(MakeSession()),
      clock_(SessionStart()),
      engine_(session_, &clock_) {}

absl::StatusOr<CommandResult> EngineFixture::Apply(const Command& command,
                                                   absl::string_view actor) {
  return engine_.Apply(command, actor);
}

CommandResult EngineFixture::MustApply(const Command& command,
                                       absl::string_view actor) {
  absl::StatusOr<CommandResult> result = engine_.Apply(command, actor);
  EXPECT_TRUE(result.ok()) << KindName(command) << ": " << result.status();
  return result.ok() ? *std::move(result) : CommandResult{};
}

void EngineFixture::ExpectRefused(const Command& command, absl::StatusCode code,
                                  const std::string& message) {
  const auto state = [&] {
    std::string out;
    for (const Meeting* m : std::as_const(engine_).meetings()) {
      absl::StrAppend(&out, "version ", m->version(), " ",
                      Snapshot(*m, clock_.Now()));
    }
    return out;
  };
  const std::string before = state();
  absl::StatusOr<CommandResult> result = engine_.Apply(command, "chair");
  EXPECT_EQ(result.status().code(), code)
      << KindName(command) << ": " << result.status();
  if (!message.empty()) {
    EXPECT_EQ(result.status().message(), message) << KindName(command);
  }
  EXPECT_EQ(state(), before) << KindName(command) << " changed the meeting";
}

ListTarget EngineFixture::Target(absl::string_view meeting,
                                 absl::string_view item) {
  return ListTarget{std::string(meeting), std::string(item)};
}

cmd::Inscribe EngineFixture::InscribeCmd(absl::string_view meeting,
                                         absl::string_view item,
                                         absl::string_view code, Rank rank) {
  cmd::Inscribe c;
  c.list = Target(meeting, item);
  c.delegation = std::string(code);
  c.speaker = MakeSpeaker(rank);
  return c;
}

cmd::ChangeMeeting EngineFixture::Change(absl::string_view meeting,
                                         cmd::MeetingAction action) {
  return cmd::ChangeMeeting{std::string(meeting), action};
}

Meeting& EngineFixture::meeting(absl::string_view id) {
  absl::StatusOr<Meeting*> m = engine_.FindMeeting(id);
  EXPECT_TRUE(m.ok()) << m.status();
  return **m;
}

const SpeakersList& EngineFixture::list(absl::string_view meeting_id,
                                        absl::string_view item) {
  absl::StatusOr<const SpeakersList*> l = meeting(meeting_id).FindList(item);
  EXPECT_TRUE(l.ok()) << l.status();
  return **l;
}

void SittingPlenaryFixture::SetUp() {
  MustApply(Change(kPlenary, cmd::MeetingAction::kOpen));
}

void SittingPlenaryFixture::TearDown() {
  for (const Meeting* m : engine_.meetings()) {
    EXPECT_TRUE(m->CheckInvariants().ok()) << m->CheckInvariants();
  }
}

}  // namespace speakers::testing
