"""Faults are answered, never left unanswered: an unexpected error is a 500
`internal_error` logged once; a database that does not answer is a 503
`database_unavailable`; every Socket.IO event gets an ack, whatever happens."""
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy.exc import OperationalError

from bench.run import free_port
from tests.test_join_storm import attendance_events
from workshops.services.board import cards

ROOT = Path(__file__).resolve().parent.parent


def _boom(*_args, **_kwargs):
    raise RuntimeError("a bug")


def _database_gone(*_args, **_kwargs):
    raise OperationalError("SELECT 1", {}, Exception("connection refused"))


def _tracebacks(caplog) -> int:
    return sum(1 for record in caplog.records if record.exc_info)


def test_an_unexpected_error_is_a_500_internal_error_logged_once(room, monkeypatch, caplog):
    room.app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production
    _pid, headers, _token = room.join()
    monkeypatch.setattr(cards, "post_card", _boom)
    with caplog.at_level(logging.ERROR):
        response = room.post_card(headers)
    assert response.status_code == 500
    error = response.get_json()["error"]
    assert error["code"] == "internal_error"
    assert error["message"] == "Une erreur inattendue s'est produite. Réessayez dans un instant."
    assert _tracebacks(caplog) == 1


def test_an_unexpected_error_on_a_page_shows_the_french_message(room, monkeypatch):
    room.app.config["PROPAGATE_EXCEPTIONS"] = False
    from workshops.views import participant

    monkeypatch.setattr(participant.workshops, "get_workshop", _boom)
    response = room.client.get(f"/j/{room.code}")
    assert response.status_code == 500
    assert "Une erreur inattendue" in response.get_data(as_text=True)


def test_the_english_catalogue_translates_the_new_codes(room, monkeypatch):
    _pid, headers, _token = room.join()
    monkeypatch.setattr(cards, "post_card", _database_gone)
    room.client.set_cookie("lang", "en")
    message = room.post_card(headers).get_json()["error"]["message"]
    assert message == "The database is not answering at the moment: try again in a few seconds."


def test_the_api_answers_503_when_the_database_is_unreachable(room, monkeypatch, caplog):
    _pid, headers, _token = room.join()
    monkeypatch.setattr(cards, "post_card", _database_gone)
    with caplog.at_level(logging.WARNING):
        response = room.post_card(headers)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.get_json()["error"]["code"] == "database_unavailable"
    assert _tracebacks(caplog) == 0
    assert any("database unavailable" in record.getMessage() for record in caplog.records)


def test_a_socket_event_is_acked_when_the_database_is_unreachable(room, monkeypatch):
    _pid, _headers, token = room.join()
    phone = room.socket(token=token)
    monkeypatch.setattr(cards, "post_card", _database_gone)
    ack = phone.emit("card:post", {"client_id": "a", "axis": room.axes[0], "kind": "lever",
                                   "text": "Un levier"}, callback=True)
    assert ack["ok"] is False
    assert ack["error"]["code"] == "database_unavailable"
    assert ack["error"]["retry_after"] == 5


def test_a_socket_event_is_acked_when_its_handler_fails(room, monkeypatch, caplog):
    _pid, _headers, token = room.join()
    phone = room.socket(token=token)
    monkeypatch.setattr(cards, "post_card", _boom)
    with caplog.at_level(logging.ERROR):
        ack = phone.emit("card:post", {"client_id": "a", "axis": room.axes[0],
                                       "kind": "lever", "text": "Un levier"}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "internal_error"
    assert _tracebacks(caplog) == 1
    # …and the connection still works
    assert phone.emit("sync", {"since": 0}, callback=True)["ok"]


def test_phones_counted_while_the_database_is_down_are_counted_once_it_is_back(room, monkeypatch,
                                                                             caplog):
    """The day's attendance is written once a second in the background (realtime/coalesce.py):
    the database down then, the phones are kept and written at the next try, not lost with
    the background task (the phone itself is never counted again by this process)."""
    from workshops.realtime import coalesce
    from workshops.services.room import attendance

    staff = room.socket(role="staff", flask_client=room.login(room.app.test_client()))
    assert staff.emit("sync", {"since": 0}, callback=True)["ok"]
    staff.get_received()
    record, calls = attendance.record, []

    def down_once(session, workshop, seen):  # other tests' rooms may be counted meanwhile
        if current_app._get_current_object() is room.app:
            calls.append(seen)
            if len(calls) == 1:
                _database_gone()
        return record(session, workshop, seen)

    monkeypatch.setattr(coalesce, "RETRY_AFTER_S", 0.3)
    monkeypatch.setattr(attendance, "record", down_once)
    phone = room.socket(token=room.join()[2])
    with caplog.at_level(logging.WARNING):
        assert phone.emit("sync", {"since": 0}, callback=True)["ok"]
        received = attendance_events(staff, within=4)
    assert len(calls) == 2 and calls[0] == calls[1]  # the first try met the database down
    assert received and received[0]["data"]["days"][0]["count"] == 1
    assert _tracebacks(caplog) == 0
    assert any("database unavailable" in r.getMessage() for r in caplog.records)


def test_a_connection_is_refused_not_left_hanging_when_the_database_is_down(room, monkeypatch,
                                                                           caplog):
    _pid, _headers, token = room.join()
    from workshops.realtime import participants

    monkeypatch.setattr(participants, "by_code_and_token", _database_gone)
    with caplog.at_level(logging.WARNING):
        phone = room.socket(token=token)
    assert not phone.is_connected()
    assert _tracebacks(caplog) == 0
    monkeypatch.undo()
    assert room.socket(token=token).is_connected()  # back: the phone gets in


def test_an_unreachable_redis_at_start_is_a_clear_message(tmp_path):
    env = dict(os.environ, ENSEMBLE_INSTANCE=str(tmp_path / "instance"), SECRET_KEY="t",
               MESSAGE_QUEUE_URL=f"redis://:secret@127.0.0.1:{free_port()}/0",
               PUBLIC_URL="http://127.0.0.1")
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "app.py", "--host", "127.0.0.1",
                             "--port", str(free_port())], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Redis" in result.stderr and "MESSAGE_QUEUE_URL" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "secret" not in result.stderr  # the URL's password is not printed


@pytest.mark.parametrize("path", ["/healthz", "/sante"])
def test_liveness(client, path):
    assert client.get(path).status_code == 200
