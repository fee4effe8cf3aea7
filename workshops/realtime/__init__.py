"""Socket.IO: authentication at connect, per-room event delivery, catch-up.

Wire protocol (docs/realtime.md): the client connects with
`auth = {code, role: "participant"|"projection"|"staff", token?|key?}`, then
emits `sync {since}`; every room event arrives as `event {seq, type, data}`.
Every client→server event is acknowledged with `{ok: true, …}` or
`{ok: false, error: {code, message}}`.
"""
from dataclasses import dataclass
from functools import wraps

from flask import current_app, request, session as flask_session
from flask_socketio import ConnectionRefusedError, join_room

from workshops.extensions import db_session, socketio as current_socketio
from workshops.messages import message_for
from workshops.models import Account, Participant, Workshop
from workshops.realtime.digest import CROWD_EVENTS
from workshops.services.room import participants, workshops
from workshops.services.base.errors import NotFound, ServiceError
from workshops.services.base.events import envelope


@dataclass(frozen=True)
class Principal:
    """Who is behind a socket: checked at connect, re-checked by every handler."""

    kind: str  # "participant" | "projection" | "staff"
    workshop_id: int
    participant_id: int | None = None
    account_id: int | None = None


def room(workshop_id: int) -> str:
    return f"w{workshop_id}"


def staff_room(workshop_id: int) -> str:
    return f"w{workshop_id}:staff"


def phones_room(workshop_id: int) -> str:
    """Every participant's phone: the crowd's events come here in batches (digest.py)."""
    return f"w{workshop_id}:phones"


def screens_room(workshop_id: int) -> str:
    """The projection and the console: every event at once."""
    return f"w{workshop_id}:screens"


def participant_room(workshop_id: int, participant_id: int) -> str:
    """One phone's own room: group events reach a group's members through theirs."""
    return f"w{workshop_id}:p{participant_id}"


def broadcast(events) -> None:
    """Send committed room events to the rooms they belong to; the crowd's events reach
    the screens at once and the phones through their digest."""
    sio, digest = current_socketio(), current_app.extensions["ensemble.digest"]
    for event in events:
        workshop_id, message = event.workshop_id, envelope(event)
        if event.audience == "staff":
            sio.emit("event", message, to=staff_room(workshop_id))
            continue
        if event.audience == "all" and event.type in CROWD_EVENTS:
            sio.emit("event", message, to=screens_room(workshop_id))
            digest.add(workshop_id, message)
            continue
        digest.flush(workshop_id)  # phones get the room's events in order
        if event.audience.startswith("group:"):
            from workshops.realtime.groups import group_rooms

            to = group_rooms(event)
        else:
            to = room(workshop_id)
        sio.emit("event", message, to=to)


def _principals() -> dict:
    return current_app.extensions.setdefault("ensemble.principals", {})


def current_principal() -> Principal | None:
    return _principals().get(request.sid)


def _authenticate(auth) -> Principal:
    if not isinstance(auth, dict):
        raise ConnectionRefusedError("unauthorized")
    session = db_session()
    try:
        workshop = workshops.get_workshop(session, str(auth.get("code", "")))
    except NotFound:
        raise ConnectionRefusedError("unknown_workshop")
    role = auth.get("role")
    if role == "participant":
        participant = participants.by_token(session, workshop, auth.get("token"))
        if participant:
            return Principal("participant", workshop.id, participant_id=participant.id)
    elif role == "projection":
        if auth.get("key") and auth.get("key") == workshop.projection_key:
            return Principal("projection", workshop.id)
    elif role == "staff":
        account = session.get(Account, flask_session.get("account_id") or 0)
        if workshops.role_of(session, workshop, account):
            return Principal("staff", workshop.id, account_id=account.id)
    raise ConnectionRefusedError("unauthorized")


class Context:
    """What a handler gets: the session, the workshop, and who is calling."""

    def __init__(self, session, principal: Principal):
        self.session = session
        self.principal = principal
        self.workshop = session.get(Workshop, principal.workshop_id)
        if self.workshop is None:
            raise NotFound("unknown_workshop")
        self.participant = None
        if principal.kind == "participant":
            self.participant = session.get(Participant, principal.participant_id)
            if self.participant is None:  # deleted since connect
                raise ServiceError("unauthorized", status=401)
        elif principal.kind == "staff":
            account = session.get(Account, principal.account_id)
            workshops.require_role(session, self.workshop, account)


def error_ack(code: str, params: dict | None = None, details: dict | None = None) -> dict:
    return {"ok": False, "error": {**(details or {}), "code": code,
                                   "message": message_for(code, params)}}


def handler(socketio, event_name: str, roles: tuple[str, ...]):
    """Register a thin handler: check the role, run it, commit, then emit.

    The wrapped function takes (ctx, data: dict) and returns (ack_fields, events).
    """
    def decorator(fn):
        @socketio.on(event_name)
        @wraps(fn)
        def wrapped(data=None):
            principal = current_principal()
            if principal is None or principal.kind not in roles:
                return error_ack("not_allowed")
            if data is None:
                data = {}
            if not isinstance(data, dict):
                return error_ack("invalid_body")
            session = db_session()
            try:
                ack, events = fn(Context(session, principal), data)
            except ServiceError as error:
                session.rollback()
                return error_ack(error.code, error.params, error.details)
            broadcast(events)
            return {"ok": True, **ack}
        return wrapped
    return decorator


def register_handlers(socketio) -> None:
    """Attach every Socket.IO handler to this app's server (before init_app)."""
    from workshops.realtime import groups
    from workshops.realtime import activities, agenda, board, sync

    @socketio.on("connect")
    def on_connect(auth=None):
        principal = _authenticate(auth)
        _principals()[request.sid] = principal
        join_room(room(principal.workshop_id))
        if principal.kind == "participant":
            current_app.extensions["ensemble.digest"].phones[principal.workshop_id] += 1
            join_room(phones_room(principal.workshop_id))
            join_room(participant_room(principal.workshop_id, principal.participant_id))
        else:
            join_room(screens_room(principal.workshop_id))
        if principal.kind == "staff":
            join_room(staff_room(principal.workshop_id))

    @socketio.on("disconnect")
    def on_disconnect(*_args):
        principal = _principals().pop(request.sid, None)
        if principal is not None and principal.kind == "participant":
            phones = current_app.extensions["ensemble.digest"].phones
            phones[principal.workshop_id] = max(0, phones[principal.workshop_id] - 1)

    sync.register(socketio)
    board.register(socketio)
    groups.register(socketio)
    activities.register(socketio)
    agenda.register(socketio)
