"""Socket.IO: group events reach only the group and the staff until the wall opens."""
import uuid


def events_of(client, type_=None):
    found = [m["args"][0] for m in client.get_received() if m["name"] == "event"]
    return [e for e in found if type_ is None or e["type"] == type_]


def staff_socket(room, app):
    flask_client = room.login(app.test_client())
    return room.socket(role="staff", flask_client=flask_client)


def setup_two_groups(room, app):
    """Four people in two groups; returns (staff, {group id: [(pid, socket)]}, projection)."""
    people = [room.join(organisation=f"Structure {i}",
                        organisation_type=("association", "etat")[i % 2]) for i in range(4)]
    staff = staff_socket(room, app)
    ack = staff.emit("groups:form", {"count": 2}, callback=True)
    assert ack["ok"], ack
    sockets = {}
    for pid, _headers, token in people:
        group = next(g["id"] for g in ack["groups"] if pid in g["members"])
        sockets.setdefault(group, []).append((pid, room.socket(token=token)))
    key = room.workshop.projection_key
    projection = room.socket(role="projection", key=key)
    for client in [staff, projection] + [s for members in sockets.values() for _, s in members]:
        client.get_received()
    return staff, sockets, projection


def add(client, text, target="institutions", theme="Informer"):
    return client.emit("recommendation:add", {"client_id": str(uuid.uuid4()), "target": target,
                                              "theme": theme, "text": text}, callback=True)


def test_drafts_stay_in_their_group_until_the_wall_opens(room, app):
    staff, sockets, projection = setup_two_groups(room, app)
    (g1, members1), (g2, members2) = sockets.items()
    ack = add(members1[0][1], "Informer les élus du territoire")
    assert ack["ok"] and ack["created"] and ack["recommendation"]["group"] == g1

    assert [e["data"]["text"] for e in events_of(members1[1][1], "recommendation")] == [
        "Informer les élus du territoire"]
    assert [e["data"]["group"] for e in events_of(staff, "recommendation")] == [g1]
    assert events_of(members2[0][1]) == []
    assert events_of(members2[1][1]) == []
    assert events_of(projection) == []

    opened = staff.emit("wall:set", {"open": True, "votes": 3}, callback=True)
    assert opened["ok"] and opened["wall"] == {"open": True, "votes_per_participant": 3}
    wall = events_of(projection, "wall")
    assert len(wall) == 1
    assert [r["text"] for r in wall[0]["data"]["recommendations"]] == [
        "Informer les élus du territoire"]
    assert len(events_of(members2[0][1], "wall")) == 1

    add(members2[0][1], "Co-construire avec les associations")
    assert [e["data"]["text"] for e in events_of(projection, "recommendation")] == [
        "Co-construire avec les associations"]
    assert events_of(members1[0][1], "recommendation")[-1]["data"]["text"] == (
        "Co-construire avec les associations")


def test_edit_conflict_over_sockets_returns_both_versions(room, app):
    staff, sockets, _projection = setup_two_groups(room, app)
    members = next(iter(sockets.values()))
    (_a, alice), (_b, bob) = members[0], members[1]
    rec = add(alice, "Texte de départ")["recommendation"]
    first = alice.emit("recommendation:edit", {"id": rec["id"], "version": 1,
                                               "text": "Texte d'Alice"}, callback=True)
    assert first["ok"] and first["recommendation"]["version"] == 2
    second = bob.emit("recommendation:edit", {"id": rec["id"], "version": 1,
                                              "text": "Texte de Bob"}, callback=True)
    assert not second["ok"]
    error = second["error"]
    assert error["code"] == "stale_version"
    assert error["current"]["text"] == "Texte d'Alice"
    assert error["attempted"]["text"] == "Texte de Bob"
    listed = staff.emit("groups:list", {}, callback=True)
    assert listed["ok"]
    mine = bob.emit("group:mine", {}, callback=True)
    assert [r["text"] for r in mine["recommendations"]] == ["Texte d'Alice"]


def test_replay_on_reconnect_gives_each_screen_only_what_it_may_see(room, app):
    staff, sockets, projection = setup_two_groups(room, app)
    (g1, members1), (g2, members2) = sockets.items()
    since = staff.emit("sync", {"since": 0}, callback=True)["seq"]
    add(members1[0][1], "Brouillon du groupe 1")
    add(members2[0][1], "Brouillon du groupe 2")

    def replayed(client):
        ack = client.emit("sync", {"since": since}, callback=True)
        assert "events" in ack, ack
        return [e["data"]["text"] for e in ack["events"] if e["type"] == "recommendation"]

    assert replayed(members1[1][1]) == ["Brouillon du groupe 1"]
    assert replayed(members2[1][1]) == ["Brouillon du groupe 2"]
    assert replayed(projection) == []
    assert replayed(staff) == ["Brouillon du groupe 1", "Brouillon du groupe 2"]
    snapshot = projection.emit("sync", {"since": 0}, callback=True)["snapshot"]
    assert snapshot["recommendations"] == [] and snapshot["wall"]["open"] is False
    phone = members1[1][1].emit("sync", {"since": 0}, callback=True)["snapshot"]
    assert [r["text"] for r in phone["recommendations"]] == ["Brouillon du groupe 1"]
    assert phone["my_group"]["id"] == g1
    assert len(phone["my_group"]["members"]) == len(members1)
    # mates as the organiser's privacy choice names them, never id, organisation or profession
    assert all(set(m) == {"name", "me"} for m in phone["my_group"]["members"])
    assert [m["me"] for m in phone["my_group"]["members"]].count(True) == 1
    assert "people" not in phone
    assert len(staff.emit("sync", {"since": 0}, callback=True)["snapshot"]["people"]) == 4


def test_moved_participant_follows_their_new_group(room, app):
    staff, sockets, _projection = setup_two_groups(room, app)
    (g1, members1), (g2, members2) = sockets.items()
    mover_id, mover = members1[0]
    ack = staff.emit("groups:move", {"participant": mover_id, "group": g2}, callback=True)
    assert ack["ok"]
    assert len(events_of(mover, "groups")) == 1
    add(members1[1][1], "Après le départ")
    add(members2[0][1], "Avec la nouvelle venue")
    assert [e["data"]["text"] for e in events_of(mover, "recommendation")] == [
        "Avec la nouvelle venue"]
    refused = mover.emit("recommendation:edit", {"id": 1, "version": 1, "text": "x"},
                         callback=True)
    assert refused["error"]["code"] == "not_your_group"


def test_participants_and_projection_cannot_use_staff_events(room, app):
    _staff, sockets, projection = setup_two_groups(room, app)
    phone = next(iter(sockets.values()))[0][1]
    for client in (phone, projection):
        for name, data in (("groups:form", {"size": 2}), ("wall:set", {"open": True}),
                           ("recommendation:merge", {"into": 1, "ids": [2]})):
            assert client.emit(name, data, callback=True)["error"]["code"] == "not_allowed"
    assert projection.emit("recommendation:add", {"client_id": "x", "target": "partners",
                                                  "text": "t"}, callback=True)["ok"] is False


def test_phones_and_the_projection_hear_how_many_are_in_a_group_never_who(room, app):
    staff, sockets, projection = setup_two_groups(room, app)
    (g1, members1), (_g2, members2) = sockets.items()
    mover, phone = members1[0]
    watcher = members2[0][1]
    staff.emit("groups:move", {"participant": mover, "group": _g2}, callback=True)
    heard = events_of(watcher, "groups") + events_of(projection, "groups") \
        + events_of(phone, "groups")
    assert len(heard) == 3
    for event in heard:
        assert [(g["id"], g["size"]) for g in event["data"]["groups"]] == [(g1, 1), (_g2, 3)]
        assert all("members" not in g for g in event["data"]["groups"])
    snapshots = [s.emit("sync", {"since": 0}, callback=True)["snapshot"]
                 for s in (phone, projection)]
    assert all("members" not in g for s in snapshots for g in s["groups"])
    assert snapshots[0]["my_group"]["id"] == _g2
    # the staff still see who is where, by id
    listed = staff.emit("groups:list", {}, callback=True)
    assert mover in next(g for g in listed["groups"] if g["id"] == _g2)["members"]
