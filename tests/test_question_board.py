"""Question board: answers are cards of a sequence, one column, supports, moderation, idempotence."""
import uuid

from tests.activity_helpers import events_of, sequence_id


def post_answer(room, headers, sequence, text="Une réponse", client_id=None):
    return room.client.post(f"/api/v1/workshops/{room.code}/cards", headers=headers, json={
        "client_id": client_id or str(uuid.uuid4()), "sequence": sequence, "kind": "answer",
        "text": text})


def test_answer_is_posted_once_per_client_id_and_listed_by_sequence(room):
    question = sequence_id(room, "question_board")
    other_question = sequence_id(room, "question_board", 1)
    _pid, headers, _ = room.join()
    first = post_answer(room, headers, question, "Aller vers les gens", client_id="q-1")
    again = post_answer(room, headers, question, "Aller vers les gens", client_id="q-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json() == again.get_json()
    card = first.get_json()
    assert (card["kind"], card["sequence"], card["axis"], card["parent"]) == \
        ("answer", question, None, None)
    post_answer(room, headers, other_question, "Autre question")
    listed = room.client.get(f"/api/v1/workshops/{room.code}/cards?sequence={question}",
                             headers=room.auth).get_json()
    assert [c["text"] for c in listed] == ["Aller vers les gens"]
    # Answers never show up on an axis board.
    on_axis = room.client.get(f"/api/v1/workshops/{room.code}/cards?axis={room.axes[0]}",
                              headers=room.auth).get_json()
    assert on_axis == []


def test_answer_needs_a_question_board_sequence_and_no_parent(room):
    _pid, headers, _ = room.join()
    writing = sequence_id(room, "individual_writing")
    wrong = post_answer(room, headers, writing)
    assert wrong.status_code == 400 and wrong.get_json()["error"]["code"] == "unknown_sequence"
    assert post_answer(room, headers, 999999).get_json()["error"]["code"] == "unknown_sequence"
    question = sequence_id(room, "question_board")
    lever = post_answer(room, headers, question).get_json()
    reply = room.client.post(f"/api/v1/workshops/{room.code}/cards", headers=headers, json={
        "client_id": "r-1", "sequence": question, "kind": "answer", "text": "x",
        "parent": lever["id"]})
    assert reply.get_json()["error"]["code"] == "invalid_parent"


def test_supports_and_moderation_reach_the_room_and_hidden_answers_leave_phones(room):
    question = sequence_id(room, "question_board")
    _a, alice, alice_token = room.join()
    _b, bob, bob_token = room.join(organisation="Foyer B")
    card = post_answer(room, alice, question, "Une idée").get_json()
    phone = room.socket(token=bob_token)
    phone.emit("sync", {"since": 0}, callback=True)
    ack = phone.emit("card:support", {"id": card["id"], "on": True}, callback=True)
    assert ack["ok"] and ack["card"]["supports"] == 1
    staff = room.socket(role="staff", flask_client=room.login(room.app.test_client()))
    ack = staff.emit("card:moderate", {"id": card["id"], "hidden": True, "verbatim": True},
                     callback=True)
    assert ack["ok"] and ack["card"]["hidden"] and ack["card"]["verbatim"]
    seen = [e["data"] for e in events_of(phone, "card")]
    assert seen[-1]["hidden"] is True and seen[-1]["sequence"] == question
    board = room.client.get(f"/api/v1/workshops/{room.code}/board", headers=bob).get_json()
    assert card["id"] not in [c["id"] for c in board["snapshot"]["cards"]]
    restored = staff.emit("card:moderate", {"id": card["id"], "hidden": False}, callback=True)
    assert restored["ok"]
    board = room.client.get(f"/api/v1/workshops/{room.code}/board", headers=bob).get_json()
    assert [c["text"] for c in board["snapshot"]["cards"]] == ["Une idée"]


def test_answer_over_socket_with_sequence(room):
    question = sequence_id(room, "question_board")
    _pid, _headers, token = room.join()
    phone = room.socket(token=token)
    ack = phone.emit("card:post", {"client_id": "s-1", "sequence": question, "kind": "answer",
                                   "text": "Par la socket"}, callback=True)
    assert ack["ok"] and ack["created"] and ack["card"]["sequence"] == question
    ack = phone.emit("card:post", {"client_id": "s-1", "sequence": question, "kind": "answer",
                                   "text": "Par la socket"}, callback=True)
    assert ack["ok"] and not ack["created"]
