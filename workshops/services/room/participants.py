"""Participants: joining a workshop from a phone, and who is in the room."""
from collections import Counter

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import Session

from workshops.models import Participant, Workshop
from workshops.services.base.errors import ServiceError
from workshops.services.base.tokens import digest, new_secret

ORGANISATION_MAX = 120
NAME_MAX = 60
OTHER_MAX = 60
CHOICE_MAX = len("autre:") + OTHER_MAX  # a key of the format's list, or « autre: » + detail
# People with lived experience need not name an organisation.
NO_ORGANISATION_TYPES = ("personne_concernee",)


def _choice(value, choices: list[dict], field: str) -> str:
    """A key from the format's list; "autre" may carry free text ("autre:…")."""
    value = str(value or "").strip()
    keys = {c["key"] for c in choices}
    if value in keys:
        return value
    if value.startswith("autre:") and "autre" in keys:
        detail = value[len("autre:"):].strip()
        if 0 < len(detail) <= OTHER_MAX:
            return f"autre:{detail}"
    raise ServiceError(f"invalid_{field}")


def join(session: Session, workshop: Workshop, organisation=None, organisation_type=None,
         profession=None, display_name=None) -> tuple[Participant, str]:
    """Register a phone; returns the participant and its secret token (shown once)."""
    fmt = workshop.format_data
    organisation_type = _choice(organisation_type, fmt.get("organisation_types", []),
                                "organisation_type")
    profession = _choice(profession, fmt.get("professions", []), "profession")
    organisation = " ".join(str(organisation or "").split())
    if not organisation and organisation_type not in NO_ORGANISATION_TYPES:
        raise ServiceError("organisation_required")
    if len(organisation) > ORGANISATION_MAX:
        raise ServiceError("organisation_too_long", max=ORGANISATION_MAX)
    display_name = " ".join(str(display_name or "").split())
    if len(display_name) > NAME_MAX:
        raise ServiceError("name_too_long", max=NAME_MAX)
    raw = new_secret("part")
    participant = Participant(
        workshop_id=workshop.id, token_hash=digest(raw), organisation=organisation,
        organisation_type=organisation_type, profession=profession, display_name=display_name,
    )
    session.add(participant)
    session.commit()
    return participant, raw


def by_token(session: Session, workshop: Workshop, raw: str | None) -> Participant | None:
    if not raw:
        return None
    participant = session.scalar(select(Participant).where(Participant.token_hash == digest(raw)))
    if participant is None or participant.workshop_id != workshop.id:
        return None
    return participant


# A phone's connect and its first event, the two reads of every join (docs/performance.md):
# statements built once, so SQLAlchemy neither rebuilds them nor recomputes their cache key.
_BY_CODE_AND_TOKEN = (select(Workshop, Participant)
                      .outerjoin(Participant,
                                 and_(Participant.workshop_id == Workshop.id,
                                      Participant.token_hash == bindparam("token_hash")))
                      .where(Workshop.code == bindparam("code")))
# Counted by the database, not a row per phone read into Python: a room of a thousand
# is counted at each snapshot rebuild and each presence message (once a second each).
_PRESENCE = (select(Participant.organisation_type, Participant.profession, func.count())
             .where(Participant.workshop_id == bindparam("workshop"))
             .group_by(Participant.organisation_type, Participant.profession))
_WITH_WORKSHOP = (select(Workshop, Participant)
                  .join(Participant, Participant.workshop_id == Workshop.id)
                  .where(Participant.id == bindparam("participant"),
                         Workshop.id == bindparam("workshop")))


def by_code_and_token(session: Session, code: str,
                      raw) -> tuple[Workshop, Participant | None] | None:
    """The workshop of a code and its participant of a token, in one query; the participant
    None when the token is not one of that workshop's; None when no workshop has that code."""
    token_hash = digest(raw) if isinstance(raw, str) and raw else ""
    row = session.execute(_BY_CODE_AND_TOKEN, {"token_hash": token_hash,
                                               "code": (code or "").strip().upper()}).first()
    return None if row is None else (row[0], row[1])


def with_workshop(session: Session, workshop_id: int,
                  participant_id: int) -> tuple[Workshop, Participant] | None:
    """The workshop and its participant, in one query (None if either is gone)."""
    row = session.execute(_WITH_WORKSHOP, {"workshop": workshop_id,
                                           "participant": participant_id}).first()
    return None if row is None else (row[0], row[1])


def participant_dict(p: Participant) -> dict:
    return {
        "id": p.id, "organisation": p.organisation, "organisation_type": p.organisation_type,
        "profession": p.profession, "display_name": p.display_name,
    }


def presence(session: Session, workshop: Workshop) -> dict:
    """Who is in: total, and counts by organisation type and by profession (keys of the format)."""
    rows = session.execute(_PRESENCE, {"workshop": workshop.id}).all()

    def base(key):  # "autre:free text" counts as "autre"
        return key.split(":", 1)[0]

    by_type, by_profession = Counter(), Counter()
    for organisation_type, profession, count in rows:
        by_type[base(organisation_type)] += count
        by_profession[base(profession)] += count
    return {"count": sum(count for *_, count in rows), "by_type": dict(by_type),
            "by_profession": dict(by_profession)}


def shared_part(session: Session, workshop: Workshop, viewer: str) -> dict:
    return {"presence": presence(session, workshop)}


def personal_part(session: Session, workshop: Workshop, participant: Participant,
                  has_rows: bool = True) -> dict:
    """The participant's own declared details (their row, already read: `has_rows` does
    not matter)."""
    return {"me": participant_dict(participant)}
