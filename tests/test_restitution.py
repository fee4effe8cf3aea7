"""Restitution: day 2 opens on the synthesis of day 1, one screen at a time."""
from workshops.services.agenda import restitution


def goto_restitution(room):
    days = room.client.get(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth).get_json()
    seq = next(s for s in days["days"][1]["sequences"] if s["activity"] == "restitution")
    response = room.client.post(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth,
                                json={"action": "goto", "sequence": seq["id"]})
    assert response.status_code == 200
    return response.get_json()


def support(room, headers, card_id):
    room.client.put(f"/api/v1/workshops/{room.code}/cards/{card_id}/support", headers=headers)


def test_screens_walk_axes_with_most_supported_levers_first(room):
    people = [room.join(organisation=f"Structure {i}")[1] for i in range(3)]
    quiet = room.post_card(people[0], text="Un levier discret").get_json()
    loved = room.post_card(people[0], text="Le bail glissant").get_json()
    room.post_card(people[1], text="Mais pas assez de logements", kind="limit", parent=loved["id"])
    for headers in people:
        support(room, headers, loved["id"])
    support(room, people[1], quiet["id"])
    room.post_card(people[2], text="Sur l'axe 3", axis=room.axes[2])

    state = goto_restitution(room)
    assert state["activity"] == "restitution" and state["view"] == "restitution"
    first = room.client.get(f"/api/v1/workshops/{room.code}/restitution", headers=room.auth).get_json()
    assert first["index"] == 0 and first["screen"]["kind"] == "cover"
    assert first["count"] == 3  # cover + the two axes that received cards
    assert "Les pratiques actuelles d'accompagnement" in [i["text"] for i in first["screen"]["sections"][0]["items"]]

    second = room.client.post(f"/api/v1/workshops/{room.code}/restitution", headers=room.auth,
                              json={"index": 1}).get_json()
    screen = second["screen"]
    assert screen["kind"] == "axis" and screen["number"] == 1
    levers, limits = screen["sections"]
    assert [i["text"] for i in levers["items"]] == ["Le bail glissant", "Un levier discret"]
    assert [i["count"] for i in levers["items"]] == [3, 1]
    assert [i["text"] for i in limits["items"]] == ["Mais pas assez de logements"]
    third = room.client.post(f"/api/v1/workshops/{room.code}/restitution", headers=room.auth,
                             json={"index": 2}).get_json()
    assert third["screen"]["number"] == 3


def test_hidden_cards_stay_out_of_the_restitution(room):
    _pid, headers, _ = room.join()
    card = room.post_card(headers, text="Hors sujet").get_json()
    room.client.post(f"/api/v1/workshops/{room.code}/cards/{card['id']}/moderation",
                     headers=room.auth, json={"hidden": True})
    goto_restitution(room)
    data = room.client.get(f"/api/v1/workshops/{room.code}/restitution", headers=room.auth).get_json()
    assert data["count"] == 1  # the cover only


def test_screen_index_is_checked_and_needs_a_running_restitution(room):
    response = room.client.post(f"/api/v1/workshops/{room.code}/restitution", headers=room.auth,
                                json={"index": 0})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "no_restitution"
    goto_restitution(room)
    for index in (-1, 1, "0", None, True):
        response = room.client.post(f"/api/v1/workshops/{room.code}/restitution",
                                    headers=room.auth, json={"index": index})
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "unknown_screen"


def test_phones_follow_the_screen_and_providers_add_screens(room, monkeypatch):
    def extra(session, workshop, day):
        return [{"kind": "poll", "title": "Où en est notre territoire ?",
                 "bars": [{"label": "Coordination", "count": 4}]}]

    monkeypatch.setattr(restitution, "PROVIDERS", (*restitution.PROVIDERS, extra))
    staff = room.socket("staff", flask_client=room.login())
    _pid, _headers, token = room.join()
    phone = room.socket("participant", token=token)
    phone.emit("sync", {"since": 0}, callback=True)
    phone.get_received()
    goto_restitution(room)
    ack = staff.emit("restitution:goto", {"index": 1}, callback=True)
    assert ack["ok"] and ack["restitution"]["screen"]["title"] == "Où en est notre territoire ?"
    seen = [m["args"][0]["data"] for m in phone.get_received()
            if m["name"] == "event" and m["args"][0]["type"] == "restitution"]
    assert [r["index"] for r in seen] == [0, 1]
    assert seen[-1]["screen"]["bars"] == [{"label": "Coordination", "count": 4}]
    assert phone.emit("restitution:goto", {"index": 0}, callback=True)["ok"] is False
    # A phone that reconnects gets the current screen in its snapshot.
    snap = room.socket("participant", token=token).emit("sync", {"since": 0}, callback=True)
    assert snap["snapshot"]["restitution"]["index"] == 1
