"""Recommendations drafted by the groups, and their curation (keep, reword, merge).

Who sees what (docs/decisions.md, « Groups and the wall »): until the facilitator opens
the wall (`wall.py`), a recommendation's events go to its group only (audience
`group:<id>`, which the staff also receive) and the projection gets none; from then on
they go to everyone.

Conflicts: every change of text, target or theme bumps `version`; a participant's
edit names the version it started from and a stale one is refused (409) with
both the stored recommendation and the attempted change, so nothing is lost.
"""
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshops.models import Group, Participant, Recommendation, RecommendationVote, Workshop
from workshops.services.base import events, quotas
from workshops.services.base.errors import Conflict, Forbidden, NotFound, ServiceError
from workshops.services.groups.groups import group_of
from workshops.vocabulary import DEFAULT_TARGETS, language_of

TEXT_MAX = 1000
THEME_MAX = 120
CLIENT_ID_MAX = 64


class StaleVersion(Conflict):
    """An edit started from an older version: carries both texts for the writer to merge."""

    def __init__(self, current: dict, attempted: dict):
        super().__init__("stale_version", details={"current": current, "attempted": attempted})


def targets(workshop: Workshop) -> list[dict]:
    """The format's targets `{key, title, themes}` (the four of seed 000 if it has none, titled
    in the format's language)."""
    found = [{"key": t["key"], "title": t.get("title", t["key"]), "themes": list(t.get("themes", []))}
             for t in workshop.format_data.get("targets", []) if isinstance(t, dict) and t.get("key")]
    language = language_of(workshop.format_data)
    return found or [{"key": key, "title": term.label(language), "themes": []}
                     for key, term in DEFAULT_TARGETS.items()]


def _target(workshop: Workshop, value) -> str:
    if not isinstance(value, str) or value not in {t["key"] for t in targets(workshop)}:
        raise ServiceError("unknown_target")
    return value


def _theme(value) -> str:
    """A theme of the format or a free one; may be empty (« sans thème »)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ServiceError("invalid_theme")
    value = " ".join(value.split())
    if len(value) > THEME_MAX:
        raise ServiceError("theme_too_long", max=THEME_MAX)
    return value


def _text(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ServiceError("text_required")
    value = value.strip()
    if len(value) > TEXT_MAX:
        raise ServiceError("text_too_long", max=TEXT_MAX)
    return value


def dot_totals(session: Session, ids) -> dict[int, int]:
    """The dots each recommendation has (`votes` in its payload, with the kept ones)."""
    ids = list(ids)
    if not ids:
        return {}
    return dict(session.execute(
        select(RecommendationVote.recommendation_id, func.sum(RecommendationVote.count))
        .where(RecommendationVote.recommendation_id.in_(ids))
        .group_by(RecommendationVote.recommendation_id)).all())


def recommendation_dict(rec: Recommendation, votes: int = 0) -> dict:
    return {
        "id": rec.id, "group": rec.group_id, "target": rec.target, "theme": rec.theme,
        "text": rec.text, "status": rec.status, "version": rec.version,
        "merged_into": rec.merged_into_id, "origins": rec.origins or [],
        "votes": int(votes or 0) + (rec.kept_votes or 0),
        "position": rec.position, "client_id": rec.client_id,
    }


def dicts(session: Session, recs: list[Recommendation]) -> list[dict]:
    totals = dot_totals(session, (r.id for r in recs))
    return [recommendation_dict(r, totals.get(r.id, 0)) for r in recs]


def record(session: Session, workshop: Workshop, rec: Recommendation):
    """The `recommendation` event, for whoever may see this recommendation now."""
    if workshop.wall_open:
        audience = "all"
    elif rec.group_id is not None:
        audience = f"group:{rec.group_id}"
    else:
        audience = "staff"
    session.flush()
    return events.record(session, workshop, "recommendation",
                         dicts(session, [rec])[0], audience=audience)


def list_all(session: Session, workshop: Workshop) -> list[Recommendation]:
    return list(session.scalars(select(Recommendation)
                                .where(Recommendation.workshop_id == workshop.id)
                                .order_by(Recommendation.position, Recommendation.id)))


def visible(session: Session, workshop: Workshop, viewer: str,
            group: Group | None = None) -> list[Recommendation]:
    """What this viewer may see: the staff everything; the projection and phones the
    open wall; a group's members their group's drafts too."""
    if viewer == "staff":
        return list_all(session, workshop)
    return [r for r in list_all(session, workshop)
            if (workshop.wall_open and r.status != "merged")
            or (group is not None and r.group_id == group.id)]


def my_group(session: Session, participant: Participant) -> Group:
    group = group_of(session, participant)
    if group is None:
        raise Forbidden("not_in_group")
    return group


def get(session: Session, workshop: Workshop, rec_id) -> Recommendation:
    ok = isinstance(rec_id, int) and not isinstance(rec_id, bool)
    rec = session.get(Recommendation, rec_id) if ok else None
    if rec is None or rec.workshop_id != workshop.id:
        raise NotFound("unknown_recommendation")
    return rec


def create(session: Session, workshop: Workshop, participant: Participant, client_id,
           target, theme, text) -> tuple[Recommendation, bool, list]:
    """A new draft in the participant's group, once per (participant, client_id)."""
    if not isinstance(client_id, str) or not 0 < len(client_id) <= CLIENT_ID_MAX:
        raise ServiceError("invalid_client_id")
    existing = _by_client_id(session, participant, client_id)
    if existing is not None:
        return existing, False, []
    group = my_group(session, participant)
    if workshop.locked:
        raise Conflict("locked")
    quotas.check(session, Recommendation, workshop.id, quotas.RECOMMENDATIONS_PER_WORKSHOP,
                 participant.id, quotas.RECOMMENDATIONS_PER_PARTICIPANT)
    rec = Recommendation(
        workshop_id=workshop.id, group_id=group.id, participant_id=participant.id,
        client_id=client_id, target=_target(workshop, target), theme=_theme(theme),
        text=_text(text), status="draft", origins=[], version=1,
        position=(session.scalar(select(func.max(Recommendation.position))
                                 .where(Recommendation.workshop_id == workshop.id)) or 0) + 1)
    session.add(rec)
    try:
        session.flush()
    except IntegrityError:  # the same client id raced in from another connection
        session.rollback()
        return _by_client_id(session, participant, client_id), False, []
    event = record(session, workshop, rec)
    session.commit()
    return rec, True, [event]


def _by_client_id(session, participant, client_id) -> Recommendation | None:
    return session.scalar(select(Recommendation).where(
        Recommendation.participant_id == participant.id, Recommendation.client_id == client_id))


def edit(session: Session, workshop: Workshop, participant: Participant, rec_id, version,
         text=None, target=None, theme=None) -> tuple[Recommendation, list]:
    """A group member changes their group's recommendation, starting from `version`."""
    rec = get(session, workshop, rec_id)
    if rec.group_id != my_group(session, participant).id:
        raise Forbidden("not_your_group")
    if workshop.locked:
        raise Conflict("locked")
    if rec.status == "merged":
        raise Conflict("already_merged")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ServiceError("version_required")
    changes = _changes(workshop, text, target, theme)
    if version != rec.version:
        raise StaleVersion(dicts(session, [rec])[0], dict(changes, version=version))
    # Compare-and-set: of two edits from the same version, only the first one wins.
    done = session.execute(
        update(Recommendation)
        .where(Recommendation.id == rec.id, Recommendation.version == version)
        .values(version=version + 1, **changes)).rowcount
    session.refresh(rec)
    if not done:
        session.rollback()
        raise StaleVersion(dicts(session, [rec])[0], dict(changes, version=version))
    event = record(session, workshop, rec)
    session.commit()
    return rec, [event]


def _changes(workshop: Workshop, text, target, theme) -> dict:
    changes = {}
    if text is not None:
        changes["text"] = _text(text)
    if target is not None:
        changes["target"] = _target(workshop, target)
    if theme is not None:
        changes["theme"] = _theme(theme)
    if not changes:
        raise ServiceError("nothing_to_change")
    return changes


def curate(session: Session, workshop: Workshop, rec_id, status=None, text=None, target=None,
           theme=None) -> tuple[Recommendation, list]:
    """Facilitator: mark kept (or back to draft), move to another target or theme, fix a typo."""
    rec = get(session, workshop, rec_id)
    if rec.status == "merged":
        raise Conflict("already_merged")
    if status is not None:
        if status not in ("draft", "kept"):
            raise ServiceError("invalid_status")
        rec.status = status
    if any(v is not None for v in (text, target, theme)):
        for name, value in _changes(workshop, text, target, theme).items():
            setattr(rec, name, value)
        rec.version += 1
    elif status is None:
        raise ServiceError("nothing_to_change")
    event = record(session, workshop, rec)
    session.commit()
    return rec, [event]


def merge(session: Session, workshop: Workshop, into_id, ids, text=None) -> tuple[Recommendation, list]:
    """Fold duplicates into one: the survivor keeps every origin (texts and groups) and their dots."""
    survivor = get(session, workshop, into_id)
    if not isinstance(ids, list) or not ids:
        raise ServiceError("merge_needs_two")
    others = []
    for rec_id in ids:
        rec = get(session, workshop, rec_id)
        if rec.id != survivor.id and rec not in others:
            others.append(rec)
    if not others:
        raise ServiceError("merge_needs_two")
    if any(r.status == "merged" for r in [survivor, *others]):
        raise Conflict("already_merged")
    origins = list(survivor.origins or [{"id": survivor.id, "group": survivor.group_id,
                                         "text": survivor.text}])
    for rec in others:
        origins.extend(rec.origins or [{"id": rec.id, "group": rec.group_id, "text": rec.text}])
        rec.status, rec.merged_into_id = "merged", survivor.id
        survivor.kept_votes = (survivor.kept_votes or 0) + (rec.kept_votes or 0)
        rec.kept_votes = 0
        for theirs in session.scalars(select(RecommendationVote)
                                    .where(RecommendationVote.recommendation_id == rec.id)):
            mine = session.get(RecommendationVote, (theirs.participant_id, survivor.id))
            if mine is None:
                session.add(RecommendationVote(participant_id=theirs.participant_id,
                                               recommendation_id=survivor.id, count=theirs.count))
            else:
                mine.count += theirs.count
            session.delete(theirs)
    survivor.origins = origins
    survivor.text = _text(text) if text is not None else "\n".join(
        [survivor.text] + [r.text for r in others])
    if len(survivor.text) > TEXT_MAX:
        raise ServiceError("text_too_long", max=TEXT_MAX)
    survivor.version += 1
    recorded = [record(session, workshop, r) for r in others]
    recorded.append(record(session, workshop, survivor))
    session.commit()
    return survivor, recorded
