"""Restitution: the projection walks through the synthesis of an earlier day, screen by screen.

The screens come from the providers listed in `PROVIDERS` (services/agenda/restitution_screens.py),
one per kind of content, in the order the room sees them: `fn(session, workshop, day) ->
list[screen]`. A screen is plain data the projection knows how to draw:

    {"kind": str, "title": str, "subtitle": str?,
     "sections": [{"title": str, "kind": str?, "items": [{"text": str, "count": int?}],
                   "more": int?}]?,      # kind "lever"/"limit": the screen names the column
     "bars": [{"label": str, "count": int}]?}

Only what the whole room may see goes in a screen (never unrevealed private writing).
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops.models import Day, Workshop
from workshops.services.agenda import restitution_screens as provided
from workshops.services.base import events
from workshops.services.base.errors import ServiceError
from workshops.services.room.position import current

PROVIDERS = (provided.cover, provided.axis_boards, provided.question_boards,
             provided.revealed_writings, provided.poll_results, provided.feedback_form)


def day_shown(session: Session, workshop: Workshop) -> Day | None:
    """The day the current restitution sequence looks back on, if one is running."""
    _day, sequence = current(session, workshop)
    if sequence is None or sequence.activity != "restitution" or sequence.restitution_of is None:
        return None
    return session.scalar(select(Day).where(Day.workshop_id == workshop.id,
                                            Day.position == sequence.restitution_of))


def screens(session: Session, workshop: Workshop, day: Day) -> list[dict]:
    found = []
    for fn in PROVIDERS:
        found.extend(fn(session, workshop, day))
    return found


def payload(session: Session, workshop: Workshop) -> dict | None:
    """What the room sees: the current screen, its index and how many there are."""
    day = day_shown(session, workshop)
    if day is None:
        return None
    found = screens(session, workshop, day)
    index = min(max(workshop.restitution_screen or 0, 0), len(found) - 1)
    return {"day": day.id, "day_title": day.title, "index": index, "count": len(found),
            "screen": found[index]}


def goto(session: Session, workshop: Workshop, index) -> list:
    """Show screen `index` (0-based) of the running restitution."""
    day = day_shown(session, workshop)
    if day is None:
        raise ServiceError("no_restitution")
    count = len(screens(session, workshop, day))
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count:
        raise ServiceError("unknown_screen", max=count)
    workshop.restitution_screen = index
    event = events.record(session, workshop, "restitution", payload(session, workshop))
    session.commit()
    return [event]
