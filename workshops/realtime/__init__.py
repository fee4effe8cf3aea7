"""Socket.IO: authentication at connect, per-room event delivery, catch-up.

Wire protocol (docs/realtime.md): the client connects with
`auth = {code, role: "participant"|"projection"|"staff", token?|key?, since?}`; with
`since` the connection is answered at once with `synced`, what `sync {since}` would
acknowledge, one round trip earlier; without it the client emits `sync {since}`. Every
room event arrives as `event {seq, type, data}`. Every client→server event is acknowledged
with `{ok: true, …}` or `{ok: false, error: {code, message}}`.
"""
from dataclasses import dataclass
from functools import wraps

from flask import current_app, g, request, session as flask_session
from flask_socketio import ConnectionRefusedError, emit, join_room

from workshops.extensions import db_session, shared_parts
from workshops.messages import message_for
from workshops.models import Account, Workshop
from workshops.operations import PARTICIPANT, PROJECTION, STAFF, Caller
from workshops.operations.table import OPERATIONS
from workshops.realtime.coalesce import LIVE
from workshops.realtime.digest import CROWD_EVENTS, PhoneDigest
from workshops.realtime.payloads import REFUSED
from workshops.realtime.rooms import (participant_room, phones_room, room, screens_room,
                                      staff_room)
from workshops.runtime import connect_guarded, guarded
from workshops.services.base.errors import NotFound, ServiceError
from workshops.services.base.events import envelope
from workshops.services.groups import groups as group_service
from workshops.services.base.tokens import same_secret
from workshops.services.room import accounts, participants, workshops


@dataclass(frozen=True)
class Principal:
    """Who is behind a socket: checked at connect, re-checked by every handler."""

    kind: str  # "participant" | "projection" | "staff"
    workshop_id: int
    participant_id: int | None = None
    account_id: int | None = None


class Broadcaster:
    """Sends committed room events to the rooms they belong to (called by the after-commit
    hook, services/events.py); the crowd's events reach the screens at once and the phones
    through their digest.

    Group-scoped events (audience `group:<id>`) reach the staff room and each member's own
    room, members being read when the event is sent — in a session of their own, the
    committing one can run no more SQL at that point (docs/decisions.md)."""

    def __init__(self, sio, digest: PhoneDigest, sessions):
        self.sio, self.digest, self.sessions = sio, digest, sessions

    def __call__(self, events) -> None:
        for event in events:
            workshop_id, message = event.workshop_id, envelope(event)
            if event.audience == "staff":
                self.sio.emit("event", message, to=staff_room(workshop_id))
                continue
            if event.audience == "all" and event.type in CROWD_EVENTS:
                self.sio.emit("event", message, to=screens_room(workshop_id))
                self.digest.add(workshop_id, message)
                continue
            self.digest.flush(workshop_id)  # phones get the room's events in order
            if event.audience.startswith("group:"):
                to = self.group_rooms(workshop_id, int(event.audience.split(":", 1)[1]))
            else:
                to = room(workshop_id)
            self.sio.emit("event", message, to=to)

    def group_rooms(self, workshop_id: int, group_id: int) -> list[str]:
        with self.sessions() as session:
            members = group_service.member_ids(session, group_id)
        return [staff_room(workshop_id)] + [participant_room(workshop_id, p) for p in members]


def _principals() -> dict:
    return current_app.extensions.setdefault("ensemble.principals", {})


def current_principal() -> Principal | None:
    return _principals().get(request.sid)


def _authenticate(auth) -> Principal:
    if not isinstance(auth, dict):
        raise ConnectionRefusedError("unauthorized")
    session, code, role = db_session(), str(auth.get("code", "")), auth.get("role")
    if role == "participant":  # nearly every connection: one query
        found = participants.by_code_and_token(session, code, auth.get("token"))
        if found is None:
            raise ConnectionRefusedError("unknown_workshop")
        if found[1] is None:
            raise ConnectionRefusedError("unauthorized")
        g.checked_rows = found  # the snapshot answered with this connection reads no more
        return Principal("participant", found[0].id, participant_id=found[1].id)
    try:
        workshop = workshops.get_workshop(session, code)
    except NotFound:
        raise ConnectionRefusedError("unknown_workshop")
    if role == "projection":
        if same_secret(auth.get("key"), workshop.projection_key):
            return Principal("projection", workshop.id)
    elif role == "staff":
        account = accounts.session_account(session, flask_session)
        if workshops.role_of(session, workshop, account):
            return Principal("staff", workshop.id, account_id=account.id)
    raise ConnectionRefusedError("unauthorized")


def socket_caller(session, principal: Principal, allow: frozenset[str]) -> Caller:
    """The caller behind this socket, re-checked now: a deleted participant or a removed
    co-facilitator is refused from their next event on. Within `connect` (the snapshot
    answered with the connection) the rows `connect` has just read and checked serve."""
    memo = {"snapshots": shared_parts(), "notices": LIVE}
    if principal.kind == "participant":  # both rows in one query, or just read by connect
        rows = g.pop("checked_rows", None) or participants.with_workshop(
            session, principal.workshop_id, principal.participant_id)
        if rows is None and session.get(Workshop, principal.workshop_id) is None:
            raise NotFound("unknown_workshop")
        if rows is None:  # deleted since connect
            raise ServiceError("unauthorized", status=401)
        return Caller(session, rows[0], PARTICIPANT, participant=rows[1], **memo)
    workshop = session.get(Workshop, principal.workshop_id)
    if workshop is None:
        raise NotFound("unknown_workshop")
    if principal.kind == "projection":
        return Caller(session, workshop, PROJECTION, **memo)
    account = session.get(Account, principal.account_id)
    role = workshops.require_role(session, workshop, account, tuple(allow & STAFF))
    return Caller(session, workshop, role, account=account, **memo)


# The codes a payload outside the bounds is refused with (realtime/payloads.py).
REFUSALS = frozenset({"invalid_json", "too_deep", "number_out_of_range",
                      "invalid_characters"})


def error_ack(code: str, params: dict | None = None, details: dict | None = None) -> dict:
    return {"ok": False, "error": {**(details or {}), "code": code,
                                   "message": message_for(code, params)}}


def _kind_allowed(kind: str, allow: frozenset[str]) -> bool:
    return bool(allow & STAFF) if kind == "staff" else kind in allow


def handler(socketio, event_name: str, allow: frozenset[str]):
    """Register `fn(caller, data) -> ack fields` for a client event: check who calls, run
    it, acknowledge. Room events go out after the commit (services/events.py)."""
    def decorator(fn):
        @socketio.on(event_name)
        @guarded(event_name, current_principal)  # runtime: rate limits, faults acked
        @wraps(fn)
        def wrapped(data=None):
            principal = current_principal()
            if principal is None or not _kind_allowed(principal.kind, allow):
                return error_ack("not_allowed")
            if data is None:
                data = {}
            if not isinstance(data, dict):
                return error_ack("invalid_body")
            session = db_session()
            try:
                ack = fn(socket_caller(session, principal, allow), data)
            except ServiceError as error:
                session.rollback()
                return error_ack(error.code, error.params, error.details)
            return {"ok": True, **ack}
        return wrapped
    return decorator


def _acknowledged(operation, event):
    def run(caller, data):
        return event.ack(operation.call(caller, dict(data, **event.fixed)))
    run.__name__ = "on_" + event.name.replace(":", "_")
    return run


def register_operations(socketio, operations) -> dict:
    """One handler per Socket.IO event of the declared operations; {event name: handler}."""
    return {event.name: handler(socketio, event.name, operation.allow)(
                _acknowledged(operation, event))
            for operation in operations for event in operation.events}


def _answer_sync(sync, since) -> None:
    """The `sync {since}` a client would emit once connected, answered with the connection:
    one round trip less for a joining phone (docs/performance.md). The same handler runs
    (role, rate limits, metrics); it sends `synced` to this connection only, not through the
    message queue, ahead of the connect answer — Socket.IO clients hold it until then. A
    refusal is not sent: the client, without `synced`, emits `sync` and gets it there."""
    answer = sync({"since": since})
    if answer.get("ok"):
        emit("synced", answer, ignore_queue=True)


def register_handlers(socketio) -> None:
    """Attach every Socket.IO handler to this app's server (before init_app)."""
    handlers = register_operations(socketio, OPERATIONS)

    @socketio.on("connect")
    @connect_guarded  # runtime: the database down refuses, answered
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
        if "since" in auth:
            _answer_sync(handlers["sync"], auth["since"])

    @socketio.on("disconnect")
    def on_disconnect(*_args):
        principal = _principals().pop(request.sid, None)
        if principal is not None and principal.kind == "participant":
            phones = current_app.extensions["ensemble.digest"].phones
            phones[principal.workshop_id] = max(0, phones[principal.workshop_id] - 1)

    @socketio.on(REFUSED)
    @guarded(REFUSED, current_principal)
    def on_refused(code=None, *_args):
        """A payload outside the bounds (realtime/payloads.py): answered with its error."""
        return error_ack(code if code in REFUSALS else "invalid_json")

