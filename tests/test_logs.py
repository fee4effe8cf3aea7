"""Logs: timestamp, level and request id on every line, JSON on request, an access log
without tokens, keys, codes or addresses by default, one traceback per error."""
import json
import re

from tests.conftest import Room
from tests.test_rate_limits import _app
from workshops.services.board import cards

TEXT_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (INFO|WARNING|ERROR) "
                       r"\[([0-9a-zA-Z._-]+)\] ([\w.-]+): (.*)$")


def _boom(*_args, **_kwargs):
    raise RuntimeError("a bug")


def _room(tmp_path, monkeypatch, **config):
    app = _app(tmp_path, monkeypatch, **config)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production
    return Room(app, app.test_client())


def test_access_log_names_routes_not_secrets(tmp_path, monkeypatch, capsys):
    room = _room(tmp_path, monkeypatch)
    capsys.readouterr()
    _pid, _headers, token = room.join()
    key = room.workshop.projection_key
    page = room.client.get(f"/w/{room.code}/projection?key={key}",
                           headers={"X-Request-Id": "proxy-id-1234"})
    err = capsys.readouterr().err
    lines = [TEXT_LINE.match(line) for line in err.splitlines()]
    assert all(lines), err
    access = [m.groups() for m in lines if m.group(3) == "ensemble.access"]
    assert [(level, message.rsplit(" ", 1)[0]) for level, _id, _name, message in access] == [
        ("INFO", "POST /api/v1/workshops/<code>/participants 201"),
        ("INFO", "GET /w/<code>/projection 200")]
    assert access[1][1] == "proxy-id-1234" == page.headers["X-Request-Id"]
    for secret in (room.code, key, token[:12], "127.0.0.1"):
        assert secret not in err


def test_addresses_only_when_asked(tmp_path, monkeypatch, capsys):
    room = _room(tmp_path, monkeypatch, ACCESS_LOG="addresses")
    room.client.get("/", environ_base={"REMOTE_ADDR": "192.0.2.44"})
    assert re.search(r"GET / 200 \d+ms 192\.0\.2\.44$", capsys.readouterr().err, re.M)


def test_access_log_off(tmp_path, monkeypatch, capsys):
    room = _room(tmp_path, monkeypatch, ACCESS_LOG="off")
    capsys.readouterr()
    room.client.get("/")
    assert "ensemble.access" not in capsys.readouterr().err


def test_one_traceback_per_error(tmp_path, monkeypatch, capsys):
    room = _room(tmp_path, monkeypatch)
    _pid, headers, _token = room.join()
    monkeypatch.setattr(cards, "post_card", _boom)
    capsys.readouterr()
    response = room.post_card(headers)
    err = capsys.readouterr().err
    assert response.status_code == 500
    assert err.count("Traceback") == 1
    assert f"[{response.headers['X-Request-Id']}]" in err.split("Traceback")[0]


def test_json_lines(tmp_path, monkeypatch, capsys):
    room = _room(tmp_path, monkeypatch, LOG_FORMAT="json")
    _pid, headers, _token = room.join()
    monkeypatch.setattr(cards, "post_card", _boom)
    capsys.readouterr()
    response = room.post_card(headers)
    records = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert {tuple(r) for r in records} >= {("time", "level", "logger", "request_id", "message")}
    errors = [r for r in records if r["level"] == "ERROR"]
    assert len(errors) == 1 and "RuntimeError: a bug" in errors[0]["exc_info"]
    assert errors[0]["request_id"] == response.headers["X-Request-Id"]
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", errors[0]["time"])
    assert [r["message"] for r in records if r["logger"] == "ensemble.access"][-1].startswith(
        "POST /api/v1/workshops/<code>/cards 500 ")
