"""Attendance: who was in the room, counted once per day.

A participant counts for a day when their phone connects or re-syncs while that day
is the current one (services.room.position.current_day). The phone keeps its token, so a
person who joined on day 1 and comes back on day 2 is the same participant, counted
on both days, without typing anything again.
"""
from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshops.models import Attendance, Day, Participant, Workshop
from workshops.services.base import events
from workshops.services.room.position import current_day


def record(session: Session, workshop: Workshop, seen) -> bool:
    """Count participants for a day: `seen` holds (participant id, day id or None for the
    day in progress now). True if anyone was not counted yet for that day.

    Phones are counted in batches, once a second, by realtime/coalesce.py: in a join
    storm one write (and one `staff_event`) per phone was most of the server's work.
    """
    in_progress = None
    if any(day_id is None for _p, day_id in seen):
        day = current_day(session, workshop)
        in_progress = day.id if day is not None else None
    wanted = {(p, day_id if day_id is not None else in_progress) for p, day_id in seen}
    wanted = {(p, day_id) for p, day_id in wanted if day_id is not None}
    for _attempt in range(2):  # another process may count the same phone at the same moment
        ids = {p for p, _d in wanted}
        alive = set(session.scalars(select(Participant.id).where(Participant.id.in_(ids))))
        counted = set(session.execute(select(Attendance.participant_id, Attendance.day_id)
                                      .where(Attendance.participant_id.in_(ids))))
        new = {(p, d) for p, d in wanted if p in alive} - counted
        session.add_all(Attendance(participant_id=p, day_id=d) for p, d in sorted(new))
        try:
            session.commit()
            return bool(new)
        except IntegrityError:
            session.rollback()
    return False


def staff_event(session: Session, workshop: Workshop):
    """The staff's `attendance` event: the counts per day as they are now."""
    event = events.record(session, workshop, "attendance", {"days": by_day(session, workshop)},
                          audience="staff")
    session.commit()
    return event


def counts(session: Session, workshop: Workshop) -> dict[int, int]:
    """Day id → number of participants who were there."""
    rows = session.execute(
        select(Attendance.day_id, func.count(Attendance.id))
        .join(Day, Day.id == Attendance.day_id)
        .where(Day.workshop_id == workshop.id)
        .group_by(Attendance.day_id))
    return {day_id: n for day_id, n in rows}


def by_day(session: Session, workshop: Workshop) -> list[dict]:
    """Per day: title, count, and counts by organisation type (for the console and booklet)."""
    days = list(session.scalars(select(Day).where(Day.workshop_id == workshop.id)
                                .order_by(Day.position)))
    rows = session.execute(
        select(Attendance.day_id, Participant.organisation_type)
        .join(Participant, Participant.id == Attendance.participant_id)
        .where(Participant.workshop_id == workshop.id)).all()
    per_day: dict[int, Counter] = {}
    for day_id, organisation_type in rows:
        per_day.setdefault(day_id, Counter())[organisation_type.split(":", 1)[0]] += 1
    return [{"day": d.id, "position": d.position, "title": d.title,
             "count": sum(per_day.get(d.id, Counter()).values()),
             "by_type": dict(per_day.get(d.id, Counter()))} for d in days]
