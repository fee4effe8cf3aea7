"""The phone's snapshot holds what the phone shows — the current axis's cards (or the current
question board's answers) and its own things — and the rest comes on demand with
`board:cards` (issue 10, item 6): at most 20 KB for a room of 300 cards over 10 axes, while
the projection's and the console's snapshots stay complete."""
import json

from workshops.extensions import db_session
from workshops.services.board import cards
from workshops.services.room import participants, workshops


def ack(client, event, data):
    return client.emit(event, data, callback=True)


def full_room(room, per_axis=30):
    with room.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, room.code)
        people = [participants.join(session, workshop, f"Structure {i}", "association", "direction")[0]
                  for i in range(30)]
        n = 0
        for axis in room.axes:
            for i in range(per_axis):
                n += 1
                cards.post_card(session, workshop, people[n % 30], f"c{n}", axis, "lever" if i % 3 else "limit",
                                f"Carte numéro {n} : une phrase de longueur ordinaire sur ce qui marche ou pas, "
                                "comme en écrivent les gens")
    return n


def test_a_phones_snapshot_of_a_300_card_room_is_under_20_kb(room):
    assert full_room(room) == 300
    _pid, _headers, token = room.join()
    phone = room.socket(token=token)
    snapshot = ack(phone, "sync", {"since": 0})["snapshot"]
    size = len(json.dumps(snapshot, ensure_ascii=False, separators=(",", ":")).encode())
    assert size <= 20_000, size
    assert {card["axis"] for card in snapshot["cards"]} == {snapshot["workshop"]["state"]["axis"]}
    assert len(snapshot["cards"]) == 30

    projection = room.socket(role="projection", key=room.workshop.projection_key)
    assert len(ack(projection, "sync", {"since": 0})["snapshot"]["cards"]) == 300


def test_another_axis_comes_on_demand_with_the_rooms_number(room):
    full_room(room, per_axis=3)
    _pid, _headers, token = room.join()
    phone = room.socket(token=token)
    answer = ack(phone, "board:cards", {"axis": room.axes[4]})
    assert answer["ok"]
    assert [card["axis"] for card in answer["cards"]] == [room.axes[4]] * 3
    assert {card["seq"] for card in answer["cards"]} == {answer["seq"]}
    assert ack(phone, "board:cards", {"axis": 999_999})["error"]["code"] == "unknown_axis"
