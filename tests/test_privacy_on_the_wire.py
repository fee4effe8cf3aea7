"""Phones and the projection learn nothing about who wrote what: no card they receive —
snapshot, room event, acknowledgement or REST answer — names its author; only the author's
own phone hears `mine: true` about a card."""
import json

from tests.activity_helpers import events_of

IDENTIFYING = ("author", "participant_id")


def _authors_named(payload) -> list:
    """Every value of a key that would link a text to a person, anywhere in the payload."""
    found = []
    if isinstance(payload, dict):
        found += [payload[key] for key in IDENTIFYING if key in payload]
        for value in payload.values():
            found += _authors_named(value)
    elif isinstance(payload, list):
        for value in payload:
            found += _authors_named(value)
    return found


def test_no_card_a_phone_or_the_projection_receives_names_its_author(room):
    _alice_id, alice, alice_token = room.join()
    _bob_id, bob, bob_token = room.join(organisation="Foyer B")
    phone = room.socket(token=bob_token)
    projection = room.socket("projection", key=room.workshop.projection_key)
    received = []
    for screen in (phone, projection):
        received.append(screen.emit("sync", {"since": 0}, callback=True))
    lever = room.post_card(alice, text="Le levier d'Alice").get_json()
    own = phone.emit("card:post", {"client_id": "b-1", "axis": room.axes[0], "kind": "lever",
                                   "text": "Le levier de Bob"}, callback=True)
    received += [lever, own]
    received.append(phone.emit("card:support", {"id": lever["id"], "on": True}, callback=True))
    received.append(room.client.get(f"/api/v1/workshops/{room.code}/board",
                                     headers=bob).get_json())
    received += events_of(phone) + events_of(projection)
    received.append(phone.emit("sync", {"since": 0}, callback=True))
    assert _authors_named(received) == []
    board = room.client.get(f"/api/v1/workshops/{room.code}/board", headers=bob).get_json()
    mine = {c["text"]: c.get("mine", False) for c in board["snapshot"]["cards"]}
    assert mine == {"Le levier d'Alice": False, "Le levier de Bob": True}
    assert own["card"]["mine"] is True and "mine" not in json.dumps(lever).replace(
        '"mine": true', "")


def test_the_staff_api_still_says_who_wrote_a_card(room):
    alice_id, alice, _token = room.join()
    room.post_card(alice, text="Un levier")
    listed = room.client.get(f"/api/v1/workshops/{room.code}/cards", headers=room.auth)
    assert [card["author"] for card in listed.get_json()] == [alice_id]
