"""Restitution screens for the question boards, revealed writings, polls and feedback form
of the day being looked back on (registered with services.restitution.provider).

Only what the room may see: hidden answers and unrevealed writings stay out.
"""
from sqlalchemy import select

from workshops.models import Card, Sequence
from workshops.services import feedback, polls, writing
from workshops.services.restitution import ITEMS_PER_SECTION, _ranked, provider


def _day_sequences(session, day, activity) -> list[Sequence]:
    return list(session.scalars(select(Sequence).where(
        Sequence.day_id == day.id, Sequence.activity == activity).order_by(Sequence.position)))


@provider
def question_boards(session, workshop, day) -> list[dict]:
    """One screen per question with answers: most supported first."""
    found = []
    for sequence in _day_sequences(session, day, "question_board"):
        cards = list(session.scalars(select(Card).where(
            Card.sequence_id == sequence.id, Card.hidden.is_(False))))
        if cards:
            items, more = _ranked(cards)
            found.append({"kind": "question", "title": sequence.question or sequence.title,
                          "subtitle": sequence.title,
                          "sections": [{"title": "", "kind": "answer", "items": items,
                                        "more": more}]})
    return found


@provider
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


@provider
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


@provider
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
                          "average": question["average"],
                          "bars": [{"label": c["label"], "count": c["count"]}
                                   for c in question["counts"]]})
    if texts:
        found.append({"kind": "feedback", "title": summary["title"],
                      "total": summary["answers_count"], "sections": texts})
    return found
