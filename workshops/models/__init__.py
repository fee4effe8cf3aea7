"""Every table, one module per domain. Importing this package registers them all."""
from workshops.models.accounts import Account, ApiToken
from workshops.models.workshop import Axis, Participant, RoomEvent, Workshop, WorkshopMember
from workshops.models.board import Card, Support

__all__ = [
    "Account", "ApiToken", "Axis", "Card", "Participant", "RoomEvent", "Support",
    "Workshop", "WorkshopMember",
]
