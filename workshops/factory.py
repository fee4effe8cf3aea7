"""Ensemble's app factory: configuration, extensions, blueprints, Socket.IO handlers."""
import os
from pathlib import Path

from flask import Flask, request
from flask_babel import Babel
from flask_compress import Compress
from flask_socketio import SocketIO
from flask_wtf import CSRFProtect
from werkzeug.routing import IntegerConverter

from workshops.config import load_config
from workshops.db import Database
from workshops.migrate import create_tables
from workshops import runtime
from workshops.runtime.health import require_message_queue
from workshops.paths import ROOT, default_instance
from workshops.services.base import bounds
from workshops.vocabulary import LANGUAGES
from workshops import api, commands, views
from workshops.jobs import start_retention_loop
from workshops.realtime import Broadcaster, register_handlers
from workshops.realtime.digest import PhoneDigest
from workshops.realtime.payloads import BoundedPacket
from workshops.realtime.queue import ResyncingRedisManager
from workshops.realtime.rooms import phones_room
from workshops.services.base.events import deliver_after_commit
from workshops.services.snapshot import SharedParts


def select_locale() -> str:
    """French unless the person chose English (cookie set by /langue/<code>)."""
    chosen = request.cookies.get("lang") if request else None
    return chosen if chosen in LANGUAGES else "fr"


class DatabaseInt(IntegerConverter):
    """`<int:…>` in every route: an id the database can hold, else no such page (404)
    rather than an overflow in the query. At most 18 digits, in the pattern itself: a
    larger number refused only by `max` left the address matching no rule of its method
    but another's, and Werkzeug answered 405 (« use GET ») instead of 404."""

    regex = r"\d{1,18}"

    def __init__(self, url_map, **kwargs):
        kwargs.setdefault("max", bounds.INT_MAX)
        super().__init__(url_map, **kwargs)


def create_app(test_config: dict | None = None) -> Flask:
    instance_path = Path(os.environ.get("ENSEMBLE_INSTANCE", default_instance()))
    app = Flask("workshops", instance_path=str(instance_path),
                template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    app.url_map.converters["int"] = DatabaseInt
    app.config.update(load_config(instance_path))
    if test_config:
        app.config.update(test_config)
    runtime.logs.configure(app.config)  # before anything logs: Flask then adds no handler

    if app.config["MESSAGE_QUEUE_URL"]:
        require_message_queue(app.config["MESSAGE_QUEUE_URL"])
    database = Database(app.config["DATABASE_URL"])
    app.extensions["ensemble.db"] = database
    app.teardown_appcontext(database.remove)
    if app.config.get("CREATE_TABLES"):
        create_tables(database)

    Babel(app, locale_selector=select_locale)
    # Phones on a weak room Wi-Fi: gzip pages and static files (the Socket.IO
    # transport is not a Flask response and is not touched).
    # gzip for all: browsers offer br/zstd over HTTPS only, and rooms run plain HTTP.
    app.config.setdefault("COMPRESS_ALGORITHM", ["gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["gzip"])
    Compress(app)
    csrf = CSRFProtect(app)

    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    views.register(app)
    commands.register(app)
    runtime.install(app)  # logs, metrics, faults, rate limits, HTTPS, health

    # Handlers first, then init_app: otherwise a second app (every test after the
    # first) would get a server with no handlers.
    socketio = SocketIO()
    register_handlers(socketio)
    queue = app.config["MESSAGE_QUEUE_URL"]
    if queue and queue.startswith(("redis://", "rediss://")):
        # Screens catch up after a Redis restart (realtime/queue.py)
        queue_options = {"client_manager": ResyncingRedisManager(queue)}
    else:
        queue_options = {"message_queue": queue}
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        **queue_options,
        manage_session=False,
        max_http_buffer_size=64 * 1024,
        serializer=BoundedPacket,  # payloads read within the bounds of every input
        ping_interval=10,
        ping_timeout=20,
    )
    runtime.proxy.trust_proxies(app)  # outermost: Socket.IO's requests too
    app.extensions["ensemble.socketio"] = socketio
    app.extensions["ensemble.snapshots"] = SharedParts()
    app.extensions["ensemble.digest"] = PhoneDigest(socketio, app.config["PHONE_BATCH_S"],
                                                    phones_room)
    # Room events go out once their transaction has committed, from wherever it commits.
    deliver_after_commit(database.session_factory,
                         Broadcaster(socketio, app.extensions["ensemble.digest"],
                                     database.session_factory))
    if not app.config.get("TESTING"):
        start_retention_loop(app)  # purge participant data whose retention is over, hourly
    return app
