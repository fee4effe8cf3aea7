"""/readyz says whether this worker can serve: database, schema at head, Redis."""
import os

from sqlalchemy import text

from bench.run import free_port


def test_ready_when_the_database_is_at_head(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok"}}


def test_not_ready_when_the_schema_is_behind(app, client):
    with app.extensions["ensemble.db"].engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'old'"))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"] == "schema_not_at_head"


def test_not_ready_when_never_migrated(app, client):
    with app.extensions["ensemble.db"].engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    assert client.get("/readyz").get_json()["checks"]["database"] == "schema_not_at_head"


def test_not_ready_when_redis_does_not_answer(app, client):
    app.config["MESSAGE_QUEUE_URL"] = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "redis": "unreachable"}


def test_ready_with_redis(app, client):
    app.config["MESSAGE_QUEUE_URL"] = os.environ.get("ENSEMBLE_TEST_REDIS",
                                                     "redis://127.0.0.1:6379/0")
    assert client.get("/readyz").get_json()["checks"]["redis"] == "ok"
