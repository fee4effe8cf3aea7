"""Polls and positioning: single choice, multiple choice, a 1–5 scale or a word cloud.

Polls are defined in the format (workshop.format_data["polls"], by key; the console adds
some during the day, `create`); a `Poll` row holds the live state (open or closed, results
shown or not), created when first needed. One `PollVote` row per (poll, participant),
updated in place: re-sending, reconnecting or changing one's mind never adds a second
answer. Every change sends the poll's new counts (`poll` event) to the room.

A word cloud's answer is up to WORDS_PER_PERSON short words; they are counted by their
normalised form (lower case, no accents, no punctuation around), shown in their most
frequent spelling, the WORDS_SHOWN most frequent only.

Results are shown while people vote (`results: live`, the default of planned polls) or
hidden until the facilitator reveals them (`results: hidden`, the default of polls made
from the console). Hidden, the room's `poll` event carries no count (only how many
answered), and the staff get the counts in a second `poll` event of their own.
"""
import unicodedata
from collections import Counter

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshops.db import utcnow
from workshops.formats.model import POLL_KINDS, POLL_RESULTS
from workshops.models import Participant, Poll, PollVote, Workshop
from workshops.services.base import events
from workshops.services.base.errors import Conflict, ServiceError

SCALE = ("1", "2", "3", "4", "5")
WORDS_PER_PERSON, WORD_MAX, WORDS_SHOWN = 3, 30, 50
KEY_PREFIX = "live-"  # polls made from the console: live-1, live-2…
QUESTION_MAX, OPTION_MAX, OPTIONS_MAX = 300, 80, 8


def definitions(workshop: Workshop) -> list[dict]:
    return [p for p in workshop.format_data.get("polls") or [] if isinstance(p, dict)]


def definition(workshop: Workshop, key) -> dict:
    for poll in definitions(workshop):
        if poll.get("key") == key:
            return poll
    raise ServiceError("unknown_poll")


def create(workshop: Workshop, question, kind, options, results="hidden") -> dict:
    """Add a poll to the workshop's polls (not committed: the agenda's change that shows it
    commits). Returns its definition, with a new key."""
    question = clean_question(question)
    if kind not in POLL_KINDS:
        raise ServiceError("unknown_poll_kind")
    if results not in POLL_RESULTS:
        raise ServiceError("unknown_poll_results")
    poll = {"key": _new_key(workshop), "question": question, "kind": kind, "results": results}
    if kind in ("single", "multiple"):
        if not isinstance(options, list):
            raise ServiceError("too_few_options", min=2)
        labels = [_short_text(o, OPTION_MAX, "option_required", "option_too_long")
                  for o in options if not (isinstance(o, str) and not o.strip())]
        if len(labels) < 2:
            raise ServiceError("too_few_options", min=2)
        if len(labels) > OPTIONS_MAX:
            raise ServiceError("too_many_options", max=OPTIONS_MAX)
        if len({_normal(label) for label in labels}) < len(labels):
            raise ServiceError("duplicate_option")
        poll["options"] = [{"key": f"o{i}", "label": label} for i, label in enumerate(labels, 1)]
    workshop.format_data = {**workshop.format_data,
                            "polls": [*(workshop.format_data.get("polls") or []), poll]}
    return poll


def _new_key(workshop: Workshop) -> str:
    taken = {p.get("key") for p in definitions(workshop)}
    n = len(taken) + 1
    while f"{KEY_PREFIX}{n}" in taken:
        n += 1
    return f"{KEY_PREFIX}{n}"


def clean_question(question) -> str:
    return _short_text(question, QUESTION_MAX, "question_required", "question_too_long")


def _short_text(value, maximum: int, required: str, too_long: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ServiceError(required)
    value = " ".join(value.split())
    if len(value) > maximum:
        raise ServiceError(too_long, max=maximum)
    return value


def _normal(word: str) -> str:
    """A word's counted form: lower case, no accents, no punctuation around it."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word.casefold())
                    if not unicodedata.combining(c))
    return " ".join(plain.strip(".,;:!?'\"«»()[]-–—…").split())


def shown(poll_def: dict, poll: Poll | None) -> bool:
    """Whether the room sees the results now."""
    if poll is not None and poll.shown is not None:
        return poll.shown
    return poll_def.get("results") != "hidden"


def option_keys(poll: dict) -> list[str]:
    if poll["kind"] == "scale":
        return list(SCALE)
    return [o["key"] for o in poll.get("options") or []]


def option_labels(poll: dict) -> list[tuple[str, str, str]]:
    """(key, label, description) of each option."""
    if poll["kind"] == "scale":
        return [(k, k, "") for k in SCALE]
    return [(o["key"], o["label"], o.get("description") or "") for o in poll.get("options") or []]


def vote(session: Session, workshop: Workshop, participant: Participant, key, choices):
    """Record or change the participant's answer. Returns (choices, events).

    `choices` is a list of option keys (one for "single" and "scale", one or more distinct
    for "multiple"); a bare string or number is taken as a one-item list.
    """
    poll_def = definition(workshop, key)
    choices = _clean_words(choices) if poll_def["kind"] == "words" \
        else _clean_choices(poll_def, choices)
    poll = row(session, workshop, poll_def["key"])
    if not poll.open:
        raise Conflict("poll_closed")
    existing = _vote_of(session, poll, participant)
    if existing is not None and existing.choices == choices:
        return choices, []  # a re-send: nothing changes, nothing to tell
    if existing is None:
        existing = PollVote(poll_id=poll.id, participant_id=participant.id, choices=choices)
        session.add(existing)
        try:
            session.flush()
        except IntegrityError:  # the same phone voted on two connections at once
            session.rollback()
            poll = row(session, workshop, poll_def["key"])
            existing = _vote_of(session, poll, participant)
    existing.choices = choices
    changed = record(session, workshop, poll_def, poll)
    session.commit()
    return choices, changed


def set_open(session: Session, workshop: Workshop, key, open_):
    """Staff: open or close a poll. Closed polls keep their answers. Returns (result, events)."""
    poll_def = definition(workshop, key)
    if not isinstance(open_, bool):
        raise ServiceError("invalid_open")
    poll = row(session, workshop, poll_def["key"])
    if poll.open == open_:
        return result(session, workshop, poll_def, poll), []
    poll.open = open_
    if open_:
        poll.opened_at, poll.closed_at = poll.opened_at or utcnow(), None
    else:
        poll.closed_at = utcnow()
    changed = record(session, workshop, poll_def, poll)
    session.commit()
    return result(session, workshop, poll_def, poll), changed


def set_shown(session: Session, workshop: Workshop, key, shown_):
    """Staff: reveal the results to the room, or hide them again. Returns (result, events)."""
    poll_def = definition(workshop, key)
    if not isinstance(shown_, bool):
        raise ServiceError("invalid_shown")
    poll = row(session, workshop, poll_def["key"])
    if shown(poll_def, poll) == shown_:
        return result(session, workshop, poll_def, poll), []
    poll.shown = shown_
    changed = record(session, workshop, poll_def, poll)
    session.commit()
    return result(session, workshop, poll_def, poll), changed


def record(session: Session, workshop: Workshop, poll_def: dict, poll: Poll | None) -> list:
    """The room's `poll` event(s) for the poll's new state: the counts to everyone, or,
    while hidden, to the staff only (after the room's event without them, which the staff's
    screens then ignore as older)."""
    data = result(session, workshop, poll_def, poll)
    if data["shown"]:
        return [events.record(session, workshop, "poll", data)]
    return [events.record(session, workshop, "poll", masked(data)),
            events.record(session, workshop, "poll", data, audience="staff")]


def masked(data: dict) -> dict:
    """A result as the room sees it while hidden: the options without their counts."""
    if data["shown"]:
        return data
    options = [] if data["kind"] == "words" else [
        dict(o, count=0, percent=0) for o in data["options"]]
    return dict(data, options=options, **({"average": None} if "average" in data else {}))


def result(session: Session, workshop: Workshop, poll_def: dict, poll: Poll | None) -> dict:
    """{key, question, kind, open, shown, total, options: [{key, label, description, count,
    percent}], average?}.

    `total` counts people; for "multiple" and "words" the percentages are of people, so they
    may add up to more than 100. For a scale, `average` is the mean of the answers (None if
    none). A word cloud's options are its most frequent words, most frequent first.
    """
    votes = [] if poll is None else list(session.scalars(
        select(PollVote.choices).where(PollVote.poll_id == poll.id)))
    total = len(votes)
    head = {"key": poll_def["key"], "question": poll_def.get("question", ""),
            "kind": poll_def["kind"], "open": bool(poll and poll.open),
            "shown": shown(poll_def, poll), "total": total}
    if poll_def["kind"] == "words":
        return dict(head, options=_cloud(votes, total))
    counts = {k: 0 for k in option_keys(poll_def)}
    for choices in votes:
        for choice in choices:
            if choice in counts:
                counts[choice] += 1
    data = {
        **head,
        "options": [{"key": k, "label": label, "description": description, "count": counts[k],
                     "percent": round(100 * counts[k] / total) if total else 0}
                    for k, label, description in option_labels(poll_def)],
    }
    if poll_def["kind"] == "scale":
        data["average"] = (round(sum(int(c) * n for c, n in counts.items()) / total, 2)
                           if total else None)
    return data


def _cloud(votes: list[list[str]], total: int) -> list[dict]:
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for words in votes:
        for word in words:
            key = _normal(word)
            counts[key] += 1
            spellings.setdefault(key, Counter())[word] += 1
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:WORDS_SHOWN]
    return [{"key": key, "label": spellings[key].most_common(1)[0][0], "description": "",
             "count": n, "percent": round(100 * n / total) if total else 0} for key, n in top]


def results(session: Session, workshop: Workshop) -> list[dict]:
    """Every poll of the workshop with its counts, in the format's order (booklet, restitution)."""
    rows = {p.key: p for p in session.scalars(select(Poll).where(Poll.workshop_id == workshop.id))}
    return [result(session, workshop, d, rows.get(d["key"])) for d in definitions(workshop)]


def votes_of(session: Session, participant: Participant) -> dict:
    """The participant's own answers, by poll key."""
    rows = session.execute(
        select(Poll.key, PollVote.choices).join(Poll, Poll.id == PollVote.poll_id)
        .where(PollVote.participant_id == participant.id))
    return {key: choices for key, choices in rows}


def _clean_words(words) -> list[str]:
    """Up to WORDS_PER_PERSON words, each at most WORD_MAX characters; the same word twice
    (by its normalised form) counts once."""
    if isinstance(words, str):
        words = [words]
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ServiceError("invalid_choice")
    cleaned, seen = [], set()
    for word in (" ".join(w.split()) for w in words):
        if len(word) > WORD_MAX:
            raise ServiceError("word_too_long", max=WORD_MAX)
        if _normal(word) and _normal(word) not in seen:
            seen.add(_normal(word))
            cleaned.append(word)
    if not cleaned:
        raise ServiceError("word_required")
    if len(cleaned) > WORDS_PER_PERSON:
        raise ServiceError("too_many_words", max=WORDS_PER_PERSON)
    return cleaned


def _clean_choices(poll_def: dict, choices) -> list[str]:
    if isinstance(choices, (str, int)) and not isinstance(choices, bool):
        choices = [choices]
    if not isinstance(choices, list) or not choices:
        raise ServiceError("invalid_choice")
    choices = [str(c) if isinstance(c, int) and not isinstance(c, bool) else c for c in choices]
    allowed = option_keys(poll_def)
    if any(not isinstance(c, str) or c not in allowed for c in choices):
        raise ServiceError("invalid_choice")
    if len(set(choices)) != len(choices) or (poll_def["kind"] != "multiple" and len(choices) != 1):
        raise ServiceError("invalid_choice")
    return [k for k in allowed if k in choices]  # the format's order: equal answers compare equal


def row(session: Session, workshop: Workshop, key: str) -> Poll:
    """The poll's live state, made when first needed."""
    poll = session.scalar(select(Poll).where(Poll.workshop_id == workshop.id, Poll.key == key))
    if poll is None:
        poll = Poll(workshop_id=workshop.id, key=key)
        session.add(poll)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            poll = session.scalar(select(Poll).where(Poll.workshop_id == workshop.id,
                                                     Poll.key == key))
    return poll


def _vote_of(session, poll, participant) -> PollVote | None:
    return session.scalar(select(PollVote).where(PollVote.poll_id == poll.id,
                                                 PollVote.participant_id == participant.id))
