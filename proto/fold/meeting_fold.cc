#include "fold/meeting_fold.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"

namespace speakers::fold {
namespace {

absl::Duration FromProto(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

absl::Status Missing(absl::string_view what, const v1::ListDelta& list) {
  return absl::DataLossError(absl::StrCat(
      "the update names ", what, " on the list for item \"", list.item(),
      "\" that this copy does not have; take a "
      "fresh snapshot"));
}

int IndexOf(const v1::ListState& list, uint64_t id) {
  for (int i = 0; i < list.waiting_size(); ++i) {
    if (list.waiting(i).id() == id) return i;
  }
  return -1;
}

// Puts `entry` at `index` of the waiting entries (at most their count).
absl::Status InsertAt(v1::ListState& list, uint32_t index, v1::Entry entry,
                      const v1::ListDelta& delta) {
  if (index > static_cast<uint32_t>(list.waiting_size())) {
    return Missing(absl::StrCat("position ", index + 1), delta);
  }
  auto* waiting = list.mutable_waiting();
  *waiting->Add() = std::move(entry);
  // Rotate the new last element into place.
  for (int i = waiting->size() - 1; i > static_cast<int>(index); --i)
    waiting->SwapElements(i, i - 1);
  return absl::OkStatus();
}

absl::Status Erase(v1::ListState& list, uint64_t id, v1::Entry* out,
                   const v1::ListDelta& delta) {
  const int i = IndexOf(list, id);
  if (i < 0) return Missing(absl::StrCat("entry ", id), delta);
  auto* waiting = list.mutable_waiting();
  for (int k = i; k + 1 < waiting->size(); ++k) waiting->SwapElements(k, k + 1);
  if (out != nullptr) *out = std::move(*waiting->Mutable(waiting->size() - 1));
  waiting->RemoveLast();
  return absl::OkStatus();
}

absl::Status ApplyOp(const v1::EntryOp& op, v1::ListState& list,
                     const v1::ListDelta& delta) {
  switch (op.op_case()) {
    case v1::EntryOp::kInsert:
      return InsertAt(list, op.insert().index(), op.insert().entry(), delta);
    case v1::EntryOp::kRemove:
      return Erase(list, op.remove(), nullptr, delta);
    case v1::EntryOp::kMove: {
      v1::Entry entry;
      if (absl::Status s = Erase(list, op.move().id(), &entry, delta); !s.ok())
        return s;
      entry.set_placed_by_chair(op.move().placed_by_chair());
      return InsertAt(list, op.move().index(), std::move(entry), delta);
    }
    case v1::EntryOp::kUpdate: {
      const int i = IndexOf(list, op.update().id());
      if (i < 0)
        return Missing(absl::StrCat("entry ", op.update().id()), delta);
      *list.mutable_waiting(i) = op.update();
      return absl::OkStatus();
    }
    case v1::EntryOp::kReset:
      *list.mutable_waiting() = op.reset().waiting();
      return absl::OkStatus();
    case v1::EntryOp::OP_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError(
      "the update has an entry operation this client does not know; "
      "update the client");
}

absl::Status ApplyList(const v1::ListDelta& delta, v1::ListState& list) {
  if (delta.has_header()) {
    v1::ListState header = delta.header();
    header.mutable_waiting()->Swap(list.mutable_waiting());
    if (list.has_current())
      header.mutable_current()->Swap(list.mutable_current());
    if (header.spoken_size() == 0)
      header.mutable_spoken()->Swap(list.mutable_spoken());
    header.set_spoken_count(list.spoken_count());
    list = std::move(header);
  }
  list.set_status(delta.status());
  list.set_next_receipt(delta.next_receipt());
  for (const v1::EntryOp& op : delta.ops()) {
    if (absl::Status s = ApplyOp(op, list, delta); !s.ok()) return s;
  }
  if (delta.has_current()) {
    *list.mutable_current() = delta.current();
  } else if (delta.floor_empty()) {
    list.clear_current();
  } else if (delta.has_timer()) {
    if (!list.has_current()) return Missing("a speaker's clock", delta);
    *list.mutable_current()->mutable_timer() = delta.timer();
  }
  if (delta.unspoken()) {
    if (list.spoken_count() == 0)
      return Missing("a statement to take back", delta);
    list.clear_spoken();
    if (delta.has_spoken()) *list.add_spoken() = delta.spoken();
    list.set_spoken_count(list.spoken_count() - 1);
  } else if (delta.has_spoken()) {
    list.clear_spoken();
    *list.add_spoken() = delta.spoken();
    list.set_spoken_count(list.spoken_count() + 1);
  }
  list.set_can_undo_next(delta.can_undo_next());
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplyDelta(uint64_t version, const v1::Delta& delta,
                        v1::MeetingSnapshot* meeting) {
  if (delta.base_version() != meeting->version()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the update follows version ", delta.base_version(),
                     " and this copy is at version ", meeting->version(),
                     "; resume from it or take a snapshot"));
  }
  for (const v1::ListDelta& d : delta.lists()) {
    v1::ListState* list = nullptr;
    for (v1::ListState& l : *meeting->mutable_lists()) {
      if (l.item() == d.item()) list = &l;
    }
    if (list == nullptr) return Missing("the list", d);
    if (absl::Status s = ApplyList(d, *list); !s.ok()) return s;
  }
  meeting->set_status(delta.status());
  meeting->set_current_item(delta.current_item());
  if (delta.has_points()) *meeting->mutable_points() = delta.points();
  meeting->set_version(version);
  return absl::OkStatus();
}

absl::Status ApplyUpdate(const v1::Update& update,
                         v1::MeetingSnapshot* meeting) {
  switch (update.body_case()) {
    case v1::Update::kSnapshot:
      *meeting = update.snapshot();
      meeting->set_version(update.version());
      return absl::OkStatus();
    case v1::Update::kDelta:
      if (absl::Status s =
              ApplyDelta(update.version(), update.delta(), meeting);
          !s.ok()) {
        return s;
      }
      *meeting->mutable_server_time() = update.server_time();
      return absl::OkStatus();
    case v1::Update::kSignal:
    case v1::Update::BODY_NOT_SET:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

const v1::ListState* FindList(const v1::MeetingSnapshot& meeting,
                              absl::string_view item) {
  for (const v1::ListState& list : meeting.lists()) {
    if (list.item() == item) return &list;
  }
  return nullptr;
}

absl::Duration Remaining(const v1::Timer& timer, absl::Time now) {
  absl::Duration ran = FromProto(timer.accumulated());
  if (timer.state() == v1::TIMER_RUNNING) {
    ran += now - FromProto(timer.started_at());
  }
  return FromProto(timer.limit()) - ran;
}

std::vector<absl::Duration> ExpectedWaits(const v1::ListState& list,
                                          absl::Time now) {
  std::vector<absl::Duration> waits;
  waits.reserve(list.waiting_size());
  absl::Duration wait = list.has_current()
                            ? std::max(absl::ZeroDuration(),
                                       Remaining(list.current().timer(), now))
                            : absl::ZeroDuration();
  for (const v1::Entry& e : list.waiting()) {
    waits.push_back(wait);
    wait += FromProto(e.time_limit());
  }
  return waits;
}

}  // namespace speakers::fold
