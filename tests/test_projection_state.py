"""The room state that drives the projection of a full room (issue 15): the current activity
back on screen, one card in the spotlight, the cards' order, pages turned and held."""


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
