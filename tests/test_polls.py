"""Polls: one answer per participant whatever they re-send, changeable until closed, live counts."""
import re

import pytest
from sqlalchemy import event as sqlalchemy_event

from tests.activity_helpers import events_of, use_platforms_format
from workshops.extensions import db_session
from workshops.services.activities import polls


@pytest.fixture
def poll_room(room):
    use_platforms_format(room)
    return room


def put_vote(room, headers, choices, key="positionnement"):
    return room.client.put(f"/api/v1/workshops/{room.code}/polls/{key}/vote", headers=headers,
                           json={"choices": choices})


def open_poll(room, key="positionnement", open_=True):
    response = room.client.put(f"/api/v1/workshops/{room.code}/polls/{key}/state",
                               headers=room.auth, json={"open": open_})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def counts(result):
    return {o["key"]: o["count"] for o in result["options"]}


def test_a_poll_is_closed_until_the_facilitator_opens_it(poll_room):
    room = poll_room
    _p, headers, _ = room.join()
    closed = put_vote(room, headers, ["coordination"])
    assert closed.status_code == 409 and closed.get_json()["error"]["code"] == "poll_closed"
    assert open_poll(room)["open"] is True
    assert put_vote(room, headers, ["coordination"]).status_code == 200
    open_poll(room, open_=False)
    late = put_vote(room, headers, ["integration"])
    assert late.status_code == 409
    results = room.client.get(f"/api/v1/workshops/{room.code}/polls", headers=room.auth).get_json()
    assert counts(results[0])["coordination"] == 1 and results[0]["open"] is False


def test_resending_or_reconnecting_never_counts_twice_and_changes_replace(poll_room):
    room = poll_room
    open_poll(room)
    _a, alice, alice_token = room.join()
    _b, bob, _ = room.join(organisation="Foyer B")
    projection = room.socket(role="projection", key=room.workshop.projection_key)
    projection.emit("sync", {"since": 0}, callback=True)
    for _ in range(3):  # the phone re-sends after a timeout, then reconnects and re-sends
        phone = room.socket(token=alice_token)
        ack = phone.emit("poll:vote", {"poll": "positionnement", "choices": ["mutualisation"]},
                         callback=True)
        assert ack["ok"] and ack["choices"] == ["mutualisation"]
        phone.disconnect()
    put_vote(room, bob, ["mutualisation"])
    put_vote(room, bob, "integration")  # Bob changes his mind
    shown = [e["data"] for e in events_of(projection, "poll")]
    assert len(shown) == 3  # Alice's first answer, Bob's, Bob's change: re-sends are silent
    last = shown[-1]
    assert last["total"] == 2
    assert counts(last) == {"coordination": 0, "mutualisation": 1, "integration": 1, "aucune": 0}
    assert [o["percent"] for o in last["options"]] == [0, 50, 50, 0]
    mine = room.client.get(f"/api/v1/workshops/{room.code}/polls/positionnement/vote",
                           headers=bob).get_json()
    assert mine == {"poll": "positionnement", "choices": ["integration"]}
    snap = room.client.get(f"/api/v1/workshops/{room.code}/board", headers=alice).get_json()
    assert snap["snapshot"]["activities"]["my_votes"] == {"positionnement": ["mutualisation"]}
    assert snap["snapshot"]["activities"]["polls"][0]["total"] == 2


def test_a_vote_holds_the_room_only_to_number_its_events_and_commit(poll_room):
    """Every writer of a room waits for the room's row (its events' numbers) until the one
    holding it commits: a vote takes it last, for all its events in one UPDATE, followed only
    by their INSERT and the COMMIT (a crowd voting on PostgreSQL queued behind it)."""
    room = poll_room
    _p, headers, _ = room.join()
    open_poll(room)
    hidden = room.client.put(f"/api/v1/workshops/{room.code}/polls/positionnement/reveal",
                             headers=room.auth, json={"shown": False})
    assert hidden.get_json()["shown"] is False  # two events a vote: the room's, the staff's
    put_vote(room, headers, ["coordination"])
    engine = room.app.extensions["ensemble.db"].engine
    statements = []

    def note(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()[:3]))

    def commit(_conn):
        statements.append("COMMIT")
    sqlalchemy_event.listen(engine, "before_cursor_execute", note)
    sqlalchemy_event.listen(engine, "commit", commit)
    try:
        assert put_vote(room, headers, ["integration"]).status_code == 200
    finally:
        sqlalchemy_event.remove(engine, "before_cursor_execute", note)
        sqlalchemy_event.remove(engine, "commit", commit)
    locked = statements.index("UPDATE workshops SET")
    held = statements[locked:statements.index("COMMIT", locked) + 1]
    assert held[1:-1] and set(held[1:-1]) == {"INSERT INTO room_events"}, statements


def test_multiple_choice_counts_people_and_options(poll_room):
    room = poll_room
    open_poll(room, "autour-de-la-table")
    _a, alice, _ = room.join()
    _b, bob, _ = room.join(organisation="Foyer B")
    put_vote(room, alice, ["sante", "logement"], key="autour-de-la-table")
    response = put_vote(room, bob, ["logement"], key="autour-de-la-table")
    assert response.get_json()["choices"] == ["logement"]
    result = room.client.get(f"/api/v1/workshops/{room.code}/polls",
                             headers=alice).get_json()[1]
    assert result["total"] == 2
    assert counts(result)["logement"] == 2 and counts(result)["sante"] == 1
    twice = put_vote(room, bob, ["logement", "logement"], key="autour-de-la-table")
    assert twice.status_code == 400 and twice.get_json()["error"]["code"] == "invalid_choice"


@pytest.mark.parametrize("choices", [[], ["coordination", "integration"], ["inconnu"], None, [True]])
def test_bad_choices_are_refused(poll_room, choices):
    room = poll_room
    open_poll(room)
    _p, headers, _ = room.join()
    response = put_vote(room, headers, choices)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_choice"


def test_unknown_poll_and_who_may_open(poll_room):
    room = poll_room
    _p, headers, token = room.join()
    assert put_vote(room, headers, ["x"], key="nope").get_json()["error"]["code"] == "unknown_poll"
    phone = room.socket(token=token)
    refused = phone.emit("poll:open", {"poll": "positionnement", "open": True}, callback=True)
    assert not refused["ok"] and refused["error"]["code"] == "not_allowed"
    forbidden = room.client.put(f"/api/v1/workshops/{room.code}/polls/positionnement/state",
                                headers=headers, json={"open": True})
    assert forbidden.status_code == 401


def test_scale_results_have_an_average_for_the_booklet(room, session):
    """A 1–5 scale poll (defined in the workshop's own copy of the format)."""
    from workshops.models import Workshop

    workshop = session.get(Workshop, room.workshop.id)
    workshop.format_data = dict(workshop.format_data, polls=[
        {"key": "confiance", "question": "Votre confiance ?", "kind": "scale"}])
    session.commit()
    open_poll(room, "confiance")
    for value in (5, "4", 4):
        _p, headers, _ = room.join()
        assert put_vote(room, headers, value, key="confiance").status_code == 200
    [result] = polls.results(db_session(), workshop)
    assert result["total"] == 3 and result["average"] == 4.33
    assert counts(result) == {"1": 0, "2": 0, "3": 0, "4": 2, "5": 1}


def test_openapi_lists_the_activities(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    for path in ("/v1/workshops/{code}/sequences/{sequence_id}/writing",
                 "/v1/workshops/{code}/sequences/{sequence_id}/reveal",
                 "/v1/workshops/{code}/polls/{poll_key}/vote",
                 "/v1/workshops/{code}/feedback/answers/mine"):
        assert path in paths
    assert "put" in paths["/v1/workshops/{code}/polls/{poll_key}/vote"]


def test_results_page_gives_the_average_of_scales_only_in_french(room, session, app):
    """QA #8: « — 6 réponses · moyenne sur 5 » under a choice poll, « moyenne 2.67 » under
    the scale while the console says « 2,7 »."""
    from workshops.models import Workshop

    workshop = session.get(Workshop, room.workshop.id)
    workshop.format_data = dict(workshop.format_data, polls=[
        {"key": "confiance", "question": "Votre confiance ?", "kind": "scale"},
        {"key": "choix", "question": "Votre choix ?", "kind": "single",
         "options": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}]}])
    session.commit()
    open_poll(room, "confiance")
    open_poll(room, "choix")
    for value, choice in ((3, "a"), (3, "b"), (2, "a")):
        _p, headers, _ = room.join()
        assert put_vote(room, headers, value, key="confiance").status_code == 200
        assert put_vote(room, headers, [choice], key="choix").status_code == 200
    html = room.login(app.test_client()).get(f"/w/{room.code}/resultats").get_data(as_text=True)
    captions = [" ".join(c.split()) for c in re.findall(r"<caption>(.*?)</caption>", html, re.S)]
    assert captions == ["Votre confiance ? — 3 réponses · moyenne 2,7 sur 5",
                        "Votre choix ? — 3 réponses"]
