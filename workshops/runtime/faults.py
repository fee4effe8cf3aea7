"""Faults answered, not crashed.

* The database unreachable (PostgreSQL stopped, a dropped connection, a full pool):
  HTTP answers 503 `database_unavailable` with `Retry-After`; a Socket.IO event is
  acknowledged with the same error, so the phone keeps the item in its outbox and sends it
  again (`static/js/live.js`). One warning line in the log, no traceback.
* Anything unexpected: HTTP 500 `internal_error` (Flask logs the traceback once); a
  Socket.IO event is acknowledged with `internal_error` and its traceback logged once.
"""
import logging
from functools import wraps

from flask import current_app, jsonify, render_template, request
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from workshops.messages import message_for

log = logging.getLogger(__name__)

# What a stopped or unreachable database raises; SQLite's "database is locked" too.
DATABASE_DOWN = (OperationalError, InterfaceError, PoolTimeout)
RETRY_AFTER_S = 5


def error_fields(code: str, **extra) -> dict:
    """The `error` object of an API answer or a Socket.IO ack."""
    return {**extra, "code": code, "message": message_for(code)}


def _forget_transaction() -> None:
    """Roll back what the failed request started; a dead connection may refuse even that."""
    try:
        current_app.extensions["ensemble.db"].session.rollback()
    except SQLAlchemyError:
        pass


def _database_unavailable(error):
    _forget_transaction()
    log.warning("database unavailable: %s", str(error).splitlines()[0])
    if request.path.startswith("/api/"):
        response = jsonify(error=error_fields("database_unavailable"))
    else:
        response = current_app.make_response(render_template(
            "error.html", message=message_for("database_unavailable"), status=503))
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def register(app) -> None:
    for kind in DATABASE_DOWN:
        app.register_error_handler(kind, _database_unavailable)


def guarded(event_name: str):
    """Decorate a Socket.IO handler so that every event is acknowledged, even when the
    database is down or the handler fails."""
    def decorator(fn):
        @wraps(fn)
        def wrapped(*args):
            try:
                return fn(*args)
            except DATABASE_DOWN as error:
                _forget_transaction()
                log.warning("database unavailable during %s: %s", event_name,
                            str(error).splitlines()[0])
                return {"ok": False, "error": error_fields("database_unavailable",
                                                           retry_after=RETRY_AFTER_S)}
            except Exception:  # noqa: BLE001  (every event gets an answer)
                _forget_transaction()
                log.exception("Socket.IO event %s failed", event_name)
                return {"ok": False, "error": error_fields("internal_error")}
        return wrapped
    return decorator
