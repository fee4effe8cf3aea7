"""Where the room stands in its agenda: the current day and sequence, and what they allow.

The agenda itself (moving from step to step, planned against actual time) is
services.agenda; this is what every domain needs to know about the room's position
in it: which day is in progress, which sequence runs, which axes it covers, and the
keys of the room state that say so.
"""
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from workshops.models import Day, Sequence, Workshop
from workshops.services.base.errors import ServiceError

WELCOME = "welcome"  # the activity of a day opened before its first sequence


def days_of(session: Session, workshop: Workshop) -> list[Day]:
    return list(session.scalars(
        select(Day).where(Day.workshop_id == workshop.id).order_by(Day.position, Day.id)))


def current(session: Session, workshop: Workshop) -> tuple[Day | None, Sequence | None]:
    sequence = session.get(Sequence, workshop.current_sequence_id) \
        if workshop.current_sequence_id else None
    day = session.get(Day, workshop.current_day_id) if workshop.current_day_id else None
    if sequence is not None and (day is None or day.id != sequence.day_id):
        day = session.get(Day, sequence.day_id)
    return day, sequence


def current_day(session: Session, workshop: Workshop) -> Day | None:
    """The day in progress; before the facilitator opens any day, the first one."""
    day, _sequence = current(session, workshop)
    if day is None:
        days = days_of(session, workshop)
        day = days[0] if days else None
    return day


def get_sequence(session: Session, workshop: Workshop, sequence_id, activity: str) -> Sequence:
    """The workshop's sequence with this id running this activity, or a 400 `unknown_sequence`."""
    if isinstance(sequence_id, str) and sequence_id.isdigit():
        sequence_id = int(sequence_id)
    if not isinstance(sequence_id, int) or isinstance(sequence_id, bool):
        raise ServiceError("unknown_sequence")
    sequence = session.get(Sequence, sequence_id)
    if sequence is None or sequence.workshop_id != workshop.id or sequence.activity != activity:
        raise ServiceError("unknown_sequence")
    return sequence


def allowed_axis_ids(workshop: Workshop, sequence: Sequence | None) -> list[int] | None:
    """The axes the facilitator may pick during this sequence; None means any."""
    if sequence is None or sequence.activity != "axis_board" or not sequence.axis_keys:
        return None
    by_key = {axis.key: axis.id for axis in workshop.axes}
    return [by_key[key] for key in sequence.axis_keys if key in by_key]


def state_part(workshop: Workshop) -> dict:
    """The agenda's keys of the room state (see workshops.state_dict)."""
    session = object_session(workshop)
    day, sequence = current(session, workshop) if session is not None else (None, None)
    activity = sequence.activity if sequence else (WELCOME if day else None)
    return {
        "day": day.id if day else None,
        "day_title": day.title if day else "",
        "day_position": day.position if day else None,
        "sequence": sequence.id if sequence else None,
        "activity": activity,
        "sequence_title": sequence.title if sequence else "",
        "instructions": sequence.instructions if sequence else "",
        "question": sequence.question if sequence else "",
        "minutes": sequence.minutes if sequence else None,
        "poll": sequence.poll_key if sequence else None,
        "axes": allowed_axis_ids(workshop, sequence),
        "restitution_of": sequence.restitution_of if sequence else None,
        "restitution_screen": workshop.restitution_screen or 0,
    }
