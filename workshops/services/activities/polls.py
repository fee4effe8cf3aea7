"""Polls and positioning: single choice, multiple choice or a 1–5 scale.

Polls are defined in the format (workshop.format_data["polls"], by key); a `Poll` row holds
the live state (open or closed), created when first needed. One `PollVote` row per
(poll, participant), updated in place: re-sending, reconnecting or changing one's mind never
adds a second answer. Every change sends the poll's new counts (`poll` event) to the room.
"""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshops.db import utcnow
from workshops.models import Participant, Poll, PollVote, Workshop
from workshops.services.base import events
from workshops.services.base.errors import Conflict, ServiceError

SCALE = ("1", "2", "3", "4", "5")


def definitions(workshop: Workshop) -> list[dict]:
    return [p for p in workshop.format_data.get("polls") or [] if isinstance(p, dict)]


def definition(workshop: Workshop, key) -> dict:
    for poll in definitions(workshop):
        if poll.get("key") == key:
            return poll
    raise ServiceError("unknown_poll")


def option_keys(poll: dict) -> list[str]:
    if poll["kind"] == "scale":
        return list(SCALE)
    return [o["key"] for o in poll.get("options") or []]


def option_labels(poll: dict) -> list[tuple[str, str, str]]:
    """(key, label, description) of each option."""
    if poll["kind"] == "scale":
        return [(k, k, "") for k in SCALE]
    return [(o["key"], o["label"], o.get("description") or "") for o in poll.get("options") or []]


def vote(session: Session, workshop: Workshop, participant: Participant, key, choices):
    """Record or change the participant's answer. Returns (choices, events).

    `choices` is a list of option keys (one for "single" and "scale", one or more distinct
    for "multiple"); a bare string or number is taken as a one-item list.
    """
    poll_def = definition(workshop, key)
    choices = _clean_choices(poll_def, choices)
    poll = _row(session, workshop, poll_def["key"])
    if not poll.open:
        raise Conflict("poll_closed")
    existing = _vote_of(session, poll, participant)
    if existing is not None and existing.choices == choices:
        return choices, []  # a re-send: nothing changes, nothing to tell
    if existing is None:
        existing = PollVote(poll_id=poll.id, participant_id=participant.id, choices=choices)
        session.add(existing)
        try:
            session.flush()
        except IntegrityError:  # the same phone voted on two connections at once
            session.rollback()
            poll = _row(session, workshop, poll_def["key"])
            existing = _vote_of(session, poll, participant)
    existing.choices = choices
    event = events.record(session, workshop, "poll", result(session, workshop, poll_def, poll))
    session.commit()
    return choices, [event]


def set_open(session: Session, workshop: Workshop, key, open_):
    """Staff: open or close a poll. Closed polls keep their answers. Returns (result, events)."""
    poll_def = definition(workshop, key)
    if not isinstance(open_, bool):
        raise ServiceError("invalid_open")
    poll = _row(session, workshop, poll_def["key"])
    if poll.open == open_:
        return result(session, workshop, poll_def, poll), []
    poll.open = open_
    if open_:
        poll.opened_at, poll.closed_at = poll.opened_at or utcnow(), None
    else:
        poll.closed_at = utcnow()
    data = result(session, workshop, poll_def, poll)
    event = events.record(session, workshop, "poll", data)
    session.commit()
    return data, [event]


def result(session: Session, workshop: Workshop, poll_def: dict, poll: Poll | None) -> dict:
    """{key, question, kind, open, total, options: [{key, label, description, count, percent}],
    average?}.

    `total` counts people; for "multiple" the percentages are of people, so they may add
    up to more than 100. For a scale, `average` is the mean of the answers (None if none).
    """
    votes = [] if poll is None else list(session.scalars(
        select(PollVote.choices).where(PollVote.poll_id == poll.id)))
    total = len(votes)
    counts = {k: 0 for k in option_keys(poll_def)}
    for choices in votes:
        for choice in choices:
            if choice in counts:
                counts[choice] += 1
    data = {
        "key": poll_def["key"], "question": poll_def.get("question", ""),
        "kind": poll_def["kind"], "open": bool(poll and poll.open), "total": total,
        "options": [{"key": k, "label": label, "description": description, "count": counts[k],
                     "percent": round(100 * counts[k] / total) if total else 0}
                    for k, label, description in option_labels(poll_def)],
    }
    if poll_def["kind"] == "scale":
        data["average"] = (round(sum(int(c) * n for c, n in counts.items()) / total, 2)
                           if total else None)
    return data


def results(session: Session, workshop: Workshop) -> list[dict]:
    """Every poll of the workshop with its counts, in the format's order (booklet, restitution)."""
    rows = {p.key: p for p in session.scalars(select(Poll).where(Poll.workshop_id == workshop.id))}
    return [result(session, workshop, d, rows.get(d["key"])) for d in definitions(workshop)]


def votes_of(session: Session, participant: Participant) -> dict:
    """The participant's own answers, by poll key."""
    rows = session.execute(
        select(Poll.key, PollVote.choices).join(Poll, Poll.id == PollVote.poll_id)
        .where(PollVote.participant_id == participant.id))
    return {key: choices for key, choices in rows}


def _clean_choices(poll_def: dict, choices) -> list[str]:
    if isinstance(choices, (str, int)) and not isinstance(choices, bool):
        choices = [choices]
    if not isinstance(choices, list) or not choices:
        raise ServiceError("invalid_choice")
    choices = [str(c) if isinstance(c, int) and not isinstance(c, bool) else c for c in choices]
    allowed = option_keys(poll_def)
    if any(not isinstance(c, str) or c not in allowed for c in choices):
        raise ServiceError("invalid_choice")
    if len(set(choices)) != len(choices) or (poll_def["kind"] != "multiple" and len(choices) != 1):
        raise ServiceError("invalid_choice")
    return [k for k in allowed if k in choices]  # the format's order: equal answers compare equal


def _row(session: Session, workshop: Workshop, key: str) -> Poll:
    poll = session.scalar(select(Poll).where(Poll.workshop_id == workshop.id, Poll.key == key))
    if poll is None:
        poll = Poll(workshop_id=workshop.id, key=key)
        session.add(poll)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            poll = session.scalar(select(Poll).where(Poll.workshop_id == workshop.id,
                                                     Poll.key == key))
    return poll


def _vote_of(session, poll, participant) -> PollVote | None:
    return session.scalar(select(PollVote).where(PollVote.poll_id == poll.id,
                                                 PollVote.participant_id == participant.id))
