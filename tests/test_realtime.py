"""Socket.IO: authentication at connect, roles on every event, per-room sequence numbers,
catch-up after reconnecting, isolation between workshops."""
import pytest


def events_of(client, name="event"):
    return [e["args"][0] for e in client.get_received() if e["name"] == name]


def ack(client, event, data):
    return client.emit(event, data, callback=True)


@pytest.fixture
def phone(room):
    _pid, _headers, token = room.join()
    client = room.socket(token=token)
    assert client.is_connected()
    ack(client, "sync", {"since": 0})
    return client


def staff_socket(room):
    flask_client = room.app.test_client()
    room.login(flask_client)
    return room.socket(role="staff", flask_client=flask_client)


def test_connect_is_refused_without_valid_credentials(room):
    assert not room.socket(token="part_wrong").is_connected()
    assert not room.socket(role="projection", key="wrong").is_connected()
    assert not room.socket(role="staff").is_connected()  # no login session
    assert not room.socket(role="admin").is_connected()
    assert room.socket(role="projection", key=room.workshop.projection_key).is_connected()


def test_a_token_from_another_workshop_is_refused(room):
    other = room.client.post("/api/v1/workshops", headers=room.auth,
                             json={"title": "Autre", "format": "logement-d-abord-10-axes"}).get_json()
    joined = room.client.post(f"/api/v1/workshops/{other['code']}/participants", json={
        "organisation": "B", "organisation_type": "association", "profession": "direction"}).get_json()
    assert not room.socket(token=joined["token"]).is_connected()  # room.code is the first workshop


def test_first_sync_gets_a_snapshot(room, phone):
    _pid, headers, _ = room.join(organisation="Autre")
    room.post_card(headers, text="Déjà là")
    answer = ack(phone, "sync", {"since": 0})
    assert answer["ok"] and "snapshot" in answer
    snapshot = answer["snapshot"]
    assert [c["text"] for c in snapshot["cards"]] == ["Déjà là"]
    assert snapshot["workshop"]["code"] == room.code
    assert snapshot["me"]["organisation"] == "Foyer A"
    assert snapshot["presence"]["count"] == 2


def test_connecting_with_since_is_answered_with_the_snapshot_at_once(room):
    """A phone that says `since` when connecting gets what `sync` would answer with the
    connection, without asking (one round trip less on a slow network)."""
    _pid, headers, _ = room.join(organisation="Autre")
    room.post_card(headers, text="Déjà là")
    _pid, _headers, token = room.join()
    phone = room.socket(token=token, since=0)
    [answer] = events_of(phone, "synced")
    assert answer["ok"] and answer["seq"] >= 1
    assert [c["text"] for c in answer["snapshot"]["cards"]] == ["Déjà là"]
    assert answer["snapshot"]["me"]["organisation"] == "Foyer A"
    projection = room.socket(role="projection", key=room.workshop.projection_key, since=0)
    [shown] = events_of(projection, "synced")
    assert [c["text"] for c in shown["snapshot"]["cards"]] == ["Déjà là"]


def test_reconnecting_with_since_replays_what_was_missed_with_the_connection(room, phone):
    ack(phone, "card:post", {"client_id": "a", "axis": room.axes[0], "kind": "lever", "text": "Vu"})
    seen = events_of(phone)[-1]["seq"]
    _pid, headers, token = room.join(organisation="Autre")
    room.post_card(headers, text="Manqué")
    [answer] = events_of(room.socket(token=token, since=seen), "synced")
    assert [e["data"]["text"] for e in answer["events"] if e["seq"] > seen] == ["Manqué"]


def test_connecting_without_since_is_not_answered_before_asking(room):
    _pid, _headers, token = room.join()
    phone = room.socket(token=token)
    assert phone.is_connected() and events_of(phone, "synced") == []


def test_posting_broadcasts_with_increasing_sequence_numbers(room, phone):
    projection = room.socket(role="projection", key=room.workshop.projection_key)
    ack(projection, "sync", {"since": 0})
    first = ack(phone, "card:post", {"client_id": "a", "axis": room.axes[0], "kind": "lever",
                                     "text": "Premier"})
    second = ack(phone, "card:post", {"client_id": "b", "axis": room.axes[0], "kind": "lever",
                                      "text": "Second"})
    assert first["ok"] and first["created"] and second["ok"]
    received = events_of(projection)
    assert [e["data"]["text"] for e in received] == ["Premier", "Second"]
    assert received[1]["seq"] == received[0]["seq"] + 1
    assert received[0]["data"]["seq"] == received[0]["seq"]


def test_resending_the_same_client_id_stores_and_broadcasts_once(room, phone):
    projection = room.socket(role="projection", key=room.workshop.projection_key)
    data = {"client_id": "same", "axis": room.axes[0], "kind": "lever", "text": "Une fois"}
    first, again = ack(phone, "card:post", data), ack(phone, "card:post", data)
    assert first["card"] == again["card"] and again["created"] is False
    assert len(events_of(projection)) == 1


def test_reconnecting_replays_what_was_missed(room, phone):
    ack(phone, "card:post", {"client_id": "a", "axis": room.axes[0], "kind": "lever", "text": "Vu"})
    seen = events_of(phone)[-1]["seq"]
    phone.disconnect()
    _pid, headers, _ = room.join(organisation="Autre")
    room.post_card(headers, text="Manqué 1")
    room.post_card(headers, text="Manqué 2")
    _pid, _h, token = room.join(organisation="Encore")
    again = room.socket(token=token)
    answer = ack(again, "sync", {"since": seen})
    missed = [e for e in answer["events"] if e["seq"] > seen]
    assert [e["data"]["text"] for e in missed] == ["Manqué 1", "Manqué 2"]
    # A few events before `seen` come again (events.REPLAY_OVERLAP): screens skip those.
    assert [e["data"]["text"] for e in answer["events"] if e["seq"] <= seen] == ["Vu"]
    assert answer["seq"] >= answer["events"][-1]["seq"]  # staff-only events may follow


def test_too_far_behind_gets_a_snapshot(room, phone, monkeypatch):
    from workshops.services.base import events

    monkeypatch.setattr(events, "REPLAY_LIMIT", 2)
    for i in range(4):
        ack(phone, "card:post", {"client_id": f"c{i}", "axis": room.axes[0], "kind": "lever",
                                 "text": f"Carte {i}"})
    answer = ack(phone, "sync", {"since": 1})
    assert "snapshot" in answer and len(answer["snapshot"]["cards"]) == 4


def test_participants_cannot_use_staff_events(room, phone):
    for event, data in (("state:set", {"locked": True}),
                        ("card:moderate", {"id": 1, "hidden": True})):
        answer = ack(phone, event, data)
        assert answer == {"ok": False, "error": {"code": "not_allowed",
                                                 "message": "Vous n'avez pas accès à cette action."}}
    projection = room.socket(role="projection", key=room.workshop.projection_key)
    assert ack(projection, "card:post", {"client_id": "x", "axis": room.axes[0], "kind": "lever",
                                         "text": "t"})["error"]["code"] == "not_allowed"
    assert ack(projection, "state:set", {"view": "board"})["error"]["code"] == "not_allowed"


def test_staff_changes_axis_and_every_phone_follows(room, phone):
    staff = staff_socket(room)
    assert staff.is_connected()
    answer = ack(staff, "state:set", {"axis": room.axes[2], "view": "board"})
    assert answer["ok"] and answer["state"]["axis"] == room.axes[2]
    states = [e for e in events_of(phone) if e["type"] == "state"]
    assert states[-1]["data"]["axis"] == room.axes[2] and states[-1]["data"]["view"] == "board"


def test_moderation_by_staff_reaches_the_room(room, phone):
    staff = staff_socket(room)
    card = ack(phone, "card:post", {"client_id": "m", "axis": room.axes[0], "kind": "lever",
                                    "text": "À masquer"})["card"]
    assert ack(staff, "card:moderate", {"id": card["id"], "hidden": True})["card"]["hidden"]
    hidden = [e for e in events_of(phone) if e["type"] == "card"][-1]
    assert hidden["data"]["hidden"] is True
    snapshot = ack(phone, "sync", {"since": 0})["snapshot"]
    assert snapshot["cards"] == []
    staff_view = ack(staff, "sync", {"since": 0})["snapshot"]
    assert [c["hidden"] for c in staff_view["cards"]] == [True]


def test_bad_input_over_sockets_gets_a_clear_error(room, phone):
    assert ack(phone, "card:post", "not a dict")["error"]["code"] == "invalid_body"
    answer = ack(phone, "card:post", {"client_id": "z", "axis": room.axes[0], "kind": "lever",
                                      "text": "x" * 501})
    assert answer["error"] == {"code": "text_too_long",
                               "message": "Le texte ne doit pas dépasser 500 caractères."}
    assert ack(phone, "card:edit", {"id": "nope", "text": "t"})["error"]["code"] == "unknown_card"


def test_nobody_receives_another_workshops_events(room, phone):
    other = room.client.post("/api/v1/workshops", headers=room.auth,
                             json={"title": "Autre", "format": "logement-d-abord-10-axes"}).get_json()
    info = room.client.get(f"/api/v1/workshops/{other['code']}", headers=room.auth).get_json()
    joined = room.client.post(f"/api/v1/workshops/{other['code']}/participants", json={
        "organisation": "B", "organisation_type": "association", "profession": "direction"}).get_json()
    room.client.post(f"/api/v1/workshops/{other['code']}/cards",
                     headers={"Authorization": f"Bearer {joined['token']}"},
                     json={"client_id": "o", "axis": info["axes"][0]["id"], "kind": "lever",
                           "text": "Ailleurs"})
    assert all(e["data"].get("text") != "Ailleurs" for e in events_of(phone))


def test_a_deleted_participant_is_refused_from_the_next_event(room, phone, app):
    from workshops.extensions import db_session
    from workshops.models import Participant

    with app.app_context():
        session = db_session()
        session.query(Participant).delete()
        session.commit()
    answer = ack(phone, "card:post", {"client_id": "q", "axis": room.axes[0], "kind": "lever",
                                      "text": "t"})
    assert answer["ok"] is False and answer["error"]["code"] == "unauthorized"


def test_connections_from_another_origin_are_refused(client):
    handshake = "/socket.io/?EIO=4&transport=polling"
    foreign = client.get(handshake, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 400
    same = client.get(handshake, headers={"Origin": "http://localhost"})
    assert same.status_code == 200 and same.get_data(as_text=True).startswith("0{")
