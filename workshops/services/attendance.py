"""Attendance: who was in the room, counted once per day.

A participant counts for a day when their phone connects or re-syncs while that day
is the current one (services.agenda.current_day). The phone keeps its token, so a
person who joined on day 1 and comes back on day 2 is the same participant, counted
on both days, without typing anything again.
"""
from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshops.models import Attendance, Day, Participant, Workshop
from workshops.services import events


def record(session: Session, workshop: Workshop, participant: Participant) -> list:
    """Count the participant for the current day; the staff's event if this is new."""
    from workshops.services.agenda import current_day

    day = current_day(session, workshop)
    if day is None:
        return []
    exists = session.scalar(select(Attendance.id).where(
        Attendance.participant_id == participant.id, Attendance.day_id == day.id))
    if exists:
        return []
    session.add(Attendance(participant_id=participant.id, day_id=day.id))
    try:
        session.flush()
    except IntegrityError:  # the same phone syncing twice at once
        session.rollback()
        return []
    event = events.record(session, workshop, "attendance", {"days": by_day(session, workshop)},
                          audience="staff")
    session.commit()
    return [event]


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
