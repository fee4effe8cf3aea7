"""Faults answered, not crashed.

* The database unreachable (PostgreSQL stopped, a dropped connection, a full pool):
  HTTP answers 503 `database_unavailable` with `Retry-After`; a Socket.IO event is
  acknowledged with the same error, so the phone keeps the item in its outbox and sends it
  again (`static/js/live.js`). One warning line in the log, no traceback.
* Past a rate limit: HTTP 429 (`limits.py`), a Socket.IO ack `rate_limited`, both
  saying after how many seconds to try again.
* Anything unexpected: HTTP 500 `internal_error` (Flask logs the traceback once); a
  Socket.IO event is acknowledged with `internal_error` and its traceback logged once.
"""
import logging
import time
from functools import wraps

from flask import current_app, jsonify, render_template, request
from flask_socketio import ConnectionRefusedError
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from workshops.messages import message_for
from workshops.runtime import limits
from workshops.runtime.metrics import metrics

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


def later(code: str, status: int, retry_after: int):
    """« Try again in `retry_after` s »: the API's error object or the error page."""
    if request.path.startswith("/api/"):
        response = jsonify(error=error_fields(code))
    else:
        response = current_app.make_response(render_template(
            "error.html", message=message_for(code), status=status))
    response.status_code = status
    response.headers["Retry-After"] = str(retry_after)
    return response


def _database_error(error) -> None:
    _forget_transaction()
    metrics().database_errors.inc()
    log.warning("database unavailable: %s", str(error).splitlines()[0])


def _database_unavailable(error):
    _database_error(error)
    return later("database_unavailable", 503, RETRY_AFTER_S)


def register(app) -> None:
    for kind in DATABASE_DOWN:
        app.register_error_handler(kind, _database_unavailable)


def guarded(event_name: str, principal_of):
    """Decorate a Socket.IO handler: refuse it past the rate limits (`limits.py`), and
    acknowledge every event, even when the database is down or the handler fails; count
    it and time it (`metrics.py`). `principal_of()` tells who is calling (None before
    `connect` succeeded)."""
    def decorator(fn):
        @wraps(fn)
        def wrapped(*args):
            started = time.perf_counter()
            ack = _acknowledged(event_name, principal_of, fn, args)
            metrics().event(event_name, ack, time.perf_counter() - started)
            return ack
        return wrapped
    return decorator


def _acknowledged(event_name: str, principal_of, fn, args) -> dict:
    refusal = limits.refuse_event(event_name, principal_of())
    if refusal:
        return {"ok": False, "error": error_fields("rate_limited", retry_after=refusal)}
    try:
        return fn(*args)
    except DATABASE_DOWN as error:
        _database_error(error)
        return {"ok": False, "error": error_fields("database_unavailable",
                                                   retry_after=RETRY_AFTER_S)}
    except Exception:  # noqa: BLE001  (every event gets an answer)
        _forget_transaction()
        log.exception("Socket.IO event %s failed", event_name)
        return {"ok": False, "error": error_fields("internal_error")}


def connect_guarded(fn):
    """Decorate the Socket.IO `connect` handler: the database down refuses the connection
    with `database_unavailable` (the client tries again, static/js/live.js) instead of
    leaving it unanswered with a traceback."""
    @wraps(fn)
    def wrapped(*args):
        try:
            return fn(*args)
        except DATABASE_DOWN as error:
            _database_error(error)
            raise ConnectionRefusedError("database_unavailable") from None
    return wrapped
