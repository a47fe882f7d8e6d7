#include "server/app/delta_of.h"

#include <cstdint>

#include "server/app/state_to_proto.h"

namespace speakers {
namespace {

const Entry* WaitingEntry(const SpeakersList& list, uint64_t id) {
  for (const Entry& e : list.waiting()) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

// The journal's waiting ops as messages, each inserted or updated entry as
// the command left it (an entry is inserted or updated once per command).
// False when one names an entry the list no longer has (never expected).
bool AddWaitingOps(const Session& session, const SpeakersList& list,
                   const ListChanges& changes, v1::ListDelta& out) {
  for (const WaitingOp& op : changes.waiting) {
    v1::EntryOp* p = out.add_ops();
    switch (op.kind) {
      case WaitingOp::Kind::kInsert:
      case WaitingOp::Kind::kUpdate: {
        const Entry* e = WaitingEntry(list, op.id);
        if (e == nullptr) return false;
        if (op.kind == WaitingOp::Kind::kUpdate) {
          *p->mutable_update() = EntryToProto(session, list, *e);
        } else {
          p->mutable_insert()->set_index(static_cast<uint32_t>(op.index));
          *p->mutable_insert()->mutable_entry() =
              EntryToProto(session, list, *e);
        }
        break;
      }
      case WaitingOp::Kind::kRemove:
        p->set_remove(op.id);
        break;
      case WaitingOp::Kind::kMove:
        p->mutable_move()->set_id(op.id);
        p->mutable_move()->set_index(static_cast<uint32_t>(op.index));
        p->mutable_move()->set_placed_by_chair(op.placed_by_chair);
        break;
    }
  }
  return true;
}

}  // namespace

v1::ListDelta ListDeltaOf(const Meeting& meeting, const SpeakersList& list,
                          const ListChanges& changes, absl::Time now) {
  const Session& session = meeting.session();
  v1::ListDelta out;
  out.set_item(list.item());
  out.set_status(ListStatusToProto(list.Status(now)));
  out.set_next_receipt(list.next_receipt());
  if (changes.header) {
    *out.mutable_header() = ListHeaderToProto(meeting, list, now);
    // New settings may change how the last statement reads (tier, limit).
    if (changes.waiting_reset && !list.spoken().empty()) {
      *out.mutable_header()->add_spoken() =
          SpokenToProto(session, list, list.spoken().back());
    }
  }
  if (changes.waiting_reset || !AddWaitingOps(session, list, changes, out)) {
    // Every entry anew (the whole list is right whatever the ops were).
    out.clear_ops();
    v1::EntryOp::Reset* r = out.add_ops()->mutable_reset();
    for (const Entry& e : list.waiting())
      *r->add_waiting() = EntryToProto(session, list, e);
  }
  if (changes.floor) {
    if (list.current()) {
      *out.mutable_current() = CurrentToProto(session, list);
    } else {
      out.set_floor_empty(true);
    }
  } else if (changes.clock && list.current()) {
    *out.mutable_timer() = TimerToProto(list);
  }
  if ((changes.spoken || changes.unspoken) && !list.spoken().empty()) {
    *out.mutable_spoken() = SpokenToProto(session, list, list.spoken().back());
  }
  out.set_unspoken(changes.unspoken);
  out.set_can_undo_next(list.can_undo_next());
  return out;
}

std::unique_ptr<v1::Update> UpdateOf(const Meeting& meeting,
                                     const CommandResult& result,
                                     absl::Time now) {
  auto update = std::make_unique<v1::Update>();
  update->set_version(result.version);
  v1::Delta* delta = update->mutable_delta();
  delta->set_base_version(result.version - 1);
  for (const Event& e : result.events) *delta->add_events() = EventToProto(e);
  for (const ListChanges& changes : result.lists) {
    absl::StatusOr<const SpeakersList*> list = meeting.FindList(changes.item);
    if (list.ok())
      *delta->add_lists() = ListDeltaOf(meeting, **list, changes, now);
  }
  delta->set_status(MeetingStatusToProto(meeting.state()));
  delta->set_current_item(meeting.current_item());
  if (result.points) *delta->mutable_points() = PointsToProto(meeting);
  return update;
}

}  // namespace speakers
