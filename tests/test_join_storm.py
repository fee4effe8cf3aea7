"""A join storm (the QR moment): the snapshot's shared parts are built once per room and
event, the console's attendance event is sent once a second — and yet no phone sees another
person's details, a stale board, or counts older than a second."""
import time

from workshops.services.snapshot import SharedParts


def sync(client):
    answer = client.emit("sync", {"since": 0}, callback=True)
    assert answer["ok"], answer
    return answer["snapshot"]


def staff_socket(room):
    return room.socket(role="staff", flask_client=room.login(room.app.test_client()))


class FakeRoom:
    def __init__(self, id_, last_seq):
        self.id, self.last_seq = id_, last_seq


def test_shared_parts_are_rebuilt_after_an_event_or_a_second(monkeypatch):
    from workshops.services import snapshot

    built = []
    monkeypatch.setattr(snapshot, "shared", lambda s, w, viewer: built.append(viewer) or {"n": len(built)})
    now = [100.0]
    parts = SharedParts(max_age=1.0, clock=lambda: now[0])
    room = FakeRoom(1, last_seq=7)
    first = parts.get(None, room, "participant")
    assert parts.get(None, room, "participant") is first  # same event, same second: reused
    assert parts.get(None, room, "staff") is not first  # each kind of viewer its own
    room.last_seq = 8  # a card was posted
    assert parts.get(None, room, "participant") == {"n": 3}
    now[0] += 1.0  # counts may have changed without an event
    assert parts.get(None, room, "participant") == {"n": 4}
    assert parts.get(None, FakeRoom(2, last_seq=8), "participant") == {"n": 5}


def test_phones_sharing_the_room_part_still_see_only_their_own_details(room):
    tokens = [room.join(organisation=f"Structure {i}")[2] for i in range(3)]
    phones = [room.socket(token=t) for t in tokens]
    posted = phones[1].emit("card:post", {"client_id": "c1", "axis": room.axes[0],
                                          "kind": "lever", "text": "Aller vers"}, callback=True)
    card_id = posted["card"]["id"]
    assert phones[0].emit("card:support", {"id": card_id}, callback=True)["ok"]
    staff = staff_socket(room)
    hidden = phones[2].emit("card:post", {"client_id": "c2", "axis": room.axes[0],
                                          "kind": "lever", "text": "À masquer"}, callback=True)
    assert staff.emit("card:moderate", {"id": hidden["card"]["id"], "hidden": True},
                      callback=True)["ok"]

    snaps = [sync(p) for p in phones]  # no event in between: one shared part for all three
    assert [s["me"]["organisation"] for s in snaps] == ["Structure 0", "Structure 1", "Structure 2"]
    assert [s["my_supports"] for s in snaps] == [[card_id], [], []]
    assert all([c["text"] for c in s["cards"]] == ["Aller vers"] for s in snaps)
    assert sorted(c["text"] for c in sync(staff)["cards"]) == ["Aller vers", "À masquer"]
    assert "me" not in sync(room.socket(role="projection", key=room.workshop.projection_key))


def test_a_phone_joining_right_after_a_card_sees_it(room):
    first, second = (room.socket(token=room.join()[2]) for _ in range(2))
    assert sync(first)["cards"] == []
    first.emit("card:post", {"client_id": "c1", "axis": room.axes[0], "kind": "lever",
                             "text": "Tout juste posté"}, callback=True)
    assert [c["text"] for c in sync(second)["cards"]] == ["Tout juste posté"]


def test_who_is_in_counts_in_a_snapshot_are_at_most_a_second_old(room):
    phone = room.socket(token=room.join()[2])
    assert sync(phone)["presence"]["count"] == 1
    latecomer = room.socket(token=room.join(organisation="Retard")[2])  # joining logs no event
    deadline = time.monotonic() + 1.5
    while sync(latecomer)["presence"]["count"] != 2:
        assert time.monotonic() < deadline, "the count stayed stale for more than a second"
        time.sleep(0.1)


def attendance_events(staff, within: float) -> list[dict]:
    """The `attendance` events the staff socket receives, waiting up to `within` seconds
    for the first (they are sent in the background, once a second)."""
    deadline = time.monotonic() + within
    received = []
    while time.monotonic() < deadline and not received:
        time.sleep(0.1)
        received = [m["args"][0] for m in staff.get_received()
                    if m["name"] == "event" and m["args"][0]["type"] == "attendance"]
    return received


def test_the_console_gets_one_attendance_event_for_a_burst_of_phones(room):
    staff = staff_socket(room)
    sync(staff)
    staff.get_received()
    for i in range(5):
        sync(room.socket(token=room.join(organisation=f"S{i}")[2]))
    received = attendance_events(staff, within=3)
    assert len(received) == 1, received
    assert received[0]["data"]["days"][0]["count"] == 5
    time.sleep(1.2)  # and no second event for the same burst
    assert not [m for m in staff.get_received() if m["name"] == "event"
                and m["args"][0]["type"] == "attendance"]


def test_a_phone_that_has_done_nothing_gets_its_empty_parts_without_their_queries(room):
    """One probe finds none of a new phone's own rows; each personal part then answers
    exactly what its own queries would have found."""
    from workshops.extensions import db_session
    from workshops.models import Participant, Workshop
    from workshops.services import snapshot

    fresh_id = room.join()[0]
    busy_id, headers, _token = room.join(organisation="Foyer B")
    room.post_card(headers)
    with room.app.app_context():
        session = db_session()
        workshop = session.get(Workshop, room.workshop.id)
        fresh, busy = session.get(Participant, fresh_id), session.get(Participant, busy_id)
        assert not snapshot.has_own_rows(session, fresh)
        assert snapshot.has_own_rows(session, busy)
        for part in snapshot.PERSONAL:
            assert part(session, workshop, fresh, False) == part(session, workshop, fresh, True)
