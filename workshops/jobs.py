"""Background work of the server: booklet export jobs and the hourly retention purge.

Both run with `socketio.start_background_task` (a thread, or a greenlet under gevent),
each with its own database session, so requests keep being answered meanwhile; the slow
part of an export (PDF/DOCX layout) runs in a child process (exports/worker.py): the app's
warm renderer, started with the server (`adopt_renderer`), or a child of its own when the
warm one is busy.
"""
from __future__ import annotations

import logging
import time
import weakref

from flask import Flask, current_app

from exports.worker import Renderer
from workshops.db import utcnow
from workshops.extensions import db_session, socketio
from workshops.runtime.metrics import metrics
from workshops.services.exports import run_job
from workshops.services.retention import purge_due

log = logging.getLogger(__name__)
PURGE_EVERY = 3600  # seconds
# The first check waits a little: `python app.py` migrates the database after create_app,
# and the short-lived `flask` commands exit before it runs.
FIRST_CHECK_AFTER = 60


def renderer(app: Flask) -> Renderer:
    """The app's warm renderer (its child exits with the app, or with the server)."""
    if "ensemble.renderer" not in app.extensions:
        adopt_renderer(app, Renderer())
    return app.extensions["ensemble.renderer"]


def adopt_renderer(app: Flask, warm: Renderer) -> None:
    """Make ``warm`` the app's renderer: the serving process (`python app.py`, `ensemble
    serve`: workshops/server.py) starts one before it creates the app, so that its child
    imports WeasyPrint and lays out a small booklet on the other core while the server
    starts. Elsewhere (gunicorn's workers, tests, `flask` commands) the first export
    starts the app's renderer (`renderer`)."""
    app.extensions["ensemble.renderer"] = warm
    weakref.finalize(app, warm.close)


def start_export(job_id: int) -> None:
    app = current_app._get_current_object()
    socketio().start_background_task(_run_export, app, job_id)


def _run_export(app: Flask, job_id: int) -> None:
    with app.app_context():
        try:
            run_job(db_session(), job_id, app.config["EXPORT_DIR"],
                    isolated=renderer(app).render)
        finally:
            app.extensions["ensemble.db"].remove()


def purge_now(app: Flask) -> list[str]:
    """Purge the participant data of every workshop whose retention period is over."""
    with app.app_context():
        try:
            return purge_due(db_session(), utcnow(),
                             failed=lambda _code: metrics().purge_failures.inc())
        finally:
            app.extensions["ensemble.db"].remove()


def start_retention_loop(app: Flask) -> None:
    """Check soon after start, then every hour (idempotent: several workers may each run it).
    The loop holds the app weakly: an app let go of (the tests make one each) is freed, its
    renderer child with it, and the loop ends at its next check."""
    app.extensions["ensemble.socketio"].start_background_task(_retention_loop, weakref.ref(app))


def _retention_loop(app_ref: weakref.ref) -> None:
    time.sleep(FIRST_CHECK_AFTER)
    while _purge_if_alive(app_ref):
        time.sleep(PURGE_EVERY)


def _purge_if_alive(app_ref: weakref.ref) -> bool:
    """Purge what is due if the app still exists; False once it is gone."""
    app = app_ref()
    if app is None:
        return False
    try:
        purged = purge_now(app)
        if purged:
            log.warning("Données des participant·es effacées (conservation échue) : %s",
                        ", ".join(purged))
    except Exception:  # noqa: BLE001 — keep checking next hour
        log.exception("retention purge failed")
    return True
