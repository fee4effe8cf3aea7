"""Restitution: the projection walks through the synthesis of an earlier day, screen by screen.

Screens come from providers, one per kind of content, registered with `@provider`:
`fn(session, workshop, day) -> list[screen]`. This module provides the cover and the
axis boards (levers most supported first, then the « Oui, mais… »); the poll, form and
question activities register their own providers from their modules, so nothing here
has to know them. A screen is plain data the projection knows how to draw:

    {"kind": str, "title": str, "subtitle": str?,
     "sections": [{"title": str, "kind": str?, "items": [{"text": str, "count": int?}],
                   "more": int?}]?,      # kind "lever"/"limit": the screen names the column
     "bars": [{"label": str, "count": int}]?}

Only what the whole room may see goes in a screen (never unrevealed private writing).
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops.models import Card, Day, Sequence, Workshop
from workshops.services import events
from workshops.services.errors import ServiceError

PROVIDERS: list = []
ITEMS_PER_SECTION = 6  # readable from the back of the room


def provider(fn):
    """Register a screen provider (decorator); providers run in registration order."""
    if fn not in PROVIDERS:
        PROVIDERS.append(fn)
    return fn


def day_shown(session: Session, workshop: Workshop) -> Day | None:
    """The day the current restitution sequence looks back on, if one is running."""
    from workshops.services.agenda import current

    _day, sequence = current(session, workshop)
    if sequence is None or sequence.activity != "restitution" or sequence.restitution_of is None:
        return None
    return session.scalar(select(Day).where(Day.workshop_id == workshop.id,
                                            Day.position == sequence.restitution_of))


def screens(session: Session, workshop: Workshop, day: Day) -> list[dict]:
    # The activities' screens register themselves on import; imported here, not at the top,
    # because they build on services (cards, writing) that build on this module's callers.
    from workshops.services import activity_restitution  # noqa: F401

    found = []
    for fn in [cover, *PROVIDERS]:
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


def cover(session: Session, workshop: Workshop, day: Day) -> list[dict]:
    return [{"kind": "cover", "title": day.title, "subtitle": workshop.title,
             "sections": [{"title": "", "items": [{"text": s.title} for s in day.sequences
                                                   if s.activity != "feedback_form"]}]}]


def _ranked(cards: list[Card]) -> tuple[list[dict], int]:
    ranked = sorted(cards, key=lambda c: (-c.supports, -int(c.verbatim), c.id))
    items = [{"text": c.text, "count": c.supports, "verbatim": c.verbatim}
             for c in ranked[:ITEMS_PER_SECTION]]
    return items, max(0, len(ranked) - ITEMS_PER_SECTION)


@provider
def axis_boards(session: Session, workshop: Workshop, day: Day) -> list[dict]:
    """One screen per axis the day's boards covered (with cards): levers, then limits."""
    keys: list[str] = []
    covered_all = False
    for sequence in session.scalars(select(Sequence).where(
            Sequence.day_id == day.id, Sequence.activity == "axis_board")):
        if not sequence.axis_keys:
            covered_all = True
        else:
            keys.extend(k for k in sequence.axis_keys if k not in keys)
    axes = [a for a in workshop.axes if covered_all or a.key in keys]
    found = []
    for axis in axes:
        cards = list(session.scalars(select(Card).where(
            Card.axis_id == axis.id, Card.hidden.is_(False))))
        if not cards:
            continue
        levers, more_levers = _ranked([c for c in cards if c.kind == "lever"])
        limits, more_limits = _ranked([c for c in cards if c.kind == "limit"])
        found.append({
            "kind": "axis", "title": axis.title,
            "number": workshop.axes.index(axis) + 1, "total": len(workshop.axes),
            "sections": [  # titled by the screen in the reader's language, from their kind
                {"title": "", "kind": "lever", "items": levers, "more": more_levers},
                {"title": "", "kind": "limit", "items": limits, "more": more_limits},
            ],
        })
    return found
