"""« Who is in » counts, sent to a room at most once a second.

A join storm (sixty phones scanning the QR code at once, or a thousand) must not
become one broadcast per join to every phone: joins only mark the room dirty and
one background task per room sends the latest counts.
"""
import threading

from flask import current_app

from workshops.extensions import db_session, socketio as current_socketio
from workshops.models import Workshop
from workshops.services import participants

INTERVAL = 1.0
_pending: set[tuple[int, int]] = set()  # (id of the Socket.IO server, workshop id)
_lock = threading.Lock()


def announce(workshop_id: int) -> None:
    sio = current_socketio()
    key = (id(sio), workshop_id)
    with _lock:
        if key in _pending:
            return
        _pending.add(key)
    app = current_app._get_current_object()
    sio.start_background_task(_send_later, app, sio, workshop_id)


def _send_later(app, sio, workshop_id: int) -> None:
    from workshops.realtime import room

    sio.sleep(INTERVAL)
    with _lock:
        _pending.discard((id(sio), workshop_id))
    with app.app_context():
        session = db_session()
        workshop = session.get(Workshop, workshop_id)
        if workshop is not None:
            sio.emit("presence", participants.presence(session, workshop), to=room(workshop_id))
