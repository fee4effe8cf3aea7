"""The feedback form: answers stored once per device, editable while the link is valid.

The questions come from the format (workshop.format_data["feedback_form"]). Answers are
validated by WTForms before they get here (workshops/feedback_form.py); this module checks
again that they only name known questions and options, and stores them.

The link opens when the facilitator reaches a feedback-form sequence or opens it from the
console, and stays valid `valid_days` days (default 14) from then.
"""
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshops.db import utcnow
from workshops.models import FeedbackAnswer, FeedbackWindow, Sequence, Workshop
from workshops.services.base import events, quotas
from workshops.services.base.errors import Conflict, ServiceError

DEFAULT_DAYS = 14
MAX_DAYS = 365
TEXT_MAX = {"text": 500, "textarea": 2000}
SCALE = ("1", "2", "3", "4", "5")


def form_definition(workshop: Workshop) -> dict | None:
    form = workshop.format_data.get("feedback_form")
    return form if isinstance(form, dict) and form.get("questions") else None


def questions(workshop: Workshop) -> list[dict]:
    form = form_definition(workshop)
    return list(form["questions"]) if form else []


def window(session: Session, workshop: Workshop) -> FeedbackWindow:
    row = session.get(FeedbackWindow, workshop.id)
    if row is None:
        row = FeedbackWindow(workshop_id=workshop.id, valid_days=DEFAULT_DAYS)
        session.add(row)
        session.flush()
    return row


def expires_at(row: FeedbackWindow) -> datetime | None:
    return row.opened_at + timedelta(days=row.valid_days) if row.opened_at else None


def status(session: Session, workshop: Workshop, now: datetime | None = None) -> dict:
    """{available, open, opened_at, expires_at, valid_days, answers}: read-only."""
    now = now or utcnow()
    row = session.get(FeedbackWindow, workshop.id)
    days = row.valid_days if row else DEFAULT_DAYS
    opened = row.opened_at if row else None
    expiry = expires_at(row) if row else None
    # Not opened yet but its sequence is running: the first visit opens it (ensure_open).
    pending = opened is None and _feedback_is_current(session, workshop)
    return {
        "available": form_definition(workshop) is not None,
        "open": bool(opened and now < expiry) or pending,
        "opened_at": opened.isoformat() + "Z" if opened else None,
        "expires_at": expiry.isoformat() + "Z" if expiry else None,
        "valid_days": days,
        "answers": _count(session, workshop),
    }


def ensure_open(session: Session, workshop: Workshop,
                now: datetime | None = None) -> tuple[bool, list]:
    """Open the link the first time someone comes while a feedback sequence is running.

    Returns (whether answers are accepted now, events). Commits only if it opened the link.
    """
    if form_definition(workshop) is None:
        return False, []
    now = now or utcnow()
    row = session.get(FeedbackWindow, workshop.id)
    recorded = []
    if (row is None or row.opened_at is None) and _feedback_is_current(session, workshop):
        row = window(session, workshop)
        row.opened_at = now
        recorded.append(events.record(session, workshop, "feedback", status(session, workshop)))
        session.commit()
    return bool(row and row.opened_at and now < expires_at(row)), recorded


def configure(session: Session, workshop: Workshop, open_=None, valid_days=None):
    """Staff: open the link now (or close it now), and/or set how many days it stays valid.

    Returns (status, events); screens get a `feedback` event.
    """
    if form_definition(workshop) is None:
        raise ServiceError("no_feedback_form")
    row = window(session, workshop)
    if valid_days is not None:
        if not isinstance(valid_days, int) or isinstance(valid_days, bool) \
                or not 1 <= valid_days <= MAX_DAYS:
            raise ServiceError("invalid_valid_days", max=MAX_DAYS)
        row.valid_days = valid_days
    if open_ is not None:
        if not isinstance(open_, bool):
            raise ServiceError("invalid_open")
        now = utcnow()
        currently_open = bool(row.opened_at and now < expires_at(row))
        if open_ and not currently_open:
            row.opened_at = now
        elif not open_ and (currently_open or row.opened_at is None):
            # Closing = the validity ends now (also before a first visit could open it).
            row.opened_at = now - timedelta(days=row.valid_days)
    session.flush()
    data = status(session, workshop)
    event = events.record(session, workshop, "feedback", data, audience="all")
    session.commit()
    return data, [event]


def answers_of(session: Session, workshop: Workshop, respondent: str) -> dict | None:
    row = _answer(session, workshop, respondent)
    return dict(row.answers) if row else None


def save_answers(session: Session, workshop: Workshop, respondent: str, answers: dict,
                 now: datetime | None = None):
    """Store (or replace) this respondent's answers. Returns (created, events).

    `answers` maps question keys to a string (text, single), a "1".."5" string (scale) or a
    list of strings (multiple); empty answers are left out.
    """
    is_open, recorded = ensure_open(session, workshop, now)
    if not is_open:
        raise Conflict("feedback_closed")
    clean = _clean(workshop, answers)
    row = _answer(session, workshop, respondent)
    created = row is None
    if created:
        quotas.check(session, FeedbackAnswer, workshop.id, quotas.FEEDBACK_ANSWERS_PER_WORKSHOP)
        row = FeedbackAnswer(workshop_id=workshop.id, respondent=respondent, answers=clean)
        session.add(row)
        try:
            session.flush()
        except IntegrityError:  # the same device sent twice at once
            session.rollback()
            row, created = _answer(session, workshop, respondent), False
    row.answers = clean
    if created:  # screens show the count grow; the answers themselves stay out of the room log
        recorded.append(events.record(session, workshop, "feedback_count",
                                      {"answers": _count(session, workshop)}))
    session.commit()
    return created, recorded


def summary(session: Session, workshop: Workshop) -> dict:
    """For organisers and the booklet: per question, counts (choices, scales), average
    (scales) and texts (open questions).

    {"title", "answers_count", "questions": [{key, label, kind, counts: [{label, count}],
    average, texts}]}
    """
    form = form_definition(workshop) or {"title": "", "questions": []}
    rows = [r.answers for r in session.scalars(
        select(FeedbackAnswer).where(FeedbackAnswer.workshop_id == workshop.id)
        .order_by(FeedbackAnswer.id))]
    out = []
    for question in form["questions"]:
        key, kind = question["key"], question["kind"]
        given = [r[key] for r in rows if r.get(key) not in (None, "", [])]
        item = {"key": key, "label": question["label"], "kind": kind, "counts": [],
                "average": None, "texts": []}
        if kind in ("text", "textarea"):
            item["texts"] = [str(v) for v in given]
        else:
            labels = list(SCALE) if kind == "scale" else list(question.get("options") or [])
            picked = [v for value in given for v in (value if isinstance(value, list) else [value])]
            item["counts"] = [{"label": label, "count": picked.count(label)} for label in labels]
            item["answered"] = len(given)
            if kind == "scale" and picked:
                item["average"] = round(sum(int(v) for v in picked) / len(picked), 2)
        out.append(item)
    return {"title": form.get("title", ""), "answers_count": len(rows), "questions": out}


def _clean(workshop: Workshop, answers) -> dict:
    """Keep known questions only; choices must be the format's; required answers present."""
    if not isinstance(answers, dict):
        raise ServiceError("invalid_answers")
    clean = {}
    for question in questions(workshop):
        key, kind = question["key"], question["kind"]
        value = answers.get(key)
        if kind in ("text", "textarea"):
            value = value.strip() if isinstance(value, str) else ""
            if len(value) > TEXT_MAX[kind]:
                raise ServiceError("text_too_long", max=TEXT_MAX[kind])
        elif kind == "multiple":
            value = value if isinstance(value, list) else []
            if any(v not in (question.get("options") or []) for v in value):
                raise ServiceError("invalid_answers")
        else:
            allowed = SCALE if kind == "scale" else (question.get("options") or [])
            value = str(value) if value not in (None, "") else ""
            if value and value not in allowed:
                raise ServiceError("invalid_answers")
        if question.get("required") and value in ("", []):
            raise ServiceError("answer_required")
        if value not in ("", []):
            clean[key] = value
    return clean


def _answer(session, workshop, respondent) -> FeedbackAnswer | None:
    return session.scalar(select(FeedbackAnswer).where(
        FeedbackAnswer.workshop_id == workshop.id, FeedbackAnswer.respondent == respondent))


def _count(session, workshop) -> int:
    return session.scalar(select(func.count(FeedbackAnswer.id))
                          .where(FeedbackAnswer.workshop_id == workshop.id))


def _feedback_is_current(session, workshop) -> bool:
    sequence = session.get(Sequence, workshop.current_sequence_id) \
        if workshop.current_sequence_id else None
    return sequence is not None and sequence.activity == "feedback_form"
