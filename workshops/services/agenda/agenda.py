"""Driving the agenda: which day and sequence the room is in, planned against actual time.

The agenda is one ordered walk through the days: each day first "opens" (its welcome:
the day is current, no sequence yet, so phones that come back the next morning are
counted for that day), then runs its sequences in order. `next`/`previous` move one
step along that walk; `goto` jumps to a sequence or to a day's welcome.

A sequence's actual time is `started_at` (first time it became current) to `ended_at`
(last time the room left it); coming back to a sequence clears `ended_at`.
Where the room stands (the current day and sequence) is services.room.position.
"""
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops.db import utcnow
from workshops.models import Day, Sequence, Workshop
from workshops.services.agenda import restitution, timer
from workshops.services.base import events
from workshops.services.base.errors import Conflict, ServiceError
from workshops.services.groups import groups
from workshops.services.room import attendance, workshops
from workshops.services.room.position import allowed_axis_ids, current, days_of

# Which projection view an activity shows by default when its sequence starts; an
# activity whose name is itself a view shows that view; anything else shows "sequence"
# (its title and instructions in large type). Group drafting shows the groups, so people
# find theirs (« il est affiché à l'écran »), once there are groups to show.
ACTIVITY_VIEWS = {"axis_board": "board", "group_drafting": "groups"}


def steps(session: Session, workshop: Workshop) -> list[tuple[Day, Sequence | None]]:
    """The walk: (day, None) for each day's welcome, then (day, sequence) for its sequences."""
    walk = []
    for day in days_of(session, workshop):
        walk.append((day, None))
        walk.extend((day, sequence) for sequence in day.sequences)
    return walk


def _index(walk, workshop: Workshop) -> int:
    """Position of the room in the walk; -1 before anything was opened (a live activity
    launched then runs without opening a day: `run_now`)."""
    if workshop.current_day_id is None:
        return -1
    for i, (day, sequence) in enumerate(walk):
        if sequence is not None and sequence.id == workshop.current_sequence_id:
            return i
    for i, (day, sequence) in enumerate(walk):
        if sequence is None and workshop.current_sequence_id is None \
                and day.id == workshop.current_day_id:
            return i
    return -1


def next_step(session: Session, workshop: Workshop, start=None) -> list:
    return _step(session, workshop, 1, start, "agenda_end")


def previous_step(session: Session, workshop: Workshop, start=None) -> list:
    return _step(session, workshop, -1, start, "agenda_start")


def _step(session: Session, workshop: Workshop, by: int, start, limit: str) -> list:
    """One step along the walk (by: 1 or -1). The room's row is locked and read again first,
    so steps asked at once (a double click, two facilitators) are taken one after the other.
    `start` is where the caller saw the room, `{day, sequence}` as in the room state: from
    there, the step already taken by another call is not taken again (nothing changes), and
    a room moved elsewhere meanwhile refuses it (`agenda_moved`). Without it (API v1 clients
    before it existed), the step is taken from wherever the room is."""
    session.execute(select(Workshop).where(Workshop.id == workshop.id).with_for_update()
                    .execution_options(populate_existing=True)).scalar_one()
    walk = steps(session, workshop)
    here = _where(*current(session, workshop))
    if start is not None and _already_taken(walk, _position(start), here, by):
        session.commit()  # nothing changed: only the lock is let go
        return []
    i = _index(walk, workshop)
    if not 0 <= i + by < len(walk):
        raise ServiceError(limit)
    return _move(session, workshop, *walk[i + by])


def _where(day: Day | None, sequence: Sequence | None) -> tuple:
    return (day.id if day else None, sequence.id if sequence else None)


def _position(start) -> tuple:
    """The `{day, sequence}` a step starts from (ids or null), as a comparable pair."""
    ids = (start.get("day"), start.get("sequence")) if isinstance(start, dict) else (False,)
    if not all(value is None or type(value) is int for value in ids):
        raise ServiceError("invalid_agenda_position")
    return ids


def _already_taken(walk, start: tuple, here: tuple, by: int) -> bool:
    """Whether the step from `start` is the one that brought the room `here`; False when the
    room still is at `start`; refused when the room is anywhere else."""
    if start == here:
        return False
    places = [(None, None)] + [_where(day, sequence) for day, sequence in walk]
    if start in places:
        i = places.index(start) + by
        if 0 <= i < len(places) and places[i] == here:
            return True
    raise Conflict("agenda_moved")


def goto(session: Session, workshop: Workshop, sequence=None, day=None) -> list:
    """Jump to a sequence (by id), or to a day's welcome (by id)."""
    if sequence is not None:
        row = _get(session, Sequence, workshop, sequence, "unknown_sequence")
        return _move(session, workshop, session.get(Day, row.day_id), row)
    if day is not None:
        return _move(session, workshop, _get(session, Day, workshop, day, "unknown_day"), None)
    raise ServiceError("unknown_sequence")


def run_now(session: Session, workshop: Workshop, sequence: Sequence) -> list:
    """Make a sequence made on the spot current. Before the programme has started it runs
    without opening its day: the room stays before the walk, so « Suivant » then opens the
    first day at its welcome (docs/decisions.md, QA #6)."""
    return _move(session, workshop, session.get(Day, sequence.day_id), sequence,
                 opens_day=workshop.current_day_id is not None)


def show_current(session: Session, workshop: Workshop) -> list:
    """Put what the room is doing back on the projection after the timer, the QR code or a
    blank screen: the current sequence's own view (as when it started), a day's welcome
    (the QR code), or the axis board before the agenda was opened."""
    day, sequence = current(session, workshop)
    if sequence is not None:
        _enter(session, workshop, sequence)
    else:
        workshop.view = "join" if day is not None else "board"
    event = events.record(session, workshop, "state", workshops.state_dict(workshop))
    session.commit()
    return [event]


def act(session: Session, workshop: Workshop, action, sequence=None, day=None,
        start=None) -> list:
    """The REST/socket entry point: action is "next", "previous" (each from `start`, where
    the caller saw the room, if given), "goto" or "show"."""
    if action == "show":
        return show_current(session, workshop)
    if action == "next":
        return next_step(session, workshop, start)
    if action == "previous":
        return previous_step(session, workshop, start)
    if action == "goto":
        return goto(session, workshop, sequence=sequence, day=day)
    raise ServiceError("unknown_agenda_action")


def _get(session, model, workshop, value, code):
    if isinstance(value, bool):
        raise ServiceError(code)
    try:
        row = session.get(model, int(value))
    except (TypeError, ValueError):
        row = None
    if row is None or row.workshop_id != workshop.id:
        raise ServiceError(code)
    return row


def _move(session: Session, workshop: Workshop, day: Day, sequence: Sequence | None,
          opens_day: bool = True) -> list:
    """Make (day, sequence) current, record actual times, and tell the room."""
    now = utcnow()
    _old_day, old = current(session, workshop)
    if old is not None and (sequence is None or old.id != sequence.id) and old.started_at:
        old.ended_at = now
    workshop.current_day_id = day.id if opens_day else None
    workshop.current_sequence_id = sequence.id if sequence else None
    if sequence is not None:
        if sequence.started_at is None:
            sequence.started_at = now
        sequence.ended_at = None
        _enter(session, workshop, sequence)
    else:
        workshop.view = "join"  # a day opens on the QR code: newcomers join
    workshop.restitution_screen = 0
    workshop.spotlight_card_id = None  # the step shows its own view, not the last spotlit card
    changed = [events.record(session, workshop, "state", workshops.state_dict(workshop))]
    if timer.reset_quietly(workshop):
        changed.append(events.record(session, workshop, "timer", timer.timer_dict(workshop)))
    if sequence is not None and sequence.activity == "restitution":
        changed.append(events.record(session, workshop, "restitution",
                                     restitution.payload(session, workshop)))
    session.commit()
    return changed


def _enter(session: Session, workshop: Workshop, sequence: Sequence) -> None:
    """What starting a sequence changes: the projection's view, the axis of a board."""
    view = ACTIVITY_VIEWS.get(sequence.activity, sequence.activity)
    if view == "groups" and not groups.list_groups(session, workshop):
        view = "sequence"
    workshop.view = view if view in workshops.VIEWS else "sequence"
    if sequence.activity == "axis_board":
        allowed = allowed_axis_ids(workshop, sequence)
        if allowed and workshop.current_axis_id not in allowed:
            workshop.current_axis_id = allowed[0]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() + "Z" if value else None


def actual_minutes(sequence: Sequence, now: datetime | None = None) -> float | None:
    if sequence.started_at is None:
        return None
    end = sequence.ended_at or now or utcnow()
    return round((end - sequence.started_at).total_seconds() / 60, 1)


def sequence_dict(sequence: Sequence, now: datetime | None = None) -> dict:
    return {
        "id": sequence.id, "day": sequence.day_id, "position": sequence.position,
        "title": sequence.title, "activity": sequence.activity, "minutes": sequence.minutes,
        "instructions": sequence.instructions, "question": sequence.question,
        "axes": sequence.axis_keys, "poll": sequence.poll_key,
        "restitution_of": sequence.restitution_of,
        "started_at": _iso(sequence.started_at), "ended_at": _iso(sequence.ended_at),
        "actual_minutes": actual_minutes(sequence, now),
    }


def agenda_dict(session: Session, workshop: Workshop) -> dict:
    """Days, their sequences, planned against actual minutes, attendance, and where we are."""
    now = utcnow()
    counts = attendance.counts(session, workshop)
    day, sequence = current(session, workshop)
    return {
        "current": {"day": day.id if day else None, "sequence": sequence.id if sequence else None},
        "days": [{
            "id": d.id, "position": d.position, "title": d.title, "objective": d.objective,
            "date": d.date.isoformat() if d.date else None,
            "starts_at": d.starts_at.strftime("%H:%M") if d.starts_at else None,
            "planned_minutes": sum(s.minutes for s in d.sequences),
            "actual_minutes": _sum_actual(d.sequences, now),
            "attendance": counts.get(d.id, 0),
            "sequences": [sequence_dict(s, now) for s in d.sequences],
        } for d in days_of(session, workshop)],
    }


def _sum_actual(sequences, now) -> float | None:
    values = [actual_minutes(s, now) for s in sequences if s.started_at]
    return round(sum(values), 1) if values else None


def shared_part(session: Session, workshop: Workshop, viewer: str) -> dict:
    """Timer, the restitution screen; attendance for staff (the clock is added per answer)."""
    part = {"timer": timer.timer_dict(workshop),
            "restitution": restitution.payload(session, workshop)}
    if viewer == "staff":
        part["attendance"] = attendance.by_day(session, workshop)
    return part
