"""Updates sent to a room at most once a second, whatever the number of causes.

A join storm (sixty phones scanning the QR code at once, or a thousand) must not
become one broadcast per join to every phone, nor one attendance event per join to
the console: a join only marks the room as due, and one background task per room
and kind of update sends the latest state a second later.
"""
import logging
import threading

from flask import current_app

from workshops.extensions import db_session, socketio as current_socketio
from workshops.models import Workshop
from workshops.operations import Caller, Notices
from workshops.realtime.rooms import room
from workshops.runtime.faults import DATABASE_DOWN, RETRY_AFTER_S
from workshops.services.room import attendance, participants

INTERVAL = 1.0
OUTAGE_TRIES = 60  # 5 minutes, RETRY_AFTER_S apart
log = logging.getLogger(__name__)
_due: set[tuple[int, str, int]] = set()  # (id of the Socket.IO server, kind, workshop id)
_seen: dict[tuple[int, int], set[tuple[int, int | None]]] = {}  # (server, workshop) → phones
_lock = threading.Lock()


def _later(kind: str, workshop_id: int, send, delay: float = INTERVAL, tries: int = 0) -> None:
    """Run send(sio, session, workshop) in `delay` seconds, unless already due. The database
    down then, it is tried again RETRY_AFTER_S later, for OUTAGE_TRIES tries (what `send`
    took, it puts back: phones not counted yet go with the room's next count)."""
    sio = current_socketio()
    key = (id(sio), kind, workshop_id)
    with _lock:
        if key in _due:
            return
        _due.add(key)
    app = current_app._get_current_object()

    def run():
        sio.sleep(delay)
        with _lock:
            _due.discard(key)
        with app.app_context():
            try:
                session = db_session()
                workshop = session.get(Workshop, workshop_id)
                if workshop is not None:
                    send(sio, session, workshop)
            except DATABASE_DOWN as error:
                if tries + 1 >= OUTAGE_TRIES:
                    log.error("room %s: %s not sent, database unavailable for %s tries",
                              workshop_id, kind, OUTAGE_TRIES)
                    return
                log.warning("room %s: %s not sent, database unavailable (%s); again in %s s",
                            workshop_id, kind, type(error).__name__, RETRY_AFTER_S)
                _later(kind, workshop_id, send, RETRY_AFTER_S, tries + 1)
            except Exception:  # noqa: BLE001 — a background task has no one to answer
                log.exception("room %s: %s not sent", workshop_id, kind)

    sio.start_background_task(run)


def announce_presence(workshop_id: int) -> None:
    """« Who is in » counts to the whole room."""
    _later("presence", workshop_id, lambda sio, session, workshop: sio.emit(
        "presence", participants.presence(session, workshop), to=room(workshop.id)))


def count_attendance(workshop_id: int, participant_id: int, day_id: int | None) -> None:
    """Count a phone for the day (None: the day in progress); the phones of the last second
    are written together, and the console gets one `attendance` event if anyone is new."""
    with _lock:
        _seen.setdefault((id(current_socketio()), workshop_id), set()).add(
            (participant_id, day_id))

    def send(sio, session, workshop):
        with _lock:
            seen = _seen.pop((id(sio), workshop.id), set())
        try:
            if seen and attendance.record(session, workshop, seen):
                attendance.staff_event(session, workshop)
        except DATABASE_DOWN:
            with _lock:  # counted with the next try: the phones are remembered as counted
                _seen.setdefault((id(sio), workshop.id), set()).update(seen)
            raise

    _later("attendance", workshop_id, send)


class LiveNotices(Notices):
    """What operations tell the live room besides room events, at most once a second."""

    def presence_changed(self, workshop_id: int) -> None:
        announce_presence(workshop_id)

    def attended(self, caller: Caller) -> None:
        """Count the phone for the day in progress; a phone re-syncing in the same step of
        the day is remembered by this process."""
        w = caller.workshop
        key = (w.id, w.current_day_id, w.current_sequence_id, caller.participant.id)
        counted = current_app.extensions.setdefault("ensemble.attended", set())
        if key in counted:
            return
        count_attendance(w.id, caller.participant.id, w.current_day_id)
        if len(counted) > 100_000:
            counted.clear()
        counted.add(key)

    def day_opened(self, workshop_id: int, day_id: int) -> None:
        """Count for the new day the room's phones connected to this process."""
        for principal in list(current_app.extensions.get("ensemble.principals", {}).values()):
            if principal.kind == "participant" and principal.workshop_id == workshop_id:
                count_attendance(workshop_id, principal.participant_id, day_id)


LIVE = LiveNotices()
