"""Data lifecycle (RGPD): delete participant data, keep the booklet; delete a whole workshop.

Participants' declared fields (organisation, type, profession, name) are personal data.
`purge_participants` deletes the participant rows; the database then nulls the author of
cards, recommendations, writings and poll votes (ON DELETE SET NULL) and drops their
supports, dots, group memberships and attendance (ON DELETE CASCADE). What the booklet
needs from them is counted first and kept in `BookletSettings.kept_counts` (people per day,
per organisation type, the organisations' names) and `Recommendation.kept_votes`.

A workshop's participant data is purged by itself `retention_days` (default 90) after its
last day (`purge_due`, run hourly by the server and by `flask --app app purge`); the
organiser's screens announce the date from `NOTICE_DAYS` before.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from pathlib import Path
from typing import Callable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from workshops.models import (Attendance, BookletSettings, Day, ExportJob, FeedbackAnswer,
                              Participant, Recommendation, RecommendationVote, RoomEvent,
                              Sequence, Workshop)
from workshops.services.base import events
from workshops.services.base.errors import ServiceError
from workshops.services.booklet import settings_of

log = logging.getLogger(__name__)
NOTICE_DAYS = 14
DEFAULT_RETENTION_DAYS = 90
RETENTION_MAX = 3650


def last_day(session: Session, workshop: Workshop) -> dt.date:
    """The workshop's last day: the latest dated day, else the last time the agenda ran,
    else its creation."""
    dated = session.scalar(select(func.max(Day.date)).where(Day.workshop_id == workshop.id))
    if dated:
        return dated
    ran = session.scalar(select(func.max(func.coalesce(Sequence.ended_at, Sequence.started_at)))
                         .where(Sequence.workshop_id == workshop.id))
    if isinstance(ran, str):  # SQLite returns the aggregate of datetimes as text
        ran = dt.datetime.fromisoformat(ran)
    return (ran or workshop.created_at).date()


def purge_date(session: Session, workshop: Workshop) -> dt.date:
    settings = session.get(BookletSettings, workshop.id)  # read only: no row created here
    days = settings.retention_days if settings else DEFAULT_RETENTION_DAYS
    return last_day(session, workshop) + dt.timedelta(days=days)


def has_participant_data(session: Session, workshop: Workshop) -> bool:
    return session.scalar(select(Participant.id).where(Participant.workshop_id == workshop.id)
                          .limit(1)) is not None


def notice(session: Session, workshop: Workshop, today: dt.date) -> dt.date | None:
    """The purge date, when it is at most NOTICE_DAYS away and there is something to purge."""
    if not has_participant_data(session, workshop):
        return None
    try:
        when = purge_date(session, workshop)
    except OverflowError:  # a day stored before dates were bounded; purge_due reports it
        return None
    return when if when - today <= dt.timedelta(days=NOTICE_DAYS) else None


def purge_participants(session: Session, workshop: Workshop, now: dt.datetime) -> int:
    """Delete the workshop's participants (keeping the booklet's counts). Returns how many."""
    settings = settings_of(session, workshop)
    people = list(session.scalars(select(Participant)
                                  .where(Participant.workshop_id == workshop.id)))
    kept = dict(settings.kept_counts or {})
    days = dict(kept.get("days") or {})
    for position, count in session.execute(
            select(Day.position, func.count(Attendance.id))
            .join(Attendance, Attendance.day_id == Day.id)
            .where(Day.workshop_id == workshop.id).group_by(Day.position)):
        days[str(position)] = int(days.get(str(position), 0)) + count
    by_type = Counter(kept.get("by_type") or {})
    by_type.update(p.organisation_type.split(":", 1)[0] for p in people)
    organisations = set(kept.get("organisations") or [])
    organisations.update(" ".join(p.organisation.split()) for p in people if p.organisation.strip())
    settings.kept_counts = {"days": days, "total": int(kept.get("total", 0)) + len(people),
                            "by_type": dict(by_type),
                            "organisations": sorted(organisations, key=str.casefold)}
    ids = [p.id for p in people]
    if ids:
        for rec_id, total in session.execute(
                select(RecommendationVote.recommendation_id, func.sum(RecommendationVote.count))
                .where(RecommendationVote.participant_id.in_(ids))
                .group_by(RecommendationVote.recommendation_id)).all():
            rec = session.get(Recommendation, rec_id)
            rec.kept_votes = (rec.kept_votes or 0) + int(total or 0)
        session.execute(delete(Participant).where(Participant.id.in_(ids)))
    # Feedback answers stay (anonymous), but no longer tied to a device or a participant.
    for answer in session.scalars(select(FeedbackAnswer).where(
            FeedbackAnswer.workshop_id == workshop.id,
            ~FeedbackAnswer.respondent.like("purged-%"))):
        answer.respondent = f"purged-{answer.id}"
    # The room's event log repeats declared details (group members, authors): replay only.
    session.execute(delete(RoomEvent).where(RoomEvent.workshop_id == workshop.id))
    settings.participants_purged_at = now
    session.commit()
    return len(ids)


def purge_due(session: Session, now: dt.datetime,
              failed: Callable[[str], None] = lambda code: None) -> list[str]:
    """Purge every workshop whose retention period is over. Returns their codes.

    Each workshop on its own: one that fails is rolled back, logged and reported to
    `failed(code)`, and the others are purged all the same."""
    purged = []
    codes = session.scalars(select(Workshop.code).where(
        Workshop.id.in_(select(Participant.workshop_id))).order_by(Workshop.id)).all()
    for code in codes:
        try:
            workshop = session.scalar(select(Workshop).where(Workshop.code == code))
            if purge_date(session, workshop) <= now.date():
                purge_participants(session, workshop, now)
                purged.append(code)
        except Exception:  # noqa: BLE001  (one workshop never stops the others' purge)
            session.rollback()
            log.exception("purge of workshop %s failed", code)
            failed(code)
    session.commit()
    return purged


def delete_workshop(session: Session, workshop: Workshop, export_dir: str | None) -> None:
    """Delete everything of the workshop, the files kept in the output folder included. The
    room hears it once committed (`workshop_deleted`): phones and screens still connected
    say so instead of waiting for a room that is gone."""
    names = list(session.scalars(select(ExportJob.filename).where(
        ExportJob.workshop_id == workshop.id, ExportJob.filename != "")))
    events.record(session, workshop, "workshop_deleted", {})
    session.flush()
    session.delete(workshop)
    session.commit()
    if export_dir:
        for name in names:
            Path(export_dir, name).unlink(missing_ok=True)


def set_retention(session: Session, workshop: Workshop, days) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= RETENTION_MAX:
        raise ServiceError("invalid_retention", max=RETENTION_MAX)
    settings_of(session, workshop).retention_days = days
    session.commit()
    return days
