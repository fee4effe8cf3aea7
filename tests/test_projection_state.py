"""The room state that drives the projection of a full room (issue 15): the current activity
back on screen, one card in the spotlight, the cards' order, pages turned and held."""
from workshops.extensions import db_session
from workshops.services.room import workshops


def state(room, **body):
    return room.client.post(f"/api/v1/workshops/{room.code}/state", headers=room.auth, json=body)


def drive(room, **body):
    return room.client.post(f"/api/v1/workshops/{room.code}/agenda", headers=room.auth, json=body)


def test_show_puts_the_running_activity_back_not_an_old_axis(room):
    assert drive(room, action="show").get_json()["view"] == "board"  # no programme yet
    drive(room, action="next")
    assert drive(room, action="show").get_json()["view"] == "join"  # a day's welcome
    drive(room, action="next")  # day 1's first sequence: individual writing
    state(room, view="timer")
    shown = drive(room, action="show").get_json()
    assert shown["view"] == "individual_writing" and shown["activity"] == "individual_writing"


def test_spotlight_a_visible_card_then_back_to_its_board(room):
    _pid, phone, _token = room.join()
    card = room.post_card(phone, "Une carte à montrer").get_json()
    shown = state(room, spotlight=card["id"]).get_json()
    assert shown["view"] == "spotlight" and shown["spotlight"] == card["id"]
    back = state(room, spotlight=0).get_json()
    assert back["view"] == "board" and back["spotlight"] is None
    assert state(room, spotlight=999999).get_json()["error"]["code"] == "unknown_card"
    room.client.post(f"/api/v1/workshops/{room.code}/cards/{card['id']}/moderation",
                     headers=room.auth, json={"hidden": True})
    assert state(room, spotlight=card["id"]).get_json()["error"]["code"] == "unknown_card"


def test_sort_and_pages(room):
    assert state(room, sort="support").get_json()["sort"] == "support"
    assert state(room, sort="random").status_code == 400
    first = state(room, page="next").get_json()["page_turns"]
    assert state(room, page="previous").get_json()["page_turns"] == first - 1
    assert state(room, page="hold").get_json()["pages_held"] is True
    assert state(room, page="auto").get_json()["pages_held"] is False
    assert state(room, page="sideways").status_code == 400


def test_participants_cannot_spotlight(room):
    _pid, phone, _token = room.join()
    card = room.post_card(phone, "Ma carte").get_json()
    response = room.client.post(f"/api/v1/workshops/{room.code}/state", headers=phone,
                                json={"spotlight": card["id"]})
    assert response.status_code in (401, 403)


def room_state(room):
    with room.app.app_context():
        session = db_session()
        return workshops.state_dict(workshops.get_workshop(session, room.code))


def moderate(room, card_id, **body):
    return room.client.post(f"/api/v1/workshops/{room.code}/cards/{card_id}/moderation",
                            headers=room.auth, json=body)


def test_another_axis_or_view_ends_the_spotlight(room):
    """QA #12: the projection kept the axis-1 card after the room moved to axis 2."""
    _pid, phone, _token = room.join()
    card = room.post_card(phone, "Une carte de l'axe 1", axis=room.axes[0]).get_json()
    state(room, axis=room.axes[0], spotlight=card["id"])
    moved = state(room, axis=room.axes[1]).get_json()
    assert moved["view"] == "board" and moved["spotlight"] is None and moved["axis"] == room.axes[1]

    state(room, axis=room.axes[0], spotlight=card["id"])
    same_axis = state(room, axis=room.axes[0]).get_json()
    assert same_axis["view"] == "spotlight" and same_axis["spotlight"] == card["id"]
    timer = state(room, view="timer").get_json()
    assert timer["view"] == "timer" and timer["spotlight"] is None

    state(room, spotlight=card["id"])
    opened = drive(room, action="next").get_json()  # day 1's welcome
    assert opened["view"] == "join" and opened["spotlight"] is None


def test_hiding_or_deleting_the_spotlit_card_puts_its_board_back_on_every_screen(room):
    """QA #12: « Cette carte n'est plus affichée. » stayed on the projection."""
    _pid, phone, _token = room.join()
    hidden, deleted = (room.post_card(phone, text).get_json()
                       for text in ("Une carte à masquer", "Une carte à supprimer"))
    projection = room.socket("projection", key=room.workshop.projection_key)
    projection.emit("sync", {"since": 0}, callback=True)
    for card, body in ((hidden, {"hidden": True}), (deleted, {"delete": True})):
        state(room, spotlight=card["id"])
        projection.get_received()
        assert moderate(room, card["id"], **body).status_code in (200, 204)
        told = [m["args"][0]["data"] for m in projection.get_received()
                if m["name"] == "event" and m["args"][0]["type"] == "state"]
        assert [(s["view"], s["spotlight"]) for s in told] == [("board", None)]
        now = room_state(room)
        assert now["view"] == "board" and now["spotlight"] is None


def test_hiding_another_card_keeps_the_spotlight(room):
    _pid, phone, _token = room.join()
    shown, other = (room.post_card(phone, text).get_json() for text in ("Montrée", "Autre"))
    state(room, spotlight=shown["id"])
    moderate(room, other["id"], hidden=True)
    now = room_state(room)
    assert now["view"] == "spotlight" and now["spotlight"] == shown["id"]
