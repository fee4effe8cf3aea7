"""How much one participant and one workshop may write: far above a real day (a room of
1,000 people never meets these), low enough that one phone cannot fill the server or make
a page too long to build. Listed in README.md (« Limits »).

Each check counts what is stored and refuses the next one with a 409 that says the limit.
"""
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshops.services.base.errors import Conflict

CARDS_PER_PARTICIPANT = 500          # a busy day: a few dozen
CARDS_PER_WORKSHOP = 50_000          # 1,000 people × 50 cards
RECOMMENDATIONS_PER_PARTICIPANT = 200
RECOMMENDATIONS_PER_WORKSHOP = 5_000
FEEDBACK_ANSWERS_PER_WORKSHOP = 20_000  # one per browser that answers the form


def check(session: Session, model, workshop_id: int, per_workshop: int,
          participant_id: int | None = None, per_participant: int | None = None) -> None:
    """Refuse one more `model` row (409 `quota_reached`) past either limit."""
    if participant_id is not None and per_participant is not None:
        mine = session.scalar(select(func.count()).select_from(model)
                              .where(model.participant_id == participant_id))
        if mine >= per_participant:
            raise Conflict("quota_reached", max=per_participant)
    everyone = session.scalar(select(func.count()).select_from(model)
                              .where(model.workshop_id == workshop_id))
    if everyone >= per_workshop:
        raise Conflict("quota_reached", max=per_workshop)
