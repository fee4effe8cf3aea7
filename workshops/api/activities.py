"""API: private writing, polls and the feedback form.

Question-board answers are cards (api/board.py, `kind: "answer"` with `sequence`).
"""
from flask import jsonify
from flask_wtf import FlaskForm

from workshops.api import bearer, body, bp, participant_workshop, staff_workshop
from workshops.extensions import db_session
from workshops.feedback_form import JsonData, answers_from, error_messages, form_class
from workshops.messages import message_for
from workshops.realtime import broadcast
from workshops.services.activities import feedback, polls, writing
from workshops.services.room.position import get_sequence
from workshops.services.base.errors import NotFound

BASE = "/v1/workshops/<code>"


def _reader(code):
    """(workshop, participant or None) for a participant of that workshop or one of its staff."""
    token = bearer() or ""
    if token.startswith("part_"):
        return participant_workshop(code)
    workshop, _role = staff_workshop(code)
    return workshop, None


# ---------------------------------------------------------------- individual writing

@bp.get(BASE + "/sequences/<int:sequence_id>/writing")
def writing_get_mine(code, sequence_id):
    workshop, participant = participant_workshop(code)
    get_sequence(db_session(), workshop, sequence_id, writing.ACTIVITY)
    mine = [w for w in writing.mine(db_session(), workshop, participant)
            if w["sequence"] == sequence_id]
    if not mine:
        raise NotFound("not_found")
    return jsonify(mine[0])


@bp.put(BASE + "/sequences/<int:sequence_id>/writing")
def writing_put_mine(code, sequence_id):
    workshop, participant = participant_workshop(code)
    row, events = writing.save(db_session(), workshop, participant, sequence_id,
                               body().get("text"))
    broadcast(events)
    return jsonify(writing.writing_dict(row))


@bp.get(BASE + "/sequences/<int:sequence_id>/writings")
def writing_list_revealed(code, sequence_id):
    """The texts, anonymous, once revealed (409 `not_revealed` before, for everyone)."""
    workshop, _participant = _reader(code)
    return jsonify(writing.texts(db_session(), workshop, sequence_id))


@bp.get(BASE + "/sequences/<int:sequence_id>/reveal")
def writing_get_reveal(code, sequence_id):
    workshop, _role = staff_workshop(code)
    sequence = get_sequence(db_session(), workshop, sequence_id, writing.ACTIVITY)
    return jsonify(writing.state(db_session(), sequence.id))


@bp.put(BASE + "/sequences/<int:sequence_id>/reveal")
def writing_put_reveal(code, sequence_id):
    workshop, _role = staff_workshop(code)
    state, events = writing.reveal(db_session(), workshop, sequence_id, body().get("revealed"))
    broadcast(events)
    return jsonify(state)


# ---------------------------------------------------------------- polls

@bp.get(BASE + "/polls")
def poll_list_results(code):
    workshop, _participant = _reader(code)
    return jsonify(polls.results(db_session(), workshop))


@bp.get(BASE + "/polls/<key>/vote")
def poll_get_my_vote(code, key):
    workshop, participant = participant_workshop(code)
    polls.definition(workshop, key)
    choices = polls.votes_of(db_session(), participant).get(key)
    if choices is None:
        raise NotFound("not_found")
    return jsonify(poll=key, choices=choices)


@bp.put(BASE + "/polls/<key>/vote")
def poll_put_my_vote(code, key):
    workshop, participant = participant_workshop(code)
    choices, events = polls.vote(db_session(), workshop, participant, key,
                                 body().get("choices"))
    broadcast(events)
    return jsonify(poll=key, choices=choices)


@bp.put(BASE + "/polls/<key>/state")
def poll_put_state(code, key):
    workshop, _role = staff_workshop(code)
    result, events = polls.set_open(db_session(), workshop, key, body().get("open"))
    broadcast(events)
    return jsonify(result)


# ---------------------------------------------------------------- feedback form

@bp.get(BASE + "/feedback")
def feedback_get_overview(code):
    """For organisers: the link's state and the summary of the answers."""
    workshop, _role = staff_workshop(code)
    session = db_session()
    return jsonify(status=feedback.status(session, workshop),
                   summary=feedback.summary(session, workshop))


@bp.patch(BASE + "/feedback")
def feedback_patch_settings(code):
    workshop, _role = staff_workshop(code)
    data = body()
    status, events = feedback.configure(db_session(), workshop, open_=data.get("open"),
                                        valid_days=data.get("valid_days"))
    broadcast(events)
    return jsonify(status)


@bp.get(BASE + "/feedback/answers/mine")
def feedback_get_mine(code):
    workshop, participant = participant_workshop(code)
    answers = feedback.answers_of(db_session(), workshop, _respondent(participant))
    if answers is None:
        raise NotFound("not_found")
    return jsonify(answers=answers)


@bp.put(BASE + "/feedback/answers/mine")
def feedback_put_mine(code):
    """Answers as JSON `{answers: {question key: value}}`, validated like the phone's form."""
    workshop, participant = participant_workshop(code)
    answers = body().get("answers")
    form = form_class(feedback.questions(workshop), base=FlaskForm)(
        formdata=JsonData(answers if isinstance(answers, dict) else {}), meta={"csrf": False})
    if not form.validate():
        return jsonify(error={"code": "invalid_answers", "message": message_for("invalid_answers"),
                              "fields": error_messages(form)}), 400
    created, events = feedback.save_answers(db_session(), workshop, _respondent(participant),
                                            answers_from(form))
    broadcast(events)
    return jsonify(answers=feedback.answers_of(db_session(), workshop,
                                               _respondent(participant))), 201 if created else 200


def _respondent(participant) -> str:
    return f"p{participant.id}"
