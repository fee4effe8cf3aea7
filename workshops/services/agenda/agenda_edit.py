"""Organisers edit a workshop's agenda before the day: days, their sequences, their order.

`replace` takes the whole agenda (what the organiser screen and PATCH /agenda send) and
makes the days and sequences match it: rows with an `id` are updated, rows without one
are added, missing ones are removed. It is checked with the format validator (the same
rules as a format file: a poll sequence names a poll of the format, a restitution looks
back on an earlier day…), and an error names the day and sequence at fault, and the
field when the rule is about one (`field`: minutes, title, axes, poll, restitution_of…), so
the editor shows it next to that field.

A sequence that has already run (or is running) cannot be removed: its activity's data
(private writings, poll votes…) hangs on it. A sequence keeps its id when it moves to
another day (`to_chosen_days`: the programme form's « Jour » field), so that data follows
it; the sequence the room is in stays in its day (the room's current day is its day).
"""
import datetime as dt

from sqlalchemy.orm import Session

from workshops import formats
from workshops.formats.model import DAYS_MAX, SEQUENCES_MAX
from workshops.models import Day, Sequence, Workshop
from workshops.services.base import bounds, events
from workshops.services.base.errors import ServiceError
from workshops.services.room.position import days_of
from workshops.services.room.workshops import state_dict

MAX_DAYS = DAYS_MAX  # the format's own limits: an agenda is a format's days
MAX_SEQUENCES = SEQUENCES_MAX  # in one day
# The format file's words (« le sondage "None" n'existe pas dans "polls" ») are for whoever
# writes a format; the programme's « Sondage » row only lists the format's polls.
# The format file's field names, as the programme's form calls them.
FIELD_WORDS = {"title": "le titre", "question": "la question", "minutes": "la durée (minutes)",
               "instructions": "les consignes", "activity": "l'activité", "axes": "les axes",
               "restitution_of": "la journée restituée", "objective": "l'objectif"}
NO_POLL_CHOSEN = ("choisissez le sondage qu'elle pose (un sondage absent du format se crée "
                  "pendant la journée, depuis la console : « + Nouvelle activité »).")


def _plain_sequence(item: dict) -> dict:
    """The format-file shape of one sequence (only the fields its activity uses)."""
    activity = item.get("activity")
    out = {"title": item.get("title"), "activity": activity, "minutes": item.get("minutes"),
           "instructions": item.get("instructions") or ""}
    if activity in ("question_board", "individual_writing"):
        out["question"] = item.get("question") or ""
    if activity == "axis_board" and item.get("axes"):
        out["axes"] = item["axes"]
    if activity == "poll":
        out["poll"] = item.get("poll")
    if activity == "restitution":
        out["restitution_of"] = item.get("restitution_of")
    return out


def _document(workshop: Workshop, days: list[dict]) -> dict:
    doc = dict(workshop.format_data)
    doc["axes"] = [{"key": a.key, "title": a.title} for a in workshop.axes]
    # An objective is optional (the programme's new day has no field for it): an empty
    # one is left out, as a format file would, not refused as « "objective" vide ».
    doc["days"] = [{"title": d.get("title"),
                    **({"objective": d["objective"]} if d.get("objective") else {}),
                    "sequences": [_plain_sequence(s) for s in d.get("sequences") or []]}
                   for d in days]
    return doc


def validate(workshop: Workshop, days: list[dict]) -> None:
    """Raise `invalid_agenda` naming the first day/sequence the format rules refuse."""
    try:
        formats.load_format_data(_document(workshop, days))
        return
    except formats.FormatError as whole:
        reason = whole.reason
    # Find the first faulty sequence: the shortest prefix of the agenda that fails.
    for i, day in enumerate(days):
        sequences = day.get("sequences") or []
        for j in range(len(sequences)):
            prefix = days[:i] + [dict(day, sequences=sequences[:j + 1])]
            try:
                formats.load_format_data(_document(workshop, prefix))
            except formats.FormatError as error:
                field = error.loc[4] if len(error.loc) > 4 and error.loc[:2] == ("days", i) else None
                reason = NO_POLL_CHOSEN if field == "poll" else _in_words(error.reason)
                raise ServiceError("invalid_sequence", day=i + 1, sequence=j + 1,
                                   reason=reason, field=field) from None
    raise ServiceError("invalid_agenda", reason=_in_words(reason))


def _in_words(reason: str) -> str:
    """A format reader's reason with its quoted field names in the form's words."""
    for key, words in FIELD_WORDS.items():
        reason = reason.replace(f'"{key}"', f"« {words} »")
    return reason


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ServiceError("invalid_date")
    try:
        return bounds.date(dt.date.fromisoformat(value))
    except ValueError:
        raise ServiceError("invalid_date") from None


def _time(value) -> dt.time | None:
    if value in (None, ""):
        return None
    try:
        return dt.time.fromisoformat(value).replace(second=0, microsecond=0)
    except (TypeError, ValueError):
        raise ServiceError("invalid_time") from None


def _int(value):
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def to_chosen_days(session: Session, workshop: Workshop, days: list[dict]) -> list[dict]:
    """The agenda with each sequence whose `day` (a day's id) names another day put at the end
    of that day, in the order met; the others stay. The day must be one of this workshop's
    kept in `days`, with room for one more; the error names the row and its `day` field."""
    ours = {day.id for day in days_of(session, workshop)}
    kept = {_int(day.get("id")): i for i, day in enumerate(days) if _int(day.get("id")) in ours}
    placed = [dict(day, sequences=[]) for day in days]
    moving = []
    for i, day in enumerate(days):
        for j, item in enumerate(day["sequences"]):
            where = {"day": i + 1, "sequence": j + 1, "field": "day"}
            chosen = _int(item.get("day"))
            if item.get("day") in (None, "") or chosen == _int(day.get("id")):
                placed[i]["sequences"].append(item)
            elif chosen in kept:
                moving.append((kept[chosen], item, where))
            else:
                raise ServiceError("chosen_day_removed" if chosen in ours else "unknown_chosen_day", **where)
    for i, item, where in moving:
        if len(placed[i]["sequences"]) >= MAX_SEQUENCES:
            raise ServiceError("chosen_day_full", title=placed[i]["title"], max=MAX_SEQUENCES, **where)
        placed[i]["sequences"].append(item)
    return placed


def replace(session: Session, workshop: Workshop, days) -> list:
    """Make the agenda match `days`; returns the room's events (state, agenda)."""
    if not isinstance(days, list) or not days or len(days) > MAX_DAYS \
            or not all(isinstance(d, dict) for d in days):
        raise ServiceError("invalid_agenda", reason=f"1 à {MAX_DAYS} journées")
    for n, day in enumerate(days, 1):
        sequences = day.get("sequences")
        if not isinstance(sequences, list) or not all(isinstance(s, dict) for s in sequences):
            raise ServiceError("invalid_agenda", reason=f"0 à {MAX_SEQUENCES} séquences par journée")
        if len(sequences) > MAX_SEQUENCES:
            raise ServiceError("invalid_agenda", reason=f"la journée {n} a {len(sequences)} séquences, "
                                                        f"{MAX_SEQUENCES} au plus")
        for item in sequences:
            if isinstance(item.get("minutes"), str) and item["minutes"].strip().isdigit():
                item["minutes"] = int(item["minutes"])
            if isinstance(item.get("restitution_of"), str) and item["restitution_of"].isdigit():
                item["restitution_of"] = int(item["restitution_of"])
    validate(workshop, days)

    existing_days = {d.id: d for d in days_of(session, workshop)}
    existing_sequences = {s.id: s for d in existing_days.values() for s in d.sequences}
    kept_days, kept_sequences = set(), set()
    for position, item in enumerate(days):
        day = existing_days.get(_int(item.get("id")))
        if day is None:
            day = Day(workshop_id=workshop.id, title="")
            session.add(day)
        kept_days.add(day.id)
        day.position, day.title = position, item["title"].strip()
        day.objective = (item.get("objective") or "").strip()
        for field, read in (("date", _date), ("starts_at", _time)):
            try:
                setattr(day, field, read(item.get(field)))
            except ServiceError as error:  # the editor says it next to that day's field
                error.params.update(day=position + 1, field=field)
                raise
        session.flush()
        for s_position, s_item in enumerate(item["sequences"]):
            sequence = existing_sequences.get(_int(s_item.get("id")))
            if sequence is None:
                sequence = Sequence(workshop_id=workshop.id, day_id=day.id, title="",
                                    activity="", minutes=1)
                session.add(sequence)
            elif sequence.id == workshop.current_sequence_id and sequence.day_id != day.id:
                raise ServiceError("current_sequence_stays", title=sequence.title, day=position + 1,
                                   sequence=s_position + 1, field="day")
            kept_sequences.add(sequence.id)
            plain = _plain_sequence(s_item)
            sequence.day_id, sequence.position = day.id, s_position
            sequence.title = plain["title"].strip()
            sequence.activity, sequence.minutes = plain["activity"], plain["minutes"]
            sequence.instructions = plain["instructions"].strip()
            sequence.question = (plain.get("question") or "").strip()
            sequence.axis_keys = list(plain["axes"]) if plain.get("axes") not in (None, "all") \
                else None
            sequence.poll_key = plain.get("poll")
            sequence.restitution_of = plain.get("restitution_of")
    session.flush()
    session.expire_all()  # sequences may have moved day: reload before removing anything
    for sequence_id in set(existing_sequences) - kept_sequences:
        sequence = session.get(Sequence, sequence_id)
        if sequence.started_at is not None or sequence_id == workshop.current_sequence_id:
            raise ServiceError("sequence_already_run", title=sequence.title)
        session.delete(sequence)
    session.flush()
    for day_id in set(existing_days) - kept_days:
        day = session.get(Day, day_id)
        if day_id == workshop.current_day_id or day.sequences:
            raise ServiceError("day_in_progress", title=day.title)
        session.delete(day)
    session.flush()
    changed = [events.record(session, workshop, "state", state_dict(workshop)),
               events.record(session, workshop, "agenda", {}, audience="staff")]
    session.commit()
    return changed
