"""Helpers shared by the activity tests: sequences by activity, a room on the platforms format."""
from sqlalchemy import select

from workshops.extensions import db_session
from workshops.formats import get_builtin
from workshops.models import Sequence, Workshop
from workshops.services.room import workshops

PLATFORMS = "plateformes-accompagnement"


def sequence_id(room, activity: str, index: int = 0) -> int:
    with room.app.app_context():
        rows = db_session().scalars(
            select(Sequence.id).where(Sequence.workshop_id == room.workshop.id,
                                      Sequence.activity == activity)
            .order_by(Sequence.day_id, Sequence.position)).all()
        return rows[index]


def make_current(room, sequence: int | None) -> None:
    """Put the room in this sequence, as the agenda does (without its other effects)."""
    with room.app.app_context():
        session = db_session()
        session.get(Workshop, room.workshop.id).current_sequence_id = sequence
        session.commit()


def use_platforms_format(room) -> None:
    """Swap the room's workshop for one made from the platforms format (it has polls)."""
    with room.app.app_context():
        session = db_session()
        workshop = workshops.create_workshop(session, room.account, "Plateformes",
                                             get_builtin(PLATFORMS))
        room.workshop, room.code = workshop, workshop.code
        room.axes = [a.id for a in workshop.axes]


def events_of(socket_client, type_=None) -> list[dict]:
    """The `event` envelopes a test socket received since last asked."""
    out = [m["args"][0] for m in socket_client.get_received() if m["name"] == "event"]
    return [e for e in out if type_ is None or e["type"] == type_]
