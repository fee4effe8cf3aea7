"""Prometheus metrics: screens by kind, events, post → ack latency, export jobs, database
errors; readable from loopback or with METRICS_TOKEN only."""
import uuid

from sqlalchemy.exc import OperationalError

from tests.conftest import Room
from tests.test_rate_limits import _app
from workshops.services.board import cards


def _value(text: str, line_start: str) -> float:
    for line in text.splitlines():
        if line.startswith(line_start + " "):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{line_start} not in the metrics")


def _database_gone(*_args, **_kwargs):
    raise OperationalError("SELECT 1", {}, Exception("connection refused"))


def test_metrics_follow_the_room(room, monkeypatch):
    _pid, headers, token = room.join()
    phone = room.socket(token=token)
    room.socket(role="projection", key=room.workshop.projection_key)
    for _ in range(3):
        ack = phone.emit("card:post", {"client_id": str(uuid.uuid4()), "axis": room.axes[0],
                                       "kind": "lever", "text": "Un levier"}, callback=True)
        assert ack["ok"]
    phone.emit("card:post", {"client_id": "x", "axis": room.axes[0], "kind": "lever",
                             "text": ""}, callback=True)  # refused: empty
    monkeypatch.setattr(cards, "post_card", _database_gone)
    room.post_card(headers)
    phone.emit("card:post", {"client_id": "y", "axis": room.axes[0], "kind": "lever",
                             "text": "Pendant la panne"}, callback=True)

    text = room.client.get("/metrics").get_data(as_text=True)
    assert _value(text, 'ensemble_screens_connected{kind="participant"}') == 1
    assert _value(text, 'ensemble_screens_connected{kind="projection"}') == 1
    assert _value(text, 'ensemble_screens_connected{kind="staff"}') == 0
    assert _value(text, 'ensemble_socketio_events_total{event="card:post",outcome="ok"}') == 3
    assert _value(text, 'ensemble_socketio_events_total{event="card:post",outcome="refused"}') == 1
    assert _value(text, 'ensemble_socketio_events_total{event="card:post",'
                        'outcome="database_unavailable"}') == 1
    assert _value(text, 'ensemble_event_ack_seconds_count{event="card:post"}') == 5
    assert _value(text, 'ensemble_event_ack_seconds_bucket{event="card:post",le="+Inf"}') == 5
    assert _value(text, "ensemble_database_errors_total") == 2
    assert _value(text, 'ensemble_export_jobs{state="queued"}') == 0


def test_export_jobs_are_counted_by_state(room):
    from workshops.extensions import db_session
    from workshops.models.booklet import ExportJob

    with room.app.app_context():
        session = db_session()
        session.add_all([ExportJob(workshop_id=room.workshop.id, format="pdf", status=s)
                         for s in ("done", "done", "failed")])
        session.commit()
    text = room.client.get("/metrics").get_data(as_text=True)
    assert _value(text, 'ensemble_export_jobs{state="done"}') == 2
    assert _value(text, 'ensemble_export_jobs{state="failed"}') == 1


def test_metrics_are_not_public(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, METRICS_TOKEN="s3cret-token")
    Room(app, app.test_client())
    outside = {"REMOTE_ADDR": "203.0.113.5"}
    client = app.test_client()
    assert client.get("/metrics", environ_base=outside).status_code == 404
    assert client.get("/metrics", environ_base=outside,
                      headers={"Authorization": "Bearer wrong"}).status_code == 404
    assert client.get("/metrics", environ_base=outside,
                      headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200


def test_behind_the_proxy_an_outside_client_is_not_loopback(tmp_path, monkeypatch):
    """nginx on the same machine connects from 127.0.0.1: the forwarded address decides."""
    app = _app(tmp_path, monkeypatch, PROXY_COUNT=1)
    client = app.test_client()
    assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.5"}).status_code == 404
