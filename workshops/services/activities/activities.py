"""What the screens need to run the activities beyond the boards: their snapshot parts.

The screens learn the current sequence from `state.sequence` / `state.activity` (agenda);
this part gives them what they need to run it, per viewer, and never another person's
private writing (see services/activities/writing.py).
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops.models import PollVote, Sequence, Workshop, Writing
from workshops.services.activities import feedback, polls, writing
from workshops.vocabulary import ROOM_ACTIVITIES


def sequence_info(sequence: Sequence) -> dict:
    return {"id": sequence.id, "activity": sequence.activity, "title": sequence.title,
            "question": sequence.question, "instructions": sequence.instructions,
            "poll": sequence.poll_key}


def sequences(session: Session, workshop: Workshop) -> list[Sequence]:
    return list(session.scalars(
        select(Sequence).where(Sequence.workshop_id == workshop.id, Sequence.activity.in_(ROOM_ACTIVITIES))
        .order_by(Sequence.day_id, Sequence.position)))


def shared_part(session, workshop, viewer) -> dict:
    """`activities`: sequences by id, polls with their counts, writing state, feedback link."""
    listed = sequences(session, workshop)
    return {"activities": {
        "sequences": {str(s.id): sequence_info(s) for s in listed},
        "polls": [r if viewer == "staff" else polls.masked(r)
                  for r in polls.results(session, workshop)],
        "my_votes": {},
        "writing": writing.snapshot(session, listed),
        "feedback": feedback.status(session, workshop),
    }}


# The columns naming a participant's own rows, for the snapshot's one probe (snapshot.py).
OWN_ROWS = (PollVote.participant_id, Writing.participant_id)


def personal_part(session, workshop, participant, has_rows: bool = True) -> dict:
    """One participant's own poll answers and writings."""
    if not has_rows:
        return {"activities": {"my_votes": {}, "writing": {"mine": []}}}
    return {"activities": {"my_votes": polls.votes_of(session, participant),
                           "writing": {"mine": writing.mine(session, workshop, participant)}}}

