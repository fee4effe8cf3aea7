"""Private writing, polls and the feedback form.

Question-board answers are cards (operations/board.py, `kind: "answer"` with `sequence`).
A participant's own writing travels only in the answer to its author: nothing about its
text is broadcast or logged before the reveal.
"""
from typing import Annotated

from flask_wtf import FlaskForm
from pydantic import Field

from workshops.feedback_form import JsonData, answers_from, error_messages, form_class
from workshops.operations import (PARTICIPANT, PROJECTION, STAFF, Caller, Event, Input,
                                  NoInput, OnError, Operation, Rest, as_is, checked_by_service)
from workshops.operations.openapi import many, ref
from workshops.services.activities import feedback, polls, writing
from workshops.services.activities.activities import sequence_info
from workshops.services.agenda import live_activities
from workshops.services.base.errors import NotFound, ServiceError
from workshops.services.room.position import get_sequence

BASE = "/v1/workshops/<code>"
SEQUENCE = {"sequence_id": "sequence"}
POLL = {"poll_key": "poll"}
ME = frozenset({PARTICIPANT})
READERS = frozenset({PARTICIPANT, PROJECTION}) | STAFF

SequenceId = Annotated[int | str | None, OnError("unknown_sequence"),
                       Field(description="the sequence's id")]
PollKey = Annotated[str | None, OnError("unknown_poll"),
                    Field(description="the poll's key in the workshop's format")]


class OfSequence(Input):
    sequence: SequenceId = None


class WritingText(Input):
    sequence: SequenceId = None
    text: Annotated[str | None, OnError("text_required"),
                    Field(description=f"at most {writing.TEXT_MAX} characters")] = None


class Reveal(Input):
    sequence: SequenceId = None
    revealed: Annotated[bool | None, OnError("invalid_revealed")] = None


class OfPoll(Input):
    poll: PollKey = None


class Ballot(Input):
    poll: PollKey = None
    choices: Annotated[checked_by_service({"type": "array", "items": {"type": "string"}}),
                       Field(description="the chosen options' keys (one for a single-choice "
                                         "poll)")] = None


class PollState(Input):
    poll: PollKey = None
    open: Annotated[bool | None, OnError("invalid_open")] = None


class PollShown(Input):
    poll: PollKey = None
    shown: Annotated[bool | None, OnError("invalid_shown")] = None


class NewActivity(Input):
    activity: Annotated[str | None, OnError("unknown_activity"),
                        Field(description="poll, question_board or individual_writing")] = None
    question: Annotated[str | None, OnError("question_required"),
                        Field(description=f"at most {polls.QUESTION_MAX} characters")] = None
    kind: Annotated[str | None, OnError("unknown_poll_kind"),
                    Field(description="a poll's kind: single, multiple, scale or words")] = None
    options: Annotated[checked_by_service({"type": "array", "items": {"type": "string"}}),
                       Field(description=f"a choice poll's answers: 2 to {polls.OPTIONS_MAX}, "
                                         f"at most {polls.OPTION_MAX} characters each")] = None
    results: Annotated[str | None, OnError("unknown_poll_results"),
                       Field(description="a poll's results: hidden (until revealed, the "
                                         "default) or live")] = "hidden"
    start: Annotated[bool | None, OnError("invalid_start"),
                     Field(description="make it current at once (and open the vote)")] = False


class FeedbackSettings(Input):
    open: Annotated[bool | None, OnError("invalid_open")] = None
    valid_days: Annotated[int | None,
                          OnError("invalid_valid_days", max=feedback.MAX_DAYS),
                          Field(description="how long the link stays open")] = None


class FeedbackAnswers(Input):
    answers: Annotated[checked_by_service({"type": "object"}),
                       Field(description="question key → answer, validated like the phone's "
                                         "form")] = None


def my_writing(caller: Caller, data: OfSequence):
    get_sequence(caller.session, caller.workshop, data.sequence, writing.ACTIVITY)
    mine = [w for w in writing.mine(caller.session, caller.workshop, caller.participant)
            if w["sequence"] == int(data.sequence)]
    if not mine:
        raise NotFound("not_found")
    return mine[0]


def save_writing(caller: Caller, data: WritingText):
    row, _events = writing.save(caller.session, caller.workshop, caller.participant,
                                data.sequence, data.text)
    return writing.writing_dict(row)


def revealed_texts(caller: Caller, data: OfSequence):
    return writing.texts(caller.session, caller.workshop, data.sequence)


def reveal_state(caller: Caller, data: OfSequence):
    sequence = get_sequence(caller.session, caller.workshop, data.sequence, writing.ACTIVITY)
    return writing.state(caller.session, sequence.id)


def reveal(caller: Caller, data: Reveal):
    state, _events = writing.reveal(caller.session, caller.workshop, data.sequence,
                                    data.revealed)
    return state


def poll_results(caller: Caller, _data: NoInput):
    found = polls.results(caller.session, caller.workshop)
    return found if caller.role in STAFF else [polls.masked(r) for r in found]


def my_vote(caller: Caller, data: OfPoll):
    polls.definition(caller.workshop, data.poll)
    choices = polls.votes_of(caller.session, caller.participant).get(data.poll)
    if choices is None:
        raise NotFound("not_found")
    return {"poll": data.poll, "choices": choices}


def vote(caller: Caller, data: Ballot):
    choices, _events = polls.vote(caller.session, caller.workshop, caller.participant,
                                  data.poll, data.choices)
    return {"poll": data.poll, "choices": choices}


def open_poll(caller: Caller, data: PollState):
    result, _events = polls.set_open(caller.session, caller.workshop, data.poll, data.open)
    return result


def reveal_poll(caller: Caller, data: PollShown):
    result, _events = polls.set_shown(caller.session, caller.workshop, data.poll, data.shown)
    return result


def create_activity(caller: Caller, data: NewActivity):
    sequence, poll, _events = live_activities.create(
        caller.session, caller.workshop, data.activity, data.question, kind=data.kind,
        options=data.options, results=data.results, start=bool(data.start))
    return {"sequence": sequence_info(sequence), "poll": poll}


def feedback_overview(caller: Caller, _data: NoInput):
    return {"status": feedback.status(caller.session, caller.workshop),
            "summary": feedback.summary(caller.session, caller.workshop)}


def configure_feedback(caller: Caller, data: FeedbackSettings):
    status, _events = feedback.configure(caller.session, caller.workshop, open_=data.open,
                                         valid_days=data.valid_days)
    return status


def feedback_summary(caller: Caller, _data: NoInput):
    return feedback.summary(caller.session, caller.workshop)


def _respondent(caller: Caller) -> str:
    return f"p{caller.participant.id}"


def my_answers(caller: Caller, _data: NoInput):
    answers = feedback.answers_of(caller.session, caller.workshop, _respondent(caller))
    if answers is None:
        raise NotFound("not_found")
    return {"answers": answers}


def answer_feedback(caller: Caller, data: FeedbackAnswers):
    """Validated like the phone's form; 400 `invalid_answers` with each field's message."""
    answers = data.answers if isinstance(data.answers, dict) else {}
    form = form_class(feedback.questions(caller.workshop), base=FlaskForm)(
        formdata=JsonData(answers), meta={"csrf": False})
    if not form.validate():
        raise ServiceError("invalid_answers", details={"fields": error_messages(form)})
    created, _events = feedback.save_answers(caller.session, caller.workshop,
                                             _respondent(caller), answers_from(form))
    return {"answers": feedback.answers_of(caller.session, caller.workshop,
                                           _respondent(caller))}, created


def _stored(result):
    answers, created = result
    return answers, 201 if created else 200


OPERATIONS = (
    Operation(
        "writing.mine", ME, OfSequence, my_writing, "One's own text for a writing sequence",
        output="Writing",
        rest=(Rest("GET", BASE + "/sequences/<int:sequence_id>/writing", "One's own text",
                   fields=SEQUENCE),)),
    Operation(
        "writing.save", ME, WritingText, save_writing,
        "Write or rewrite one's own text (until the reveal)", output="Writing",
        emits=("writing_count",), errors=(409,),
        rest=(Rest("PUT", BASE + "/sequences/<int:sequence_id>/writing", "Write one's text",
                   fields=SEQUENCE),),
        events=(Event("writing:save", lambda saved: {"writing": saved},
                      "`{writing: {id, sequence, text}}` — to the author's socket only",
                      data="`{sequence, text}` (empty text withdraws it)"),)),
    Operation(
        "writing.texts", READERS, OfSequence, revealed_texts,
        "The texts, anonymous, once revealed (409 `not_revealed` before, for everyone)",
        output=many("Writing"), errors=(409,),
        rest=(Rest("GET", BASE + "/sequences/<int:sequence_id>/writings",
                   "The texts, anonymous, once revealed", fields=SEQUENCE),),
        events=(Event("writing:texts", lambda texts: {"texts": texts},
                      "`{texts: [{id, sequence, text}]}`; `not_revealed` before"),)),
    Operation(
        "writing.reveal_state", STAFF, OfSequence, reveal_state,
        "Whether the texts are revealed, and how many", output="WritingState",
        rest=(Rest("GET", BASE + "/sequences/<int:sequence_id>/reveal", "The reveal's state",
                   fields=SEQUENCE),)),
    Operation(
        "writing.reveal", STAFF, Reveal, reveal, "Reveal the texts to the room, or hide them",
        output="WritingState", emits=("writing_reveal",),
        rest=(Rest("PUT", BASE + "/sequences/<int:sequence_id>/reveal", "Reveal or hide",
                   fields=SEQUENCE),),
        events=(Event("writing:reveal", lambda state: {"state": state},
                      "`{state: {sequence, revealed, count}}`",
                      data="`{sequence, revealed: true|false}`"),)),
    Operation(
        "poll.results", READERS, NoInput, poll_results, "Every poll's results",
        output=many("PollResult"),
        rest=(Rest("GET", BASE + "/polls", "Every poll's results"),)),
    Operation(
        "poll.my_vote", ME, OfPoll, my_vote, "One's own vote", output="Vote",
        rest=(Rest("GET", BASE + "/polls/<poll_key>/vote", "One's own vote", fields=POLL),)),
    Operation(
        "poll.vote", ME, Ballot, vote, "Vote, or change one's vote while the poll is open",
        output="Vote", emits=("poll",), errors=(409,),
        rest=(Rest("PUT", BASE + "/polls/<poll_key>/vote", "Vote", fields=POLL),),
        events=(Event("poll:vote", as_is, "`{poll, choices}`",
                      data='`{poll: key, choices: [option keys]}` (`"1"`…`"5"` for a scale; '
                           'a bare value is accepted)'),)),
    Operation(
        "poll.open", STAFF, PollState, open_poll, "Open or close a poll",
        output="PollResult", emits=("poll",),
        rest=(Rest("PUT", BASE + "/polls/<poll_key>/state", "Open or close a poll", fields=POLL),),
        events=(Event("poll:open", lambda result: {"poll": result}, "`{poll: result}`",
                      data="`{poll: key, open: true|false}`"),)),
    Operation(
        "poll.reveal", STAFF, PollShown, reveal_poll,
        "Show the results to the room, or hide them until revealed", output="PollResult",
        emits=("poll",),
        rest=(Rest("PUT", BASE + "/polls/<poll_key>/reveal", "Reveal or hide the results",
                   fields=POLL),),
        events=(Event("poll:reveal", lambda result: {"poll": result}, "`{poll: result}`",
                      data="`{poll: key, shown: true|false}`"),)),
    Operation(
        "activity.create", STAFF, NewActivity, create_activity,
        "Make a poll, a question board or a private writing during the day: inserted after "
        "the current sequence, and made current at once with `start`",
        output={"type": "object", "properties": {
            "sequence": {"type": "object", "description": "`{id, activity, title, question, "
                                                          "instructions, poll}`"},
            "poll": {"allOf": [ref("PollResult")], "nullable": True,
                     "description": "the poll's result (null for the other activities)"}}},
        emits=("sequence", "poll", "state", "agenda"),
        rest=(Rest("POST", BASE + "/activities", "Make an activity during the day",
                   status=201, responses={201: "Made"}),),
        events=(Event("activity:create", as_is, "`{sequence, poll}`",
                      data="`{activity, question, kind?, options?, results?, start?}`"),)),
    Operation(
        "feedback.overview", STAFF, NoInput, feedback_overview,
        "The feedback link's state and the summary of the answers",
        output={"type": "object", "properties": {"status": ref("FeedbackStatus"),
                                                 "summary": ref("FeedbackSummary")}},
        rest=(Rest("GET", BASE + "/feedback", "The link's state and the answers' summary"),)),
    Operation(
        "feedback.configure", STAFF, FeedbackSettings, configure_feedback,
        "Open or close the feedback form, for how many days", output="FeedbackStatus",
        emits=("feedback",),
        rest=(Rest("PATCH", BASE + "/feedback", "Open or close the feedback form"),),
        events=(Event("feedback:configure", lambda status: {"feedback": status},
                      "`{feedback: status}`", data="`{open?, valid_days?}`"),)),
    Operation(
        "feedback.summary", STAFF, NoInput, feedback_summary, "The answers' summary",
        output="FeedbackSummary",
        events=(Event("feedback:summary", lambda found: {"summary": found}, "`{summary}`"),)),
    Operation(
        "feedback.mine", ME, NoInput, my_answers, "One's own answers",
        rest=(Rest("GET", BASE + "/feedback/answers/mine", "One's own answers"),)),
    Operation(
        "feedback.answer", ME, FeedbackAnswers, answer_feedback,
        "Answer the feedback form (or replace one's answers)", errors=(409,),
        rest=(Rest("PUT", BASE + "/feedback/answers/mine", "Answer the feedback form",
                   reply=_stored, responses={201: "Stored", 200: "Replaced"}),)),
)
