"""The restitution's screens of a day being looked back on, one provider per kind of content
(listed in order by services.agenda.restitution.PROVIDERS): the cover, the axis boards, the
question boards, the revealed writings, the polls and the feedback form.

Only what the room may see: hidden cards and answers and unrevealed writings stay out.
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops.models import Card, Day, Sequence, Workshop
from workshops.services.activities import feedback, polls, writing
from workshops.services.board.ranking import ranked

ITEMS_PER_SECTION = 6  # readable from the back of the room


def _top(cards: list[Card]) -> tuple[list[dict], int]:
    """The best ranked cards a section shows, and how many more there are."""
    items = [{"text": c.text, "count": c.supports, "verbatim": c.verbatim}
             for c in ranked(cards)[:ITEMS_PER_SECTION]]
    return items, max(0, len(cards) - ITEMS_PER_SECTION)


def _day_sequences(session, day, activity) -> list[Sequence]:
    return list(session.scalars(select(Sequence).where(
        Sequence.day_id == day.id, Sequence.activity == activity).order_by(Sequence.position)))


def cover(session: Session, workshop: Workshop, day: Day) -> list[dict]:
    return [{"kind": "cover", "title": day.title, "subtitle": workshop.title,
             "sections": [{"title": "", "items": [{"text": s.title} for s in day.sequences
                                                   if s.activity != "feedback_form"]}]}]


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
        levers, more_levers = _top([c for c in cards if c.kind == "lever"])
        limits, more_limits = _top([c for c in cards if c.kind == "limit"])
        found.append({
            "kind": "axis", "title": axis.title,
            "number": workshop.axes.index(axis) + 1, "total": len(workshop.axes),
            "sections": [  # titled by the screen in the reader's language, from their kind
                {"title": "", "kind": "lever", "items": levers, "more": more_levers},
                {"title": "", "kind": "limit", "items": limits, "more": more_limits},
            ],
        })
    return found


def question_boards(session, workshop, day) -> list[dict]:
    """One screen per question with answers: most supported first."""
    found = []
    for sequence in _day_sequences(session, day, "question_board"):
        cards = list(session.scalars(select(Card).where(
            Card.sequence_id == sequence.id, Card.hidden.is_(False))))
        if cards:
            items, more = _top(cards)
            found.append({"kind": "question", "title": sequence.question or sequence.title,
                          "subtitle": sequence.title,
                          "sections": [{"title": "", "kind": "answer", "items": items,
                                        "more": more}]})
    return found


def revealed_writings(session, workshop, day) -> list[dict]:
    """One screen per individual-writing sequence, only if its texts were revealed."""
    found = []
    for sequence in _day_sequences(session, day, writing.ACTIVITY):
        if not writing.is_revealed(session, sequence.id):
            continue
        texts = writing.texts(session, workshop, sequence.id)
        if texts:
            found.append({"kind": "writing", "title": sequence.question or sequence.title,
                          "subtitle": sequence.title,
                          "sections": [{"title": "", "kind": "writing",
                                        "items": [{"text": t["text"]} for t in
                                                  texts[:ITEMS_PER_SECTION]],
                                        "more": max(0, len(texts) - ITEMS_PER_SECTION)}]})
    return found


def poll_results(session, workshop, day) -> list[dict]:
    """One bar chart per poll the day ran (once each), if anyone answered."""
    keys = []
    for sequence in _day_sequences(session, day, "poll"):
        if sequence.poll_key and sequence.poll_key not in keys:
            keys.append(sequence.poll_key)
    by_key = {r["key"]: r for r in polls.results(session, workshop)}
    return [{"kind": "poll", "title": by_key[k]["question"], "total": by_key[k]["total"],
             "average": by_key[k].get("average"),
             "bars": [{"label": o["label"], "count": o["count"]} for o in by_key[k]["options"]]}
            for k in keys if k in by_key and by_key[k]["total"]]


def feedback_form(session, workshop, day) -> list[dict]:
    """If the day had the feedback form: one bar chart per choice or scale question, then
    one screen with the first answers to the open questions."""
    if not _day_sequences(session, day, "feedback_form"):
        return []
    summary = feedback.summary(session, workshop)
    if not summary["answers_count"]:
        return []
    found, texts = [], []
    for question in summary["questions"]:
        if question["kind"] in ("text", "textarea"):
            if question["texts"]:
                texts.append({"title": question["label"], "kind": "text",
                              "items": [{"text": t} for t in question["texts"][:ITEMS_PER_SECTION]],
                              "more": max(0, len(question["texts"]) - ITEMS_PER_SECTION)})
        else:
            found.append({"kind": "feedback", "title": question["label"],
                          "subtitle": summary["title"], "total": summary["answers_count"],
                          "average": question["average"], "scale": question["kind"] == "scale",
                          "bars": [{"label": c["label"], "count": c["count"]}
                                   for c in question["counts"]]})
    if texts:
        found.append({"kind": "feedback", "title": summary["title"],
                      "total": summary["answers_count"], "sections": texts})
    return found
