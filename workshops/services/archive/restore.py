"""A new workshop (new join code, the caller its organiser) from an archive, all or nothing.

`restore` checks each part before it writes it and adds every row in one transaction;
`import_archive` commits it, or rolls everything back and raises `invalid_archive`.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import secrets

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from workshops.formats import FormatError, load_format_data
from workshops.formats.model import POLL_OPTIONS_MAX
from workshops.models import (Account, Attendance, Axis, BookletSettings, Card, Day,
                              FeedbackAnswer, FeedbackWindow, Group, GroupMember, Participant,
                              Poll, PollVote, Recommendation, RecommendationVote, Sequence,
                              Support, Workshop, WorkshopMember, Writing, WritingReveal)
from workshops.services.base.errors import ServiceError
from workshops.services import curation, identity, retention
from workshops.services.activities import feedback
from workshops.services.base.tokens import new_code
from workshops.services.room import participants, workshops
from workshops.vocabulary import ACTIVITIES, KINDS, STATUSES

from .checks import ArchiveError, Check, check_header

c = Check


def import_archive(session: Session, account: Account, data) -> Workshop:
    """Restore `data` as a new workshop of `account` and commit; a broken, foreign or
    inconsistent archive creates nothing and raises `invalid_archive` with the reason."""
    try:
        workshop = restore(session, account, data)
        session.commit()
    except ArchiveError as error:
        session.rollback()
        because = {"reason_code": error.reason_code} if error.reason_code else {}
        raise ServiceError("invalid_archive", reason=str(error), **because) from None
    except SQLAlchemyError:
        session.rollback()
        raise ServiceError("invalid_archive", reason_code="archive_inconsistent") from None
    return workshop


def restore(session: Session, account: Account, data) -> Workshop:
    """Add the archive's workshop and all its rows to the session; the caller commits."""
    check_header(data)
    workshop, axes, sequences, reveals, day_rows = _restore_workshop(session, account, data)
    groups = {}
    for i, item in enumerate(c.list(data.get("groups"), "groups")):
        item = c.dict(item, f"groups[{i}]")
        groups[_ref(item, groups, f"groups[{i}]")] = Group(
            workshop_id=workshop.id, position=i,
            name=c.text(item.get("name"), f"groups[{i}].name", 60, required=True),
            place=c.text(item.get("place"), f"groups[{i}].place", 60))
    session.add_all(groups.values())
    people = _restore_participants(session, workshop, data, groups, day_rows)
    cards = _restore_cards(session, workshop, data, axes, sequences, people)
    recs = _restore_recommendations(session, workshop, data, groups, people)
    _restore_activities(session, workshop, data, sequences, reveals, people)
    _restore_settings(session, workshop, data.get("booklet") or {})
    session.flush()
    # Linking cards and recommendations to each other updated them: give back their moment.
    for model, rows in ((Card, cards), (Recommendation, recs)):
        stamps = [{"id": row.id, "updated_at": when} for row, when in rows if when is not None]
        if stamps:
            session.execute(update(model), stamps)
    return workshop


def _restore_workshop(session, account, data):
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
                                    "workshop.votes_per_participant"),
        member_names=c.choice(info.get("member_names", "initials"), workshops.MEMBER_NAMES,
                              "workshop.member_names"),
        **c.stamps(info, "workshop", "created_at"))
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
                  date=c.moment(item.get("date"), f"days[{i}].date", dt.date),
                  starts_at=c.moment(item.get("starts_at"), f"days[{i}].starts_at", dt.time))
        for j, seq in enumerate(c.list(item.get("sequences"), f"days[{i}].sequences")):
            where = f"days[{i}].sequences[{j}]"
            seq = c.dict(seq, where)
            if not isinstance(seq.get("ref"), str) or seq["ref"] in sequences:
                raise ArchiveError(f"« {where}.ref » manque ou apparaît deux fois.")
            row, revealed = _sequence(workshop, seq, axes, where, j)
            day.sequences.append(row)
            sequences[seq["ref"]] = row
            reveals[seq["ref"]] = revealed
        day_rows.append(day)
    workshop.days = day_rows
    session.add(workshop)
    _draw_code(session, workshop)
    return workshop, axes, sequences, reveals, day_rows


def _sequence(workshop, seq: dict, axes: dict, where: str, position: int):
    """The sequence row, and its reveal (None, or the moment its writings were shown)."""
    if seq.get("activity") not in ACTIVITIES:
        raise ArchiveError(f"« {where}.activity » n'est pas une activité connue.")
    axis_keys = c.list(seq.get("axis_keys"), f"{where}.axis_keys") or None
    if axis_keys and any(k not in axes for k in axis_keys):
        raise ArchiveError(f"« {where}.axis_keys » cite un axe inconnu.")
    row = Sequence(
        workshop=workshop, position=position,
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
    revealed = c.bool(seq.get("revealed", False), f"{where}.revealed")
    return row, (c.stamps(seq, where, "revealed_at") if revealed else None)


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


def _restore_participants(session, workshop, data, groups, day_rows) -> dict:
    people, links = {}, []
    for i, item in enumerate(c.list(data.get("participants"), "participants")):
        where = f"participants[{i}]"
        item = c.dict(item, where)
        person = Participant(
            workshop_id=workshop.id, token_hash=secrets.token_hex(32),
            organisation=c.text(item.get("organisation"), f"{where}.organisation", 120),
            organisation_type=c.text(item.get("organisation_type"),
                                     f"{where}.organisation_type", participants.CHOICE_MAX),
            profession=c.text(item.get("profession"), f"{where}.profession",
                              participants.CHOICE_MAX),
            display_name=c.text(item.get("display_name"), f"{where}.display_name", 60),
            **c.stamps(item, where, "created_at"))
        people[_ref(item, people, where)] = person
        days = c.list(item.get("days"), f"{where}.days")
        moments = c.parallel(c.list(item.get("days_at"), f"{where}.days_at"), f"{where}.days_at",
                             len(days))
        present = {c.ref(d, dict(enumerate(day_rows)), f"{where}.days", nullable=False):
                   c.moment(at, f"{where}.days_at") for d, at in zip(days, moments)}
        links.append((person, c.ref(item.get("group"), groups, f"{where}.group"), present))
    session.add_all(people.values())
    session.flush()
    for person, group, present in links:
        if group is not None:
            session.add(GroupMember(participant_id=person.id, group_id=group.id))
        for day, at in present.items():
            session.add(Attendance(participant_id=person.id, day_id=day.id,
                                   **({"created_at": at} if at else {})))
    return people


def _restore_cards(session, workshop, data, axes, sequences, people) -> list:
    """The cards, linked to their parent and survivor; (card, updated_at) for each."""
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
                                        nullable=True),
                    **c.stamps(item, where, "created_at", "updated_at"))
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
    return [(cards[item["ref"]], cards[item["ref"]].updated_at) for item in items]


def _restore_recommendations(session, workshop, data, groups, people) -> list:
    """The recommendations, their merges and dots; (recommendation, updated_at) for each."""
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
            kept_votes=c.int(item.get("kept_votes", 0), f"{where}.kept_votes"),
            **c.stamps(item, where, "created_at", "updated_at"))
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
    return [(recs[item["ref"]], recs[item["ref"]].updated_at) for item in items]


def _restore_activities(session, workshop, data, sequences, reveals, people) -> None:
    for ref, revealed in reveals.items():
        if revealed is not None:
            session.add(WritingReveal(sequence_id=sequences[ref].id, workshop_id=workshop.id,
                                      revealed=True, **revealed))
    keys = set()
    for i, item in enumerate(c.list(data.get("polls"), "polls")):
        item = c.dict(item, f"polls[{i}]")
        key = c.text(item.get("key"), f"polls[{i}].key", 64, required=True)
        if key in keys:
            raise ArchiveError(f"Le sondage « {key} » apparaît deux fois.")
        keys.add(key)
        poll = Poll(workshop_id=workshop.id, key=key,
                    open=c.bool(item.get("open", False), f"polls[{i}].open"),
                    shown=c.bool(item.get("shown"), f"polls[{i}].shown", nullable=True),
                    **c.stamps(item, f"polls[{i}]", "opened_at", "closed_at"))
        session.add(poll)
        session.flush()
        for vote in c.list(item.get("votes"), f"polls[{i}].votes"):
            vote = c.dict(vote, f"polls[{i}].votes")
            person = c.ref(vote.get("participant"), people, f"polls[{i}].votes.participant")
            choices = c.list(vote.get("choices"), f"polls[{i}].votes.choices", POLL_OPTIONS_MAX)
            session.add(PollVote(poll_id=poll.id, participant_id=person.id if person else None,
                                 choices=[c.text(x, f"polls[{i}].votes.choices", 64)
                                          for x in choices],
                                 **c.stamps(vote, f"polls[{i}].votes", "updated_at")))
    for i, item in enumerate(c.list(data.get("writings"), "writings")):
        item = c.dict(item, f"writings[{i}]")
        sequence = c.ref(item.get("sequence"), sequences, f"writings[{i}].sequence", nullable=False)
        person = c.ref(item.get("author"), people, f"writings[{i}].author")
        session.add(Writing(workshop_id=workshop.id, sequence_id=sequence.id,
                            participant_id=person.id if person else None,
                            text=c.text(item.get("text"), f"writings[{i}].text"),
                            **c.stamps(item, f"writings[{i}]", "created_at", "updated_at")))
    _restore_feedback(session, workshop, c.dict(data.get("feedback") or {}, "feedback"))


def _restore_feedback(session, workshop, form: dict) -> None:
    if form.get("valid_days") is not None:
        session.add(FeedbackWindow(workshop_id=workshop.id,
                                   valid_days=c.int(form["valid_days"], "feedback.valid_days",
                                                    minimum=1, maximum=feedback.MAX_DAYS),
                                   opened_at=c.moment(form.get("opened_at"), "feedback.opened_at")))
    answers = c.list(form.get("answers"), "feedback.answers")
    moments = c.parallel(c.list(form.get("answered_at"), "feedback.answered_at"),
                         "feedback.answered_at", len(answers))
    for i, (answer, at) in enumerate(zip(answers, moments), 1):
        session.add(FeedbackAnswer(
            workshop_id=workshop.id, respondent=f"archive-{i}",
            answers=c.answers(answer, "feedback.answers"),
            **c.stamps(c.dict(at or {}, "feedback.answered_at"), "feedback.answered_at",
                       "created_at", "updated_at")))


def _restore_settings(session, workshop, item) -> None:
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
        retention_days=c.int(item.get("retention_days", 90), "booklet.retention_days", minimum=1,
                             maximum=retention.RETENTION_MAX),
        axis_order=order, kept_counts=c.counts(item.get("kept_counts"), "booklet.kept_counts"),
        participants_purged_at=c.moment(item.get("participants_purged_at"),
                                        "booklet.participants_purged_at"),
        empty_axes=_choice(item, "empty_axes"),
        recommendations_shown=_choice(item, "recommendations_shown"),
        show_supports=c.bool(item.get("show_supports", True), "booklet.show_supports"),
        top_cards=c.int(item.get("top_cards"), "booklet.top_cards", nullable=True, minimum=1,
                        maximum=curation.TOP_CARDS_MAX),
        **_identity(item)))


def _choice(item: dict, name: str) -> str | None:
    value = item.get(name)
    return None if value is None else c.choice(value, curation.CHOICES[name], f"booklet.{name}")


def _identity(item: dict) -> dict:
    """The organisation's identity in the booklet, checked as the Livret screen checks it
    (services/identity.py): colour, logo, links, partners and their logos, texts."""
    found = {"accent_colour": _checked("accent_colour", identity.colour, item.get("accent_colour"))}
    if item.get("logo") is not None:
        found["logo"], found["logo_type"] = _checked("logo", identity.logo,
                                                     _bytes(item["logo"], "booklet.logo"))
    if item.get("links") is not None:
        found["links"] = _checked("links", identity.links, c.list(item["links"], "booklet.links"))
    partners = c.list(item.get("partners"), "booklet.partners", identity.PARTNERS_MAX)
    found["partners"] = [
        _checked(f"partners[{i}]", identity.partner, c.dict(p, f"booklet.partners[{i}]").get("name"),
                 _bytes(p.get("logo") or "", f"booklet.partners[{i}].logo") or None)
        for i, p in enumerate(partners)]
    for name in ("colophon", "axes_intro", "recommendations_intro"):
        found[name] = c.text(item.get(name), f"booklet.{name}", identity.PROSE_MAX, nullable=True)
    return found


def _checked(name: str, check, *values):
    try:
        return check(*values)
    except ServiceError as error:
        raise ArchiveError(f"« booklet.{name} » n'est pas accepté tel quel par l'écran Livret",
                           reason_code=error.code) from None


def _bytes(value, where: str) -> bytes:
    if not isinstance(value, str):
        raise ArchiveError(f"« {where} » doit être un texte en base64.")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ArchiveError(f"« {where} » doit être un texte en base64.") from None

