"""Individual writing: each person writes privately; the room sees the texts only once revealed.

Privacy rules (docs/decisions.md):
- before reveal, a text goes to its author only (the save's acknowledgement, the author's
  snapshot); the room, the projection and the staff get the number of writers, never a text;
- the room's event log never carries a text: `writing_reveal` says *that* a sequence was
  revealed, and screens then ask for the texts (`texts`), which answers only once revealed;
- texts are shown anonymously (no author), and only the facilitator (staff) reveals.
"""
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshops.db import utcnow
from workshops.models import Participant, Sequence, Writing, WritingReveal, Workshop
from workshops.services.base import events
from workshops.services.base.errors import Conflict, ServiceError
from workshops.services.board.cards import clean_text
from workshops.services.room.position import get_sequence

ACTIVITY = "individual_writing"
TEXT_MAX = 2000


def writing_dict(writing: Writing) -> dict:
    """A text as its author sees it, and as the room sees it once revealed: never who wrote it."""
    return {"id": writing.id, "sequence": writing.sequence_id, "text": writing.text}


def is_revealed(session: Session, sequence_id: int) -> bool:
    reveal = session.get(WritingReveal, sequence_id)
    return bool(reveal and reveal.revealed)


def count(session: Session, sequence_id: int) -> int:
    return session.scalar(select(func.count(Writing.id)).where(
        Writing.sequence_id == sequence_id, Writing.text != ""))


def save(session: Session, workshop: Workshop, participant: Participant, sequence_id, text):
    """Write or rewrite one's own text (one per person and sequence). Returns (writing, events).

    An empty text withdraws it. Closed once revealed or while posting is locked.
    The only event is the number of writers (`writing_count`), when it changes.
    """
    sequence = get_sequence(session, workshop, sequence_id, ACTIVITY)
    if workshop.locked:
        raise Conflict("locked")
    if is_revealed(session, sequence.id):
        raise Conflict("writing_revealed")
    if not isinstance(text, str):
        raise ServiceError("text_required")
    text = text.strip()
    if text:
        text = clean_text(text, TEXT_MAX)
    before = count(session, sequence.id)
    writing = _own(session, sequence.id, participant)
    if writing is None:
        if not text:
            raise ServiceError("text_required")
        writing = Writing(workshop_id=workshop.id, sequence_id=sequence.id,
                          participant_id=participant.id, text=text)
        session.add(writing)
        try:
            session.flush()
        except IntegrityError:  # a second connection of the same phone raced in
            session.rollback()
            writing = _own(session, sequence.id, participant)
            writing.text = text
    else:
        writing.text = text
    session.flush()
    after = count(session, sequence.id)
    recorded = []
    if after != before:
        recorded.append(events.record(session, workshop, "writing_count",
                                      {"sequence": sequence.id, "count": after}))
    session.commit()
    return writing, recorded


def reveal(session: Session, workshop: Workshop, sequence_id, revealed) -> tuple[dict, list]:
    """Staff only (checked by the caller): show or hide the sequence's texts to the room."""
    sequence = get_sequence(session, workshop, sequence_id, ACTIVITY)
    if not isinstance(revealed, bool):
        raise ServiceError("invalid_revealed")
    row = session.get(WritingReveal, sequence.id)
    if row is None:
        row = WritingReveal(sequence_id=sequence.id, workshop_id=workshop.id)
        session.add(row)
    if row.revealed == revealed:
        return state(session, sequence.id), []
    row.revealed = revealed
    row.revealed_at = utcnow() if revealed else None
    event = events.record(session, workshop, "writing_reveal",
                          {"sequence": sequence.id, "revealed": revealed,
                           "count": count(session, sequence.id)})
    session.commit()
    return state(session, sequence.id), [event]


def texts(session: Session, workshop: Workshop, sequence_id) -> list[dict]:
    """The revealed texts of a sequence, anonymous, oldest first; `not_revealed` before."""
    sequence = get_sequence(session, workshop, sequence_id, ACTIVITY)
    if not is_revealed(session, sequence.id):
        raise Conflict("not_revealed")
    return [writing_dict(w) for w in _writings(session, sequence.id)]


def state(session: Session, sequence_id: int) -> dict:
    return {"sequence": sequence_id, "revealed": is_revealed(session, sequence_id),
            "count": count(session, sequence_id)}


def mine(session: Session, workshop: Workshop, participant: Participant) -> list[dict]:
    return [writing_dict(w) for w in session.scalars(
        select(Writing).where(Writing.workshop_id == workshop.id,
                              Writing.participant_id == participant.id, Writing.text != "")
        .order_by(Writing.id))]


def all_texts(session: Session, workshop: Workshop) -> list[dict]:
    """Every text of every writing sequence, revealed or not, for the organisers' booklet."""
    return [writing_dict(w) for w in session.scalars(
        select(Writing).where(Writing.workshop_id == workshop.id, Writing.text != "")
        .order_by(Writing.sequence_id, Writing.id))]


def snapshot(session, sequences: list[Sequence]) -> dict:
    """Per writing sequence among `sequences`: count and reveal state; texts only once revealed.

    `mine` is empty here: a participant's own texts are added by activities.personal_part."""
    part = {"sequences": {}, "mine": []}
    for sequence in sequences:
        if sequence.activity != ACTIVITY:
            continue
        item = state(session, sequence.id)
        if item["revealed"]:
            item["texts"] = [writing_dict(w) for w in _writings(session, sequence.id)]
        part["sequences"][str(sequence.id)] = item
    return part


def _own(session, sequence_id, participant) -> Writing | None:
    return session.scalar(select(Writing).where(Writing.sequence_id == sequence_id,
                                                Writing.participant_id == participant.id))


def _writings(session, sequence_id) -> list[Writing]:
    return list(session.scalars(select(Writing).where(
        Writing.sequence_id == sequence_id, Writing.text != "").order_by(Writing.id)))
