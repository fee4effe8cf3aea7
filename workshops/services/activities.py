"""What the activities beyond the axis board share: finding their sequence, and their snapshot part.

The screens learn the current sequence from `state.sequence` / `state.activity` (agenda);
this part gives them what they need to run it, per viewer, and never another person's
private writing (see services/writing.py).
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops.models import Sequence, Workshop
from workshops.services.errors import ServiceError

# The activities this module serves (the axis board, group drafting and restitution live elsewhere).
KINDS = ("question_board", "individual_writing", "poll", "feedback_form")


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


def sequence_info(sequence: Sequence) -> dict:
    return {"id": sequence.id, "activity": sequence.activity, "title": sequence.title,
            "question": sequence.question, "instructions": sequence.instructions,
            "poll": sequence.poll_key}


def sequences(session: Session, workshop: Workshop) -> list[Sequence]:
    return list(session.scalars(
        select(Sequence).where(Sequence.workshop_id == workshop.id, Sequence.activity.in_(KINDS))
        .order_by(Sequence.day_id, Sequence.position)))


def shared_part(session, workshop, viewer) -> dict:
    """`activities`: sequences by id, polls with their counts, writing state, feedback link."""
    from workshops.services import feedback, polls, writing

    return {"activities": {
        "sequences": {str(s.id): sequence_info(s) for s in sequences(session, workshop)},
        "polls": polls.results(session, workshop),
        "my_votes": {},
        "writing": writing.snapshot(session, workshop),
        "feedback": feedback.status(session, workshop),
    }}


def personal_part(session, workshop, participant) -> dict:
    """One participant's own poll answers and writings."""
    from workshops.services import polls, writing

    return {"activities": {"my_votes": polls.votes_of(session, participant),
                           "writing": {"mine": writing.mine(session, workshop, participant)}}}

