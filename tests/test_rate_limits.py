"""Rate limits refuse brute force and floods with 429 (French message, Retry-After) and a
`rate_limited` ack with the delay, and count each address, participant and connection
apart. The limits are the defaults of workshops/config.py."""
import os
import uuid

import pytest

from limits import parse

from tests.conftest import PASSWORD, Room
from workshops.factory import create_app
from workshops.runtime.limits import Windows


def _wrong_login(client, address="198.51.100.7"):
    return client.post("/connexion", data={"email": "orga@example.org", "password": "non"},
                       environ_base={"REMOTE_ADDR": address})


def _wrong_token(client, address="198.51.100.7"):
    return client.post("/api/v1/tokens", json={"email": "orga@example.org", "password": "non"},
                       environ_base={"REMOTE_ADDR": address})


def test_form_login_brute_force_gets_429_after_ten(room):
    statuses = [_wrong_login(room.client).status_code for _ in range(12)]
    assert statuses == [401] * 10 + [429] * 2
    response = _wrong_login(room.client)
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert "Trop de requêtes : patientez un instant." in response.get_data(as_text=True)
    # the right password does not get through either: that is what stops a guesser
    right = room.client.post("/connexion", data={"email": "orga@example.org",
                                                 "password": PASSWORD},
                             environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert right.status_code == 429


def test_api_logins_share_the_count_and_answer_json(room):
    for _ in range(6):
        _wrong_login(room.client)
    statuses = [_wrong_token(room.client).status_code for _ in range(6)]
    assert statuses == [401] * 4 + [429] * 2
    response = _wrong_token(room.client)
    assert response.get_json()["error"] == {"code": "rate_limited",
                                            "message": "Trop de requêtes : patientez un instant."}
    assert int(response.headers["Retry-After"]) >= 1


def test_each_address_has_its_own_count(room):
    for _ in range(11):
        _wrong_token(room.client, "198.51.100.7")
    assert _wrong_token(room.client, "198.51.100.8").status_code == 401
    assert room.client.get("/connexion",
                           environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code == 200


def test_unknown_codes_are_limited_but_known_ones_are_not(room):
    for _ in range(30):
        assert room.client.get(f"/j/{room.code}").status_code == 200
    statuses = [room.client.get(f"/api/v1/workshops/ZZZ{i:03d}/join-info").status_code
                for i in range(22)]
    assert statuses == [404] * 20 + [429] * 2
    assert room.client.get(f"/j/{room.code}").status_code == 429  # that address, for a while


def test_posting_is_limited_per_participant(room):
    _pid, alice, _token = room.join()
    _pid, bob, _token = room.join(organisation="Foyer B")
    statuses = [room.post_card(alice, text=f"Carte {i}").status_code for i in range(32)]
    assert statuses == [201] * 30 + [429] * 2
    assert room.post_card(bob).status_code == 201


def test_socket_posting_is_limited_per_participant_with_the_delay(room):
    _pid, _headers, token = room.join()
    phone = room.socket(token=token)
    acks = [phone.emit("card:post", {"client_id": str(uuid.uuid4()), "axis": room.axes[0],
                                     "kind": "lever", "text": f"Carte {i}"}, callback=True)
            for i in range(31)]
    assert [a["ok"] for a in acks] == [True] * 30 + [False]
    assert acks[-1]["error"]["code"] == "rate_limited"
    assert 1 <= acks[-1]["error"]["retry_after"] <= 60
    # a second connection of the same person does not get round it
    again = room.socket(token=token)
    refused = again.emit("card:post", {"client_id": "x", "axis": room.axes[0],
                                       "kind": "lever", "text": "Encore"}, callback=True)
    assert refused["error"]["code"] == "rate_limited"


def test_socket_events_are_limited_per_connection(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, RATE_LIMIT_SOCKET="5 per minute")
    room = Room(app, app.test_client())
    _pid, _headers, token = room.join()
    phone, other = room.socket(token=token), room.socket(token=token)
    acks = [phone.emit("sync", {"since": 0}, callback=True) for _ in range(6)]
    assert [a["ok"] for a in acks] == [True] * 5 + [False]
    assert acks[-1]["error"]["code"] == "rate_limited"
    assert 1 <= acks[-1]["error"]["retry_after"] <= 60
    assert other.emit("sync", {"since": 0}, callback=True)["ok"]


def _app(tmp_path, monkeypatch, **config):
    monkeypatch.setenv("ENSEMBLE_INSTANCE", str(tmp_path / "instance"))
    return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'db'}",
                       "CREATE_TABLES": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "t",
                       "PUBLIC_URL": "http://ensemble.test", "PHONE_BATCH_S": 0, **config})


def test_limits_are_settings(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, RATE_LIMIT_LOGIN="2 per minute")
    Room(app, app.test_client())
    client = app.test_client()
    assert [_wrong_token(client).status_code for _ in range(3)] == [401, 401, 429]


def test_limits_can_be_turned_off(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, RATE_LIMITS=False)
    Room(app, app.test_client())
    assert {_wrong_token(app.test_client()).status_code for _ in range(15)} == {401}


@pytest.mark.services
def test_with_a_message_queue_every_worker_counts_the_same(tmp_path, monkeypatch):
    """Two apps on one database and one Redis stand for two workers."""
    redis_url = os.environ.get("ENSEMBLE_TEST_REDIS", "redis://127.0.0.1:6379/0")
    first = _app(tmp_path, monkeypatch, MESSAGE_QUEUE_URL=redis_url)
    second = _app(tmp_path, monkeypatch, MESSAGE_QUEUE_URL=redis_url)
    Room(first, first.test_client())
    address = f"198.51.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"  # fresh keys
    statuses = [_wrong_token(app.test_client(), address).status_code
                for app in [first, second] * 6]
    assert statuses == [401] * 10 + [429] * 2


def test_a_connection_window_ends_and_is_then_forgotten():
    """The one-process server counts Socket.IO events itself (runtime/limits.py: Windows):
    the window of `limits`, and nothing kept per connection once its window is over."""
    now = [1000.0]
    windows = Windows(clock=lambda: now[0], sweep_s=60)
    item = parse("3 per 10 seconds")
    assert [windows.hit(item, "socket", "a") for _ in range(4)] == [None] * 3 + [1010.0]
    assert windows.hit(item, "socket", "b") is None  # each connection its own
    now[0] += 10
    assert windows.hit(item, "socket", "a") is None  # a new window
    for sid in range(1000):
        windows.hit(item, "socket", sid)
    now[0] += 60
    windows.hit(item, "socket", "c")
    assert len(windows) == 1
