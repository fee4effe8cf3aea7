"""PostgreSQL stops in the middle of a room, then comes back (a private server of this
test's own): phones are told « database unavailable » and keep what they sent, /readyz
turns 503 within 5 s and 200 again after, and once the database is back every card is
there exactly once."""
import os
import time
import uuid

import pytest
from sqlalchemy import text

from tests.conftest import Room
from tests.private_postgres import PrivatePostgres
from workshops.factory import create_app

pytestmark = pytest.mark.services
PHONES, BEFORE, DURING = 8, 2, 3
RETRY_CODES = {"database_unavailable", "rate_limited", "locked"}  # as static/js/core/outbox.js


@pytest.fixture
def postgres():
    if not PrivatePostgres.available():
        reason = "PostgreSQL server binaries missing (/usr/lib/postgresql/*/bin)"
        if os.environ.get("ENSEMBLE_REQUIRE_SERVICES"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = PrivatePostgres().init()
    yield server
    server.destroy()


@pytest.fixture
def room(postgres, tmp_path, monkeypatch):
    monkeypatch.setenv("ENSEMBLE_INSTANCE", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "DATABASE_URL": postgres.url, "CREATE_TABLES": True,
                      "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test",
                      "PUBLIC_URL": "http://ensemble.test", "PHONE_BATCH_S": 0})
    yield Room(app, app.test_client())
    app.extensions["ensemble.db"].remove()
    app.extensions["ensemble.db"].engine.dispose()


class Phone:
    """The phone's outbox (static/js/core/outbox.js): send in order, keep what was not acked."""

    def __init__(self, room, token):
        self.socket = room.socket(token=token)
        self.socket.emit("sync", {"since": 0}, callback=True)
        self.outbox, self.refusals = [], []
        self.axis = room.axes[0]

    def write(self, n):
        for i in range(n):
            self.outbox.append({"client_id": str(uuid.uuid4()), "axis": self.axis,
                                "kind": "lever", "text": f"Carte {i}"})
        self.flush()

    def flush(self):
        while self.outbox:
            ack = self.socket.emit("card:post", self.outbox[0], callback=True)
            if ack["ok"]:
                self.outbox.pop(0)
                continue
            assert ack["error"]["code"] in RETRY_CODES, ack
            self.refusals.append(ack["error"]["code"])
            return


def _wait_for(client, status, seconds):
    start = time.monotonic()
    while client.get("/readyz").status_code != status:
        assert time.monotonic() - start < seconds, f"/readyz not {status} after {seconds} s"
        time.sleep(0.2)
    return time.monotonic() - start


def test_no_card_is_lost_or_duplicated_when_postgresql_stops_mid_room(room, postgres):
    projection = room.socket(role="projection", key=room.workshop.projection_key)
    projection.emit("sync", {"since": 0}, callback=True)
    phones = [Phone(room, room.join(organisation=f"Foyer {i}")[2]) for i in range(PHONES)]
    _pid, api_phone, _token = room.join(organisation="Par l'API")
    for phone in phones:
        phone.write(BEFORE)
    assert room.client.get("/readyz").status_code == 200

    postgres.stop()
    assert _wait_for(room.client, 503, 5) < 5
    assert room.client.get("/readyz").get_json()["checks"]["database"] == "unreachable"
    for phone in phones:
        phone.write(DURING)
    assert all(phone.refusals == ["database_unavailable"] for phone in phones)
    assert all(len(phone.outbox) == DURING for phone in phones)  # kept, not dropped
    response = room.post_card(api_phone)
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "database_unavailable"

    postgres.start()
    _wait_for(room.client, 200, 10)
    for phone in phones:
        phone.flush()
    assert [phone.outbox for phone in phones] == [[]] * PHONES

    with room.app.extensions["ensemble.db"].engine.connect() as connection:
        total, distinct = connection.execute(
            text("SELECT count(*), count(DISTINCT client_id) FROM cards")).one()
    assert (total, distinct) == (PHONES * (BEFORE + DURING),) * 2
    shown = [e["args"][0]["data"]["id"] for e in projection.get_received()
             if e["name"] == "event" and e["args"][0]["type"] == "card"]
    assert sorted(set(shown)) == sorted(shown) and len(shown) == PHONES * (BEFORE + DURING)
