"""Per-room event log with server-assigned sequence numbers.

Every event a room receives gets the next number of that room (workshop). The
numbers are taken by an UPDATE on the workshop row inside the writer's
transaction, so numbers follow commit order even with several workers on
PostgreSQL. That UPDATE locks the room's row until the commit, and every writer of
the room waits for it: it is taken as late as possible, when the events are flushed
(at a commit, after the transaction's other changes), one UPDATE numbering all of
them, so the row stays locked for UPDATE → INSERT events → COMMIT only. A screen
that reconnects sends the last number it saw and gets the events it missed, or a
fresh snapshot when it is too far behind.

Recorded events go out after their transaction commits, through one hook on the app's
sessions (`deliver_after_commit`): no handler, route or service sends them by hand, and a
rolled-back change sends nothing.
"""
import logging
from typing import Callable

from sqlalchemy import event as sqlalchemy_event, func, select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from workshops.models import RoomEvent, Workshop

# Beyond this many missed events a snapshot is cheaper than a replay.
REPLAY_LIMIT = 500
# A replay starts this many events before the one the screen names: events can reach a
# screen out of order (handlers running at once, phones' batches, two workers), so the
# last number a screen saw does not prove it saw every earlier one. Screens ignore the
# events they already have.
REPLAY_OVERLAP = 32
# session.info keys: the events recorded in the session's transaction, not yet committed;
# their rooms, by id.
PENDING = "ensemble.pending_events"
ROOMS = "ensemble.pending_rooms"
DELIVER = "ensemble.deliver"  # what sends a committed transaction's events (the app's)


def record(session: Session, workshop: Workshop, type_: str, payload: dict,
           audience: str = "all") -> RoomEvent:
    """Add an event to the room's log (not committed: the caller's unit of work commits).
    Its number (`seq`, also in its payload) is set when it is flushed."""
    event = RoomEvent(workshop_id=workshop.id, type=type_, audience=audience,
                      payload=dict(payload))
    session.add(event)
    session.info.setdefault(PENDING, []).append(event)
    session.info.setdefault(ROOMS, {})[workshop.id] = workshop
    return event


def _unnumbered(session: Session) -> list[RoomEvent]:
    """The session's recorded events not inserted yet."""
    return [e for e in session.info.get(PENDING, ()) if e.seq is None and e in session.new]


def _number(session: Session) -> None:
    """Number the session's events about to be inserted: one UPDATE per room."""
    waiting = _unnumbered(session)
    rooms = session.info.get(ROOMS, {})
    for workshop_id in sorted({e.workshop_id for e in waiting}):  # one order: no deadlock
        batch = [e for e in waiting if e.workshop_id == workshop_id]
        last = session.connection().execute(
            update(Workshop.__table__)
            .where(Workshop.id == workshop_id)
            .values(last_seq=Workshop.last_seq + len(batch))
            .returning(Workshop.last_seq)
        ).scalar_one()
        set_committed_value(rooms[workshop_id], "last_seq", last)  # not a change to flush
        for seq, event in enumerate(batch, start=last - len(batch) + 1):
            event.seq = seq
            event.payload = dict(event.payload, seq=seq)


@sqlalchemy_event.listens_for(Session, "before_flush")
def _number_when_flushed(session, _flush_context, _instances):
    _number(session)


@sqlalchemy_event.listens_for(Session, "before_commit")
def _flush_the_rest_first(session):
    """At commit, flush the transaction's other changes before numbering its events: the
    room's row stays locked only for the events' INSERT and the COMMIT."""
    waiting = _unnumbered(session)
    if not waiting:
        return
    for event in waiting:
        session.expunge(event)
    try:
        session.flush()
    finally:
        session.add_all(waiting)


@sqlalchemy_event.listens_for(Session, "after_transaction_end")
def _forget_rooms(session, transaction):
    if transaction.parent is None:
        session.info.pop(ROOMS, None)


def deliver_after_commit(sessions: sessionmaker,
                         deliver: Callable[[list[RoomEvent]], None]) -> None:
    """Call `deliver(events)` once each transaction of these sessions that recorded room
    events has committed; a rollback (or closing the session) drops them. The change is
    committed by then: a failure to deliver is logged, not raised (screens catch up with
    `sync`). `deliver` rides in each session's `info`, not in a listener of this
    sessionmaker: SQLAlchemy would keep such a listener, and through it the app, for good."""
    sessions.configure(info={**(sessions.kw.get("info") or {}), DELIVER: deliver})


@sqlalchemy_event.listens_for(Session, "after_commit")
def _committed(session):
    deliver = session.info.get(DELIVER)
    recorded = session.info.pop(PENDING, None)
    if deliver and recorded:
        try:
            deliver(recorded)
        except Exception:  # noqa: BLE001 — the commit stands whatever happens here
            logging.getLogger(__name__).exception("room events not delivered")


@sqlalchemy_event.listens_for(Session, "after_transaction_end")
def _ended(session, transaction):
    if transaction.parent is None:  # rolled back or closed: nothing to send
        session.info.pop(PENDING, None)


def needs_snapshot(workshop: Workshop, since: int) -> bool:
    """A screen that saw nothing yet, is ahead of the room, or is too far behind."""
    return since <= 0 or since > workshop.last_seq or workshop.last_seq - since > REPLAY_LIMIT


def events_since(session: Session, workshop: Workshop, since: int,
                 audiences: tuple[str, ...] | None) -> list[RoomEvent] | None:
    """Events after `since` for these audiences (None: all of them), or None if a
    snapshot is needed."""
    if needs_snapshot(workshop, since):
        return None
    query = select(RoomEvent).where(RoomEvent.workshop_id == workshop.id,
                                    RoomEvent.seq > since - REPLAY_OVERLAP)
    if audiences is not None:
        query = query.where(RoomEvent.audience.in_(audiences))
    return list(session.scalars(query.order_by(RoomEvent.seq)))


def latest_seq(session: Session, workshop: Workshop, type_: str, entity_id: int) -> int | None:
    """The `seq` of the room's latest `type_` event about this entity (its `data.id`): the
    version a screen has of it. None once the log no longer holds it (purged)."""
    return session.scalar(select(func.max(RoomEvent.seq)).where(
        RoomEvent.workshop_id == workshop.id, RoomEvent.type == type_,
        RoomEvent.payload["id"].as_integer() == entity_id))


def envelope(event: RoomEvent) -> dict:
    """What goes on the wire: {seq, type, data}."""
    return {"seq": event.seq, "type": event.type, "data": event.payload}
