"""Health checks for a supervisor or a load balancer.

`/healthz`: the process answers (liveness; `/sante` stays as the embedded server's).
`/readyz`: it can serve — the database answers, its schema is at the migrations' head,
and the Redis message queue answers when one is configured. 503 otherwise, with what
failed, so a balancer stops sending phones to a worker that would lose their posts.
"""
import redis
from alembic.script import ScriptDirectory
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from workshops.migrate import alembic_config

bp = Blueprint("health", __name__)
TIMEOUT_S = 2


@bp.get("/healthz")
def alive():
    return jsonify(status="ok")


@bp.get("/readyz")
def ready():
    checks = {"database": _database()}
    if current_app.config["MESSAGE_QUEUE_URL"]:
        checks["redis"] = _redis()
    ok = all(result == "ok" for result in checks.values())
    return jsonify(status="ok" if ok else "unavailable", checks=checks), 200 if ok else 503


def _database() -> str:
    database = current_app.extensions["ensemble.db"]
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            try:
                version = connection.execute(
                    text("SELECT version_num FROM alembic_version")).scalar()
            except SQLAlchemyError:  # no table yet: never migrated
                version = None
    except SQLAlchemyError:
        return "unreachable"
    return "ok" if version in _heads() else "schema_not_at_head"


def _heads() -> set[str]:
    heads = current_app.extensions.get("ensemble.migration_heads")
    if heads is None:
        script = ScriptDirectory.from_config(alembic_config(current_app.config["DATABASE_URL"]))
        heads = current_app.extensions["ensemble.migration_heads"] = set(script.get_heads())
    return heads


def _redis() -> str:
    client = current_app.extensions.get("ensemble.health_redis")
    if client is None:
        client = current_app.extensions["ensemble.health_redis"] = redis.Redis.from_url(
            current_app.config["MESSAGE_QUEUE_URL"], socket_connect_timeout=TIMEOUT_S,
            socket_timeout=TIMEOUT_S)
    try:
        client.ping()
    except redis.RedisError:
        return "unreachable"
    return "ok"


def require_message_queue(url: str) -> None:
    """Stop with a clear message when the configured Redis does not answer at start
    (python-socketio would otherwise wait for it silently)."""
    try:
        redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT_S,
                             socket_timeout=TIMEOUT_S).ping()
    except redis.RedisError as error:
        raise SystemExit(
            f"Ensemble : la file de messages Redis ne répond pas ({_without_password(url)}) : "
            f"{error}. Démarrez Redis ou corrigez MESSAGE_QUEUE_URL.\n"
            f"Ensemble: the Redis message queue does not answer ({_without_password(url)}). "
            f"Start Redis or fix MESSAGE_QUEUE_URL.") from None


def _without_password(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"
