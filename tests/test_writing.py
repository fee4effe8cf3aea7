"""Individual writing: private until the facilitator reveals, then anonymous for everyone.

Every leak path is checked with the secret text itself: room events (live and replayed),
the event log, snapshots, the REST API, and the HTML of every screen.
"""
import json

from sqlalchemy import select

from tests.activity_helpers import events_of, sequence_id
from workshops.extensions import db_session
from workshops.models import RoomEvent

SECRET = "Mon texte très personnel sur l'accompagnement"


def everything(socket_client) -> str:
    return json.dumps([m["args"] for m in socket_client.get_received()], ensure_ascii=False)


def setup(room):
    sequence = sequence_id(room, "individual_writing")
    alice_id, alice, alice_token = room.join()
    _bob_id, bob, bob_token = room.join(organisation="Foyer B")
    bob_phone = room.socket(token=bob_token)
    projection = room.socket(role="projection", key=room.workshop.projection_key)
    staff = room.socket(role="staff", flask_client=room.login(room.app.test_client()))
    for screen in (bob_phone, projection, staff):
        screen.emit("sync", {"since": 0}, callback=True)
        screen.get_received()
    alice_phone = room.socket(token=alice_token)
    return sequence, alice_id, alice, alice_phone, bob, bob_phone, projection, staff


def test_nobody_but_the_author_sees_a_text_before_reveal(room):
    sequence, _alice_id, alice, alice_phone, bob, bob_phone, projection, staff = setup(room)
    ack = alice_phone.emit("writing:save", {"sequence": sequence, "text": SECRET}, callback=True)
    assert ack["ok"] and ack["writing"]["text"] == SECRET and "author" not in ack["writing"]

    # Live events: the others learn how many wrote, never what.
    staff_received = staff.get_received()
    counts = [m["args"][0]["data"] for m in staff_received
              if m["name"] == "event" and m["args"][0]["type"] == "writing_count"]
    assert counts[-1]["count"] == 1 and counts[-1]["sequence"] == sequence
    for screen in (bob_phone, projection):
        assert SECRET not in everything(screen)
    assert SECRET not in json.dumps(staff_received, ensure_ascii=False)

    # Replay from the start, and the stored log itself.
    for screen in (bob_phone, projection, staff):
        replay = screen.emit("sync", {"since": 1}, callback=True)
        assert SECRET not in json.dumps(replay, ensure_ascii=False)
    with room.app.app_context():
        payloads = db_session().scalars(select(RoomEvent.payload)).all()
        assert SECRET not in json.dumps(payloads, ensure_ascii=False)

    # Snapshots: only the author's carries the text.
    for screen in (bob_phone, projection, staff):
        snap = screen.emit("sync", {"since": 0}, callback=True)["snapshot"]
        assert SECRET not in json.dumps(snap, ensure_ascii=False)
        assert snap["activities"]["writing"]["sequences"][str(sequence)] == \
            {"sequence": sequence, "revealed": False, "count": 1}
    mine = alice_phone.emit("sync", {"since": 0}, callback=True)["snapshot"]
    assert [w["text"] for w in mine["activities"]["writing"]["mine"]] == [SECRET]

    # REST: the texts are refused to everyone, staff included; Bob has no text of his own.
    base = f"/api/v1/workshops/{room.code}/sequences/{sequence}"
    for headers in (bob, room.auth, alice):
        response = room.client.get(f"{base}/writings", headers=headers)
        assert response.status_code == 409 and response.get_json()["error"]["code"] == "not_revealed"
    assert room.client.get(f"{base}/writing", headers=bob).status_code == 404
    assert room.client.get(f"{base}/writing", headers=alice).get_json()["text"] == SECRET
    board = room.client.get(f"/api/v1/workshops/{room.code}/board", headers=bob)
    assert SECRET not in board.get_data(as_text=True)
    for screen in (bob_phone, projection, staff):
        texts = screen.emit("writing:texts", {"sequence": sequence}, callback=True)
        assert not texts["ok"] and texts["error"]["code"] == "not_revealed"

    # HTML of the phone, the projection and the console.
    pages = [f"/j/{room.code}", f"/w/{room.code}/projection?key={room.workshop.projection_key}"]
    for path in pages:
        assert SECRET not in room.client.get(path).get_data(as_text=True)
    console = room.login(room.app.test_client()).get(f"/w/{room.code}/console")
    assert console.status_code == 200 and SECRET not in console.get_data(as_text=True)


def test_only_staff_reveal_and_then_texts_are_anonymous_for_everyone(room):
    sequence, _alice_id, _alice, alice_phone, bob, bob_phone, projection, staff = setup(room)
    alice_phone.emit("writing:save", {"sequence": sequence, "text": SECRET}, callback=True)
    refused = bob_phone.emit("writing:reveal", {"sequence": sequence, "revealed": True},
                             callback=True)
    assert not refused["ok"] and refused["error"]["code"] == "not_allowed"
    refused = projection.emit("writing:reveal", {"sequence": sequence, "revealed": True},
                              callback=True)
    assert not refused["ok"]
    base = f"/api/v1/workshops/{room.code}/sequences/{sequence}"
    assert room.client.put(f"{base}/reveal", headers=bob, json={"revealed": True}).status_code == 401

    ack = staff.emit("writing:reveal", {"sequence": sequence, "revealed": True}, callback=True)
    assert ack["ok"] and ack["state"] == {"sequence": sequence, "revealed": True, "count": 1}
    reveal = [e["data"] for e in events_of(projection, "writing_reveal")]
    assert reveal == [{"sequence": sequence, "revealed": True, "count": 1, "seq": reveal[0]["seq"]}]

    texts = projection.emit("writing:texts", {"sequence": sequence}, callback=True)["texts"]
    assert [t["text"] for t in texts] == [SECRET]
    listed = room.client.get(f"{base}/writings", headers=bob).get_json()
    assert listed == texts and "author" not in json.dumps(listed)
    snap = bob_phone.emit("sync", {"since": 0}, callback=True)["snapshot"]
    revealed = snap["activities"]["writing"]["sequences"][str(sequence)]
    assert [t["text"] for t in revealed["texts"]] == [SECRET]
    assert all(set(t) == {"id", "sequence", "text"} for t in revealed["texts"])  # no author

    # Revealed texts are final; hiding them again makes them private again.
    late = alice_phone.emit("writing:save", {"sequence": sequence, "text": "Autre"}, callback=True)
    assert not late["ok"] and late["error"]["code"] == "writing_revealed"
    assert staff.emit("writing:reveal", {"sequence": sequence, "revealed": False},
                      callback=True)["ok"]
    assert room.client.get(f"{base}/writings", headers=bob).status_code == 409
    snap = bob_phone.emit("sync", {"since": 0}, callback=True)["snapshot"]
    assert SECRET not in json.dumps(snap, ensure_ascii=False)


def test_rewriting_keeps_one_text_per_person_and_counts_people(room):
    sequence = sequence_id(room, "individual_writing")
    _a, alice, _ = room.join()
    _b, bob, _ = room.join(organisation="Foyer B")
    base = f"/api/v1/workshops/{room.code}/sequences/{sequence}"
    for text in ("Premier jet", "Version finale"):
        response = room.client.put(f"{base}/writing", headers=alice, json={"text": text})
        assert response.status_code == 200 and response.get_json()["text"] == text
    room.client.put(f"{base}/writing", headers=bob, json={"text": "Bob"})
    state = room.client.get(f"{base}/reveal", headers=room.auth).get_json()
    assert state == {"sequence": sequence, "revealed": False, "count": 2}
    assert room.client.put(f"{base}/writing", headers=bob, json={"text": " "}).status_code == 200
    assert room.client.get(f"{base}/reveal", headers=room.auth).get_json()["count"] == 1
    too_long = room.client.put(f"{base}/writing", headers=alice, json={"text": "x" * 2001})
    assert too_long.status_code == 400 and too_long.get_json()["error"]["code"] == "text_too_long"
    assert room.client.put(f"{base}/reveal", headers=room.auth,
                           json={"revealed": True}).status_code == 200
    texts = room.client.get(f"{base}/writings", headers=room.auth).get_json()
    assert [t["text"] for t in texts] == ["Version finale"]


def test_writing_respects_the_lock_and_the_activity(room):
    sequence = sequence_id(room, "individual_writing")
    question = sequence_id(room, "question_board")
    _a, alice, _ = room.join()
    room.client.post(f"/api/v1/workshops/{room.code}/state", headers=room.auth,
                     json={"locked": True})
    base = f"/api/v1/workshops/{room.code}/sequences"
    locked = room.client.put(f"{base}/{sequence}/writing", headers=alice, json={"text": "x"})
    assert locked.status_code == 409 and locked.get_json()["error"]["code"] == "locked"
    wrong = room.client.put(f"{base}/{question}/writing", headers=alice, json={"text": "x"})
    assert wrong.get_json()["error"]["code"] == "unknown_sequence"
