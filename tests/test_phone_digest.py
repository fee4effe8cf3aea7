"""Phones get the crowd's events in batches when the room is busy (realtime/digest.py);
the projection and the console get every event at once; order is kept."""
import time

import pytest

BATCH_S = 0.3


@pytest.fixture
def busy(room):
    digest = room.app.extensions["ensemble.digest"]
    digest.max_interval, digest.messages_per_s = BATCH_S, 1  # as if the room were huge
    poster = room.socket(token=room.join(organisation="Poste")[2])
    room.phone_token = room.join(organisation="Regarde")[2]
    phone = room.socket(token=room.phone_token)
    projection = room.socket(role="projection", key=room.workshop.projection_key)
    for client in (poster, phone, projection):
        assert client.emit("sync", {"since": 0}, callback=True)["ok"]
        client.get_received()
    return poster, phone, projection


def post(room, poster, text):
    ack = poster.emit("card:post", {"client_id": text, "axis": room.axes[0], "kind": "lever",
                                    "text": text}, callback=True)
    assert ack["ok"], ack
    return ack["card"]


def messages(client):
    """(name, [envelopes]) in arrival order; an `events` batch is one message."""
    out = []
    for m in client.get_received():
        if m["name"] == "event":
            out.append(("event", [m["args"][0]]))
        elif m["name"] == "events":
            out.append(("events", m["args"][0]))
    return out


def texts(received):
    return [e["data"]["text"] for _name, batch in received for e in batch if e["type"] == "card"]


def test_a_quiet_room_sends_a_card_to_phones_at_once(room, busy):
    poster, phone, _projection = busy
    post(room, poster, "Seule")
    received = messages(phone)
    assert [name for name, _ in received] == ["event"] and texts(received) == ["Seule"]


def test_a_busy_room_batches_cards_to_phones_but_not_to_the_projection(room, busy):
    poster, phone, projection = busy
    for i in range(5):
        post(room, poster, f"Carte {i}")
    shown = messages(projection)
    assert [name for name, _ in shown] == ["event"] * 5 and texts(shown) == [
        f"Carte {i}" for i in range(5)]
    first = messages(phone)
    assert first and first[0][0] == "event" and texts(first) == ["Carte 0"]  # no delay
    time.sleep(BATCH_S + 0.3)
    later = messages(phone)
    assert [name for name, _ in later] == ["events"]  # one message for the other four
    assert texts(later) == [f"Carte {i}" for i in range(1, 5)]
    seqs = [e["seq"] for _n, batch in first + later for e in batch]
    assert seqs == sorted(seqs)
    time.sleep(BATCH_S)  # quiet again: the next card goes out at once
    post(room, poster, "Après une pause")
    assert texts(messages(phone)) == ["Après une pause"]


def test_a_facilitator_event_sends_the_waiting_cards_first(room, busy):
    poster, phone, _projection = busy
    staff = room.socket(role="staff", flask_client=room.login(room.app.test_client()))
    for i in range(3):
        post(room, poster, f"Carte {i}")
    assert staff.emit("state:set", {"locked": True}, callback=True)["ok"]
    received = messages(phone)  # without waiting for the batch
    kinds = [e["type"] for _name, batch in received for e in batch]
    assert kinds == ["card", "card", "card", "state"]
    assert [name for name, _ in received] == ["event", "events", "event"]


def test_a_phone_that_reconnects_after_missing_a_batch_gets_it_by_replay(room, busy):
    poster, phone, _projection = busy
    for i in range(3):
        post(room, poster, f"Carte {i}")
    seen = messages(phone)  # the first card only; the others wait for the batch
    last_seq = max(e["seq"] for _n, batch in seen for e in batch)
    phone.disconnect()
    time.sleep(BATCH_S + 0.2)  # the batch went out while the phone was away
    back = room.socket(token=room.phone_token)
    ack = back.emit("sync", {"since": last_seq}, callback=True)
    replayed = [e["data"]["text"] for e in ack["events"] if e["type"] == "card"]
    assert replayed[-2:] == ["Carte 1", "Carte 2"]


def test_a_phone_that_saw_a_later_event_first_still_gets_the_earlier_one(room, busy):
    """Two workers: the facilitator's event (through the other worker) can overtake a card
    waiting in this worker's batch; the number the phone resyncs from is then too high."""
    poster, phone, projection = busy
    post(room, poster, "Avant")
    post(room, poster, "Après")
    later = max(e["seq"] for _n, batch in messages(projection) for e in batch)
    ack = phone.emit("sync", {"since": later}, callback=True)
    assert "Avant" in [e["data"]["text"] for e in ack["events"] if e["type"] == "card"]


def test_the_batch_interval_grows_with_the_room(room):
    """A room of sixty gets its cards practically at once; a thousand phones, every 0.1 s."""
    digest = room.app.extensions["ensemble.digest"]
    digest.max_interval = 0.1
    workshop_id = room.workshop.id
    phones = [room.socket(token=room.join(organisation=f"S{i}")[2]) for i in range(3)]
    assert digest.phones[workshop_id] == 3
    phones[0].disconnect()
    assert digest.phones[workshop_id] == 2
    for count, interval in ((60, 0.006), (300, 0.03), (1000, 0.1), (5000, 0.1)):
        digest.phones[workshop_id] = count
        assert digest.interval(workshop_id) == pytest.approx(interval)
