"""The activity services on their own (no HTTP, no socket): what they store and what they emit."""
from datetime import timedelta

import pytest

from tests.activity_helpers import sequence_id, use_platforms_format
from workshops.db import utcnow
from workshops.models import Participant, Workshop
from workshops.services.activities import feedback, polls, writing
from workshops.services.base.errors import Conflict, ServiceError


def participant(session, room, **fields):
    pid, _headers, _token = room.join(**fields)
    return session.get(Participant, pid)


def test_a_repeated_vote_stores_nothing_new_and_emits_nothing(room, session):
    use_platforms_format(room)
    workshop = session.get(Workshop, room.workshop.id)
    voter = participant(session, room)
    polls.set_open(session, workshop, "positionnement", True)
    choices, first = polls.vote(session, workshop, voter, "positionnement", ["integration"])
    again, second = polls.vote(session, workshop, voter, "positionnement", "integration")
    assert choices == again == ["integration"] and len(first) == 1 and second == []
    _, changed = polls.vote(session, workshop, voter, "positionnement", ["aucune"])
    assert changed[0].payload["total"] == 1
    result = polls.results(session, workshop)[0]
    assert {o["key"]: o["count"] for o in result["options"]}["aucune"] == 1
    assert polls.votes_of(session, voter) == {"positionnement": ["aucune"]}


def test_reveal_twice_records_one_event_and_never_a_text(room, session):
    workshop = session.get(Workshop, room.workshop.id)
    sequence = sequence_id(room, "individual_writing")
    writer = participant(session, room)
    _row, saved = writing.save(session, workshop, writer, sequence, "Secret du jour")
    _state, first = writing.reveal(session, workshop, sequence, True)
    state, second = writing.reveal(session, workshop, sequence, True)
    assert state == {"sequence": sequence, "revealed": True, "count": 1} and second == []
    assert all("Secret du jour" not in str(e.payload) for e in saved + first)
    with pytest.raises(Conflict):
        writing.save(session, workshop, writer, sequence, "Trop tard")
    with pytest.raises(ServiceError):
        writing.reveal(session, workshop, sequence, "yes")


def test_feedback_answers_are_checked_against_the_format_and_the_window(room, session):
    workshop = session.get(Workshop, room.workshop.id)
    with pytest.raises(Conflict):  # never opened
        feedback.save_answers(session, workshop, "device-a", {"satisfaction": "3", "revenir": "Oui"})
    feedback.configure(session, workshop, open_=True, valid_days=2)
    with pytest.raises(ServiceError) as bad:
        feedback.save_answers(session, workshop, "device-a", {"satisfaction": "3", "revenir": "Jamais"})
    assert bad.value.code == "invalid_answers"
    with pytest.raises(ServiceError) as missing:
        feedback.save_answers(session, workshop, "device-a", {"satisfaction": "3"})
    assert missing.value.code == "answer_required"
    created, recorded = feedback.save_answers(session, workshop, "device-a",
                                              {"satisfaction": "3", "revenir": "Oui", "extra": "x"})
    assert created and recorded[0].type == "feedback_count"
    assert feedback.answers_of(session, workshop, "device-a") == {"satisfaction": "3", "revenir": "Oui"}
    later = utcnow() + timedelta(days=2, minutes=1)
    with pytest.raises(Conflict):
        feedback.save_answers(session, workshop, "device-a", {"satisfaction": "5", "revenir": "Oui"},
                              now=later)
    assert feedback.status(session, workshop, now=later)["open"] is False
