"""The room's timer: start with the sequence's minutes, pause, resume, add time, stop; stored as an
absolute end time so every screen computes the same remaining time from the server's clock."""
import datetime as dt

import pytest

from workshops.extensions import db_session
from workshops.models import Workshop
from workshops.services.agenda import timer


def drive(room, **body):
    return room.client.post(f"/api/v1/workshops/{room.code}/timer", headers=room.auth, json=body)


def agenda_goto_first_sequence(room):
    days = room.client.get(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth).get_json()
    first = days["days"][0]["sequences"][0]
    room.client.post(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth,
                     json={"action": "goto", "sequence": first["id"]})
    return first


def test_start_defaults_to_the_sequence_minutes_and_counts_from_server_time(room):
    first = agenda_goto_first_sequence(room)
    data = drive(room, action="start").get_json()
    assert data["status"] == "running" and data["duration"] == first["minutes"] * 60
    # Every screen computes ends_at - now: the payload carries both, in ms of the server clock.
    assert abs((data["ends_at"] - data["now"]) / 1000 - first["minutes"] * 60) < 1
    assert data["remaining"] in (first["minutes"] * 60, first["minutes"] * 60 - 1)


def test_start_without_a_sequence_needs_minutes(room):
    response = drive(room, action="start")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "minutes_required"
    data = drive(room, action="start", minutes=2.5).get_json()
    assert data["duration"] == 150


def test_pause_keeps_the_remaining_seconds_and_resume_sets_a_new_end(room, app):
    drive(room, action="start", minutes=10)
    with app.app_context():  # four minutes pass
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        workshop.timer_ends_at -= dt.timedelta(minutes=4)
        session.commit()
    paused = drive(room, action="pause").get_json()
    assert paused["status"] == "paused" and 359 <= paused["remaining"] <= 360
    assert paused["ends_at"] is None
    resumed = drive(room, action="resume").get_json()
    assert resumed["status"] == "running"
    assert abs((resumed["ends_at"] - resumed["now"]) / 1000 - paused["remaining"]) < 1


def test_add_time_running_paused_and_after_the_end(room, app):
    drive(room, action="start", minutes=1)
    added = drive(room, action="add", minutes=2).get_json()
    assert 179 <= (added["ends_at"] - added["now"]) / 1000 <= 180
    with app.app_context():  # the timer ran out five minutes ago
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        workshop.timer_ends_at = timer.utcnow() - dt.timedelta(minutes=5)
        session.commit()
    ended = room.client.get(f"/api/v1/workshops/{room.code}/timer", headers=room.auth).get_json()
    assert ended["status"] == "running" and ended["remaining"] == 0
    again = drive(room, action="add", minutes=1).get_json()
    assert 59 <= (again["ends_at"] - again["now"]) / 1000 <= 60  # from now, not from the old end
    drive(room, action="pause")
    paused = drive(room, action="add", minutes=1).get_json()
    assert paused["status"] == "paused" and 119 <= paused["remaining"] <= 120


@pytest.mark.parametrize("body, code", [
    ({"action": "pause"}, "timer_not_running"),
    ({"action": "resume"}, "timer_not_paused"),
    ({"action": "add", "minutes": 1}, "timer_not_running"),
    ({"action": "start", "minutes": 0}, "invalid_minutes"),
    ({"action": "start", "minutes": -3}, "invalid_minutes"),
    ({"action": "start", "minutes": "5"}, "invalid_minutes"),
    ({"action": "start", "minutes": 100000}, "invalid_minutes"),
    ({"action": "start", "minutes": True}, "invalid_minutes"),
    ({"action": "explode"}, "unknown_timer_action"),
])
def test_bad_timer_actions_are_refused(room, body, code):
    response = drive(room, **body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == code


def test_stop_and_moving_on_reset_the_timer(room):
    drive(room, action="start", minutes=5)
    assert drive(room, action="stop").get_json()["status"] == "idle"
    drive(room, action="start", minutes=5)
    room.client.post(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth,
                     json={"action": "next"})
    assert room.client.get(f"/api/v1/workshops/{room.code}/timer",
                           headers=room.auth).get_json()["status"] == "idle"


def test_timer_events_reach_phones_and_sync_carries_the_server_clock(room):
    staff = room.socket("staff", flask_client=room.login())
    _pid, _headers, token = room.join()
    phone = room.socket("participant", token=token)
    ack = phone.emit("sync", {"since": 0}, callback=True)
    before = timer.server_now_ms()
    assert abs(ack["now"] - before) < 2000 and ack["snapshot"]["timer"]["status"] == "idle"
    assert staff.emit("state:set", {"axis": 1}, callback=True)["ok"]  # the room has a past
    phone.get_received()
    ack = staff.emit("timer:start", {"minutes": 3}, callback=True)
    assert ack["ok"] and ack["timer"]["status"] == "running"
    events = [m["args"][0] for m in phone.get_received() if m["name"] == "event"]
    assert [e["type"] for e in events] == ["timer"] and events[0]["seq"] > 1
    payload = events[0]["data"]
    assert abs((payload["ends_at"] - payload["now"]) / 1000 - 180) < 1
    # A phone waking up re-syncs: the replay carries the timer, the ack the server's now.
    since = events[0]["seq"] - 1
    ack = phone.emit("sync", {"since": since}, callback=True)
    assert [e["type"] for e in ack["events"] if e["seq"] > since] == ["timer"]
    assert ack["now"] >= payload["now"]
    assert phone.emit("timer:start", {"minutes": 3}, callback=True)["error"]["code"] == "not_allowed"
    assert staff.emit("timer:pause", {}, callback=True)["timer"]["status"] == "paused"


def test_participants_cannot_drive_the_timer_over_rest(room):
    _pid, headers, _token = room.join()
    response = room.client.post(f"/api/v1/workshops/{room.code}/timer", headers=headers,
                                json={"action": "start", "minutes": 1})
    assert response.status_code in (401, 403)
