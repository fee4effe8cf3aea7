"""The whole workshop as JSON-compatible data (read only).

What a room does at one moment is not archived: where the agenda and the projection stand
(current day, sequence and axis, view, spotlight, sort, pages, posting locked, the timer,
the restitution's screen), the room's event log, the phones' tokens and idempotency keys,
the feedback cookies. An imported workshop starts at its beginning (docs/decisions.md).
"""
from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops.models import (Attendance, BookletSettings, Card, Day, FeedbackAnswer,
                              FeedbackWindow, Group, GroupMember, Participant, Poll, PollVote,
                              Recommendation, RecommendationVote, Support, Workshop, Writing,
                              WritingReveal)

from .checks import MARKER, VERSION, iso


def dump(session: Session, workshop: Workshop, now: dt.datetime) -> dict[str, Any]:
    """The whole workshop, every row named by its archive reference, every moment kept."""
    wid = workshop.id
    days = list(session.scalars(select(Day).where(Day.workshop_id == wid).order_by(Day.position)))
    sequences = [s for d in days for s in d.sequences]
    seq_ref = {s.id: f"s{i}" for i, s in enumerate(sequences, 1)}
    people = list(session.scalars(select(Participant).where(Participant.workshop_id == wid)
                                  .order_by(Participant.id)))
    p_ref = {p.id: f"p{i}" for i, p in enumerate(people, 1)}
    groups = list(session.scalars(select(Group).where(Group.workshop_id == wid)
                                  .order_by(Group.position, Group.id)))
    g_ref = {g.id: f"g{i}" for i, g in enumerate(groups, 1)}
    reveals = {r.sequence_id: r for r in session.scalars(
        select(WritingReveal).where(WritingReveal.workshop_id == wid))}
    return {
        MARKER: VERSION,
        "exported_at": iso(now),
        "source": {"code": workshop.code},
        "workshop": {"title": workshop.title, "format_id": workshop.format_id,
                     "format": workshop.format_data, "wall_open": workshop.wall_open,
                     "votes_per_participant": workshop.votes_per_participant,
                     "member_names": workshop.member_names,
                     "created_at": iso(workshop.created_at)},
        "booklet": _settings(session.get(BookletSettings, wid)),
        "axes": [{"key": a.key, "title": a.title, "description": a.description}
                 for a in workshop.axes],
        "days": [{"title": d.title, "objective": d.objective, "date": iso(d.date),
                  "starts_at": d.starts_at.strftime("%H:%M") if d.starts_at else None,
                  "sequences": [_sequence(s, seq_ref, reveals.get(s.id)) for s in d.sequences]}
                 for d in days],
        "groups": [{"ref": g_ref[g.id], "name": g.name, "place": g.place} for g in groups],
        "participants": _participants(session, people, p_ref, g_ref, days),
        "cards": _cards(session, workshop, seq_ref, p_ref),
        "recommendations": _recommendations(session, wid, p_ref, g_ref),
        "polls": [{"key": poll.key, "open": poll.open, "shown": poll.shown,
                   "opened_at": iso(poll.opened_at),
                   "closed_at": iso(poll.closed_at), "votes": [
                       {"participant": p_ref.get(v.participant_id), "choices": v.choices,
                        "updated_at": iso(v.updated_at)}
                       for v in session.scalars(select(PollVote).where(PollVote.poll_id == poll.id)
                                                .order_by(PollVote.id))]}
                  for poll in session.scalars(select(Poll).where(Poll.workshop_id == wid)
                                              .order_by(Poll.key))],
        "writings": [{"sequence": seq_ref[w.sequence_id], "author": p_ref.get(w.participant_id),
                      "text": w.text, "created_at": iso(w.created_at),
                      "updated_at": iso(w.updated_at)}
                     for w in session.scalars(select(Writing).where(Writing.workshop_id == wid)
                                              .order_by(Writing.id))],
        "feedback": _feedback(session, wid),
    }


def _sequence(s, seq_ref: dict, reveal: WritingReveal | None) -> dict:
    return {"ref": seq_ref[s.id], "title": s.title, "activity": s.activity,
            "minutes": s.minutes, "instructions": s.instructions, "question": s.question,
            "axis_keys": s.axis_keys, "poll_key": s.poll_key,
            "restitution_of": s.restitution_of, "started_at": iso(s.started_at),
            "ended_at": iso(s.ended_at), "revealed": bool(reveal and reveal.revealed),
            "revealed_at": iso(reveal.revealed_at) if reveal and reveal.revealed else None}


def _participants(session, people, p_ref, g_ref, days) -> list[dict]:
    day_index = {d.id: i for i, d in enumerate(days)}
    membership = dict(session.execute(select(GroupMember.participant_id, GroupMember.group_id)
                                      .where(GroupMember.participant_id.in_(p_ref))).all())
    present: dict[int, list[Attendance]] = {}
    for row in session.scalars(select(Attendance).where(Attendance.day_id.in_(day_index))
                               .order_by(Attendance.participant_id, Attendance.day_id)):
        present.setdefault(row.participant_id, []).append(row)
    return [{"ref": p_ref[p.id], "organisation": p.organisation,
             "organisation_type": p.organisation_type, "profession": p.profession,
             "display_name": p.display_name, "group": g_ref.get(membership.get(p.id)),
             "created_at": iso(p.created_at),
             "days": [day_index[a.day_id] for a in present.get(p.id, [])],
             "days_at": [iso(a.created_at) for a in present.get(p.id, [])]}
            for p in people]


def _cards(session, workshop, seq_ref, p_ref) -> list[dict]:
    cards = list(session.scalars(select(Card).where(Card.workshop_id == workshop.id)
                                 .order_by(Card.id)))
    c_ref = {c.id: f"c{i}" for i, c in enumerate(cards, 1)}
    axis_key = {a.id: a.key for a in workshop.axes}
    supporters: dict[int, list[str]] = {}
    for card_id, pid in session.execute(select(Support.card_id, Support.participant_id)
                                        .where(Support.card_id.in_(c_ref))
                                        .order_by(Support.card_id, Support.participant_id)):
        supporters.setdefault(card_id, []).append(p_ref[pid])
    return [{"ref": c_ref[c.id], "axis": axis_key.get(c.axis_id),
             "sequence": seq_ref.get(c.sequence_id),
             "kind": c.kind, "text": c.text, "parent": c_ref.get(c.parent_id),
             "author": p_ref.get(c.participant_id), "hidden": c.hidden, "verbatim": c.verbatim,
             "supports": c.supports, "supported_by": supporters.get(c.id, []),
             "booklet_text": c.booklet_text, "merged_into": c_ref.get(c.merged_into_id),
             "created_at": iso(c.created_at), "updated_at": iso(c.updated_at)}
            for c in cards]


def _recommendations(session, wid, p_ref, g_ref) -> list[dict]:
    recs = list(session.scalars(select(Recommendation).where(Recommendation.workshop_id == wid)
                                .order_by(Recommendation.id)))
    r_ref = {r.id: f"r{i}" for i, r in enumerate(recs, 1)}
    dots: dict[int, list[dict]] = {}
    for vote in session.scalars(select(RecommendationVote)
                                .where(RecommendationVote.recommendation_id.in_(r_ref))
                                .order_by(RecommendationVote.recommendation_id,
                                          RecommendationVote.participant_id)):
        dots.setdefault(vote.recommendation_id, []).append(
            {"participant": p_ref[vote.participant_id], "count": vote.count})
    return [{"ref": r_ref[r.id], "group": g_ref.get(r.group_id),
             "author": p_ref.get(r.participant_id),
             "target": r.target, "theme": r.theme, "text": r.text, "status": r.status,
             "merged_into": r_ref.get(r.merged_into_id), "position": r.position,
             "origins": [{"ref": r_ref.get(o.get("id")), "group": g_ref.get(o.get("group")),
                          "text": o.get("text", "")}
                         for o in r.origins or [] if isinstance(o, dict)],
             "booklet_text": r.booklet_text, "booklet_position": r.booklet_position,
             "kept_votes": r.kept_votes, "votes": dots.get(r.id, []),
             "created_at": iso(r.created_at), "updated_at": iso(r.updated_at)} for r in recs]


def _feedback(session, wid) -> dict:
    window = session.get(FeedbackWindow, wid)
    answers = list(session.scalars(select(FeedbackAnswer).where(FeedbackAnswer.workshop_id == wid)
                                   .order_by(FeedbackAnswer.id)))
    return {"valid_days": window.valid_days if window else None,
            "opened_at": iso(window.opened_at) if window else None,
            "answers": [a.answers for a in answers],
            "answered_at": [{"created_at": iso(a.created_at), "updated_at": iso(a.updated_at)}
                            for a in answers]}


def _settings(settings: BookletSettings | None) -> dict:
    if settings is None:
        return {}
    return {"edito": settings.edito, "et_apres": settings.et_apres,
            "organiser_name": settings.organiser_name, "subtitle": settings.subtitle,
            "place": settings.place, "show_organisations": settings.show_organisations,
            "retention_days": settings.retention_days, "axis_order": settings.axis_order or [],
            "kept_counts": settings.kept_counts or {},
            "participants_purged_at": iso(settings.participants_purged_at),
            "accent_colour": settings.accent_colour,
            "logo": base64.b64encode(settings.logo).decode("ascii") if settings.logo else None,
            "links": settings.links, "partners": settings.partners or [],
            "colophon": settings.colophon, "axes_intro": settings.axes_intro,
            "recommendations_intro": settings.recommendations_intro,
            "empty_axes": settings.empty_axes,
            "recommendations_shown": settings.recommendations_shown,
            "show_supports": settings.show_supports, "top_cards": settings.top_cards}
