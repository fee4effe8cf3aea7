"""The JSON archive of a whole workshop, and its restoration on another server.

Unlike the renderers, this module reads and writes the database: the archive is the
workshop itself (format, agenda, participants' declared fields, cards and supports,
groups, recommendations and dots, polls and votes, writings, feedback answers, curation),
not the booklet. Rows are named by archive references (``p1``, ``c12``, ``s3``…) in a
stable order, never by database ids, so archive → import → archive gives the same
document apart from ``exported_at`` and ``source``.

``restore()`` checks the whole document before it writes anything and adds every row in
the caller's single transaction: a broken or foreign archive raises ``ArchiveError``
(a French message saying what is wrong) and creates nothing.
"""
from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import select

from workshops.formats import ACTIVITIES, FormatError, load_format_data
from workshops.models import (Account, Attendance, Axis, BookletSettings, Card, Day,
                              FeedbackAnswer, FeedbackWindow, Group, GroupMember, Participant,
                              Poll, PollVote, Recommendation, RecommendationVote, Sequence,
                              Support, Workshop, WorkshopMember, Writing, WritingReveal)
from workshops.services.base.tokens import new_code

VERSION = 1
MARKER = "ensemble_archive"
KINDS = ("lever", "limit", "answer")
STATUSES = ("draft", "kept", "merged")
TEXT_MAX = 20_000
LIST_MAX = 100_000


class ArchiveError(ValueError):
    """What is wrong with an archive, in French, for the organiser."""


# --------------------------------------------------------------------- dump


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def dump(session, workshop: Workshop, now: dt.datetime) -> dict[str, Any]:
    """The whole workshop as JSON-compatible data."""
    wid = workshop.id
    settings = session.get(BookletSettings, wid)
    days = list(session.scalars(select(Day).where(Day.workshop_id == wid).order_by(Day.position)))
    sequences = [s for d in days for s in d.sequences]
    seq_ref = {s.id: f"s{i}" for i, s in enumerate(sequences, 1)}
    day_ref = {d.id: i for i, d in enumerate(days)}
    people = list(session.scalars(select(Participant).where(Participant.workshop_id == wid)
                                  .order_by(Participant.id)))
    p_ref = {p.id: f"p{i}" for i, p in enumerate(people, 1)}
    groups = list(session.scalars(select(Group).where(Group.workshop_id == wid)
                                  .order_by(Group.position, Group.id)))
    g_ref = {g.id: f"g{i}" for i, g in enumerate(groups, 1)}
    axis_key = {a.id: a.key for a in workshop.axes}
    cards = list(session.scalars(select(Card).where(Card.workshop_id == wid).order_by(Card.id)))
    c_ref = {c.id: f"c{i}" for i, c in enumerate(cards, 1)}
    recs = list(session.scalars(select(Recommendation).where(Recommendation.workshop_id == wid)
                                .order_by(Recommendation.id)))
    r_ref = {r.id: f"r{i}" for i, r in enumerate(recs, 1)}
    membership = dict(session.execute(select(GroupMember.participant_id, GroupMember.group_id)
                                      .where(GroupMember.participant_id.in_(p_ref))).all())
    present: dict[int, list[int]] = {}
    for pid, day_id in session.execute(select(Attendance.participant_id, Attendance.day_id)
                                       .where(Attendance.day_id.in_(day_ref))
                                       .order_by(Attendance.participant_id, Attendance.day_id)):
        present.setdefault(pid, []).append(day_ref[day_id])
    supporters: dict[int, list[str]] = {}
    for card_id, pid in session.execute(select(Support.card_id, Support.participant_id)
                                        .where(Support.card_id.in_(c_ref))
                                        .order_by(Support.card_id, Support.participant_id)):
        supporters.setdefault(card_id, []).append(p_ref[pid])
    dots: dict[int, list[dict]] = {}
    for vote in session.scalars(select(RecommendationVote)
                                .where(RecommendationVote.recommendation_id.in_(r_ref))
                                .order_by(RecommendationVote.recommendation_id,
                                          RecommendationVote.participant_id)):
        dots.setdefault(vote.recommendation_id, []).append(
            {"participant": p_ref[vote.participant_id], "count": vote.count})
    polls = list(session.scalars(select(Poll).where(Poll.workshop_id == wid).order_by(Poll.key)))
    window = session.get(FeedbackWindow, wid)
    reveals = {r.sequence_id: r.revealed for r in session.scalars(
        select(WritingReveal).where(WritingReveal.workshop_id == wid))}
    return {
        MARKER: VERSION,
        "exported_at": _iso(now),
        "source": {"code": workshop.code},
        "workshop": {"title": workshop.title, "format_id": workshop.format_id,
                     "format": workshop.format_data, "wall_open": workshop.wall_open,
                     "votes_per_participant": workshop.votes_per_participant},
        "booklet": _settings_dict(settings),
        "axes": [{"key": a.key, "title": a.title, "description": a.description}
                 for a in workshop.axes],
        "days": [{"title": d.title, "objective": d.objective, "date": _iso(d.date),
                  "sequences": [{
                      "ref": seq_ref[s.id], "title": s.title, "activity": s.activity,
                      "minutes": s.minutes, "instructions": s.instructions,
                      "question": s.question, "axis_keys": s.axis_keys, "poll_key": s.poll_key,
                      "restitution_of": s.restitution_of, "started_at": _iso(s.started_at),
                      "ended_at": _iso(s.ended_at), "revealed": reveals.get(s.id, False)}
                      for s in d.sequences]} for d in days],
        "groups": [{"ref": g_ref[g.id], "name": g.name} for g in groups],
        "participants": [{
            "ref": p_ref[p.id], "organisation": p.organisation,
            "organisation_type": p.organisation_type, "profession": p.profession,
            "display_name": p.display_name, "group": g_ref.get(membership.get(p.id)),
            "days": present.get(p.id, [])} for p in people],
        "cards": [{
            "ref": c_ref[c.id], "axis": axis_key.get(c.axis_id),
            "sequence": seq_ref.get(c.sequence_id),
            "kind": c.kind, "text": c.text, "parent": c_ref.get(c.parent_id),
            "author": p_ref.get(c.participant_id), "hidden": c.hidden, "verbatim": c.verbatim,
            "supports": c.supports, "supported_by": supporters.get(c.id, []),
            "booklet_text": c.booklet_text, "merged_into": c_ref.get(c.merged_into_id)}
            for c in cards],
        "recommendations": [{
            "ref": r_ref[r.id], "group": g_ref.get(r.group_id),
            "author": p_ref.get(r.participant_id),
            "target": r.target, "theme": r.theme, "text": r.text, "status": r.status,
            "merged_into": r_ref.get(r.merged_into_id), "position": r.position,
            "origins": [{"ref": r_ref.get(o.get("id")), "group": g_ref.get(o.get("group")),
                         "text": o.get("text", "")}
                        for o in r.origins or [] if isinstance(o, dict)],
            "booklet_text": r.booklet_text, "booklet_position": r.booklet_position,
            "kept_votes": r.kept_votes, "votes": dots.get(r.id, [])} for r in recs],
        "polls": [{"key": poll.key, "open": poll.open, "votes": [
            {"participant": p_ref.get(v.participant_id), "choices": v.choices}
            for v in session.scalars(select(PollVote).where(PollVote.poll_id == poll.id)
                                     .order_by(PollVote.id))]} for poll in polls],
        "writings": [{"sequence": seq_ref[w.sequence_id], "author": p_ref.get(w.participant_id),
                      "text": w.text} for w in session.scalars(
            select(Writing).where(Writing.workshop_id == wid).order_by(Writing.id))],
        "feedback": {"valid_days": window.valid_days if window else None,
                     "opened_at": _iso(window.opened_at) if window else None,
                     "answers": [a.answers for a in session.scalars(
                         select(FeedbackAnswer).where(FeedbackAnswer.workshop_id == wid)
                         .order_by(FeedbackAnswer.id))]},
    }


def _settings_dict(settings: BookletSettings | None) -> dict:
    if settings is None:
        return {}
    return {"edito": settings.edito, "et_apres": settings.et_apres,
            "organiser_name": settings.organiser_name, "subtitle": settings.subtitle,
            "place": settings.place, "show_organisations": settings.show_organisations,
            "retention_days": settings.retention_days, "axis_order": settings.axis_order or [],
            "kept_counts": settings.kept_counts or {},
            "participants_purged_at": _iso(settings.participants_purged_at)}


# --------------------------------------------------------------------- restore


class _Check:
    """Type checks that name the faulty place of the archive."""

    @staticmethod
    def dict(value, where: str) -> dict:
        if not isinstance(value, dict):
            raise ArchiveError(f"« {where} » doit être un objet JSON.")
        return value

    @staticmethod
    def list(value, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list) or len(value) > LIST_MAX:
            raise ArchiveError(f"« {where} » doit être une liste.")
        return value

    @staticmethod
    def text(value, where: str, limit: int = TEXT_MAX, required: bool = False,
             nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if value is None and not required:
            return ""
        if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
            raise ArchiveError(f"« {where} » doit être un texte non vide de {limit} caractères "
                               f"au plus." if required else
                               f"« {where} » doit être un texte de {limit} caractères au plus.")
        return value

    @staticmethod
    def int(value, where: str, nullable: bool = False, minimum: int = 0) -> int | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ArchiveError(f"« {where} » doit être un nombre entier.")
        return value

    @staticmethod
    def choice(value, allowed, where: str) -> str:
        if value not in allowed:
            raise ArchiveError(f"« {where} » doit valoir {', '.join(allowed)}.")
        return value

    @staticmethod
    def bool(value, where: str) -> bool:
        if not isinstance(value, bool):
            raise ArchiveError(f"« {where} » doit valoir true ou false.")
        return value

    @staticmethod
    def ref(value, known: dict, where: str, nullable: bool = True):
        if value is None and nullable:
            return None
        if value not in known:
            raise ArchiveError(f"« {where} » désigne « {value} », qui n'existe pas dans l'archive.")
        return known[value]

    @staticmethod
    def moment(value, where: str, kind=dt.datetime):
        if value is None:
            return None
        try:
            return kind.fromisoformat(value)
        except (TypeError, ValueError):
            raise ArchiveError(f"« {where} » n'est pas une date valide.") from None


def check_header(data) -> None:
    """Refuse what is not an Ensemble archive of a version this server reads."""
    if not isinstance(data, dict) or MARKER not in data:
        raise ArchiveError("Ce fichier n'est pas une archive Ensemble "
                           f"(le champ « {MARKER} » est absent).")
    if data[MARKER] != VERSION:
        raise ArchiveError(f"Archive de version {data[MARKER]!r} : ce serveur lit la version "
                           f"{VERSION}.")


def restore(session, account: Account, data) -> Workshop:
    """A new workshop (new join code) from an archive; the caller commits (or rolls back)."""
    check_header(data)
    c = _Check
    info = c.dict(data.get("workshop"), "workshop")
    try:
        fmt = load_format_data(info.get("format"), source="archive")
    except FormatError as error:
        raise ArchiveError(f"Le format de l'archive est invalide : {error}") from None
    workshop = Workshop(
        code="", title=c.text(info.get("title"), "workshop.title", 200, required=True),
        format_id=c.text(info.get("format_id"), "workshop.format_id", 80, required=True),
        format_data=fmt.to_dict(), projection_key=secrets.token_urlsafe(18),
        wall_open=c.bool(info.get("wall_open", False), "workshop.wall_open"),
        votes_per_participant=c.int(info.get("votes_per_participant", 0),
                                    "workshop.votes_per_participant"))
    workshop.members = [WorkshopMember(account_id=account.id, role="organiser")]
    axes = {}
    for i, item in enumerate(c.list(data.get("axes"), "axes")):
        item = c.dict(item, f"axes[{i}]")
        key = c.text(item.get("key"), f"axes[{i}].key", 40, required=True)
        if key in axes:
            raise ArchiveError(f"L'axe « {key} » apparaît deux fois.")
        axes[key] = Axis(position=i, key=key,
                         title=c.text(item.get("title"), f"axes[{i}].title", 200, required=True),
                         description=c.text(item.get("description"), f"axes[{i}].description"))
    workshop.axes = list(axes.values())
    sequences, reveals, day_rows = {}, {}, []
    for i, item in enumerate(c.list(data.get("days"), "days")):
        item = c.dict(item, f"days[{i}]")
        day = Day(position=i,
                  title=c.text(item.get("title"), f"days[{i}].title", 200, required=True),
                  objective=c.text(item.get("objective"), f"days[{i}].objective"),
                  date=c.moment(item.get("date"), f"days[{i}].date", dt.date))
        for j, seq in enumerate(c.list(item.get("sequences"), f"days[{i}].sequences")):
            where = f"days[{i}].sequences[{j}]"
            seq = c.dict(seq, where)
            ref = seq.get("ref")
            if not isinstance(ref, str) or ref in sequences:
                raise ArchiveError(f"« {where}.ref » manque ou apparaît deux fois.")
            if seq.get("activity") not in ACTIVITIES:
                raise ArchiveError(f"« {where}.activity » n'est pas une activité connue.")
            axis_keys = c.list(seq.get("axis_keys"), f"{where}.axis_keys") or None
            if axis_keys and any(k not in axes for k in axis_keys):
                raise ArchiveError(f"« {where}.axis_keys » cite un axe inconnu.")
            row = Sequence(
                workshop=workshop, position=j,
                title=c.text(seq.get("title"), f"{where}.title", 200, required=True),
                activity=c.text(seq.get("activity"), f"{where}.activity", 30, required=True),
                minutes=c.int(seq.get("minutes"), f"{where}.minutes", minimum=1),
                instructions=c.text(seq.get("instructions"), f"{where}.instructions"),
                question=c.text(seq.get("question"), f"{where}.question"),
                axis_keys=axis_keys, poll_key=c.text(seq.get("poll_key"), f"{where}.poll_key",
                                                     64, nullable=True),
                restitution_of=c.int(seq.get("restitution_of"), f"{where}.restitution_of",
                                     nullable=True),
                started_at=c.moment(seq.get("started_at"), f"{where}.started_at"),
                ended_at=c.moment(seq.get("ended_at"), f"{where}.ended_at"))
            day.sequences.append(row)
            sequences[ref] = row
            reveals[ref] = c.bool(seq.get("revealed", False), f"{where}.revealed")
        day_rows.append(day)
    workshop.days = day_rows
    session.add(workshop)
    _draw_code(session, workshop)

    groups = {}
    for i, item in enumerate(c.list(data.get("groups"), "groups")):
        item = c.dict(item, f"groups[{i}]")
        groups[_ref(item, groups, f"groups[{i}]")] = Group(
            workshop_id=workshop.id, position=i,
            name=c.text(item.get("name"), f"groups[{i}].name", 60, required=True))
    session.add_all(groups.values())
    people, links = {}, []
    for i, item in enumerate(c.list(data.get("participants"), "participants")):
        where = f"participants[{i}]"
        item = c.dict(item, where)
        person = Participant(
            workshop_id=workshop.id, token_hash=secrets.token_hex(32),
            organisation=c.text(item.get("organisation"), f"{where}.organisation", 120),
            organisation_type=c.text(item.get("organisation_type"),
                                     f"{where}.organisation_type", 40),
            profession=c.text(item.get("profession"), f"{where}.profession", 40),
            display_name=c.text(item.get("display_name"), f"{where}.display_name", 60))
        people[_ref(item, people, where)] = person
        links.append((person, c.ref(item.get("group"), groups, f"{where}.group"),
                      {c.ref(d, dict(enumerate(day_rows)), f"{where}.days", nullable=False)
                       for d in c.list(item.get("days"), f"{where}.days")}))
    session.add_all(people.values())
    session.flush()
    for person, group, days in links:
        if group is not None:
            session.add(GroupMember(participant_id=person.id, group_id=group.id))
        for day in days:
            session.add(Attendance(participant_id=person.id, day_id=day.id))

    _restore_cards(session, workshop, data, axes, sequences, people)
    _restore_recommendations(session, workshop, data, groups, people)
    _restore_activities(session, workshop, data, sequences, reveals, people)
    _restore_settings(session, workshop, data.get("booklet") or {})
    session.flush()
    return workshop


def _ref(item: dict, known: dict, where: str) -> str:
    ref = item.get("ref")
    if not isinstance(ref, str) or not ref or ref in known:
        raise ArchiveError(f"« {where}.ref » manque ou apparaît deux fois.")
    return ref


def _draw_code(session, workshop: Workshop) -> None:
    """A join code no workshop uses, then write the workshop (ids for what follows)."""
    for _attempt in range(20):
        code = new_code()
        if session.scalar(select(Workshop.id).where(Workshop.code == code)) is None:
            workshop.code = code
            session.flush()
            return
    raise RuntimeError("could not draw a free workshop code")


def _restore_cards(session, workshop, data, axes, sequences, people) -> None:
    c = _Check
    items = c.list(data.get("cards"), "cards")
    cards = {}
    for i, item in enumerate(items):
        where = f"cards[{i}]"
        item = c.dict(item, where)
        kind = c.choice(item.get("kind"), KINDS, f"{where}.kind")
        axis = c.ref(item.get("axis"), axes, f"{where}.axis")
        sequence = c.ref(item.get("sequence"), sequences, f"{where}.sequence")
        if (axis is None) == (sequence is None):
            raise ArchiveError(f"« {where} » doit avoir un axe ou une séquence (et un seul).")
        author = c.ref(item.get("author"), people, f"{where}.author")
        card = Card(workshop_id=workshop.id, axis_id=axis.id if axis else None,
                    sequence_id=sequence.id if sequence else None, kind=kind,
                    text=c.text(item.get("text"), f"{where}.text", required=True),
                    participant_id=author.id if author else None, client_id=f"archive-{i + 1}",
                    hidden=c.bool(item.get("hidden", False), f"{where}.hidden"),
                    verbatim=c.bool(item.get("verbatim", False), f"{where}.verbatim"),
                    supports=c.int(item.get("supports", 0), f"{where}.supports"),
                    booklet_text=c.text(item.get("booklet_text"), f"{where}.booklet_text",
                                        nullable=True))
        cards[_ref(item, cards, where)] = card
    session.add_all(cards.values())
    session.flush()
    for i, item in enumerate(items):
        card = cards[item["ref"]]
        parent = c.ref(item.get("parent"), cards, f"cards[{i}].parent")
        merged = c.ref(item.get("merged_into"), cards, f"cards[{i}].merged_into")
        card.parent_id = parent.id if parent is not None else None
        card.merged_into_id = merged.id if merged is not None else None
        for pref in set(c.list(item.get("supported_by"), f"cards[{i}].supported_by")):
            person = c.ref(pref, people, f"cards[{i}].supported_by", nullable=False)
            session.add(Support(card_id=card.id, participant_id=person.id))


def _restore_recommendations(session, workshop, data, groups, people) -> None:
    c = _Check
    items = c.list(data.get("recommendations"), "recommendations")
    recs = {}
    for i, item in enumerate(items):
        where = f"recommendations[{i}]"
        item = c.dict(item, where)
        status = c.choice(item.get("status"), STATUSES, f"{where}.status")
        group = c.ref(item.get("group"), groups, f"{where}.group")
        author = c.ref(item.get("author"), people, f"{where}.author")
        recs[_ref(item, recs, where)] = Recommendation(
            workshop_id=workshop.id, group_id=group.id if group else None,
            participant_id=author.id if author else None, client_id=f"archive-{i + 1}",
            target=c.text(item.get("target"), f"{where}.target", 40, required=True),
            theme=c.text(item.get("theme"), f"{where}.theme", 120),
            text=c.text(item.get("text"), f"{where}.text", required=True), status=status,
            position=c.int(item.get("position", 0), f"{where}.position"), origins=[],
            booklet_text=c.text(item.get("booklet_text"), f"{where}.booklet_text", nullable=True),
            booklet_position=c.int(item.get("booklet_position"), f"{where}.booklet_position",
                                   nullable=True),
            kept_votes=c.int(item.get("kept_votes", 0), f"{where}.kept_votes"))
    session.add_all(recs.values())
    session.flush()
    for i, item in enumerate(items):
        where = f"recommendations[{i}]"
        rec = recs[item["ref"]]
        merged = c.ref(item.get("merged_into"), recs, f"{where}.merged_into")
        rec.merged_into_id = merged.id if merged else None
        origins = []
        for origin in c.list(item.get("origins"), f"{where}.origins"):
            origin = c.dict(origin, f"{where}.origins")
            source = c.ref(origin.get("ref"), recs, f"{where}.origins.ref")
            group = c.ref(origin.get("group"), groups, f"{where}.origins.group")
            origins.append({"id": source.id if source else None,
                            "group": group.id if group else None,
                            "text": c.text(origin.get("text"), f"{where}.origins.text")})
        rec.origins = origins
        voters = set()
        for vote in c.list(item.get("votes"), f"{where}.votes"):
            vote = c.dict(vote, f"{where}.votes")
            person = c.ref(vote.get("participant"), people, f"{where}.votes.participant",
                           nullable=False)
            if person.id in voters:
                raise ArchiveError(f"« {where}.votes » compte deux fois la même personne.")
            voters.add(person.id)
            session.add(RecommendationVote(participant_id=person.id, recommendation_id=rec.id,
                                           count=c.int(vote.get("count"), f"{where}.votes.count")))


def _restore_activities(session, workshop, data, sequences, reveals, people) -> None:
    c = _Check
    for ref, revealed in reveals.items():
        if revealed:
            session.add(WritingReveal(sequence_id=sequences[ref].id, workshop_id=workshop.id,
                                      revealed=True))
    keys = set()
    for i, item in enumerate(c.list(data.get("polls"), "polls")):
        item = c.dict(item, f"polls[{i}]")
        key = c.text(item.get("key"), f"polls[{i}].key", 64, required=True)
        if key in keys:
            raise ArchiveError(f"Le sondage « {key} » apparaît deux fois.")
        keys.add(key)
        poll = Poll(workshop_id=workshop.id, key=key,
                    open=c.bool(item.get("open", False), f"polls[{i}].open"))
        session.add(poll)
        session.flush()
        for vote in c.list(item.get("votes"), f"polls[{i}].votes"):
            vote = c.dict(vote, f"polls[{i}].votes")
            person = c.ref(vote.get("participant"), people, f"polls[{i}].votes.participant")
            choices = c.list(vote.get("choices"), f"polls[{i}].votes.choices")
            session.add(PollVote(poll_id=poll.id, participant_id=person.id if person else None,
                                 choices=[c.text(x, f"polls[{i}].votes.choices", 64)
                                          for x in choices]))
    for i, item in enumerate(c.list(data.get("writings"), "writings")):
        item = c.dict(item, f"writings[{i}]")
        sequence = c.ref(item.get("sequence"), sequences, f"writings[{i}].sequence", nullable=False)
        person = c.ref(item.get("author"), people, f"writings[{i}].author")
        session.add(Writing(workshop_id=workshop.id, sequence_id=sequence.id,
                            participant_id=person.id if person else None,
                            text=c.text(item.get("text"), f"writings[{i}].text")))
    form = c.dict(data.get("feedback") or {}, "feedback")
    if form.get("valid_days") is not None:
        session.add(FeedbackWindow(workshop_id=workshop.id,
                                   valid_days=c.int(form["valid_days"], "feedback.valid_days",
                                                    minimum=1),
                                   opened_at=c.moment(form.get("opened_at"), "feedback.opened_at")))
    for i, answers in enumerate(c.list(form.get("answers"), "feedback.answers"), 1):
        session.add(FeedbackAnswer(workshop_id=workshop.id, respondent=f"archive-{i}",
                                   answers=c.dict(answers, "feedback.answers")))


def _restore_settings(session, workshop, item) -> None:
    c = _Check
    item = c.dict(item, "booklet")
    if not item:
        return
    axis_keys = {a.key for a in workshop.axes}
    order = [k for k in c.list(item.get("axis_order"), "booklet.axis_order") if k in axis_keys]
    session.add(BookletSettings(
        workshop_id=workshop.id,
        edito=c.text(item.get("edito"), "booklet.edito", nullable=True),
        et_apres=c.text(item.get("et_apres"), "booklet.et_apres", nullable=True),
        organiser_name=c.text(item.get("organiser_name"), "booklet.organiser_name", 200),
        subtitle=c.text(item.get("subtitle"), "booklet.subtitle", 200),
        place=c.text(item.get("place"), "booklet.place", 200),
        show_organisations=c.bool(item.get("show_organisations", False),
                                  "booklet.show_organisations"),
        retention_days=c.int(item.get("retention_days", 90), "booklet.retention_days", minimum=1),
        axis_order=order, kept_counts=c.dict(item.get("kept_counts") or {}, "booklet.kept_counts"),
        participants_purged_at=c.moment(item.get("participants_purged_at"),
                                        "booklet.participants_purged_at")))
