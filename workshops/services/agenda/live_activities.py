"""Activities made from the console during the day, without touching the format's file.

A poll (single or multiple choice, 1–5 scale, word cloud), a question board or a private
writing, stored like the planned ones: a poll joins the workshop's polls with a new key
(polls.create), and its sequence is inserted in the agenda right after the current one
(agenda_edit.replace, the organiser's own path), so it is in the programme, the next day's
restitution and the booklet like any other. `start` also makes it current at once (and
opens a poll's vote), as « Lancer maintenant » does; before the programme has started, without
opening the first day (`agenda.run_now`).

Phones learn a sequence made after their snapshot from the `sequence` event, sent before
the room moves to it.
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops.db import utcnow
from workshops.models import Sequence, Workshop
from workshops.services.activities import polls
from workshops.services.activities.activities import sequence_info
from workshops.services.agenda import agenda, agenda_edit
from workshops.services.base import events
from workshops.services.base.errors import ServiceError
from workshops.services.room.position import current

ACTIVITIES = ("poll", "question_board", "individual_writing")
TITLE_MAX = 80  # a longer question is cut (at a word) for the programme's title
MINUTES = 5  # planned time of an activity made on the spot


def create(session: Session, workshop: Workshop, activity, question, kind=None, options=None,
           results="hidden", start=False) -> tuple[Sequence, dict | None, list]:
    """Make the activity and insert its sequence after the current one. Returns (sequence,
    the poll's result or None, the room's events)."""
    if activity not in ACTIVITIES:
        raise ServiceError("unknown_activity")
    if not isinstance(start, bool):
        raise ServiceError("invalid_start")
    poll = polls.create(workshop, question, kind, options, results) if activity == "poll" \
        else None
    question = poll["question"] if poll else polls.clean_question(question)
    item = {"title": _title(question), "activity": activity, "minutes": MINUTES,
            "instructions": "", "question": "" if poll else question,
            "poll": poll["key"] if poll else None}
    days = agenda.agenda_dict(session, workshop)["days"]
    day_index, position = _after_current(session, workshop, days)
    days[day_index]["sequences"].insert(position, item)
    changed = agenda_edit.replace(session, workshop, days)
    sequence = session.scalar(select(Sequence).where(
        Sequence.day_id == days[day_index]["id"], Sequence.position == position))
    changed.append(events.record(session, workshop, "sequence", sequence_info(sequence)))
    result = None
    if poll:
        row = polls.row(session, workshop, poll["key"])
        if start:
            row.open, row.opened_at = True, utcnow()
        changed += polls.record(session, workshop, poll, row)
        result = polls.result(session, workshop, poll, row)
    if start:
        changed += agenda.run_now(session, workshop, sequence)
    else:
        session.commit()
    return sequence, result, changed


def _title(question: str) -> str:
    if len(question) <= TITLE_MAX:
        return question
    return question[:TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"


def _after_current(session, workshop, days) -> tuple[int, int]:
    """(day index, position) right after the current sequence; at the start of the current
    day during its welcome; at the start of the first day before the agenda opened."""
    if not days:
        raise ServiceError("agenda_empty")
    day, sequence = current(session, workshop)
    for i, item in enumerate(days):
        if day is not None and item["id"] == day.id:
            ids = [s["id"] for s in item["sequences"]]
            return i, (ids.index(sequence.id) + 1 if sequence and sequence.id in ids else 0)
    return 0, 0

